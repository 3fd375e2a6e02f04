// Prisma driver adapters for our two engines, wrapped so that
// - every SQL statement Prisma sends is counted (tests and benchmarks assert "no N+1" with it);
// - a migration script runs as ONE query: PostgreSQL runs a multi-statement simple query in one
//   implicit transaction, so a failing migration leaves nothing half-applied. Both stock adapters
//   get this wrong (adapter-pg splits on ";", breaking $$ bodies; pglite-prisma-adapter does not
//   await exec, so a failing migration was recorded as applied);
// - the relations Prisma joins are built as JSON rather than JSONB (relation-json.ts).
// PGlite and its adapter are imported where used: a server on PostgreSQL never loads them (about
// 2 MB of heap), nor does a PGlite process until it opens its database.
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

import { SESSION_PENDING_LIST_KB } from "./gin-pending-list.ts";
import { PREPARED, PREPARED_PER_CONNECTION, type StatementNames, statementNames } from "./prepared-statements.ts";
import { relationsAsJson } from "./relation-json.ts";

/** Counts statements sent to the database. Reset it, run something, read it. */
export class StatementCounter {
  statements = 0;
  /** Optional observer, e.g. to log each statement while debugging a test. */
  onStatement?: (sql: string) => void;
  count(query: SqlQuery): void {
    this.statements += 1;
    this.onStatement?.(query.sql);
  }
}

function wrapQueryable<T extends { queryRaw: SqlDriverAdapter["queryRaw"]; executeRaw: SqlDriverAdapter["executeRaw"] }>(
  target: T,
  counter: StatementCounter,
): void {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  target.queryRaw = (q) => {
    counter.count(q);
    return queryRaw({ ...q, sql: relationsAsJson(q.sql) });
  };
  target.executeRaw = (q) => {
    counter.count(q);
    return executeRaw(q);
  };
}

/**
 * A database error as a driver-adapter error of kind "postgres", so the schema engine reports
 * (and records in _prisma_migrations.logs) PostgreSQL's own message, not "external connector error".
 */
function asDriverError(e: unknown): unknown {
  const err = e as { code?: unknown; message?: unknown; severity?: string; detail?: string; column?: string; hint?: string };
  if (typeof err?.code !== "string" || typeof err.message !== "string") return e;
  return new DriverAdapterError({
    kind: "postgres",
    code: err.code,
    severity: err.severity ?? "ERROR",
    message: err.message,
    detail: err.detail,
    column: err.column,
    hint: err.hint,
  });
}

function wrapAdapter(adapter: SqlDriverAdapter, counter: StatementCounter, runScript: (sql: string) => Promise<void>): SqlDriverAdapter {
  wrapQueryable(adapter, counter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx: Transaction = await startTransaction(isolationLevel);
    wrapQueryable(tx, counter);
    return tx;
  };
  adapter.executeScript = async (script) => {
    counter.statements += 1;
    await runScript(script).catch((e: unknown) => {
      throw asDriverError(e);
    });
  };
  return adapter;
}

/**
 * A statement to run prepared: one Prisma built for a model query (unnamed, with values, its tables
 * qualified by schema, which our own SQL never writes), or our own SQL marked PREPARED. Model
 * queries look rows up by key, where a generic plan is as good as a custom one; our ranking SQL
 * (search, listings, related) is left to plan each time unless it says otherwise.
 */
function isPreparable(config: unknown): config is pg.QueryConfig {
  return (
    typeof config === "object" &&
    config !== null &&
    "values" in config &&
    !("name" in config && config.name) &&
    "text" in config &&
    typeof config.text === "string" &&
    (config.text.includes('"public".') || config.text.startsWith(PREPARED))
  );
}

/** A PostgreSQL pool whose results report the internal "char" type (OID 18) as text. */
function charAsTextPool(config: pg.PoolConfig, preparedStatements: number): pg.Pool {
  const pool = new pg.Pool(config);
  // An idle connection that the server ends (a restart, pg_terminate_backend, DROP DATABASE ...
  // WITH (FORCE)) is reported here; without a listener node-pg rethrows it and the process dies.
  // The pool discards that connection and opens a new one when needed. A client ended while it
  // is closing reports on itself (the "connect" listener below); queries in flight still fail.
  pool.on("error", () => undefined);
  const fix = (result: pg.QueryResult) => {
    for (const f of result?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  const fixed = (r: unknown) => (r instanceof Promise ? r.then(fix) : r);
  const patch = (client: { query: (...args: never[]) => unknown }, names?: StatementNames) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0];
      if (!names || !isPreparable(config)) return fixed(query(...args));
      // Prisma's statement, prepared; run once more if its cached plan went stale (names.failed).
      // pg-pool calls with a callback last, adapter-pg's transactions for a promise.
      const named = () => ({ ...config, name: names.nameOf(config.text) });
      const rest = args.slice(1);
      const done = rest.at(-1);
      if (typeof done === "function") {
        const attempt = (retry: boolean): unknown =>
          query(named(), ...rest.slice(0, -1), (err: unknown, res: unknown) =>
            retry && err && names.failed(config.text, err) ? attempt(false) : done(err, res),
          );
        return attempt(true);
      }
      const r = fixed(query(named(), ...rest));
      return r instanceof Promise
        ? r.catch((e: unknown) => (names.failed(config.text, e) ? fixed(query(named(), ...rest)) : Promise.reject(e)))
        : r;
    };
  };
  patch(pool);
  pool.on("connect", (client) => {
    patch(client, preparedStatements > 0 ? statementNames(client, preparedStatements) : undefined);
    client.on("error", () => undefined);
  });
  return pool;
}

