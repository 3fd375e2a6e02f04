#!/bin/bash
# Resident memory of a production `npm start` (compiled, embedded database), once it listens and
# after 15 s idle. usage: npm run build && bench/idle-rss.sh <data folder> [VAR=value ...]
# A folder that does not exist yet measures the first start (create, migrate, seed); run it again
# on the same folder for a later start.
D=$1; shift
OUT=$(mktemp)
env NODE_ENV=production DATA_DIR=$D PORT=0 "$@" node scripts/launch.js server > $OUT 2>&1 &
P=$!
for i in $(seq 1 300); do grep -q GraphiQL $OUT && break; sleep 0.5; done
echo "listening after ${i}x0.5s rss=$(ps -o rss= -p $P) KB"
sleep 15
echo "idle rss=$(ps -o rss= -p $P) KB"
kill $P; wait $P 2>/dev/null
rm -f "$OUT"
