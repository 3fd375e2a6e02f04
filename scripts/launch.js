// `node scripts/launch.js <program> [args]`: what the npm scripts run. In production
// (NODE_ENV=production) it runs the compiled program in dist/, and refuses when dist/ is missing or
// older than the sources, naming `npm run build`; elsewhere it runs the TypeScript source through
// tsx. Either way the program runs in this process (no second Node), with argv as if started directly.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";

import { ENTRIES, SOURCE_DIRS, STAMP } from "./entries.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function refuse(message) {
  process.stderr.write(`paperboy: ${message}\n`);
  process.exit(1);
}

/** The newest mtime under a folder (0 when it does not exist): one stat per file, no file is read. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (e.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Why dist/ cannot be run, or null when it is complete and newer than every source. */
function staleReason(root = ROOT) {
  let built;
  try {
    built = statSync(path.join(root, STAMP)).mtimeMs;
  } catch {
    return "dist/ is missing or incomplete";
  }
  for (const dir of SOURCE_DIRS) {
    // A deployment may ship dist/ without the sources: nothing to compare then.
    if (newestMtime(path.join(root, dir)) > built) return `dist/ is older than ${dir}/`;
  }
  return null;
}

const [name, ...args] = process.argv.slice(2);
const source = ENTRIES[name];
if (!source) refuse(`usage: node scripts/launch.js <${Object.keys(ENTRIES).join("|")}> [args]`);

let file;
if (process.env.NODE_ENV === "production") {
  const reason = staleReason();
  if (reason) refuse(`${reason}: run npm run build before starting in production`);
  file = path.join(ROOT, "dist", `${name}.js`);
  // Stack traces name the TypeScript lines (the build writes source maps).
  process.setSourceMapsEnabled(true);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  file = path.join(ROOT, source);
}
// A server's heap may grow to twice what survived the last full collection, not to V8's default of
// up to about four times: most of what a request allocates dies young but is promoted while the
// request waits for the database, and the old space then grew from ~80 MB live to ~240 MB before
// V8 collected it. Measured with bench/server-cpu.ts (a, b2, c, 3,000 requests each): peak RSS
// 382-385 -> 259 MB, CPU per request unchanged within the noise (bench/README.md, "Round 3").
if (name === "server") setFlagsFromString("--heap-growing-percent=100");
// The program sees itself as the script Node was started with (the ingest CLI checks that).
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
