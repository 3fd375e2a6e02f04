// npm run bench:fanout — live fan-out on PostgreSQL: N WebSocket subscribers with a mix of filters
// on one server process, then split over two processes sharing Redis; 100 papers ingested; prints
// delivered/expected, duplicates, publish-to-receive latency and server memory per 1,000 subscribers.
//
//   BENCH_DATABASE_URL  a PostgreSQL server database the bench may create databases with
//                       (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_REDIS_URL     default redis://127.0.0.1:6379
//   BENCH_SUBSCRIBERS   default "1000,5000"
//   BENCH_CLIENT_PROCESSES  processes the subscribers are spread over (default 4; their CPU is reported)
//   BENCH_INSTANCES     server instances per scenario (default "1,2"; "1" for quick iterations)
//   BENCH_SERVER_NODE_OPTIONS  NODE_OPTIONS for the servers only (Node refuses --cpu-prof there:
//                       profile with BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof", bench/servers.ts)
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

import { seedDatabase } from "../seed/seed.ts";
import { TOPICS } from "../seed/topics.ts";
import { type Database, fromPostgres } from "../src/db.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import type { PaperRecord } from "../src/ingest/record.ts";
import { ingestEvents } from "../src/live/events.ts";
import { compileFilter, type PaperFacts, type PaperFilterInput } from "../src/live/filter.ts";
import { createRedisPubSub } from "../src/live/pubsub.ts";
import { databaseUrl, sql } from "./corpus.ts";
import { CATEGORIES, filterFor, KEYWORDS, now } from "./fanout-clients.ts";
import { cpuMsOf } from "./process-cpu.ts";
import { percentile, printTable, type Row } from "./report.ts";
import { type BenchServer, startPaperboy } from "./servers.ts";

const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const COUNTS = (process.env.BENCH_SUBSCRIBERS ?? "1000,5000").split(",").map(Number);
const PAPERS = 100;
/** Client processes the subscribers are spread over (bench/fanout-clients.ts). */
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
const INSTANCES = (process.env.BENCH_INSTANCES ?? "1,2").split(",").map(Number);
const SERVER_NODE_OPTIONS = process.env.BENCH_SERVER_NODE_OPTIONS;

interface Clients {
  filters: PaperFilterInput[];
  delivered(): number;
  /** Stops the clients; their deliveries, duplicates and CPU time. */
  report(): Promise<{ deliveries: [number, string, number][]; duplicates: number; cpuMs: number[] }>;
}

/** `n` subscribers spread over the servers and over CLIENT_PROCESSES processes; resolves once all are subscribed. */
async function connectSubscribers(n: number, servers: BenchServer[]): Promise<Clients> {
  const file = fileURLToPath(new URL("./fanout-clients.ts", import.meta.url));
  const children = Array.from({ length: CLIENT_PROCESSES }, () => fork(file, [], { execArgv: ["--import", "tsx"] }));
  const delivered = children.map(() => 0);
  children.forEach((c, i) => c.on("message", (m: { delivered?: number }) => m.delivered !== undefined && (delivered[i] = m.delivered)));
  const ready = children.map((c) => new Promise((r) => c.on("message", (m: { ready?: boolean }) => m.ready && r(undefined))));
  children.forEach((c, i) => {
    const subscribers: [number, string][] = [];
    for (let k = i; k < n; k += children.length) subscribers.push([k, servers[k % servers.length]!.graphqlUrl.replace("http", "ws")]);
    c.send({ subscribers });
  });
  await Promise.all(ready);
  return {
    filters: Array.from({ length: n }, (_, k) => filterFor(k)),
    delivered: () => delivered.reduce((a, b) => a + b, 0),
    async report() {
      type Report = { deliveries: [number, string, number][]; duplicates: number; cpuMs: number };
      const answers = await Promise.all(
        children.map(
          (c) =>
            new Promise<Report>((r) => {
              c.on("message", (m: Partial<Report>) => m.deliveries && r(m as Report));
              c.send("report");
            }),
        ),
      );
      return {
        deliveries: answers.flatMap((a) => a.deliveries),
        duplicates: answers.reduce((a, b) => a + b.duplicates, 0),
        cpuMs: answers.map((a) => a.cpuMs),
      };
    },
  };
}

function benchPapers(run: string): PaperRecord[] {
  return Array.from({ length: PAPERS }, (_, i) => ({
    title: `Fan-out ${run} paper ${i} on ${KEYWORDS[i % KEYWORDS.length]} models`,
    abstract: `A study of ${KEYWORDS[(i * 3) % KEYWORDS.length]} methods for ${TOPICS[i % TOPICS.length]!.keywords[0]}.`,
    authors: [{ name: `Bench Author ${i}` }],
    categories: [CATEGORIES[i % CATEGORIES.length]!],
    listedOn: "2026-11-26",
  }));
}

