// Every HTTP route outside GraphQL (feeds, unsubscribe, /health, /ready, /metrics, the ingest
// hand-off), faced over a real socket with URLs an attacker would send, in development, production
// and test: bad input is a 400/404 with one line saying what was wrong, an unexpected fault a bare
// 500 carrying the request id, and no answer ever holds a stack frame or a file path. The fault is
// in the server's log, with its stack, under that request id.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { type App, createApp } from "../src/app.ts";
import type { Database } from "../src/db.ts";
import { unsubscribeToken } from "../src/digest/unsubscribe.ts";
import { listen, type RunningServer } from "../src/http.ts";
import { HANDOFF_HEADER } from "../src/ingest/handoff/protocol.ts";
import { seededDatabase, testConfig } from "./helpers/app.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { type Proc, start as startProcess, stop, urlOf } from "./helpers/process.ts";
import { until } from "./helpers/server.ts";

const DIGEST_SECRET = "d".repeat(32);
const HANDOFF_SECRET = "handoff-secret-for-tests";

/** What an answer must never hold: a stack frame, a source or module path, a file URL. */
const LEAK = /\n\s*at |\bat .+:\d+:\d+|\.[cm]?[jt]s:\d+|\/src\/|node_modules|file:\/\/|\/work\/|\/home\//;

function expectOneLine(body: string, what: string): void {
  expect(body.trim(), what).not.toBe("");
  expect(body.trim().split("\n"), `${what}: ${body}`).toHaveLength(1);
  expect(body, what).not.toMatch(LEAK);
}

interface Route {
  name: string;
  method: "GET" | "POST";
  /** Path and a valid query (without the hostile parameter). */
  path: string;
  /** A parameter the route reads, to carry the hostile value. */
  param: string;
  headers?: Record<string, string>;
}

const handoff = { [HANDOFF_HEADER]: HANDOFF_SECRET };
const ROUTES: Route[] = [
  { name: "daily Atom", method: "GET", path: "/feeds/daily.atom", param: "x" },
  { name: "daily JSON", method: "GET", path: "/feeds/daily.json", param: "x" },
  { name: "topic Atom", method: "GET", path: "/feeds/topics/clustering.atom", param: "x" },
  { name: "topic JSON", method: "GET", path: "/feeds/topics/clustering.json", param: "x" },
  { name: "search Atom q", method: "GET", path: "/feeds/search.atom", param: "q" },
  { name: "search JSON topic", method: "GET", path: "/feeds/search.json?q=graph", param: "topic" },
  { name: "search author", method: "GET", path: "/feeds/search.atom?q=graph", param: "author" },
  { name: "search category", method: "GET", path: "/feeds/search.json?q=graph", param: "category" },
  { name: "search from", method: "GET", path: "/feeds/search.atom?q=graph", param: "from" },
  { name: "unsubscribe page", method: "GET", path: "/digest/unsubscribe", param: "token" },
  { name: "unsubscribe", method: "POST", path: "/digest/unsubscribe", param: "token" },
  { name: "health", method: "GET", path: "/health", param: "x" },
  { name: "ready", method: "GET", path: "/ready", param: "x" },
  { name: "metrics", method: "GET", path: "/metrics", param: "x" },
  { name: "ingest hand-off", method: "POST", path: "/internal/ingest", param: "format", headers: handoff },
  { name: "ingest hand-off date", method: "POST", path: "/internal/ingest", param: "date", headers: handoff },
  { name: "retag hand-off", method: "POST", path: "/internal/retag", param: "x", headers: handoff },
  { name: "reader page date", method: "GET", path: "/", param: "date" },
  { name: "reader page q", method: "GET", path: "/?date=2025-08-08", param: "q" },
  { name: "reader page asset", method: "GET", path: "/assets/reader.css", param: "v" },
];

/** Hostile parameter values (as sent, percent-encoded) and what the answer must say. */
const HOSTILE_VALUES: [string, string, RegExp][] = [
  ["truncated UTF-8", "%E0%A4%A", /bad percent-encoding/],
  ["an encoded lone surrogate", "%ED%A0%80", /bad percent-encoding/],
  ["overlong UTF-8", "%C0%AF", /bad percent-encoding/],
  ["a lone %", "50%", /bad percent-encoding/],
  ["NUL", "%00", /control character \(U\+0000\)/],
  ["NUL inside a word", "graph%00clustering", /control character \(U\+0000\)/],
  ["a control character", "%1B%5B2J", /control character \(U\+001B\)/],
  ["an over-long value", "a".repeat(9_000), /characters long \(at most 8192\)/],
];

