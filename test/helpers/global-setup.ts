// Runs once before all test files: compiles dist/ (test/helpers/process.ts), and builds a migrated, seeded database that each file copies
// (PGlite: a dumped data folder, loaded per file in ~0.7 s; PostgreSQL: a template database).
// The empty and the migrated PGlite clusters are dumped on the way: loading a dump costs 0.6 s of
// CPU where initdb costs 2-5 s, and the tests that migrate or seed themselves start from these.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";

import { buildDist } from "../../scripts/build.ts";
import { seedDatabase } from "../../seed/seed.ts";
import { fromPGlite, fromPostgres } from "../../src/db.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { adminQuery, databaseUrl, templateName } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    /** A PGlite cluster as initdb leaves it. */
    pgliteEmptyDump: string;
    /** Migrated, not seeded. */
    pgliteMigratedDump: string;
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Servers started with NODE_ENV=production run dist/, as `npm start` does there (~0.5 s).
  await buildDist(() => undefined);
  const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-test-"));
  const pglite = await PGlite.create();
  const db = await fromPGlite(pglite);
  const dump = async (name: string) => {
    const file = path.join(dir, `${name}.tar`);
    await writeFile(file, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  project.provide("pgliteEmptyDump", await dump("empty"));
  await migrateToLatest(db);
  project.provide("pgliteMigratedDump", await dump("migrated"));
  await seedDatabase(db, { demoUsers: true });
  project.provide("pgliteDump", await dump("seeded"));
  await db.close();

  const admin = process.env.TEST_DATABASE_URL;
  const template = admin ? templateName() : null;
  if (admin && template) {
    await adminQuery(`CREATE DATABASE ${template}`);
    const db = fromPostgres(databaseUrl(admin, template), 2);
    await migrateToLatest(db);
    await seedDatabase(db, { demoUsers: true });
    await db.close();
  }
  project.provide("postgresTemplate", template);
  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}
