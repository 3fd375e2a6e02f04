// Production as README "Running in production" describes it: two server processes on one
// PostgreSQL and one Redis. One is sent SIGTERM (a deploy, a scale-down) while subscribers are
// attached and papers keep coming; its subscribers are closed with "going away" (1001), resume
// on the other instance with `after` = the last cursor they received, and end up with every paper,
// in order, once. Needs TEST_DATABASE_URL and Redis (TEST_REDIS_URL, default localhost).
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { SocketCloseCode } from "../src/close-codes.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { type Proc, start, stop, urlOf } from "./helpers/process.ts";
import { type LiveServer, startInstance, until, wsClient } from "./helpers/server.ts";

const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const FEED =
  "subscription Feed($after: String, $filter: PaperIngestedFilter) { " +
  "paperIngested(after: $after, filter: $filter) { cursor paper { title } } }";

interface Delivery {
  paperIngested: { cursor: string; paper: { title: string } };
}

/** A client that follows the feed, as examples/live-feed.ts does: on a close, it resumes after its last cursor. */
class Follower {
  readonly titles: string[] = [];
  cursor: string | undefined;
  closedWith: unknown;
  private dispose: (() => Promise<void>) | undefined;

  constructor(readonly filter: Record<string, string[]> | undefined) {}

  follow(wsUrl: string): void {
    const client = wsClient(wsUrl);
    this.closedWith = undefined;
    client.subscribe<Delivery>(
      { query: FEED, variables: { after: this.cursor, filter: this.filter } },
      {
        next: (r) => {
          if (!r.data) return;
          this.titles.push(r.data.paperIngested.paper.title);
          this.cursor = r.data.paperIngested.cursor;
        },
        error: (e) => (this.closedWith = e),
        complete: () => (this.closedWith = "complete"),
      },
    );
    this.dispose = () => client.dispose() as Promise<void>;
  }

  async close(): Promise<void> {
    await this.dispose?.();
  }
}

async function activeSubscriptions(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^paperboy_active_subscriptions (\d+)/m.exec(text)?.[1] ?? -1);
}

describe.runIf(process.env.TEST_DATABASE_URL)("two instances on PostgreSQL and Redis", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let a: Proc;
  let b: Proc;
  let urlA: string;
  let urlB: string;
  let writer: LiveServer;
  const env = () => ({ REDIS_URL: REDIS, REDIS_PREFIX: `test-prod-${randomBytes(4).toString("hex")}:` });

  beforeAll(async () => {
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
    const shared = { DATABASE_URL: database.url, ...env() };
    a = start("src/server.ts", { NODE_ENV: "production", ...shared, SHUTDOWN_GRACE: "5" });
    b = start("src/server.ts", { NODE_ENV: "production", ...shared });
    [urlA, urlB] = await Promise.all([urlOf(a), urlOf(b)]);
    // Papers come from a third process-like writer (as the ingest CLI or a poller would), publishing through Redis.
    writer = await startInstance(database.url, { REDIS_URL: shared.REDIS_URL, REDIS_PREFIX: shared.REDIS_PREFIX });
  });
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((p) => stop(p)));
    await writer?.close();
    await database?.drop();
  });

  it("SIGTERM on one: its subscribers resume on the other with `after` and lose nothing", async () => {
    const wsA = `${urlA.replace(/^http/, "ws")}/graphql`;
    const wsB = `${urlB.replace(/^http/, "ws")}/graphql`;
    const followers = [new Follower(undefined), new Follower(undefined), new Follower({ keywords: ["even"] })];
    for (const f of followers) f.follow(wsA);
    const deadline = Date.now() + 20_000;
    while ((await activeSubscriptions(urlA)) !== followers.length) {
      if (Date.now() > deadline) throw new Error("subscriptions did not attach on A");
      await new Promise((r) => setTimeout(r, 50));
    }

    const title = (i: number) => `Paper ${i} ${i % 2 === 0 ? "even" : "odd"}`;
    const expectedAll = Array.from({ length: 40 }, (_, i) => title(i + 1));
    const expectedEven = expectedAll.filter((t) => t.endsWith("even"));

    // Papers keep coming, one commit at a time, while A goes away.
    let committed = 0;
    const ingesting = (async () => {
      for (let i = 1; i <= 40; i++) {
        await ingestRecords(writer.app, [syntheticPaper(80_000 + i, { title: title(i) })]);
        committed = i;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();

    await until(() => followers.every((f) => f.titles.length >= 5), "the first papers on A", 20_000);
    a.child.kill("SIGTERM");
    await until(() => followers.every((f) => f.closedWith !== undefined), "A to close its subscribers", 20_000);
    expect(await a.exited).toBe(0);
    for (const f of followers) expect((f.closedWith as { code?: number }).code).toBe(SocketCloseCode.GoingAway);
    // Let papers be committed while they are disconnected: `after` must replay them.
    const atClose = committed;
    await until(() => committed >= atClose + 3, "papers committed during the gap", 20_000);
    expect(committed).toBeLessThan(40);
    for (const f of followers) {
      await f.close();
      f.follow(wsB);
    }

    await ingesting;
    await until(
      () => followers[0]!.titles.length >= 40 && followers[1]!.titles.length >= 40 && followers[2]!.titles.length >= 20,
      "every paper on B",
      20_000,
    );
    await new Promise((r) => setTimeout(r, 300)); // anything extra (a duplicate) would arrive now
    expect(followers[0]!.titles).toEqual(expectedAll);
    expect(followers[1]!.titles).toEqual(expectedAll);
    expect(followers[2]!.titles).toEqual(expectedEven);
    for (const f of followers) await f.close();
  });
});
