// npm run bench:search -- [--postgres postgres://...] [--pglite ./data]
//
// Latency (p50/p95 over in-process GraphQL requests through yoga.fetch) and SQL statements per
// request of search (a common term, a rare term, a phrase, a filtered query), dailyPapers of the
// busiest day and trending(WEEK), on each engine given. Run it on a database holding the 60k corpus
// (../shared/data/arxiv-daily-60k.jsonl.gz) ingested with the ingestion CLI; this script only reads.
//
// Baseline, in the same run: the common term ranked over ALL its matches (one SQL statement, no
// GraphQL), i.e. what search would cost without the bounded top-k. Target: common p95 <= 3x rare p95.
import { parseArgs } from "node:util";

import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { type Database, openDatabase } from "../src/db.ts";
import { isoDay } from "../src/discovery/periods.ts";
import { formatTable, percentile } from "./report.ts";

const RUNS = 40;
const WARMUP = 5;

const SEARCH = `query($q: String!, $f: SearchFilter) { search(query: $q, filter: $f, first: 20) {
  truncated edges { rank matchedFields highlight { html } node { title listedOn authors { name } topics { topic { slug } } } } } }`;
const DAILY = `query($d: Date!) { dailyPapers(date: $d, first: 50, sort: TRENDING) {
  edges { score node { title authors { name } topics { topic { slug } } } } } }`;
const TRENDING = `query($asOf: DateTime!) { trending(window: WEEK, asOf: $asOf, first: 20) {
  edges { score node { title authors { name } } } } }`;

interface Case {
  name: string;
  run: () => Promise<unknown>;
}

async function measure(db: Database, c: Case): Promise<{ p50: number; p95: number; statements: number }> {
  for (let i = 0; i < WARMUP; i++) await c.run();
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS; i++) {
    const before = db.counter.statements;
    const t = performance.now();
    await c.run();
    times.push(performance.now() - t);
    statements = db.counter.statements - before;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), statements };
}

async function bench(label: string, db: Database): Promise<void> {
  const papers = await db.prisma.paper.count();
  console.log(`\n== ${label}: ${papers} papers`);
  if (papers < 50_000)
    console.log("   (fewer than the 60k corpus: ingest ../shared/data/arxiv-daily-60k.jsonl.gz first for comparable figures)");
  // PGlite has no autovacuum: without statistics the planner cannot tell a common term from a rare one.
  await db.prisma.$executeRawUnsafe("ANALYZE paper");
  // LIVE_POLL_MS=0: no background statements from the live hub in the counts; no response cache:
  // repeated requests must execute.
  const app = createApp({
    config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", LIVE_POLL_MS: "0", RESPONSE_CACHE_TTL: "0" }),
    db,
  });
  const gql = async (query: string, variables: object) => {
    const res = await app.yoga.fetch("http://bench/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body;
  };
  const [busiest] = await db.prisma.$queryRaw<
    { day: Date; n: number }[]
  >`SELECT listed_on AS day, count(*)::int4 AS n FROM paper GROUP BY listed_on ORDER BY n DESC, day DESC LIMIT 1`;
  const { _max } = await db.prisma.paper.aggregate({ _max: { listedOn: true } });
  const asOf = new Date((_max.listedOn ?? new Date()).getTime() + 86_400_000).toISOString();
  const from = isoDay(new Date((_max.listedOn ?? new Date()).getTime() - 60 * 86_400_000));
  const cases: Case[] = [
    { name: 'search common term "model"', run: () => gql(SEARCH, { q: "model" }) },
    { name: 'search rare term "medoids"', run: () => gql(SEARCH, { q: "medoids" }) },
    { name: 'search phrase "\\"diffusion model\\""', run: () => gql(SEARCH, { q: '"diffusion model"' }) },
    {
      name: `search filtered "transformer" cs.CL since ${from}`,
      run: () => gql(SEARCH, { q: "transformer", f: { categories: ["cs.CL"], from } }),
    },
    {
      name: `dailyPapers ${busiest ? isoDay(busiest.day) : "-"} (${busiest?.n ?? 0} papers), TRENDING, 50`,
      run: () => gql(DAILY, { d: busiest ? isoDay(busiest.day) : "2025-08-08" }),
    },
    { name: "trending(WEEK), 20", run: () => gql(TRENDING, { asOf }) },
    {
      name: 'baseline: rank ALL matches of "model" (raw SQL)',
      run: () =>
        db.prisma.$queryRaw`SELECT id FROM paper WHERE search @@ websearch_to_tsquery('english', 'model')
          ORDER BY ts_rank(search, websearch_to_tsquery('english', 'model')) DESC, listed_on DESC, id DESC LIMIT 21`,
    },
  ];
  const results = new Map<string, { p50: number; p95: number; statements: number }>();
  for (const c of cases) results.set(c.name, await measure(db, c));
  console.log(
    formatTable(
      cases.map((c) => {
        const r = results.get(c.name)!;
        return { case: c.name, "p50 ms": r.p50.toFixed(1), "p95 ms": r.p95.toFixed(1), SQL: r.statements };
      }),
    ),
  );
  const common = results.get(cases[0]!.name)!;
  const rare = results.get(cases[1]!.name)!;
  const baseline = results.get(cases[6]!.name)!;
  const ratio = common.p95 / rare.p95;
  console.log(
    `   common/rare p95 = ${ratio.toFixed(2)}x (target <= 3x: ${ratio <= 3 ? "met" : "NOT met"}); ` +
      `unbounded ranking/common p95 = ${(baseline.p95 / common.p95).toFixed(1)}x`,
  );
  await app.stop();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { postgres: { type: "string" }, pglite: { type: "string" } } });
  const targets: { label: string; open: () => Promise<Database> }[] = [];
  if (values.pglite) targets.push({ label: `PGlite ${values.pglite}`, open: () => openDatabase({ dataDir: values.pglite! }) });
  if (values.postgres)
    targets.push({
      label: `PostgreSQL ${new URL(values.postgres).pathname.slice(1)}`,
      open: () => openDatabase({ databaseUrl: values.postgres, dataDir: "/nonexistent" }, { poolSize: 4 }),
    });
  if (targets.length === 0) {
    const config = loadConfig();
    targets.push({
      label: config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite ${config.dataDir}`,
      open: () => openDatabase(config),
    });
  }
  for (const t of targets) {
    const db = await t.open();
    try {
      await bench(t.label, db);
    } finally {
      await db.close();
    }
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench:search: ${e.message}\n`);
  process.exit(1);
});
