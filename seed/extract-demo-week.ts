// Extracts the demo week (seed/arxiv-week-2025-W32.jsonl.gz) from the shared daily arXiv corpus:
// every listing of the ISO week of the seed's Daily Papers page (Mon 2025-08-04 .. Sun 2025-08-10),
// lines copied as they are, in the corpus's order. Run again only to rebuild the committed file:
//
//   npx tsx seed/extract-demo-week.ts [../shared/data/arxiv-daily-60k.jsonl.gz] [seed/arxiv-week-2025-W32.jsonl.gz]
import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGunzip, createGzip } from "node:zlib";

import { DEMO_WEEK_FILE, DEMO_WEEK_FIRST_DAY, DEMO_WEEK_LAST_DAY } from "./demo-week.ts";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = process.argv[2] ?? path.join(root, "..", "shared", "data", "arxiv-daily-60k.jsonl.gz");
const target = process.argv[3] ?? DEMO_WEEK_FILE;

const kept: string[] = [];
const seen = new Set<string>();
let read = 0;
for await (const line of createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  read += 1;
  const record = JSON.parse(line) as { date?: string; id?: string };
  if (!record.date || record.date < DEMO_WEEK_FIRST_DAY || record.date > DEMO_WEEK_LAST_DAY) continue;
  // A paper listed twice in the week (a cross-list) is kept once: its first listing.
  if (record.id && seen.has(record.id)) continue;
  if (record.id) seen.add(record.id);
  kept.push(line);
}
await pipeline(Readable.from(kept.map((l) => `${l}\n`)), createGzip({ level: 9 }), createWriteStream(target));
console.log(`Read ${read} records from ${source}; wrote ${kept.length} (${DEMO_WEEK_FIRST_DAY} .. ${DEMO_WEEK_LAST_DAY}) to ${target}.`);
