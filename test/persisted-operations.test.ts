// PERSISTED_OPERATIONS: a production client runs only the operations it shipped with, by id, over
// HTTP and WebSocket; anything else is refused with an error naming what to send instead.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../src/app.ts";
import { seededDatabase, testConfig } from "./helpers/app.ts";
import { type LiveServer, startLiveServer, wsClient } from "./helpers/server.ts";

const DAILY = `query Daily { dailyPapers(date: "2025-08-08", first: 2) { edges { node { title } } } }`;
const id = (doc: string) => createHash("sha256").update(doc).digest("hex");

describe("persisted operations", () => {
  let dir: string;
  let live: LiveServer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-persisted-"));
    await writeFile(path.join(dir, "ops.json"), JSON.stringify({ [id(DAILY)]: DAILY }));
    live = await startLiveServer("pglite", { PERSISTED_OPERATIONS: path.join(dir, "ops.json") });
  });
  afterAll(async () => {
    await live?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function post(body: object) {
    const res = await fetch(live.httpUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return (await res.json()) as {
      data?: { dailyPapers: { edges: unknown[] } };
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  }

  it("runs a listed operation sent by id over HTTP", async () => {
    const body = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: id(DAILY) } } });
    expect(body.errors).toBeUndefined();
    expect(body.data?.dailyPapers.edges).toHaveLength(2);
  });

  it("refuses a query text, even one that is listed, and an unknown id", async () => {
    expect((await post({ query: DAILY })).errors?.[0]).toMatchObject({
      message:
        "This server runs only persisted operations: send extensions.persistedQuery.sha256Hash (the operation's id) instead of a query.",
      extensions: { code: "PERSISTED_QUERY_ONLY" },
    });
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } })).errors?.[0]).toMatchObject({
      message: 'Persisted operation "abc" is not in this server\'s list.',
      extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
    });
  });

  it("applies the same list over WebSocket", async () => {
    const run = (payload: { query: string; extensions?: Record<string, unknown> }) => {
      const client = wsClient(live.wsUrl);
      return new Promise<unknown>((resolve) => {
        client.subscribe(payload, { next: (r) => resolve(r), error: (e) => resolve({ errors: e }), complete: () => undefined });
      }).finally(() => client.dispose());
    };
    const listed = (await run({ query: "", extensions: { persistedQuery: { version: 1, sha256Hash: id(DAILY) } } })) as {
      data: { dailyPapers: { edges: unknown[] } };
    };
    expect(listed.data.dailyPapers.edges).toHaveLength(2);
    expect(JSON.stringify(await run({ query: DAILY }))).toMatch(/runs only persisted operations/);
    expect(JSON.stringify(await run({ query: "", extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } }))).toMatch(
      /Persisted operation ."abc." is not in this server's list/,
    );
  });

  it("refuses to start on a file that is not a list of GraphQL documents, naming the entry", async () => {
    const db = await seededDatabase("pglite");
    try {
      const bad = path.join(dir, "bad.json");
      await writeFile(bad, JSON.stringify({ one: DAILY, two: "query { oops" }));
      expect(() => createApp({ config: testConfig({ PERSISTED_OPERATIONS: bad }), db })).toThrow(
        /bad\.json: "two" is not a GraphQL document: Syntax Error/,
      );
      await writeFile(bad, "[1, 2]");
      expect(() => createApp({ config: testConfig({ PERSISTED_OPERATIONS: bad }), db })).toThrow(/expected a JSON object/);
      expect(() => createApp({ config: testConfig({ PERSISTED_OPERATIONS: path.join(dir, "missing.json") }), db })).toThrow(
        /missing\.json: ENOENT/,
      );
    } finally {
      await db.close();
    }
  });
});
