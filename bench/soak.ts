// npm run bench:soak — memory under sustained load: BENCH_SOAK_REQUESTS (default 20,000) executed
// requests of the daily feed (workload a, response cache off) over keep-alive connections
// (autocannon keeps each of its BENCH_CONNECTIONS open) against one Paperboy process, with its
// resident memory and its heap after a full GC at the start and at the end. A leak of even a few
// KB per request shows as heap growth here (each query once left ~40 KB: issue 11).
//
//   --database URL   run on that database instead of the corpus database (e.g. a small seeded one)
//   BENCH_DATABASE_URL, BENCH_CONNECTIONS as for npm run bench
import pg from "pg";

import { corpusDatabase } from "./corpus.ts";
import { check, load } from "./load.ts";
import { formatTable } from "./report.ts";
import { startPaperboy } from "./servers.ts";
import { workloads } from "./workloads.ts";

const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REQUESTS = Number(process.env.BENCH_SOAK_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const log = (line: string) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  const flag = process.argv.indexOf("--database");
  const url = flag >= 0 ? process.argv[flag + 1]! : await corpusDatabase(ADMIN, log);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Listing days with papers, newest first (the corpus has 50+ on each; a seeded database fewer).
  const days = (
    await client.query(`SELECT to_char(listed_on, 'YYYY-MM-DD') AS d FROM paper GROUP BY listed_on ORDER BY listed_on DESC LIMIT 60`)
  ).rows.map((r) => r.d as string);
  await client.end();
  const daily = workloads({ days, commentedArxivIds: [], paperIds: [], tokens: [] }).find((w) => w.key === "a")!;
  const hasPapers = (data: unknown) =>
    (data as { dailyPapers?: { edges?: unknown[] } }).dailyPapers?.edges?.length ? undefined : "no papers";

  const server = await startPaperboy("Paperboy, no response cache", url, { RESPONSE_CACHE_TTL: "0" }, { inspect: true });
  try {
    const bad = await check(server.graphqlUrl, daily.ours, hasPapers, 5);
    if (bad.length > 0) throw new Error(`bad responses before the soak:\n${bad.join("\n")}`);
    log("warm-up: 2 s");
    await load(server.graphqlUrl, daily.ours, { connections: CONNECTIONS, seconds: 2, start: 1_000_000 });
    const start = await server.heapAfterGc!();
    log(`${REQUESTS} requests`);
    const started = Date.now();
    const run = await load(server.graphqlUrl, daily.ours, { connections: CONNECTIONS, seconds: 3600, start: 0, amount: REQUESTS });
    const seconds = (Date.now() - started) / 1000;
    const end = await server.heapAfterGc!();
    const badAfter = await check(server.graphqlUrl, daily.ours, hasPapers, 20, 500);
    const row = (point: string, requests: number, m: { heapMb: number; rssMb: number }) => ({
      point,
      "requests executed": requests,
      "RSS MB": Math.round(m.rssMb),
      "heap MB (after GC)": m.heapMb.toFixed(1),
    });
    const heapGrowth = end.heapMb - start.heapMb;
    const perRequestKb = (heapGrowth * 1024) / Math.max(1, run.requests);
    const rate = `${(run.requests / seconds).toFixed(0)} req/s`;
    console.log(`## Soak: ${REQUESTS} executed requests of the daily feed, response cache off

${formatTable([row("start (after a 2 s warm-up)", 0, start), row("end", run.requests, end)])}

Heap growth: ${heapGrowth.toFixed(1)} MB (${perRequestKb.toFixed(2)} KB per request); RSS growth: ${Math.round(end.rssMb - start.rssMb)} MB.
${run.requests} requests in ${seconds.toFixed(0)} s (${rate}) over ${CONNECTIONS} keep-alive connections, \
rotating over ${days.length} listing day(s); failed: ${run.failed + badAfter.length}.
`);
    if (badAfter.length > 0) console.log(`Bad responses after the soak:\n${badAfter.join("\n")}`);
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
