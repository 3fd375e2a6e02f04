// npm run bench:ingest: the 60k-paper corpus through `npm run ingest` (a real CLI process, so its
// peak RSS is the CLI's own) into a fresh embedded database and a fresh PostgreSQL database, then
// again (unchanged detection), against the physical floor measured in the same run: a plain COPY
// of the same rows' id/title/abstract into a scratch table, reading and parsing the same file.
//
// BENCH_CORPUS   the corpus (default ../shared/data/arxiv-daily-60k.jsonl.gz; see corpus.ts)
// BENCH_DATABASE_URL  a PostgreSQL server database allowed to create others (default postgres://postgres@127.0.0.1:5432/postgres);
//                     set BENCH_DATABASE_URL=none to skip PostgreSQL.
// BENCH_PGLITE_DIR    an empty folder to ingest the embedded database into and leave there
//                     (`npm run bench` then runs bench:search on it); default a temporary one.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";

import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { seedDatabase } from "../seed/seed.ts";
import { type Database, fromPostgres, openDatabase } from "../src/db.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { splitLines } from "../src/ingest/lines.ts";
import { CORPUS } from "./corpus.ts";
import { formatTable, type Row } from "./report.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface CliRun {
  papers: number;
  seconds: number;
  peakRssMb: number;
  counts: string;
}

/** One `npm run ingest -- <corpus> --json` in its own process; peak RSS is the CLI's own. */
function cliIngest(env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // Exactly what an operator runs (the npm script carries the CLI's heap limit).
    const child = spawn("npm", ["run", "-s", "ingest", "--", CORPUS, "--json"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && code !== 2) return reject(new Error(`ingest exited with ${code}`));
      const json = JSON.parse(out) as {
        results: { result: { created: number; updated: number; unchanged: number; rejected: number; elapsedMs: number } }[];
        peakRssBytes: number;
      };
      const r = json.results[0]!.result;
      const papers = r.created + r.updated + r.unchanged + r.rejected;
      resolve({
        papers,
        seconds: r.elapsedMs / 1000,
        peakRssMb: json.peakRssBytes / 1024 / 1024,
        counts: `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
      });
    });
  });
}

/** The corpus's rows as COPY text lines (id, title, abstract), read and parsed as the CLI does. */
async function* copyRows(): AsyncGenerator<string> {
  const esc = (s: unknown) =>
    String(s ?? "")
      .replace(/\\/g, "\\\\")
      .replace(/\t/g, "\\t")
      .replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r");
  for await (const line of splitLines(createReadStream(CORPUS).pipe(createGunzip()))) {
    if (!line.text) continue;
    const o = JSON.parse(line.text) as { id: string; title: string; summary: string };
    yield `${esc(o.id)}\t${esc(o.title)}\t${esc(o.summary)}\n`;
  }
}

async function copyFloorPostgres(url: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE copy_floor (id text, title text, abstract text)");
    let rows = 0;
    const started = performance.now();
    const counted = async function* () {
      for await (const row of copyRows()) {
        rows += 1;
        yield row;
      }
    };
    await pipeline(Readable.from(counted()), client.query(copyFrom("COPY copy_floor (id, title, abstract) FROM STDIN")));
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.query("DROP TABLE IF EXISTS copy_floor").catch(() => undefined);
    await client.end();
  }
}

async function copyFloorPglite(db: Database): Promise<{ rows: number; seconds: number }> {
  const pglite = db.pglite!;
  await pglite.exec("CREATE TABLE copy_floor (id text, title text, abstract text)");
  const started = performance.now();
  // PGlite's COPY reads a Blob: the rows are gathered first (inside the timing), then copied.
  const parts: string[] = [];
  for await (const row of copyRows()) parts.push(row);
  await pglite.query("COPY copy_floor (id, title, abstract) FROM '/dev/blob'", [], { blob: new Blob(parts) });
  const seconds = (performance.now() - started) / 1000;
  await pglite.exec("DROP TABLE copy_floor");
  return { rows: parts.length, seconds };
}

const rows: Row[] = [];
function report(engine: string, run: string, papers: number, seconds: number, peakRss = "", ratio = ""): void {
  rows.push({
    engine,
    run,
    papers,
    seconds: seconds.toFixed(1),
    "papers/s": Math.round(papers / seconds).toLocaleString("en"),
    "peak RSS": peakRss,
    ratio,
  });
}

async function benchEngine(engine: string, env: Record<string, string>, copy: { rows: number; seconds: number }): Promise<void> {
  const copyRate = copy.rows / copy.seconds;
  report(engine, "COPY id/title/abstract (floor)", copy.rows, copy.seconds, "", "1.0x");
  const first = await cliIngest(env);
  console.log(`${engine} first pass: ${first.counts}`);
  const firstRate = first.papers / first.seconds;
  report(
    engine,
    "npm run ingest, fresh database",
    first.papers,
    first.seconds,
    `${first.peakRssMb.toFixed(0)} MB`,
    `${(copyRate / firstRate).toFixed(1)}x slower than COPY`,
  );
  const again = await cliIngest(env);
  console.log(`${engine} second pass: ${again.counts}`);
  report(
    engine,
    "npm run ingest, same file again",
    again.papers,
    again.seconds,
    `${again.peakRssMb.toFixed(0)} MB`,
    `${(again.papers / again.seconds / firstRate).toFixed(1)}x faster than the first pass`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) throw new Error(`${CORPUS} not found: set BENCH_CORPUS to the 60k corpus`);
  console.log(`Corpus: ${CORPUS}`);

  // Embedded: a fresh folder, migrated and seeded here so the CLI's numbers are ingestion only.
  const keep = process.env.BENCH_PGLITE_DIR;
  const dataDir = keep ?? (await mkdtemp(path.join(os.tmpdir(), "paperboy-bench-")));
  try {
    const db = await openDatabase({ dataDir });
    let copy;
    try {
      await migrateToLatest(db);
      await seedDatabase(db, { demoUsers: false });
      copy = await copyFloorPglite(db);
    } finally {
      // The CLI must own the folder: PGlite allows one process.
      await db.close();
    }
    await benchEngine("pglite", { DATA_DIR: dataDir }, copy);
  } finally {
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  }

  if (ADMIN_URL !== "none") {
    const name = `paperboy_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    try {
      const db = fromPostgres(url.toString(), 2);
      await migrateToLatest(db);
      await seedDatabase(db, { demoUsers: false });
      await db.close();
      await benchEngine("postgres", { DATABASE_URL: url.toString() }, await copyFloorPostgres(url.toString()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }

  console.log(`\n${formatTable(rows)}`);
}

main().catch((e: unknown) => {
  console.error(`bench:ingest: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
