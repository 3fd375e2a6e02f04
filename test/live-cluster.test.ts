// Several instances on one PostgreSQL: papers ingested anywhere reach subscribers everywhere —
// through Redis when configured, through PostgreSQL NOTIFY without it, and again after Redis
// restarts. Needs TEST_DATABASE_URL (PostgreSQL) and Redis (TEST_REDIS_URL, default localhost).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";

import { fromPostgres } from "../src/db.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { ingestEvents } from "../src/live/events.ts";
import { notify } from "../src/live/pg-notify.ts";
import { graphql } from "./gql/index.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { gql, start as startProcess, stop, urlOf } from "./helpers/process.ts";
import { type LiveServer, startInstance, until, watchIngested } from "./helpers/server.ts";

const Titles = graphql(`
  subscription Titles($after: String) {
    paperIngested(after: $after) {
      cursor
      paper {
        title
      }
    }
  }
`);

const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe.runIf(process.env.TEST_DATABASE_URL)("several instances", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  const servers: LiveServer[] = [];
  let n = 0;
  const paper = (title: string) => syntheticPaper(40_000 + n++, { title });

  beforeAll(async () => {
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const start = async (env: Record<string, string>) => {
    const s = await startInstance(database.url, env);
    servers.push(s);
    return s;
  };

  it("two server processes on one PostgreSQL and one Redis: subscribe on A, submit through B's API, received on A", async () => {
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS,
      REDIS_PREFIX: `test-${randomBytes(4).toString("hex")}:`,
      LIVE_POLL_MS: "0",
    };
    const a = startProcess("src/server.ts", env);
    const b = startProcess("src/server.ts", env);
    try {
      const [urlA, urlB] = await Promise.all([urlOf(a), urlOf(b)]);
      // Subscribing from the latest cursor: whenever A registers the subscription, nothing after it is missed.
      const latest = await gql<{ papers: { edges: { cursor: string }[] } }>(urlA, `{ papers(first: 1) { edges { cursor } } }`);
      const onA = watchIngested(`${urlA.replace("http", "ws")}/graphql`, Titles, { after: data(latest).papers.edges[0]!.cursor });

      const login = await gql<{ logIn: { token?: string } }>(
        urlB,
        `mutation { logIn(emailOrHandle: "reader", password: "paperboy-reader") { ... on AuthPayload { token } } }`,
      );
      const token = data(login).logIn.token!;
      const submitted = await gql(
        urlB,
        `mutation($input: SubmitPaperInput!) { submitPaper(input: $input) { __typename ... on SubmitPaperPayload { duplicate } } }`,
        {
          input: {
            arxivId: "2611.04242",
            title: "Submitted on B, seen on A",
            abstract: "Two processes, one Redis.",
            authors: ["Ada Lovelace"],
          },
        },
        token,
      );
      expect(submitted.data).toEqual({ submitPaper: { __typename: "SubmitPaperPayload", duplicate: false } });
      await onA.got.waitFor(1);
      expect(onA.titles()).toEqual(["Submitted on B, seen on A"]);
      await onA.close();
    } finally {
      expect(await stop(a)).toBe(0);
      expect(await stop(b)).toBe(0);
    }
  });

  it("through Redis: subscribe on A, ingest through B, received on A (and on B)", async () => {
    const env = { REDIS_URL: REDIS, REDIS_PREFIX: `test-${randomBytes(4).toString("hex")}:` };
    const [a, b] = [await start(env), await start(env)];
    const onA = watchIngested(a.wsUrl, Titles);
    const onB = watchIngested(b.wsUrl, Titles);
    await until(() => a.app.activeSubscriptions() === 1 && b.app.activeSubscriptions() === 1, "subscriptions");
    await ingestRecords(b.app, [paper("Via Redis")]);
    await onA.got.waitFor(1);
    await onB.got.waitFor(1);
    expect(onA.titles()).toEqual(["Via Redis"]);
    expect(onB.titles()).toEqual(["Via Redis"]);
    await onA.close();
    await onB.close();
  });

  it("without Redis, through PostgreSQL NOTIFY: instances and a non-server process reach each other", async () => {
    const [a, b] = [await start({}), await start({})];
    const onA = watchIngested(a.wsUrl, Titles);
    await until(() => a.app.activeSubscriptions() === 1, "subscription");
    await ingestRecords(b.app, [paper("Via NOTIFY from an instance")]);
    await onA.got.waitFor(1);

    // A process with no server (as the ingest CLI is) writes and notifies.
    const cli = fromPostgres(database.url, 2);
    try {
      async function* one() {
        yield { location: "cli:1", record: paper("Via NOTIFY from a CLI") };
      }
      await ingest(cli, { items: one }, { source: "cli:test" }, (change) => notify(cli, "cli-process", ingestEvents(change)));
    } finally {
      await cli.close();
    }
    await onA.got.waitFor(2);
    expect(onA.titles()).toEqual(["Via NOTIFY from an instance", "Via NOTIFY from a CLI"]);
    await onA.close();
  });

  describe("when Redis restarts", () => {
    let redis: ChildProcess | undefined;
    let port: number;
    const startRedis = async () => {
      redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: "ignore",
      });
      const { Redis } = await import("ioredis");
      const deadline = Date.now() + 10_000;
      for (;;) {
        const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on("error", () => undefined);
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch {
          if (Date.now() > deadline) throw new Error("redis-server did not start");
          await new Promise((r) => setTimeout(r, 100));
        } finally {
          probe.disconnect();
        }
      }
    };
    /** /ready reports Redis: wait until an instance's clients have reconnected. */
    const readyAgain = async (s: LiveServer) => {
      await expect
        .poll(async () => (await fetch(s.httpUrl.replace(/graphql$/, "ready"))).status, {
          message: "the instance reconnects to Redis",
          timeout: 15_000,
          interval: 100,
        })
        .toBe(200);
    };
    const stopRedis = async () => {
      const r = redis!;
      const exited = new Promise((resolve) => r.once("exit", resolve));
      r.kill("SIGKILL");
      await exited;
    };
    beforeAll(async () => {
      port = await freePort();
      await startRedis();
    });
    afterAll(async () => {
      if (redis && redis.exitCode === null) await stopRedis();
    });

    it("keeps delivering on both instances, and `after` recovers what was published while it was down", async () => {
      const env = { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: "restart:" };
      const [a, b] = [await start(env), await start(env)];
      const onA = watchIngested(a.wsUrl, Titles);
      const onB = watchIngested(b.wsUrl, Titles);
      await until(() => a.app.activeSubscriptions() === 1 && b.app.activeSubscriptions() === 1, "subscriptions");
      await ingestRecords(b.app, [paper("Before the restart")]);
      await onA.got.waitFor(1);
      await onB.got.waitFor(1);
      const lastCursor = onA.got.items[0]!.paperIngested.cursor;

      await stopRedis();
      await ingestRecords(b.app, [paper("While Redis was down")]);
      expect((await fetch(a.httpUrl.replace(/graphql$/, "ready"))).status).toBe(503);
      await startRedis();
      await readyAgain(a);
      await readyAgain(b);
      await ingestRecords(b.app, [paper("After the restart")]);
      await until(
        () => onA.titles().includes("After the restart") && onB.titles().includes("After the restart"),
        "the next event on both instances",
      );

      // A client resuming from before the outage gets everything, in order, nothing twice.
      const resumed = watchIngested(a.wsUrl, Titles, { after: lastCursor });
      await resumed.got.waitFor(2);
      expect(resumed.titles()).toEqual(["While Redis was down", "After the restart"]);
      for (const w of [onA, onB, resumed]) await w.close();
    });
  });
});
