// npm run db:migrate -- --name <name> | db:deploy | db:status | db:reset | db:resolve -- --rolled-back <name>
// Against the embedded database in DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";

import { type Config, loadConfig } from "../../config.ts";
import { describeTarget, openDatabase } from "../../db.ts";
import { openMigrator } from "../migrate.ts";
import { PROJECT_DIR } from "./paths.ts";

const USAGE = `usage: migrator <migrate --name NAME | deploy | status | reset [--force] [--skip-seed] | resolve --rolled-back NAME>`;

/**
 * db:reset's seeding step, as `prisma migrate reset` runs it: the command prisma.config.ts names in
 * `migrations.seed`, in a process of its own once this one has closed the database (an embedded
 * database admits one process). The database layer runs it without knowing the seed. The config
 * is loaded only here: the other commands do without Prisma's config loader.
 */
async function runSeedCommand(): Promise<number> {
  const { default: prismaConfig } = await import("../../../prisma.config.ts");
  const command = prismaConfig.migrations?.seed;
  if (!command) {
    console.log("No seed command in prisma.config.ts (migrations.seed): the database is left empty.");
    return 0;
  }
  console.log(`Running seed command \`${command}\` ...`);
  const bin = path.join(PROJECT_DIR, "node_modules", ".bin");
  const run = spawnSync(command, {
    shell: true,
    stdio: "inherit",
    cwd: PROJECT_DIR,
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` },
  });
  return run.status ?? 1;
}

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
  const code = await onDatabase(config, command, { name: values.name, rolledBack: values["rolled-back"] });
  return code === 0 && command === "reset" && !values["skip-seed"] ? runSeedCommand() : code;
}

async function onDatabase(config: Config, command: string, args: { name?: string; rolledBack?: string }): Promise<number> {
  const db = await openDatabase(config, { poolSize: 2 });
  console.log(`Datasource: ${describeTarget(config)}`);
  const migrator = await openMigrator(db);
  try {
    switch (command) {
      case "migrate": {
        const { created, applied } = await migrator.create(args.name!);
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
        return 0;
      }
      case "resolve": {
        await migrator.markRolledBack(args.rolledBack!);
        console.log(`Marked ${args.rolledBack} as rolled back; fix it and run npm run db:deploy.`);
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
