// What a client sees when the server cannot answer: a query stuck behind the database is stopped
// after EXECUTION_TIMEOUT with an error saying so; an unexpected fault is "Unexpected error." with
// no message, stack or database detail outside development; the client's own mistakes carry a code.
import { useOnResolve } from "@envelop/on-resolve";
import type { Plugin } from "graphql-yoga";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { type LiveServer, startLiveServer, until, wsClient } from "./helpers/server.ts";

// One instance for the file: it wraps the (shared) schema's resolvers once.
let titlesResolved = 0;
const countTitles = useOnResolve(({ info }) => {
  if (info.parentType.name === "Paper" && info.fieldName === "title") titlesResolved += 1;
}) as Plugin;

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post(
  app: { yoga: TestApp["yoga"] },
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; text: string; body: Body }> {
  const res = await app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

/** Holds the database busy (PGlite: an open transaction; PostgreSQL: a lock on paper) until released. */
async function holdDatabase(app: TestApp): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  if (app.db.pglite) {
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const done = app.db.pglite.transaction(async (tx) => {
      await tx.query("SELECT 1");
      held();
      await released;
    });
    await holding;
    return async () => {
      release();
      await done;
    };
  }
  const client = new pg.Client({
    connectionString: (app.db.pool as unknown as { options: { connectionString: string } }).options.connectionString,
  });
  await client.connect();
  await client.query("BEGIN; LOCK TABLE paper IN ACCESS EXCLUSIVE MODE");
  return async () => {
    await client.query("COMMIT");
    await client.end();
  };
}

describe.each(ENGINES)("execution timeout on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine, { EXECUTION_TIMEOUT: "0.5" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("stops a query that waits longer than EXECUTION_TIMEOUT and says so", async () => {
    const release = await holdDatabase(app);
    try {
      const started = Date.now();
      const { body } = await post(app, `{ dailyPapers(date: "2025-08-08", first: 5) { edges { node { title } } } }`);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.errors?.[0]).toMatchObject({
        message: "The query ran longer than 0.5 s (EXECUTION_TIMEOUT) and was stopped. Ask for fewer items or fields.",
        extensions: { code: "EXECUTION_TIMEOUT" },
      });
    } finally {
      await release();
    }
    // The server is fine afterwards.
    const { body } = await post(app, `{ dailyPapers(date: "2025-08-08", first: 5) { edges { node { title } } } }`);
    expect(body.errors).toBeUndefined();
  });
});

describe.each(ENGINES)("a client that disconnects, on %s", (engine) => {
  let live: LiveServer;
  // The signal each execution got (set by the execution-timeout plugin, which runs before these).
  const signals: (AbortSignal | undefined)[] = [];
  beforeAll(async () => {
    const watch: Plugin = { onExecute: ({ args }) => void signals.push((args as { signal?: AbortSignal }).signal) };
    // A long timeout: only the client's leaving may stop the query here.
    live = await startLiveServer(engine, { RESPONSE_CACHE_TTL: "0", EXECUTION_TIMEOUT: "100" }, [watch, countTitles]);
  });
  afterAll(async () => {
    await live?.close();
  });

  const QUERY = JSON.stringify({ query: `{ dailyPapers(date: "2025-08-08", first: 5) { edges { node { title } } } }` });
  const send = (signal?: AbortSignal) =>
    fetch(live.httpUrl, { method: "POST", headers: { "content-type": "application/json" }, body: QUERY, signal });

  it("stops its query: no resolver runs for it once the database answers", async () => {
    const release = await holdDatabase(live.app);
    const client = new AbortController();
    let waiting: Promise<unknown> | undefined;
    try {
      const left = send(client.signal).catch((e: Error) => e.name);
      await until(() => signals.length === 1, "the query to start");
      client.abort();
      expect(await left).toBe("AbortError");
      await until(() => signals[0]?.aborted === true, "the server to see the client leave");
      // Queued behind the first one: once it is answered, the first one's database work is done too.
      titlesResolved = 0;
      waiting = send().then((r) => r.json());
    } finally {
      await release();
    }
    const answer = (await waiting) as { data: { dailyPapers: { edges: unknown[] } } };
    expect(answer.data.dailyPapers.edges).toHaveLength(5);
    // Only the second query's five titles: the first one's were never resolved.
    expect(titlesResolved).toBe(5);
  });
});

