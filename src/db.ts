// The Prisma client on one of our two engines: the embedded PGlite folder (default) or a
// PostgreSQL server (DATABASE_URL). Both are PostgreSQL, so one schema and one SQL dialect serve.
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";

import { pgliteAdapter, postgresAdapter, StatementCounter } from "./db/adapters.ts";
import type { DataDirLock } from "./db/data-dir.ts";
import { type EmbeddedOptions, openEmbedded } from "./db/pglite.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Counts every statement Prisma sends (tests and benchmarks read it). */
  counter: StatementCounter;
  /** The adapter factory, for the migrator. */
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded engine, when kind is "pglite". */
  pglite?: PGlite;
  /** The server's connection pool, when kind is "postgres" (LISTEN/NOTIFY, COPY). */
  pool?: pg.Pool;
  /** The embedded folder's lock, when this process owns one. */
  lock?: DataDirLock;
  /** True when the embedded folder was created by this open. */
  created: boolean;
  close(): Promise<void>;
}

export interface DatabaseTarget {
  databaseUrl?: string;
  dataDir: string;
  /** Prepared statements per PostgreSQL connection (DATABASE_PREPARED_STATEMENTS); default 100. */
  preparedStatements?: number;
}

export function describeTarget(t: DatabaseTarget): string {
  if (!t.databaseUrl) return `embedded database in ${t.dataDir}`;
  const u = new URL(t.databaseUrl);
  return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
}

export async function openDatabase(target: DatabaseTarget, opts: { poolSize?: number } & EmbeddedOptions = {}): Promise<Database> {
  if (target.databaseUrl) return fromPostgres(target.databaseUrl, opts.poolSize, target.preparedStatements);
  const embedded = await openEmbedded(target.dataDir, opts);
  return { ...(await fromPGlite(embedded.pglite, { created: embedded.created, close: embedded.close })), lock: embedded.lock };
}

/**
 * A Database over an already open PGlite (tests load one from a dump). Closing closes the PGlite,
 * or calls `close` when the PGlite came with more to release (the embedded folder's lock).
 */
export async function fromPGlite(pglite: PGlite, opts: { created?: boolean; close?: () => Promise<void> } = {}): Promise<Database> {
  const { factory, counter, shadows } = await pgliteAdapter(pglite);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    kind: "pglite",
    prisma,
    counter,
    factory,
    pglite,
    created: opts.created ?? false,
    async close() {
      await prisma.$disconnect();
      await shadows.close();
      await (opts.close ?? (() => pglite.close()))();
    },
  };
}

export function fromPostgres(url: string, poolSize = 10, preparedStatements?: number): Database {
  const { factory, counter, shadows, pool } = postgresAdapter(url, new StatementCounter(), poolSize, preparedStatements);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    kind: "postgres",
    prisma,
    counter,
    factory,
    pool,
    created: false,
    async close() {
      await prisma.$disconnect();
      await shadows.close();
      await pool.end();
    },
  };
}
