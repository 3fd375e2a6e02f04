// npm run db:migrate -- --name <name> | db:deploy | db:status | db:reset | db:resolve -- --rolled-back <name>
// Against the embedded database in DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import { parseArgs } from "node:util";

import { seedDatabase } from "../../seed/seed.ts";
import { loadConfig } from "../../src/config.ts";
import { describeTarget, openDatabase } from "../../src/db.ts";
import { openMigrator } from "../../src/db/migrate.ts";

const USAGE = `usage: migrator <migrate --name NAME | deploy | status | reset [--force] [--skip-seed] | resolve --rolled-back NAME>`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      force: { type: "boolean", default: false },
      "skip-seed": { type: "boolean", default: false },
      "rolled-back": { type: "string" },
    },
  });
  const command = positionals[0];
  if (!command || !["migrate", "deploy", "status", "reset", "resolve"].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  if (command === "migrate" && !values.name) {
    console.error("db:migrate needs a name for the migration: npm run db:migrate -- --name add_something");
    return 2;
  }
  if (command === "resolve" && !values["rolled-back"]) {
    console.error("db:resolve needs the failed migration's name: npm run db:resolve -- --rolled-back <name>");
    return 2;
  }
  const config = loadConfig();
  if (command === "reset" && config.databaseUrl && !values.force) {
    console.error(`db:reset drops every table of ${describeTarget(config)}. Run it again with --force to proceed.`);
    return 2;
  }

  const db = await openDatabase(config, { poolSize: 2 });
  console.log(`Datasource: ${describeTarget(config)}`);
  const migrator = await openMigrator(db);
  try {
    switch (command) {
      case "migrate": {
        const { created, applied } = await migrator.create(values.name!);
        for (const name of applied) console.log(`Applied migration ${name}`);
        console.log(
          created
            ? `Created migration prisma/migrations/${created}/migration.sql`
            : "Already in sync: schema.prisma needs no new migration.",
        );
        return 0;
      }
      case "deploy": {
        const applied = await migrator.deploy();
        for (const name of applied) console.log(`Applied migration ${name}`);
        console.log(applied.length ? `${applied.length} migration(s) applied.` : "No pending migrations to apply.");
        return 0;
      }
      case "status": {
        const s = await migrator.status();
        console.log(`${s.local.length} migration(s) found in prisma/migrations`);
        if (s.failed.length)
          console.log(`Failed migrations (fix them, then npm run db:resolve -- --rolled-back <name>):\n  ${s.failed.join("\n  ")}`);
        if (s.edited.length) console.log(`Edited after they were applied:\n  ${s.edited.join("\n  ")}`);
        if (s.pending.length) console.log(`Not yet applied (npm run db:deploy):\n  ${s.pending.join("\n  ")}`);
        if (s.history?.diagnostic === "migrationsDirectoryIsBehind" || s.history?.diagnostic === "historiesDiverge") {
          console.log(`Applied in the database but missing here:\n  ${s.history.unpersistedMigrationNames.join("\n  ")}`);
        }
        if (s.upToDate) console.log("Database schema is up to date!");
        return s.upToDate ? 0 : 1;
      }
      case "reset": {
        await migrator.reset();
        const applied = await migrator.deploy();
        console.log(`Database reset; ${applied.length} migration(s) applied.`);
        if (!values["skip-seed"]) {
          const summary = await seedDatabase(db);
          console.log(summary);
        }
        return 0;
      }
      case "resolve": {
        await migrator.markRolledBack(values["rolled-back"]!);
        console.log(`Marked ${values["rolled-back"]} as rolled back; fix it and run npm run db:deploy.`);
        return 0;
      }
    }
    return 2;
  } finally {
    migrator.close();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