describe("error masking", () => {
  // A real fault the client cannot cause or fix: a table has gone missing under the server.
  async function brokenApp(env: Record<string, string>): Promise<TestApp> {
    const app = await createTestApp("pglite", env);
    await app.db.pglite!.exec("ALTER TABLE author RENAME TO author_gone");
    return app;
  }
  // Names as written are read from paper_author; the Author behind each one from the missing table.
  const QUERY = `{ dailyPapers(date: "2025-08-08", first: 3) { edges { node { title authors { name author { name } } } } } }`;

  it("in production, an unexpected fault is 'Unexpected error.' with no detail and no stack", async () => {
    const app = await brokenApp({ NODE_ENV: "production" });
    try {
      const { text, body } = await post(app, QUERY);
      expect(body.errors?.map((e) => e.message)).toEqual(["Unexpected error."]);
      expect(body.errors?.[0]?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
      expect(text).not.toMatch(/stack|author_gone|author|prisma|\.ts:|node_modules/i);
    } finally {
      await app.close();
    }
  });

  it("in development, the original message and stack are shown to help debugging", async () => {
    const app = await brokenApp({ NODE_ENV: "development" });
    try {
      const { body } = await post(app, QUERY);
      expect(body.errors?.[0]?.message).toBe("Unexpected error.");
      const original = body.errors?.[0]?.extensions?.originalError as { message: string; stack: string[] | string };
      expect(original.message).toMatch(/author/);
      expect(String(original.stack)).toMatch(/at /);
    } finally {
      await app.close();
    }
  });

  it("arguments a connection cannot take together are the client's mistake: BAD_USER_INPUT, over HTTP and WebSocket", async () => {
    const live = await startLiveServer("pglite", { NODE_ENV: "production" });
    const ws = wsClient(live.wsUrl);
    try {
      // Real cursors of each list, so that only the combination is wrong.
      const cursorOf = async (list: string) => {
        const { body } = await post(live.app, `{ ${list}(first: 1) { edges { cursor } } }`);
        return (body.data as Record<string, { edges: { cursor: string }[] }>)[list]!.edges[0]!.cursor;
      };
      const papers = await cursorOf("papers");
      const topics = await cursorOf("topics");
      const expected = [
        ["papers(before: $c, first: 1)", papers, 'Arguments "before" and "first" are not supported at the same time'],
        ["papers(after: $c, last: 1)", papers, 'Arguments "after" and "last" are not supported at the same time'],
        ["topics(after: $c, before: $c)", topics, 'Arguments "before" and "after" are not supported at the same time'],
      ];
      for (const [field, c, message] of expected) {
        const query = `query ($c: String) { ${field} { edges { cursor } } }`;
        const { body } = await post(live.app, query, { c });
        const overWs = await ws.iterate({ query, variables: { c } }).next();
        for (const errors of [body.errors, (overWs.value as { errors?: unknown[] }).errors]) {
          expect(errors).toEqual([expect.objectContaining({ message, extensions: { code: "BAD_USER_INPUT" } })]);
        }
      }
    } finally {
      await ws.dispose();
      await live.close();
    }
  });

  it("errors meant for the client keep their message in production", async () => {
    const app = await createTestApp("pglite", { NODE_ENV: "production" });
    try {
      const { body } = await post(app, `{ paper(id: "not-an-id") { title } }`);
      expect(body.errors?.[0]?.message).not.toBe("Unexpected error.");
      expect(body.errors?.[0]?.message).toMatch(/id/);
      expect(JSON.stringify(body)).not.toMatch(/stack/);
    } finally {
      await app.close();
    }
  });
});
