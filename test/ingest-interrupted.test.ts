// Ingest runs whose process died: counts recorded as each chunk commits, a heartbeat while the run
// lives, INTERRUPTED (what it committed kept) once the heartbeat lapses, found by any process; a
// run alive on another instance never touched; and the CLI's one line when the server it handed
// its work to dies mid-run. The processes that die are real, killed with SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";

import { PGlite } from "@electric-sql/pglite";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { describe, expect, inject, it, vi } from "vitest";

import { type Database, fromPGlite, fromPostgres } from "../src/db.ts";
import { pgdataPath } from "../src/db/data-dir.ts";
import { ingestFile } from "../src/ingest/file-run.ts";
import { textFile } from "../src/ingest/input.ts";
import { ingest, type ItemSource } from "../src/ingest/pipeline.ts";
import type { ParsedItem } from "../src/ingest/record.ts";
import { startRunSweeper } from "../src/ingest/runs.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, seededDataDir, type TestApp, testAppOver } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { jsonl } from "./helpers/ingest.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { type Proc, ROOT, start, stop, urlOf } from "./helpers/process.ts";
import { Collector, wsClient } from "./helpers/server.ts";
import { demoUser } from "./helpers/users.ts";

const InterruptedRuns = graphql(`
  query InterruptedRuns($status: IngestStatus!) {
    ingestRuns(first: 20, filter: { status: $status }) {
      edges {
        node {
          id
          source
          status
          created
          updated
          unchanged
          rejected
          finishedAt
          failure
        }
      }
    }
  }
`);

const IngestOne = graphql(`
  mutation IngestAfterCrash($input: IngestPapersInput!) {
    ingestPapers(input: $input) {
      __typename
      ... on IngestPapersPayload {
        run {
          status
          created
        }
      }
    }
  }
`);

const NewPapers = graphql(`
  subscription InterruptedNewPapers {
    paperIngested {
      paper {
        title
      }
    }
  }
`);

/** `n` papers as JSON Lines, in the 60k corpus's shape, titled `prefix N`. */
function corpusLines(n: number, prefix: string, month = "2511"): string {
  return jsonl(
    ...Array.from({ length: n }, (_, i) => ({
      date: "2025-11-03",
      id: `${month}.${String(i + 1).padStart(5, "0")}`,
      title: `${prefix} ${i + 1}`,
      summary: `An abstract about heartbeats number ${i + 1}.`,
      authors: [`Author ${i % 37}`, "Grace Hopper"],
      categories: ["cs.DC"],
    })),
  );
}

/** Generous: several engineers' tests share this machine's two cores. */
const STARTUP_MS = 240_000;
const PROCESS_TEST_MS = 400_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const value = await vi.waitUntil(probe, { timeout: timeoutMs, interval: 100 }).catch(() => undefined);
  if (value === undefined) throw new Error(`timed out waiting for ${what}`);
  return value;
}

const lastRun = (db: Database, source: string) => db.prisma.ingestRun.findFirst({ where: { source }, orderBy: { id: "desc" } });

/** True once the run's heartbeat is older than three of its periods, on the database's clock. */
async function heartbeatLapsed(db: Database, id: number): Promise<true | undefined> {
  const [row] = await db.prisma.$queryRaw<{ lapsed: boolean }[]>`
    SELECT heartbeat_at < now() - heartbeat_ms * 3 * interval '1 millisecond' AS lapsed FROM ingest_run WHERE id = ${id}`;
  return row?.lapsed ? true : undefined;
}