/** Whole URLs with something wrong elsewhere than in a parameter's value. */
const HOSTILE_URLS: [string, string, number, RegExp][] = [
  ["GET", "/feeds/topics/%E0%A4%A.atom", 400, /URL path has bad percent-encoding/],
  ["GET", "/feeds/topics/%ED%B0%80.json", 400, /URL path has bad percent-encoding/],
  ["GET", "/feeds/topics/%00.atom", 400, /URL path holds a control character \(U\+0000\)/],
  ["GET", "/feeds/topics/a%0Ab.atom", 400, /URL path holds a control character \(U\+000A\)/],
  ["GET", "/feeds/%FF", 400, /URL path has bad percent-encoding/],
  ["GET", "/feeds/daily.atom?%E0%A4%A=1", 400, /name has bad percent-encoding/],
  ["GET", "/feeds/daily.atom?a%00b=1", 400, /name holds a control character \(U\+0000\)/],
  ["GET", "/digest/unsubscribe?token=1.x&%FE", 400, /name has bad percent-encoding/],
  ["GET", "/health?%C3", 400, /bad percent-encoding/],
  ["GET", `/feeds/topics/${"a".repeat(9_000)}.atom`, 400, /at most 8192/],
  // Readable, but wrong:
  ["GET", "/feeds/topics/nope.atom", 404, /No topic has the slug "nope"/],
  ["GET", `/feeds/topics/${"a".repeat(5_000)}.json`, 404, /No topic has the slug "a{60}"/],
  ["GET", "/feeds/topics/%F0%9F%93%B0.atom", 404, /No topic has the slug "📰"/],
  ["GET", "/feeds/search.atom?q=x&topic=nope", 400, /no topic has the slug "nope"/],
  ["GET", `/feeds/search.atom?q=${"graph ".repeat(100)}`, 400, /at most 500/],
  ["GET", "/feeds/search.json?q=x&from=2025-99-99", 400, /from must be a day/],
  ["GET", "/feeds/search.json", 400, /q is required/],
  ["GET", "/feeds/weekly.rss", 404, /No feed at/],
  ["GET", "/feeds/", 404, /No feed at/],
  ["DELETE", "/feeds/daily.atom", 405, /GET and HEAD/],
  ["GET", "/digest/unsubscribe?token=1.forged", 400, /not valid/],
  ["GET", "/digest/unsubscribe", 400, /not valid/],
  ["GET", `/digest/unsubscribe?token=${"9".repeat(5_000)}`, 400, /not valid/],
  ["POST", "/internal/ingest?format=rss", 400, /unknown format "rss"/],
  ["POST", "/internal/ingest?date=2025-13-01", 400, /date "2025-13-01" is not YYYY-MM-DD/],
];

interface Server {
  app: App;
  db: Database;
  running: RunningServer;
  close(): Promise<void>;
}

async function startServer(nodeEnv: string): Promise<Server> {
  const db = await seededDatabase("pglite");
  const app = createApp({ config: testConfig({ NODE_ENV: nodeEnv, DIGEST_SECRET }), db, handoffSecret: HANDOFF_SECRET });
  const running = await listen(app, { host: "127.0.0.1", port: 0 });
  return {
    app,
    db,
    running,
    async close() {
      await running.close(1_000);
      await app.stop();
      await db.close();
    },
  };
}