async function scenario(label: string, n: number, instances: number, databaseUrl: string): Promise<Row> {
  const prefix = `bench-${randomBytes(4).toString("hex")}:`;
  const env = {
    LOG_LEVEL: "silent",
    WS_MAX_CONNECTIONS_PER_IP: "100000",
    ...(instances > 1 ? { REDIS_URL: REDIS, REDIS_PREFIX: prefix } : {}),
    ...(SERVER_NODE_OPTIONS ? { NODE_OPTIONS: SERVER_NODE_OPTIONS } : {}),
  };
  const servers: BenchServer[] = [];
  for (let i = 0; i < instances; i++) servers.push(await startPaperboy(`instance ${i + 1}`, databaseUrl, env));
  // Memory: idle servers that have answered a query, against the highest of samples taken while
  // subscribers connect and papers are delivered (single readings swing with garbage collection).
  for (const s of servers) await fetch(`${s.graphqlUrl}?query=${encodeURIComponent("{ __typename }")}`);
  await new Promise((r) => setTimeout(r, 1_000));
  const rssIdle = servers.map((s) => s.memory().rssMb);
  const rssPeak = [...rssIdle];
  const sampler = setInterval(() => servers.forEach((s, i) => (rssPeak[i] = Math.max(rssPeak[i]!, s.memory().rssMb))), 100);

  const sentAt = new Map<string, number>();
  const clients = await connectSubscribers(n, servers);
  await new Promise((r) => setTimeout(r, 1_000));

  const db = fromPostgres(databaseUrl, 2);
  const redis = instances > 1 ? createRedisPubSub(REDIS, prefix) : undefined;
  const papers = benchPapers(`${label.replace(/\W+/g, "-")}-${n}`);
  const cpuBefore = servers.map((s) => cpuMsOf(s.pid));
  await trickle(db, papers, redis, (title) => sentAt.set(title, now()));
  const publishSpanMs = Math.max(...sentAt.values()) - Math.min(...sentAt.values());
  const total = await expectedDeliveries(db, papers, clients.filters);
  const deadline = Date.now() + 60_000;
  while (clients.delivered() < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(sampler);
  const serverCpuMs = servers.reduce((sum, s, i) => sum + cpuMsOf(s.pid) - cpuBefore[i]!, 0);

  const { deliveries, duplicates, cpuMs } = await clients.report();
  const delivered = () => deliveries.length - duplicates;
  const latencies = deliveries.map(([, title, at]) => at - (sentAt.get(title) ?? at));
  await redis?.close();
  await db.close();
  for (const s of servers) await s.stop();
  const rssPerK = rssPeak.reduce((a, r, i) => a + (r - rssIdle[i]!), 0) / (n / 1000);
  return {
    scenario: label,
    subscribers: n,
    "delivered/expected": `${delivered()}/${total} (${((100 * delivered()) / Math.max(total, 1)).toFixed(1)}%)`,
    duplicates,
    "latency p50 ms": percentile(latencies, 50).toFixed(1),
    "latency p99 ms": percentile(latencies, 99).toFixed(1),
    // How fast the papers came: from the first commit to the last (the server's CPU per paper must fit in it).
    "publish span s": (publishSpanMs / 1000).toFixed(1),
    // From the first commit until every delivery arrived, all instances together, per paper published.
    "server CPU ms per paper": (serverCpuMs / PAPERS).toFixed(0),
    "server RSS MB idle → peak": servers.map((_, i) => `${rssIdle[i]!.toFixed(0)} → ${rssPeak[i]!.toFixed(0)}`).join(", "),
    "server RSS MB per 1k subscribers": rssPerK.toFixed(1),
    // CPU seconds each client process spent from connecting to the end: far from a core each, they kept up.
    "client CPU s (per process)": cpuMs.map((ms) => (ms / 1000).toFixed(1)).join(", "),
  };
}

/**
 * Ingests as the CLI does: write, then wake every instance (NOTIFY; and Redis when there is one).
 * One paper per commit, as papers trickle in; latency runs from the commit to each client.
 */
async function trickle(
  db: Database,
  papers: PaperRecord[],
  redis: ReturnType<typeof createRedisPubSub> | undefined,
  committed: (title: string) => void,
): Promise<void> {
  const { notify } = await import("../src/live/pg-notify.ts");
  async function* items() {
    for (const [i, record] of papers.entries()) yield { location: `bench:${i}`, record };
  }
  let next = 0;
  await ingest(db, { items }, { source: "bench:fanout", chunkSize: 1 }, async (change) => {
    for (const _ of change.created) committed(papers[next++]!.title);
    const events = ingestEvents(change);
    if (redis) for (const e of events) redis.pubsub.publish(e.kind, e.payload as never);
    else await notify(db, "bench", events);
  });
}

/** What all subscribers together should get, from the facts the server filters on. */
async function expectedDeliveries(db: Database, papers: PaperRecord[], filters: PaperFilterInput[]): Promise<number> {
  const facts = await db.prisma.$queryRaw<PaperFacts[]>`
    SELECT p.id, p.ingest_seq AS seq, p.title, p.abstract, p.categories,
      coalesce((SELECT array_agg(t.slug) FROM paper_topic pt JOIN topic t ON t.id = pt.topic_id WHERE pt.paper_id = p.id), '{}')
        AS topics,
      coalesce((SELECT array_agg(a.key) FROM paper_author pa JOIN author a ON a.id = pa.author_id WHERE pa.paper_id = p.id), '{}')
        AS authors
    FROM paper p WHERE p.title = ANY(${papers.map((p) => p.title)})`;
  return filters.reduce((sum, f) => sum + facts.filter(compileFilter(f)).length, 0);
}

async function main(): Promise<void> {
  const name = `paperboy_bench_fanout_${randomBytes(4).toString("hex")}`;
  await sql(ADMIN, `CREATE DATABASE ${name}`);
  try {
    const db = fromPostgres(databaseUrl(ADMIN, name), 2);
    await migrateToLatest(db);
    await seedDatabase(db, { demoUsers: false });
    await db.close();
    const rows: Row[] = [];
    for (const n of COUNTS) {
      for (const i of INSTANCES)
        rows.push(await scenario(i === 1 ? "1 instance" : `${i} instances + Redis`, n, i, databaseUrl(ADMIN, name)));
    }
    printTable("Live fan-out (bench:fanout)", rows);
  } finally {
    await sql(ADMIN, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
