// A live Paperboy server on a free port (for WebSocket, SSE and anything that needs a socket),
// and real clients for it.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { type Client, createClient } from "graphql-ws";
import type { Plugin } from "graphql-yoga";
import { vi } from "vitest";
import WebSocket from "ws";

import { createApp } from "../../src/app.ts";
import { fromPostgres } from "../../src/db.ts";
import { listen, type RunningServer } from "../../src/http.ts";
import { createTestApp, type Engine, type TestApp, testConfig } from "./app.ts";

export interface LiveServer {
  app: TestApp;
  server: RunningServer;
  /** ws://127.0.0.1:port/graphql */
  wsUrl: string;
  /** http://127.0.0.1:port/graphql */
  httpUrl: string;
  close(): Promise<void>;
}

export async function startLiveServer(
  engine: Engine = "pglite",
  env: Record<string, string> = {},
  plugins: Plugin[] = [],
): Promise<LiveServer> {
  const app = await createTestApp(engine, env, plugins);
  const server = await listen(app, { host: "127.0.0.1", port: 0 });
  return {
    app,
    server,
    wsUrl: `ws://127.0.0.1:${server.port}/graphql`,
    httpUrl: `http://127.0.0.1:${server.port}/graphql`,
    async close() {
      await server.close(1_000);
      await app.close();
    },
  };
}

/**
 * One more instance on an existing PostgreSQL database (its own pool, pub/sub and live hub), as a
 * second server process would be: for tests of several instances sharing one database.
 */
export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<LiveServer> {
  const db = fromPostgres(databaseUrl, 4);
  const app = createApp({ config: testConfig({ DATABASE_URL: databaseUrl, ...env }), db });
  const server = await listen(app, { host: "127.0.0.1", port: 0 });
  const testApp = { ...app, run: () => Promise.reject(new Error("use HTTP")), close: () => Promise.resolve() } as unknown as TestApp;
  return {
    app: testApp,
    server,
    wsUrl: `ws://127.0.0.1:${server.port}/graphql`,
    httpUrl: `http://127.0.0.1:${server.port}/graphql`,
    async close() {
      await server.close(1_000);
      await app.stop();
      await db.close();
    },
  };
}

export function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/** Collects what a subscription delivers; `next(n)` waits until n results have arrived. */
export class Collector<T> {
  readonly items: T[] = [];
  readonly errors: unknown[] = [];
  completed = false;
  private waiters: (() => void)[] = [];

  push = (item: T) => {
    this.items.push(item);
    this.wake();
  };
  fail = (e: unknown) => {
    this.errors.push(e);
    this.wake();
  };
  complete = () => {
    this.completed = true;
    this.wake();
  };
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  async waitFor(n: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.items.length < n) {
      if (this.errors.length > 0) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${n} results, got ${this.items.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.items.slice(0, n);
  }
}

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  await vi.waitUntil(condition, { timeout: timeoutMs, interval: 20 }).catch(() => {
    throw new Error(`timed out waiting for ${what}`);
  });
}

type Ingested = { paperIngested: { cursor: string; paper: { title: string } } };

/** A graphql-ws client subscribed to a paperIngested document; a result with errors fails it. */
export function watchIngested<T extends Ingested, V extends Record<string, unknown>>(
  wsUrl: string,
  document: TypedDocumentNode<T, V>,
  variables?: V,
) {
  const client = wsClient(wsUrl);
  const got = new Collector<T>();
  const stop = client.subscribe<T>(
    { query: print(document), variables },
    { next: (r) => (r.errors ? got.fail(r.errors) : got.push(r.data as T)), error: got.fail, complete: got.complete },
  );
  return {
    got,
    titles: () => got.items.map((d) => d.paperIngested.paper.title),
    async close() {
      stop();
      await client.dispose();
    },
  };
}

/**
 * The error messages a WebSocket operation is refused with, one per line; rejects when it executes,
 * completes without an error or has no answer within 10 s.
 */
export async function wsRefusal(url: string, query: string, variables?: Record<string, unknown>): Promise<string> {
  const client = wsClient(url);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error("accepted: no error within 10 s")), 10_000);
      client.subscribe(
        { query, variables },
        {
          next: (r) =>
            r.errors ? resolve(r.errors.map((e) => e.message).join("\n")) : reject(new Error(`executed: ${JSON.stringify(r)}`)),
          error: (e) => resolve((Array.isArray(e) ? e : [e]).map((x: { message?: string }) => x.message ?? String(x)).join("\n")),
          complete: () => reject(new Error("completed without an error")),
        },
      );
    });
  } finally {
    clearTimeout(timer);
    await client.dispose();
  }
}
