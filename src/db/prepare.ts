// Making a database ready for use, as `npm start` and `npm run ingest` both need it: an embedded
// database is migrated (and seeded the first time); a PostgreSQL server must be migrated already.
// The seeding step comes from the caller: the database layer does not know the seed data.
import type { Database } from "../db.ts";
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
