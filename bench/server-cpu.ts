// Server CPU per request over HTTP (bench/README.md "Server CPU per request"): Paperboy without the
// response cache and PostGraphile 5, as `npm run bench` starts them, each sent a fixed number of
// requests per workload by autocannon; the server process's CPU time (/proc/<pid>/stat) is read
// before and after. On a 2-core machine shared with PostgreSQL, the load generator and other work,
// req/s swings by ±20% between runs while CPU per request barely moves, so this is the number to
// compare changes with; `npm run bench` gives the throughput the goals are stated in.
//
//   npx tsx bench/server-cpu.ts [workload keys, default a a' b b2 c]
//   BENCH_REQUESTS (default 2000); BENCH_SERVERS (default no-cache,postgraphile; also paperboy: the response cache on;
//   floor-prisma, floor-pg, floor-static: bench/stack-floor.ts, for a and b2)
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { encodeGlobalID } from "@pothos/plugin-relay";
import pg from "pg";

import { benchTokens, corpusDatabase } from "./corpus.ts";
import { check, load } from "./load.ts";
import { cpuMsOf, postgresCpuMs } from "./process-cpu.ts";
import { printTable, type Row } from "./report.ts";
import { type BenchServer, startPaperboy, startPostGraphile, startStackFloor } from "./servers.ts";
import { readParams, workloads } from "./workloads.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SERVERS = (process.env.BENCH_SERVERS ?? "no-cache,postgraphile").split(",");

const url = await corpusDatabase(ADMIN, () => {});
const client = new pg.Client({ connectionString: url });
await client.connect();
const tokens = await benchTokens(client);
await client.query(readFileSync(path.join(root, "bench/postgraphile/peer.sql"), "utf8"));
const params = await readParams(client, tokens, (id) => encodeGlobalID("Paper", id));
await client.end();

const keys = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["a", "a'", "b", "b2", "c"];
const chosen = workloads(params).filter((w) => keys.includes(w.key));
const starters: [string, string, () => Promise<BenchServer>][] = [
  ["paperboy", "Paperboy", () => startPaperboy("Paperboy", url)],
  ["no-cache", "Paperboy, no response cache", () => startPaperboy("Paperboy, no response cache", url, { RESPONSE_CACHE_TTL: "0" })],
  ["postgraphile", "PostGraphile 5", () => startPostGraphile(url)],
  // bench/stack-floor.ts: Yoga, graphql-js and one statement, no Paperboy code (a and b2 only).
  ...(["prisma", "pg", "static"] as const).map((mode): [string, string, () => Promise<BenchServer>] => [
    `floor-${mode}`,
    `stack floor (${mode})`,
    () => startStackFloor(mode, url),
  ]),
];
const FLOOR_WORKLOADS = ["a", "b2"];
const rows: Row[] = [];
// In the order BENCH_SERVERS names them (the first one started meets the coldest machine).
const chosenServers = SERVERS.map((k) => {
  const starter = starters.find(([s]) => s === k);
  if (!starter) throw new Error(`BENCH_SERVERS: unknown server "${k}" (known: ${starters.map(([s]) => s).join(", ")})`);
  return starter;
});
for (const [key, name, start] of chosenServers) {
  const server = await start();
  try {
    for (const w of chosen) {
      if (key.startsWith("floor-") && !FLOOR_WORKLOADS.includes(w.key)) continue;
      // a' has no peer of its own: PostGraphile is sent (and checked against) the workload it is compared with.
      const peer = w.peer ? w : workloads(params).find((x) => x.key === w.comparedWith);
      const make = key === "postgraphile" ? peer?.peer : w.ours;
      if (!make) continue;
      // A server answering with errors would be measured on its error path: checked first, as bench/run.ts does.
      const valid = key === "postgraphile" ? (peer?.checkPeer ?? (() => undefined)) : w.checkOurs;
      const bad = await check(server.graphqlUrl, make, valid, 10);
      if (bad.length > 0) throw new Error(`${name}, ${w.key}: ${bad.join(" | ")}`);
      await load(server.graphqlUrl, make, { connections: CONNECTIONS, seconds: 60, start: 0, amount: REQUESTS / 4 });
      const before = cpuMsOf(server.pid);
      const pgBefore = postgresCpuMs();
      const r = await load(server.graphqlUrl, make, { connections: CONNECTIONS, seconds: 120, start: 1000, amount: REQUESTS });
      const cpu = (cpuMsOf(server.pid) - before) / r.requests;
      const pgCpu = (postgresCpuMs() - pgBefore) / r.requests;
      rows.push({
        workload: w.key,
        server: name,
        "CPU ms/request": cpu.toFixed(2),
        "PostgreSQL CPU ms/request": pgCpu.toFixed(2),
        "req/s": r.rps.toFixed(0),
        failed: r.failed,
        "RSS MB": server.memory().rssMb.toFixed(0),
      });
    }
  } finally {
    await server.stop();
  }
}
printTable("Server CPU per request", rows);
