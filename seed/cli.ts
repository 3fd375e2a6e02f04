// npm run seed: migrate (embedded database) and seed. Safe to run again.
import { loadConfig } from "../src/config.ts";
import { describeTarget, openDatabase } from "../src/db.ts";
import { migrateToLatest, pendingMigrations } from "../src/db/migrate.ts";
import { seedDatabase } from "./seed.ts";

const config = loadConfig();
try {
  const db = await openDatabase(config, { poolSize: 2 });
  try {
    if (db.kind === "pglite") await migrateToLatest(db);
    else if ((await pendingMigrations(db)).length > 0)
      throw new Error(`${describeTarget(config)} has pending migrations: run npm run db:deploy first`);
    console.log(await seedDatabase(db, { demoUsers: config.env !== "production", demoWeek: config.seedDemoWeek }));
  } finally {
    await db.close();
  }
} catch (e) {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
