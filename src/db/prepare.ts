// Making a database ready for use, as `npm start` and `npm run ingest` both need it: an embedded
// database is migrated (and seeded the first time); a PostgreSQL server must be migrated already.
import { seedDatabase } from "../../seed/seed.ts";
import type { Database } from "../db.ts";
import { migrateToLatest, pendingMigrations } from "./migrate.ts";

/** Returns lines worth telling the operator; throws when the database cannot be used. */
export async function prepareDatabase(db: Database, opts: { seedOnStart: boolean; production: boolean }): Promise<string[]> {
  if (db.kind === "postgres") {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) throw new Error(`the database is missing migrations (${pending.join(", ")}): run npm run db:deploy`);
    return [];
  }
  const said: string[] = [];
  const applied = await migrateToLatest(db);
  if (applied.length > 0) said.push(`Applied migrations: ${applied.join(", ")}`);
  if (opts.seedOnStart && (await db.prisma.topic.count()) === 0) said.push(await seedDatabase(db, { demoUsers: !opts.production }));
  return said;
}
