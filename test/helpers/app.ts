// A Paperboy app over a fresh copy of the seeded database, driven in-process through yoga.fetch.
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type ExecutionResult, print } from "graphql";
import type { Plugin } from "graphql-yoga";
import { inject } from "vitest";

import { type App, createApp } from "../../src/app.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { type Database, fromPGlite, fromPostgres } from "../../src/db.ts";
import { pgdataPath } from "../../src/db/data-dir.ts";
import { createDatabase } from "./postgres.ts";

export type Engine = "pglite" | "postgres";

/** The engines to run query tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"];

export function testConfig(env: Record<string, string> = {}): Config {
  // No safety-net polling nor background index rebuilds: tests count statements, and deliveries
  // must come from events.
  return loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", LIVE_POLL_MS: "0", RECOMMEND_WARM_MS: "0", ...env });
}

/** A PGlite database loaded from one of the dumps global-setup made. */
export async function pgliteFrom(dump: "pgliteDump" | "pgliteEmptyDump" | "pgliteMigratedDump"): Promise<Database> {
  return await fromPGlite(await PGlite.create({ loadDataDir: new Blob([await readFile(inject(dump))]) }));
}

/**
 * A new data folder holding the test setup's migrated, seeded database (demo users included), for a
 * server started on it: a production server seeds no demo users, and migrating anew is slow.
 */
export async function seededDataDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  await (await PGlite.create(pgdataPath(dir), { loadDataDir: new Blob([await readFile(inject("pgliteDump"))]) })).close();
  return dir;
}

/** A fresh, migrated and seeded database of the given engine. */
export async function seededDatabase(engine: Engine): Promise<Database> {
  return engine === "pglite" ? pgliteFrom("pgliteDump") : postgresDatabase(inject("postgresTemplate") ?? undefined);
}

/** A fresh database with no tables at all. */
export async function emptyDatabase(engine: Engine): Promise<Database> {
  return engine === "pglite" ? pgliteFrom("pgliteEmptyDump") : postgresDatabase();
}

async function postgresDatabase(template?: string): Promise<Database> {
  const created = await createDatabase(template);
  const db = fromPostgres(created.url, template ? 4 : 2);
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}

export interface TestApp extends App {
  /** Run an operation over HTTP (yoga.fetch) and return the parsed result. */
  run<R, V>(
    document: TypedDocumentNode<R, V>,
    variables?: V,
    opts?: { token?: string; headers?: Record<string, string> },
  ): Promise<ExecutionResult<R>>;
  close(): Promise<void>;
}

/** The SQL statements `run` sends through the app's database. */
export async function statementsFor(app: App, run: () => Promise<unknown>): Promise<number> {
  const before = app.db.counter.statements;
  await run();
  return app.db.counter.statements - before;
}

/** The SQL statements `run` sends through the app's database that `counted` accepts. */
export async function statementsWhere(app: App, counted: (sql: string) => boolean, run: () => Promise<unknown>): Promise<number> {
  let n = 0;
  app.db.counter.onStatement = (sql) => {
    if (counted(sql)) n += 1;
  };
  try {
    await run();
  } finally {
    app.db.counter.onStatement = undefined;
  }
  return n;
}

export async function createTestApp(engine: Engine = "pglite", env: Record<string, string> = {}, plugins: Plugin[] = []): Promise<TestApp> {
  return testAppOver(await seededDatabase(engine), env, plugins);
}

/** A TestApp over a database that is already open; closing the app closes the database. */
export function testAppOver(db: Database, env: Record<string, string> = {}, plugins: Plugin[] = []): TestApp {
  const app = createApp({ config: testConfig(env), db, plugins });
  return {
    ...app,
    async run(document, variables, opts = {}) {
      const res = await app.yoga.fetch("http://paperboy.test/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return (await res.json()) as ExecutionResult<never>;
    },
    async close() {
      await app.stop();
      await db.close();
    },
  };
}
