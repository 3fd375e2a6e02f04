// What an operator sees: Prometheus metrics at /metrics (operations, errors, durations, open
// subscriptions and WebSockets, ingested papers), a request id on every response, and JSON logs
// at LOG_LEVEL in which a client's "Unexpected error." can be found, with its stack, by that id.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { createTestApp, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { type Proc, start as startProcess, stop, urlOf } from "./helpers/process.ts";
import { startLiveServer, until, wsClient } from "./helpers/server.ts";

async function scrape(app: TestApp): Promise<string> {
  const res = await app.yoga.fetch("http://paperboy.test/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one sample line, e.g. sample(text, 'paperboy_ingested_papers_total{outcome="created"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The JSON log records a server process wrote to stdout. */
function logs(proc: Proc): Record<string, unknown>[] {
  return proc.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function post(app: TestApp, body: object, headers: Record<string, string> = {}) {
  return app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("metrics", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("counts operations, errors by phase and ingested papers, and times requests", async () => {
    await post(app, { query: `query Daily { dailyPapers(date: "2025-08-08", first: 2) { edges { cursor } } }` });
    await post(app, { query: `{ nope }` });
    await post(app, { query: `{ papers(first: 500) { edges { cursor } } }` });
    await ingestRecords(app, [syntheticPaper(1), syntheticPaper(2)]);
    await ingestRecords(app, [{ ...syntheticPaper(1), arxivVersion: 2, title: "Revised" }]);
    const text = await scrape(app);
    expect(sample(text, 'graphql_envelop_request{operationType="query"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'graphql_envelop_error_result{operationType="query",phase="validate"}')).toBe(1);
    expect(sample(text, 'graphql_envelop_error_result{operationType="query",phase="execute"}')).toBe(1);
    expect(sample(text, 'graphql_yoga_http_duration_count{method="POST",statusCode="200",operationType="query"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'paperboy_ingested_papers_total{outcome="created"}')).toBe(2);
    expect(sample(text, 'paperboy_ingested_papers_total{outcome="updated"}')).toBe(1);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("never turns a client's operation name into a label", async () => {
    await post(app, { query: `query Probe_7f3a9 { __typename }` });
    expect(await scrape(app)).not.toContain("Probe_7f3a9");
  });

  it("METRICS=0 serves no /metrics", async () => {
    const off = await createTestApp("pglite", { METRICS: "0" });
    try {
      expect((await off.yoga.fetch("http://paperboy.test/metrics")).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it("reports open subscriptions and WebSocket connections as they come and go", async () => {
    const live = await startLiveServer("pglite");
    try {
      const client = wsClient(live.wsUrl);
      const stop = client.subscribe(
        { query: "subscription { paperIngested { cursor } }" },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      const deadline = Date.now() + 5_000;
      let text = "";
      while (Date.now() < deadline) {
        text = await scrape(live.app);
        if (sample(text, "paperboy_active_subscriptions") === 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(sample(text, "paperboy_active_subscriptions")).toBe(1);
      expect(sample(text, "paperboy_websocket_connections")).toBe(1);
      stop();
      await client.dispose();
      while (Date.now() < deadline + 5_000) {
        text = await scrape(live.app);
        if (sample(text, "paperboy_websocket_connections") === 0 && sample(text, "paperboy_active_subscriptions") === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(sample(text, "paperboy_active_subscriptions")).toBe(0);
      expect(sample(text, "paperboy_websocket_connections")).toBe(0);
    } finally {
      await live.close();
    }
  });
});

describe("request ids", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("gives every response an x-request-id, keeping a sane one the client sent", async () => {
    const mine = await post(app, { query: "{ __typename }" }, { "x-request-id": "lb-7f3a-0001" });
    expect(mine.headers.get("x-request-id")).toBe("lb-7f3a-0001");
    const fresh = await post(app, { query: "{ __typename }" });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const other = await post(app, { query: "{ __typename }" });
    expect(other.headers.get("x-request-id")).not.toBe(fresh.headers.get("x-request-id"));
    const insane = await post(app, { query: "{ __typename }" }, { "x-request-id": "<script>".repeat(30) });
    expect(insane.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.yoga.fetch("http://paperboy.test/health")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("JSON logs of a running server", () => {
  let dir: string | undefined;
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  const servers: Proc[] = [];
  /** PostgreSQL when the tests have one (fast to start), else a fresh embedded folder. */
  let env: () => Promise<Record<string, string>>;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      database = await createDatabase(inject("postgresTemplate") ?? undefined);
      env = async () => ({ DATABASE_URL: database!.url });
    } else {
      dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-logs-"));
      let n = 0;
      env = async () => ({ DATA_DIR: path.join(dir!, `data-${n++}`) });
    }
  });
  afterAll(async () => {
    for (const s of servers) await stop(s);
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function start(extra: Record<string, string>): Promise<{ proc: Proc; url: string }> {
    const proc = startProcess("src/server.ts", { NODE_ENV: "production", ...(await env()), ...extra });
    servers.push(proc);
    return { proc, url: await urlOf(proc) };
  }

  it("writes one JSON line per request at info, with its request id, operation and status", async () => {
    const { proc, url } = await start({ LOG_LEVEL: "info" });
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-42" },
      body: JSON.stringify({
        query: `query Daily { dailyPapers(date: "2025-08-08", first: 1) { edges { cursor } } }`,
        operationName: "Daily",
      }),
    });
    expect(res.status).toBe(200);
    await until(() => logs(proc).some((l) => l.reqId === "trace-42"), "the request's log line", 5_000);
    const line = logs(proc).find((l) => l.reqId === "trace-42");
    expect(line).toMatchObject({
      level: 30,
      msg: "request",
      method: "POST",
      path: "/graphql",
      operation: "Daily",
      status: 200,
      service: "paperboy",
    });
    expect(typeof line!.ms).toBe("number");
    expect(typeof line!.time).toBe("number");
  });

  it("LOG_LEVEL=warn leaves requests out", async () => {
    const { proc, url } = await start({ LOG_LEVEL: "warn" });
    await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(logs(proc).filter((l) => l.msg === "request")).toEqual([]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("logs an unexpected fault with its stack under the request id the client got", async () => {
    const { proc, url } = await start({ LOG_LEVEL: "info" });
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    await client.query("ALTER TABLE author RENAME TO author_gone");
    try {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ dailyPapers(date: "2025-08-08", first: 2) { edges { node { authors { author { name } } } } } }` }),
      });
      const body = (await res.json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message).toBe("Unexpected error.");
      const reqId = res.headers.get("x-request-id")!;
      const errorLine = () => logs(proc).find((l) => l.reqId === reqId && l.level === 50);
      await until(() => errorLine() !== undefined, "the error's log line", 5_000);
      const line = errorLine() as { err?: { stack?: string; message?: string } } | undefined;
      expect(line?.err?.message).toMatch(/author/);
      expect(line?.err?.stack).toMatch(/\n\s+at /);
    } finally {
      await client.query("ALTER TABLE author_gone RENAME TO author");
      await client.end();
    }
  });
});
