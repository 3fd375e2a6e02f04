// npm run bench — the whole benchmark report, written to bench/results.md (bench/README.md says
// how to read it):
//  1. HTTP load (autocannon) on PostgreSQL with the 60k corpus: Paperboy (response cache on, and
//     off) and PostGraphile 5 on the same database, same data selected; req/s, latency, memory,
//     SQL statements per request; our req/s divided by theirs.
//  2. The other benchmarks (bench:ingest, bench:search, bench:fanout, bench:soak), run as they
//     run alone, their output included.
//
//   BENCH_DATABASE_URL  PostgreSQL server database the bench may create databases with
//                       (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_SECONDS       seconds per load run (default 10), after a 2 s warm-up
//   BENCH_CONNECTIONS   concurrent connections (default 10)
//   BENCH_SERVERS       comma-separated server names to run (default all: cached, no-cache, postgraphile);
//                       e.g. "no-cache,postgraphile" while measuring the executed path
//   BENCH_ONLY          "http" to skip the other benchmarks (their sections of bench/results.md are kept);
//                       "recommend" to run bench:recommend alone and replace its section of bench/results.md
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { encodeGlobalID } from "@pothos/plugin-relay";
import pg from "pg";

import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { fromPostgres } from "../src/db.ts";
import { benchTokens, corpusDatabase } from "./corpus.ts";
import { check, load, type LoadResult } from "./load.ts";
import { formatTable, type Row } from "./report.ts";
import { type BenchServer, startPaperboy, startPostGraphile } from "./servers.ts";
import { readParams, type Request, type Workload, workloads } from "./workloads.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** SQL statements per request, counted in-process on the same database (no cache, no background reads). */
async function statementsPerRequest(url: string, list: Workload[]): Promise<Map<string, number>> {
  const db = fromPostgres(url, 4);
  const app = createApp({
    config: loadConfig({
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      DATA_DIR: "/nonexistent",
      DATABASE_URL: url,
      LIVE_POLL_MS: "0",
      RESPONSE_CACHE_TTL: "0",
      RATE_LIMIT_UPVOTES: "1000000/60",
      RATE_LIMIT_COMMENTS: "1000000/60",
    }),
    db,
  });
  const counts = new Map<string, number>();
  try {
    for (const w of list) {
      const samples: number[] = [];
      for (let i = 0; i < 11; i++) {
        const r: Request = w.ours(i);
        const before = db.counter.statements;
        const res = await app.yoga.fetch("http://bench/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
          body: JSON.stringify({ query: r.query, variables: r.variables }),
        });
        await res.text();
        if (i > 0) samples.push(db.counter.statements - before);
      }
      counts.set(w.key, samples.reduce((a, b) => a + b, 0) / samples.length);
    }
  } finally {
    await app.stop();
    await db.close();
  }
  return counts;
}

interface Measured extends LoadResult {
  server: string;
  workload: string;
  rssMb: number;
}

async function measure(server: BenchServer, w: Workload, side: "ours" | "peer"): Promise<Measured | undefined> {
  const make = side === "ours" ? w.ours : w.peer;
  const valid = side === "ours" ? w.checkOurs : w.checkPeer;
  if (!make || !valid) return undefined;
  const before = await check(server.graphqlUrl, make, valid, 5);
  if (before.length > 0) throw new Error(`${server.name}, ${w.key}: bad responses before the run:\n${before.join("\n")}`);
  log(`${server.name}: ${w.key}) ${w.name}`);
  await load(server.graphqlUrl, make, { connections: CONNECTIONS, seconds: 2, start: 1_000_000 });
  const result = await load(server.graphqlUrl, make, { connections: CONNECTIONS, seconds: SECONDS, start: 0 });
  const badSamples = await check(server.graphqlUrl, make, valid, 20, 500);
  return { ...result, badSamples, server: server.name, workload: w.key, rssMb: server.memory().rssMb };
}

