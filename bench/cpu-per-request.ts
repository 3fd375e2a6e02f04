// CPU time per executed request, in-process (bench/README.md "Where the executed read path spends
// its time"): the app over the corpus database with the response cache off, each workload's
// requests sent through yoga.fetch, 4 in flight, in rounds; process.cpuUsage() around each round.
// Other processes on a shared machine disturb this far less than req/s. Prints min and median per
// workload, in ms of CPU per request.
//
//   npx tsx bench/cpu-per-request.ts [workload keys, default a a' b b2 c] (BENCH_ROUNDS, BENCH_PER_ROUND)
import { encodeGlobalID } from "@pothos/plugin-relay";
import pg from "pg";

import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { fromPostgres } from "../src/db.ts";
import { benchTokens, corpusDatabase } from "./corpus.ts";
import { readParams, type Request, workloads } from "./workloads.ts";

const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 60);
const IN_FLIGHT = 4;

const url = await corpusDatabase(ADMIN, () => {});
const client = new pg.Client({ connectionString: url });
await client.connect();
const tokens = await benchTokens(client);
const params = await readParams(client, tokens, (id) => encodeGlobalID("Paper", id));
await client.end();

const db = fromPostgres(url, IN_FLIGHT);
const app = createApp({
  config: loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    DATA_DIR: "/nonexistent",
    DATABASE_URL: url,
    LIVE_POLL_MS: "0",
    RESPONSE_CACHE_TTL: "0",
  }),
  db,
});

async function send(r: Request): Promise<void> {
  const res = await app.yoga.fetch("http://bench/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
    body: JSON.stringify({ query: r.query, variables: r.variables }),
  });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`errors: ${JSON.stringify(body.errors)}`);
}

const keys = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["a", "a'", "b", "b2", "c"];
const all = workloads(params);
try {
  for (const key of keys) {
    const w = all.find((x) => x.key === key);
    if (!w) throw new Error(`no workload ${key}`);
    let i = 0;
    const perRequest: number[] = [];
    for (let r = -1; r < ROUNDS; r++) {
      const start = process.cpuUsage();
      let sent = 0;
      const worker = async () => {
        while (sent < PER_ROUND) {
          sent++;
          await send(w.ours(i++));
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      const used = process.cpuUsage(start);
      // Round -1 warms up (JIT, caches, connections).
      if (r >= 0) perRequest.push((used.user + used.system) / 1000 / PER_ROUND);
    }
    perRequest.sort((x, y) => x - y);
    const median = perRequest[Math.floor(perRequest.length / 2)]!;
    console.log(`${key}: min ${perRequest[0]!.toFixed(2)} ms, median ${median.toFixed(2)} ms CPU/request`);
  }
} finally {
  await app.stop();
  await db.close();
}