describe.each(["development", "production", "test"])("HTTP routes outside GraphQL with NODE_ENV=%s", (nodeEnv) => {
  let server: Server;
  const send = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const secret = method === "POST" && path.startsWith("/internal/") ? handoff : {};
    const res = await fetch(`${server.running.url}${path}`, { method, headers: { ...secret, ...headers } });
    return { status: res.status, body: await res.text(), requestId: res.headers.get("x-request-id") };
  };
  beforeAll(async () => {
    server = await startServer(nodeEnv);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers the issue's three URLs with 400 and one line, not 500 and a stack", async () => {
    const cases: [string, RegExp][] = [
      ["/feeds/topics/%E0%A4%A.atom", /^The URL path has bad percent-encoding/],
      ["/feeds/search.atom?q=%00", /^Query parameter "q" holds a control character \(U\+0000\)\.$/],
      ["/feeds/search.json?q=x&topic=%00", /^Query parameter "topic" holds a control character \(U\+0000\)\.$/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await send("GET", path);
      expect(status, path).toBe(400);
      expectOneLine(body, path);
      expect(body, path).toMatch(message);
    }
  });

  it("refuses every hostile parameter value on every route with 400 naming the parameter", async () => {
    let sent = 0;
    for (const route of ROUTES) {
      for (const [what, value, message] of HOSTILE_VALUES) {
        const path = `${route.path}${route.path.includes("?") ? "&" : "?"}${route.param}=${value}`;
        const label = `${route.name}, ${what}`;
        const { status, body } = await send(route.method, path, route.headers);
        expect(status, label).toBe(400);
        expectOneLine(body, label);
        expect(body, label).toMatch(message);
        if (!/over-long/.test(what)) expect(body, label).toContain(`"${route.param}"`);
        sent++;
      }
    }
    expect(sent).toBe(ROUTES.length * HOSTILE_VALUES.length);
  });

  it("answers hostile paths, parameter names and wrong input with 400/404/405 and one line, and good ones as before", async () => {
    for (const [method, path, expected, message] of HOSTILE_URLS) {
      const label = `${method} ${path.slice(0, 80)}`;
      const { status, body } = await send(method, path);
      expect(status, label).toBe(expected);
      // The unsubscribe pages are for people: one line of HTML.
      expectOneLine(body, label);
      expect(body, label).toMatch(message);
    }
    // Good requests are still answered.
    const good = ["/feeds/daily.atom", "/feeds/topics/clustering.json", "/feeds/search.atom?q=graph+%22neural+tangent%22&from=2025-01-01"];
    for (const path of [...good, "/health", "/ready", "/metrics"]) {
      expect((await send("GET", path)).status, path).toBe(200);
    }
    // A raw lone surrogate cannot travel in a URL: the client sends U+FFFD, which is a character like any other.
    expect((await send("GET", "/feeds/search.json?q=graph\uD800")).status).toBe(200);
    // The hand-off's routes do not exist without its secret, whatever the URL holds.
    expect((await fetch(`${server.running.url}/internal/ingest?format=%E0`, { method: "POST" })).status).toBe(404);
  });

  it("answers an unexpected fault with a bare 500 carrying the request id, on every route that can fail", async () => {
    const user = await server.db.prisma.user.findUniqueOrThrow({ where: { email: "reader@paperboy.local" } });
    const token = unsubscribeToken(DIGEST_SECRET, user.id);
    // Real faults the client cannot cause: tables gone from under the server.
    await server.db.pglite!.exec(`ALTER TABLE paper RENAME TO paper_gone; ALTER TABLE app_user RENAME TO app_user_gone`);
    try {
      for (const [method, path] of [
        ["GET", "/feeds/daily.atom"],
        ["GET", "/feeds/topics/clustering.json"],
        ["GET", "/feeds/search.atom?q=graph"],
        ["GET", `/digest/unsubscribe?token=${token}`],
        ["POST", `/digest/unsubscribe?token=${token}`],
      ] as const) {
        const { status, body, requestId } = await send(method, path, { "x-request-id": `fault-${nodeEnv}-${path.length}` });
        expect(status, path).toBe(500);
        expect(requestId).toBe(`fault-${nodeEnv}-${path.length}`);
        expect(body, path).toBe(`Internal server error (request id ${requestId}).`);
      }
    } finally {
      await server.db.pglite!.exec(`ALTER TABLE paper_gone RENAME TO paper; ALTER TABLE app_user_gone RENAME TO app_user`);
    }
    expect((await send("GET", "/feeds/daily.atom")).status).toBe(200);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("a route's unexpected fault in the log of a running server", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let proc: Proc | undefined;
  beforeAll(async () => {
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
  });
  afterAll(async () => {
    if (proc) await stop(proc);
    await database?.drop();
  });

  it("logs the error with its stack under the request id the client got, and answers without it", async () => {
    proc = startProcess("src/server.ts", { NODE_ENV: "production", LOG_LEVEL: "info", DATABASE_URL: database.url });
    const url = await urlOf(proc);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("ALTER TABLE paper RENAME TO paper_gone");
    try {
      const res = await fetch(`${url}/feeds/daily.atom`);
      const reqId = res.headers.get("x-request-id")!;
      expect(res.status).toBe(500);
      expect(await res.text()).toBe(`Internal server error (request id ${reqId}).`);
      const logs = () =>
        proc!.stdout
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as { reqId?: string; level?: number; err?: { stack?: string; message?: string } });
      await until(() => logs().some((l) => l.reqId === reqId && l.level === 50), "the error's log line", 5_000);
      const line = logs().find((l) => l.reqId === reqId && l.level === 50)!;
      expect(line.err?.message).toMatch(/paper/);
      expect(line.err?.stack).toMatch(/\n\s+at /);
    } finally {
      await client.query("ALTER TABLE paper_gone RENAME TO paper");
      await client.end();
    }
  });
});