function otherBenchmarks(url: string, only?: string): string {
  // bench:ingest leaves its embedded corpus here, for bench:search to run on both engines.
  const pgliteDir = mkdtempSync(path.join(os.tmpdir(), "paperboy-bench-pglite-"));
  const runs: [string, string[], Record<string, string>][] = [
    ["bench:ingest", [], { BENCH_PGLITE_DIR: pgliteDir }],
    ["bench:search", ["--pglite", pgliteDir, "--postgres", url], {}],
    ["bench:fanout", [], {}],
    ["bench:soak", [], {}],
    ["bench:recommend", [], {}],
  ];
  let out = "";
  for (const [name, args, env] of runs) {
    if (only && name !== only) continue;
    log(`npm run ${name}`);
    const started = Date.now();
    const r = spawnSync("npm", ["run", "-s", name, "--", ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, BENCH_DATABASE_URL: ADMIN, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    const text = `${r.stdout ?? ""}${r.status === 0 ? "" : `\n(exit ${r.status})\n${r.stderr ?? ""}`}`.trim();
    out += `\n## npm run ${name}\n\n(${((Date.now() - started) / 1000).toFixed(0)} s)\n\n\`\`\`\n${text}\n\`\`\`\n`;
  }
  rmSync(pgliteDir, { recursive: true, force: true });
  return out;
}

/** BENCH_ONLY=recommend: bench:recommend's section of bench/results.md replaced (or added), the rest kept. */
function recommendOnly(): void {
  const file = path.join(root, "bench/results.md");
  const section = otherBenchmarks("", "bench:recommend");
  const old = readFileSync(file, "utf8");
  const start = old.indexOf("\n## npm run bench:recommend\n");
  const end = start < 0 ? -1 : old.indexOf("\n## npm run ", start + 1);
  const report = start < 0 ? `${old.trimEnd()}\n${section}` : `${old.slice(0, start)}${section}${end < 0 ? "" : old.slice(end)}`;
  writeFileSync(file, report);
  console.log(section);
}

/** BENCH_ONLY=http: the other benchmarks' sections of the last report, kept as they were. */
function keptBenchmarks(): string {
  let old = "";
  try {
    old = readFileSync(path.join(root, "bench/results.md"), "utf8");
  } catch {
    return "";
  }
  const start = old.indexOf("\n## npm run ");
  return start < 0 ? "" : old.slice(start + 1);
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === "recommend") return recommendOnly();
  const { url, params, corpus } = await openCorpus();
  const list = workloads(params);
  log("statements per request");
  const statements = await statementsPerRequest(url, list);
  const { measured, peakMb, idleMb } = await measureServers(url, list);
  const memory = (mb: Map<string, number>) => [...mb].map(([s, v]) => `${s} ${Math.round(v)} MB`).join("; ");
  const { rows, ratios } = resultTables(list, measured, statements);
  const bad = measured.filter((m) => m.badSamples.length > 0).map((m) => `- ${m.server}, ${m.workload}: ${m.badSamples.join(" | ")}`);
  const NOT_RUN_NOTE = "PostGraphile: not run (its generated mutations insert rows without sign-in, counters or events: not the same work)";
  const notes = list
    .filter((w) => w.peerNote || !w.peer)
    .map((w) => `- ${w.key}) ${w.peer || w.comparedWith ? `PostGraphile: ${w.peerNote}` : NOT_RUN_NOTE}`);

  const cpu = os.cpus();
  const machine = `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM`;
  const rotation = `${params.days.length} days, ${params.commentedArxivIds.length} papers, 16 search terms, ${params.tokens.length} users`;
  const checked = bad.length
    ? `\nResponses with GraphQL errors or wrong data in the samples checked after each run:\n${bad.join("\n")}\n`
    : "\nEvery sampled response (5 before and 20 after each run) had the expected data and no errors.\n";
  const report = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString()}.

- Machine: ${machine}, ${os.platform()} ${os.release()}
- Node ${process.version}, PostgreSQL ${corpus.pg}; server, database and load generator share the machine
- Database: ${corpus.papers} papers (the 60k arXiv corpus and the seed), ${corpus.comments} comments
- Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run after a 2 s warm-up; each request's parameters rotate (${rotation})

## HTTP: ours against PostGraphile 5

${formatTable(ratios)}

${formatTable(rows)}

Resident memory idle (started, before the first request): ${memory(idleMb)}.
Peak resident memory: ${memory(peakMb)}.

SQL/request: statements Paperboy sends to execute one request, counted in-process on the same
database (an answer from the response cache sends none), each request the first of its kind: a
token's first request also reads the token and writes its lastUsedAt (a' sends 3 once the
instance knows the token), and a paper's first page computes its related papers (b sends 2 once
they are cached). PostGraphile compiles each request into one SQL statement per root field; its
statements are not counted here.