/** The ingest CLI as a real process reading standard input, which the test writes and holds open. */
function ingestCli(env: Record<string, string>): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  // node itself, not the tsx wrapper: SIGKILL must reach the process that ingests.
  const child = spawn(process.execPath, ["--import", "tsx", "src/ingest/cli.ts", "-", "--format", "jsonl"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

describe.runIf(ENGINES.includes("postgres"))("an ingest process killed on PostgreSQL", () => {
  it(
    "leaves a run that counts its committed chunk; " +
      "a server sweeping the database leaves it alone while it beats and marks it INTERRUPTED once it stops",
    async () => {
      const database = await createDatabase(inject("postgresTemplate") ?? undefined);
      const db = fromPostgres(database.url, 2);
      const cli = ingestCli({ DATABASE_URL: database.url, INGEST_HEARTBEAT: "0.5" });
      let server: Proc | undefined;
      try {
        // 600 records: the first chunk of 500 commits, the rest waits for input that never comes.
        cli.child.stdin!.write(corpusLines(600, "Killed CLI paper"));
        const committed = await eventually(
          async () => {
            const run = await lastRun(db, "cli:stdin");
            return run && run.created > 0 ? run : undefined;
          },
          "the first chunk's counts on the CLI's run",
          180_000,
        );
        expect(committed).toMatchObject({ status: "RUNNING", created: 500, updated: 0, unchanged: 0, rejected: 0, finishedAt: null });
        expect(await db.prisma.paper.count({ where: { title: { startsWith: "Killed CLI paper" } } })).toBe(500);

        // Another instance, a real server: it sweeps at start and every 0.5 s, for longer than three
        // missed heartbeats (1.5 s), while the CLI lives but commits nothing.
        server = start("src/server.ts", { DATABASE_URL: database.url, INGEST_HEARTBEAT: "0.5" });
        await urlOf(server, STARTUP_MS);
        await sleep(4_000);
        const alive = await db.prisma.ingestRun.findUniqueOrThrow({ where: { id: committed.id } });
        expect(alive.status).toBe("RUNNING");
        expect(alive.heartbeatAt.getTime()).toBeGreaterThan(committed.heartbeatAt.getTime());

        cli.child.kill("SIGKILL");
        await cli.done;
        const said =
          `ingest run ${committed.id} (cli:stdin) INTERRUPTED: its process stopped; ` +
          "it had committed 500 created, 0 updated, 0 unchanged, 0 rejected";
        await eventually(async () => (server!.stdout.includes(said) ? true : undefined), "the server to mark the run INTERRUPTED", 30_000);
        const interrupted = await db.prisma.ingestRun.findUniqueOrThrow({ where: { id: committed.id } });
        expect(interrupted).toMatchObject({ status: "INTERRUPTED", created: 500, updated: 0, unchanged: 0, rejected: 0 });
        expect(interrupted.finishedAt).toBeInstanceOf(Date);
        expect(interrupted.failure).toMatch(
          /^its process stopped before the run finished \(no heartbeat since .+ UTC\); the counts are what it had committed$/,
        );
      } finally {
        if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
        if (server) await stop(server);
        await db.close();
        await database.drop();
      }
    },
    PROCESS_TEST_MS,
  );
});

describe("a server killed mid-run on the embedded database", () => {
  it(
    "makes the CLI that handed it the work say so in one line; " +
      "the run counts the committed chunk, and the next app's ingest marks it INTERRUPTED",
    async () => {
      const dataDir = await seededDataDir("paperboy-interrupted-");
      const server = start("src/server.ts", { DATA_DIR: dataDir, INGEST_HEARTBEAT: "0.5" });
      let cli: ReturnType<typeof ingestCli> | undefined;
      let app: TestApp | undefined;
      try {
        const url = await urlOf(server, STARTUP_MS);
        const ws = wsClient(`${url.replace("http", "ws")}/graphql`);
        const got = new Collector<{ paperIngested: { paper: { title: string } } }>();
        ws.subscribe({ query: print(NewPapers) }, { next: (r) => got.push(r.data as never), error: got.fail, complete: () => undefined });

        cli = ingestCli({ DATA_DIR: dataDir });
        cli.child.stdin!.write(corpusLines(600, "Killed server paper"));
        // A paper is announced only once its chunk has committed.
        await got.waitFor(1, 180_000);
        server.child.kill("SIGKILL");
        await server.exited;
        await ws.dispose();

        const done = await cli.done;
        expect(done.code).toBe(1);
        expect(done.stdout).toContain(`into the server at ${url}`);
        const lines = done.stderr.trimEnd().split("\n");
        expect(lines).toHaveLength(1);
        const said = new RegExp(
          String.raw`^stdin: lost the server at (\S+) in the middle of the run \((.+); was it stopped or killed\?\); ` +
            String.raw`as far as known, run (\d+) had committed (.+); the next server start or ingest marks it INTERRUPTED$`,
        ).exec(lines[0]!);
        expect(said, done.stderr).not.toBeNull();
        expect(said![1]).toBe(url);
        expect(said![2]).toMatch(/^connection lost: /);
        expect(said![4]).toBe("500 created, 0 updated, 0 unchanged, 0 rejected");
        const runId = Number(said![3]);

        // The server is dead: its folder can be opened here.
        const db = await fromPGlite(await PGlite.create(pgdataPath(dataDir)));
        app = testAppOver(db, { INGEST_HEARTBEAT: "0.5" });
        expect(await db.prisma.ingestRun.findUnique({ where: { id: runId } })).toMatchObject({
          status: "RUNNING",
          created: 500,
          updated: 0,
          unchanged: 0,
          rejected: 0,
          finishedAt: null,
        });
        expect(await db.prisma.paper.count({ where: { title: { startsWith: "Killed server paper" } } })).toBe(500);

        await eventually(() => heartbeatLapsed(db, runId), "three missed heartbeats", 10_000);
        const curator = await demoUser(app, "curator");
        const after = await app.run(
          IngestOne,
          { input: { records: [{ title: "A paper after the crash", arxivId: "2512.00001" }] } },
          { token: curator.token },
        );
        expect(after.data?.ingestPapers).toMatchObject({ __typename: "IngestPapersPayload", run: { status: "SUCCEEDED", created: 1 } });

        const runs = await app.run(InterruptedRuns, { status: "INTERRUPTED" }, { token: curator.token });
        expect(runs.errors).toBeUndefined();
        expect(data(runs).ingestRuns.edges.map((e) => e.node)).toEqual([
          {
            id: encodeGlobalID("IngestRun", runId),
            source: "cli:stdin",
            status: "INTERRUPTED",
            created: 500,
            updated: 0,
            unchanged: 0,
            rejected: 0,
            finishedAt: expect.any(String),
            failure: expect.stringContaining("its process stopped before the run finished"),
          },
        ]);
      } finally {
        if (cli && cli.child.exitCode === null) cli.child.kill("SIGKILL");
        if (server.child.exitCode === null) server.child.kill("SIGKILL");
        await app?.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    PROCESS_TEST_MS,
  );
});

describe.each(ENGINES)("ingest runs on %s", (engine) => {
  const aliveCase =
    "a run alive on another instance stays RUNNING through every sweep; " +
    "runs whose process died are INTERRUPTED at start, periodically and when an ingest starts";
  it(
    aliveCase,
    async () => {
      const a = await createTestApp(engine, { INGEST_HEARTBEAT: "0.5" });
      // Another instance on the same database: its own connection pool on PostgreSQL. PGlite allows
      // one process per database, so there the other instance shares it.
      const url =
        engine === "postgres" ? (a.db.pool as unknown as { options: { connectionString: string } }).options.connectionString : undefined;
      const other: Database = url ? fromPostgres(url, 2) : a.db;
      const log: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let running: Promise<unknown> | undefined;
      try {
        // A's run: two chunks of two commit, then its input stalls (a slow upload, a slow source).
        const paper = (i: number): ParsedItem => ({
          location: `alive:${i}`,
          record: { arxivId: `2512.1000${i}`, title: `Alive paper ${i}`, abstract: "", authors: [], categories: [] },
        });
        const source: ItemSource = {
          async *items() {
            for (const i of [1, 2, 3, 4]) yield paper(i);
            await gate;
            yield paper(5);
          },
        };
        running = ingest(a.db, source, { source: "test:alive", chunkSize: 2, heartbeatMs: a.config.ingestHeartbeatMs }, a.onIngestCommit);
        const alive = await eventually(
          async () => {
            const run = await lastRun(a.db, "test:alive");
            return run && run.created === 4 ? run : undefined;
          },
          "both committed chunks counted on the run",
          20_000,
        );
        expect(alive).toMatchObject({ status: "RUNNING", created: 4, finishedAt: null });

        // Runs whose process died a minute ago: one before the other instance starts, one while it serves.
        const dead = (source: string) =>
          other.prisma.ingestRun.create({
            data: { source, created: 7, unchanged: 2, heartbeatMs: 500, heartbeatAt: new Date(Date.now() - 60_000) },
            select: { id: true },
          });
        const beforeStart = await dead("test:dead-before-start");
        const sweeper = await startRunSweeper(other, 500, (line) => log.push(line));
        try {
          expect(await other.prisma.ingestRun.findUniqueOrThrow({ where: { id: beforeStart.id } })).toMatchObject({
            status: "INTERRUPTED",
            created: 7,
            unchanged: 2,
          });
          const whileServing = await dead("test:dead-while-serving");
          await eventually(
            async () =>
              (await other.prisma.ingestRun.findUniqueOrThrow({ where: { id: whileServing.id } })).status === "INTERRUPTED"
                ? true
                : undefined,
            "the periodic sweep",
            10_000,
          );
          // Sweeps every 0.5 s for well over three heartbeat periods (1.5 s) since A's last commit.
          await sleep(4_000);
        } finally {
          await sweeper.stop();
        }
        expect(log).toEqual([
          `ingest run ${beforeStart.id} (test:dead-before-start) INTERRUPTED: its process stopped; ` +
            "it had committed 7 created, 0 updated, 2 unchanged, 0 rejected",
          expect.stringMatching(/^ingest run \d+ \(test:dead-while-serving\) INTERRUPTED/),
        ]);
        const stillAlive = await a.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: alive.id } });
        expect(stillAlive.status).toBe("RUNNING");
        expect(stillAlive.heartbeatAt.getTime()).toBeGreaterThan(alive.heartbeatAt.getTime());

        // The other instance starts an ingest: it first closes runs whose process died, never A's.
        const beforeIngest = await dead("test:dead-before-ingest");
        const theirs = await ingestFile(other, textFile("other.jsonl", corpusLines(3, "Other instance paper", "2512")), {
          source: "test:other",
        });
        expect(theirs).toMatchObject({ status: "SUCCEEDED", created: 3 });
        expect(await other.prisma.ingestRun.findUniqueOrThrow({ where: { id: beforeIngest.id } })).toMatchObject({
          status: "INTERRUPTED",
          created: 7,
        });
        expect((await a.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe("RUNNING");

        const curator = await demoUser(a, "curator");
        const interrupted = await a.run(InterruptedRuns, { status: "INTERRUPTED" }, { token: curator.token });
        expect(
          data(interrupted).ingestRuns.edges.map((e) => [e.node.source, e.node.status, e.node.created, e.node.finishedAt !== null]),
        ).toEqual([
          ["test:dead-before-ingest", "INTERRUPTED", 7, true],
          ["test:dead-while-serving", "INTERRUPTED", 7, true],
          ["test:dead-before-start", "INTERRUPTED", 7, true],
        ]);

        release();
        expect(await running).toMatchObject({ status: "SUCCEEDED", created: 5 });
        expect(await a.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: alive.id } })).toMatchObject({
          status: "SUCCEEDED",
          created: 5,
        });
      } finally {
        release();
        await running?.catch(() => undefined);
        if (other !== a.db) await other.close();
        await a.close();
      }
    },
    120_000,
  );
});
