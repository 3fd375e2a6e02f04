// Bringing a database up to the committed migrations at start-up. The schema engine (5 MB of
// WebAssembly) is loaded only when something is pending: a quick look at _prisma_migrations
// decides, so an up-to-date database opens in milliseconds.
import { readdir } from "node:fs/promises";

import type { Database } from "../db.ts";
import { Migrator } from "./migrator/migrator.ts";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "./migrator/paths.ts";

export async function localMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/** Local migrations that the database has not finished applying (failed ones included). */
export async function pendingMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const local = await localMigrations(dir);
  const [exists] = await db.prisma.$queryRaw<{ t: string | null }[]>`SELECT to_regclass('_prisma_migrations')::text AS t`;
  if (!exists?.t) return local;
  const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  return local.filter((m) => !applied.has(m));
}

export async function openMigrator(db: Database, log?: (line: string) => void): Promise<Migrator> {
  return Migrator.open({ factory: db.factory, migrationsDir: MIGRATIONS_DIR, schemaPath: SCHEMA_PATH, log });
}

/** Apply pending migrations; returns the names applied. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  if ((await pendingMigrations(db)).length === 0) return [];
  const migrator = await openMigrator(db);
  try {
    return await migrator.deploy();
  } finally {
    migrator.close();
  }
}