${notes.join("\n")}
${checked}
${process.env.BENCH_ONLY === "http" ? keptBenchmarks() : otherBenchmarks(url)}`;
  writeFileSync(path.join(root, "bench/results.md"), report);
  console.log(report);
}

/** The corpus database with the peer's SQL function and the bench users' tokens; the parameters requests rotate over. */
async function openCorpus() {
  const url = await corpusDatabase(ADMIN, log);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(readFileSync(path.join(root, "bench/postgraphile/peer.sql"), "utf8"));
    const tokens = await benchTokens(client);
    const params = await readParams(client, tokens, (id) => encodeGlobalID("Paper", id));
    const corpus = (
      await client.query(
        `SELECT (SELECT count(*) FROM paper)::int AS papers, (SELECT count(*) FROM comment)::int AS comments,
          current_setting('server_version') AS pg`,
      )
    ).rows[0] as { papers: number; comments: number; pg: string };
    return { url, params, corpus };
  } finally {
    await client.end();
  }
}

const ALL_SERVERS: [string, (url: string) => Promise<BenchServer>, "ours" | "peer", string][] = [
  ["Paperboy", (url) => startPaperboy("Paperboy", url), "ours", "cached"],
  [
    "Paperboy, no response cache",
    (url) => startPaperboy("Paperboy, no response cache", url, { RESPONSE_CACHE_TTL: "0" }),
    "ours",
    "no-cache",
  ],
  ["PostGraphile 5", (url) => startPostGraphile(url), "peer", "postgraphile"],
];
const only = process.env.BENCH_SERVERS?.split(",").map((s) => s.trim());
const SERVERS = ALL_SERVERS.filter(([, , , short]) => !only || only.includes(short));

/**
 * All servers started at once (one that is not being measured waits idle, spending no CPU), then
 * each workload on each server in turn: the runs a ratio compares are seconds apart rather than
 * minutes, since this machine's speed drifts between runs by as much as the differences measured.
 */
async function measureServers(
  url: string,
  list: Workload[],
): Promise<{ measured: Measured[]; peakMb: Map<string, number>; idleMb: Map<string, number> }> {
  const measured: Measured[] = [];
  const peakMb = new Map<string, number>();
  const idleMb = new Map<string, number>();
  const running: [BenchServer, "ours" | "peer"][] = [];
  try {
    for (const [, start, side] of SERVERS) running.push([await start(url), side]);
    // Idle: started, settled for 3 s, before its first request.
    await new Promise((r) => setTimeout(r, 3000));
    for (const [server] of running) idleMb.set(server.name, server.memory().rssMb);
    for (const w of list) {
      for (const [server, side] of running) {
        const m = await measure(server, w, side);
        if (m) measured.push(m);
      }
    }
    for (const [server] of running) peakMb.set(server.name, server.memory().peakMb);
  } finally {
    for (const [server] of running) await server.stop();
  }
  return { measured, peakMb, idleMb };
}

/** One row per workload and server, and one row of ratios per workload. */
function resultTables(list: Workload[], measured: Measured[], statements: Map<string, number>): { rows: Row[]; ratios: Row[] } {
  const get = (server: string, key: string) => measured.find((m) => m.server === server && m.workload === key);
  const ratio = (a?: Measured, b?: Measured) => (a && b ? `${(a.rps / b.rps).toFixed(2)}x` : "—");
  // A workload without a peer of its own (a') is compared with the peer's run of another.
  const peer = (w: Workload) => get("PostGraphile 5", w.comparedWith ?? w.key);
  const rows: Row[] = [];
  for (const w of list) {
    for (const [server] of SERVERS) {
      const m = get(server, w.key);
      if (!m) continue;
      rows.push({
        workload: `${w.key}) ${w.name}`,
        server,
        "req/s": m.rps.toFixed(0),
        "p50 ms": m.p50,
        "p99 ms": m.p99,
        "SQL/request": server.startsWith("Paperboy") ? statements.get(w.key)!.toFixed(1) : "n/a",
        "RSS MB": Math.round(m.rssMb),
        failed: m.failed + m.badSamples.length,
      });
    }
  }
  const ratios: Row[] = list.map((w) => ({
    workload: `${w.key}) ${w.name}`,
    "Paperboy req/s": get("Paperboy", w.key)?.rps.toFixed(0) ?? "—",
    "no cache req/s": get("Paperboy, no response cache", w.key)?.rps.toFixed(0) ?? "—",
    "PostGraphile req/s": peer(w) ? `${peer(w)!.rps.toFixed(0)}${w.comparedWith ? ` (${w.comparedWith})` : ""}` : "—",
    "ours / theirs": ratio(get("Paperboy", w.key), peer(w)),
    "ours (no cache) / theirs": ratio(get("Paperboy, no response cache", w.key), peer(w)),
  }));
  return { rows, ratios };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
