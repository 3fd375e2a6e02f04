#!/usr/bin/env bash
# A first `npm start` on a fresh data folder, as a newcomer runs it (development: the demo week is
# seeded): seconds until the server prints its GraphiQL line, and its RSS two seconds later.
# Usage: bash bench/first-start.sh   (SEED_DEMO_WEEK=0 to compare without the demo week; PORT=...)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d "${TMPDIR:-/tmp}/paperboy-first-start.XXXXXX")
log="$dir.log"
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir" "$log"' EXIT
started=$EPOCHREALTIME
DATA_DIR="$dir" PORT="${PORT:-4790}" HOST=127.0.0.1 NODE_ENV=development node scripts/launch.js server >"$log" 2>&1 &
pid=$!
until grep -q "GraphiQL:" "$log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
ready=$(node -e "console.log((${EPOCHREALTIME} - ${started}).toFixed(1))")
sleep 2
echo "first start ready after ${ready} s; RSS $(( $(ps -o rss= -p "$pid") / 1024 )) MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep "^Seeded" "$log"