export interface AdapterSet {
  factory: SqlMigrationAwareDriverAdapterFactory;
  counter: StatementCounter;
  shadows: ShadowPool;
}

let emptyCluster: Promise<Blob> | undefined;

/** An empty PGlite cluster, created once per process: loading it is several times faster than initdb. */
function emptyClusterDump(): Promise<Blob> {
  emptyCluster ??= (async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create();
    const dump = await pg.dumpDataDir("none");
    await pg.close();
    return dump;
  })();
  return emptyCluster;
}

/** Back to the cluster initdb made, as far as a diff can see: every schema dropped, public recreated. */
async function emptyShadow(shadow: PGlite): Promise<void> {
  const { rows } = await shadow.query<{ name: string }>(
    `SELECT quote_ident(nspname) AS name FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'`,
  );
  await shadow.exec(
    `${rows.map((r) => `DROP SCHEMA ${r.name} CASCADE;`).join("\n")}
     CREATE SCHEMA public AUTHORIZATION pg_database_owner;
     GRANT USAGE ON SCHEMA public TO PUBLIC;
     COMMENT ON SCHEMA public IS 'standard public schema';`,
  );
}

/**
 * Shadow databases for migration diffs: in-memory PGlite (a PostgreSQL that needs no rights).
 * One given back is emptied and kept for the next diff: `migrate dev` asks for a fresh shadow two
 * or three times, and emptying one takes milliseconds where loading a cluster costs 0.6 s of CPU.
 * A kept PGlite holds the process open, so the database's close() closes them.
 */
export class ShadowPool {
  private idle: PGlite[] = [];

  constructor(private readonly counter: StatementCounter) {}

  async connect(): Promise<SqlDriverAdapter> {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
    const shadow = this.idle.pop() ?? (await PGlite.create({ loadDataDir: await emptyClusterDump() }));
    const adapter = wrapAdapter(await new PrismaPGlite(shadow).connect(), this.counter, async (sql) => {
      await shadow.exec(sql);
    });
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      try {
        await emptyShadow(shadow);
        this.idle.push(shadow);
      } catch {
        await shadow.close();
      }
    };
    return adapter;
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((s) => s.close()));
  }
}

export async function pgliteAdapter(pglite: PGlite, counter = new StatementCounter()): Promise<AdapterSet> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const base = new PrismaPGlite(pglite);
  const shadows = new ShadowPool(counter);
  const runScript = async (sql: string) => {
    await pglite.exec(sql);
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: base.adapterName,
    connect: async () => wrapAdapter(await base.connect(), counter, runScript),
    connectToShadowDb: () => shadows.connect(),
  };
  return { factory, counter, shadows };
}

export interface PostgresAdapterSet extends AdapterSet {
  pool: pg.Pool;
}

export function postgresAdapter(
  connectionString: string,
  counter = new StatementCounter(),
  poolSize = 10,
  preparedStatements = PREPARED_PER_CONNECTION,
): PostgresAdapterSet {
  // JIT off: our statements are short, and when a plan's cost estimate crosses jit_above_cost
  // (ranked searches, related papers) compiling it takes 0.4-0.9 s for a query that runs in 5 ms.
  const options = `-c jit=off -c gin_pending_list_limit=${SESSION_PENDING_LIST_KB}`;
  const pool = charAsTextPool({ connectionString, max: poolSize, options }, preparedStatements);
  const base = new PrismaPg(pool);
  const shadows = new ShadowPool(counter);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: base.adapterName,
    connect: async () =>
      wrapAdapter(await base.connect(), counter, async (sql) => {
        await pool.query(sql);
      }),
    // Not adapter-pg's own: given a connection string, node-pg lets the URL's database win, so its
    // "shadow" database is the main one, which it then drops before closing its pool. An emptied
    // in-memory PGlite from the shadow pool is the shadow instead.
    connectToShadowDb: () => shadows.connect(),
  };
  return { factory, counter, shadows, pool };
}

export type { SqlDriverAdapterFactory };
