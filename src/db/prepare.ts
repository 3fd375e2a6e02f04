// Making a database ready for use, as `npm start` and `npm run ingest` both need it: an embedded
// database is migrated (and seeded the first time); a PostgreSQL server must be migrated already.
// The seeding step comes from the caller: the database layer does not know the seed data.
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Database, DatabaseTarget } from "../db.ts";
import { pgdataPath } from "./data-dir.ts";
import { migrateToLatest, pendingMigrations } from "./migrate.ts";

/** Fills a database that has no topics yet; returns a line worth telling the operator. */
export type SeedStep = (db: Database) => Promise<string>;

/** Returns lines worth telling the operator; throws when the database cannot be used. */
export async function prepareDatabase(db: Database, seed?: SeedStep): Promise<string[]> {
  if (db.kind === "postgres") {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) throw new Error(`the database is missing migrations (${pending.join(", ")}): run npm run db:deploy`);
    return [];
  }
  const said: string[] = [];
  const applied = await migrateToLatest(db);
  if (applied.length > 0) said.push(`Applied migrations: ${applied.join(", ")}`);
  if (seed && (await db.prisma.topic.count()) === 0) said.push(await seed(db));
  return said;
}

/**
 * Opens the database, first creating and migrating an embedded folder in a child process when that
 * is needed (a new folder, an upgrade), while this process holds the folder closed (the child takes
 * its lock in turn). PostgreSQL's initdb and the schema engine, both WebAssembly that stays resident
 * once loaded, then never load in this process: a server that created its folder at start idles as
 * low as one that did not. Under tsx (development) the child runs the TypeScript through tsx;
 * compiled, the build puts it beside the program (dist/migrate-worker.js).
 */
export async function openMigrated(target: DatabaseTarget, open: () => Promise<Database>): Promise<{ db: Database; applied: string[] }> {
  if (!target.databaseUrl && existsSync(path.join(pgdataPath(target.dataDir), "PG_VERSION"))) {
    const db = await open();
    if ((await pendingMigrations(db)).length === 0) return { db, applied: [] };
    await db.close();
  } else if (target.databaseUrl) {
    return { db: await open(), applied: [] };
  }
  const applied = await runChild(target.dataDir);
  return { db: await open(), applied };
}

function runChild(dataDir: string): Promise<string[]> {
  const source = import.meta.url.endsWith(".ts");
  const file = fileURLToPath(new URL(source ? "./migrate-worker.ts" : "./migrate-worker.js", import.meta.url));
  const child = fork(file, [dataDir], { execArgv: source ? ["--import", "tsx"] : [], stdio: "inherit" });
  return new Promise((resolve, reject) => {
    let answer: { applied?: string[]; error?: string } | undefined;
    child.on("message", (m: { applied?: string[]; error?: string }) => (answer = m));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (answer?.applied) resolve(answer.applied);
      else reject(new Error(answer?.error ?? `the migration process exited with code ${code}`));
    });
  });
}
