// Prisma's migrate workflow (dev / deploy / status / reset / resolve) on the WebAssembly schema
// engine. The engine itself computes diffs, applies scripts and writes `_prisma_migrations`, so the
// history it records is the one the native `prisma migrate` reads and writes.
// Directory layout and lockfile text are those of the Prisma CLI (prisma/build/index.js).
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as Engine from "@prisma/schema-engine-wasm/schema_engine_bg";

import { engineErrorMessage, openSchemaEngine, type SchemaEngine } from "./engine.ts";

type MigrationList = Parameters<SchemaEngine["applyMigrations"]>[0]["migrationsList"];
type HistoryDiagnostic = Awaited<ReturnType<SchemaEngine["diagnoseMigrationHistory"]>>["history"];

const LOCKFILE = "migration_lock.toml";
const filters = { externalTables: [], externalEnums: [] };

export class MigrateError extends Error {
  override name = "MigrateError";
}

export interface MigrationStatus {
  /** Migration directories, oldest first. */
  local: string[];
  /** Applied to the database, according to `_prisma_migrations`. */
  hasMigrationsTable: boolean;
  pending: string[];
  failed: string[];
  edited: string[];
  history: HistoryDiagnostic;
  upToDate: boolean;
}

export interface MigratorOptions {
  factory: SqlMigrationAwareDriverAdapterFactory;
  migrationsDir: string;
  schemaPath: string;
  log?: (line: string) => void;
}

export class Migrator {
  private constructor(
    private readonly engine: SchemaEngine,
    private readonly opts: MigratorOptions,
    private readonly schemaText: string,
  ) {}

  static async open(opts: MigratorOptions): Promise<Migrator> {
    const schemaText = await readFile(opts.schemaPath, "utf8");
    const engine = await guard(openSchemaEngine({ schemaPath: opts.schemaPath, schemaText, factory: opts.factory, log: opts.log }));
    return new Migrator(engine, opts, schemaText);
  }

  /** The migrations directory as the Prisma CLI reads it: every subfolder, sorted by name. */
  async list(): Promise<MigrationList> {
    const baseDir = this.opts.migrationsDir;
    const lockContent = await readFile(path.join(baseDir, LOCKFILE), "utf8").catch(() => null);
    const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
    const dirs = entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
    const migrationDirectories = await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((e: Error) => ({ tag: "error" as const, value: e.message })),
        },
      })),
    );
    return { baseDir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: "", migrationDirectories };
  }

  /** `prisma migrate deploy`: apply what is pending, in order; returns the names applied. */
  async deploy(): Promise<string[]> {
    const list = await this.list();
    const out = await guard(this.engine.applyMigrations({ migrationsList: list, filters }));
    return out.appliedMigrationNames;
  }

  async status(): Promise<MigrationStatus> {
    const list = await this.list();
    const local = list.migrationDirectories.map((d) => d.path);
    let diag: Engine.DiagnoseMigrationHistoryOutput;
    try {
      diag = await this.engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters });
    } catch (e) {
      // P1014: no _prisma_migrations table yet, so nothing was ever applied. Report that
      // without creating the table (status must not write).
      if (!engineErrorMessage(e).includes("P1014")) throw new MigrateError(engineErrorMessage(e));
      return { local, hasMigrationsTable: false, pending: local, failed: [], edited: [], history: null, upToDate: local.length === 0 };
    }
    const pending =
      diag.history?.diagnostic === "databaseIsBehind"
        ? diag.history.unappliedMigrationNames
        : diag.history?.diagnostic === "historiesDiverge"
          ? diag.history.unappliedMigrationNames
          : [];
    return {
      local,
      hasMigrationsTable: diag.hasMigrationsTable,
      pending,
      failed: diag.failedMigrationNames,
      edited: diag.editedMigrationNames,
      history: diag.history,
      upToDate: diag.history === null && diag.failedMigrationNames.length === 0,
    };
  }

  /**
   * `prisma migrate dev --name <name>`: apply pending migrations, then create a migration for the
   * difference between them and schema.prisma, and apply it. Refuses (like the CLI) when the
   * database has drifted from the history and would need a reset.
   */
  async create(name: string): Promise<{ created?: string; applied: string[] }> {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new MigrateError(`--name must be letters, digits and underscores, got "${name}"`);
    // The CLI's order: diagnose, apply what is pending, diagnose again, create. (createMigration
    // fails to reach the shadow database unless a diagnosis ran after the last apply.)
    await this.checkNoReset();
    const applied = await this.deploy();
    await this.checkNoReset();
    const list = await this.list();
    const out = await guard(
      this.engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList: list,
        schema: { files: [{ path: this.opts.schemaPath, content: this.schemaText }] },
        filters,
      }),
    );
    if (out.migrationScript === null) return { applied };
    const dir = path.join(list.baseDir, out.generatedMigrationName);
    if (existsSync(dir)) throw new MigrateError(`The migration directory already exists at ${dir}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `migration.${out.extension}`), out.migrationScript, "utf8");
    await writeFile(
      path.join(list.baseDir, LOCKFILE),
      "# Please do not edit this file manually\n" +
        "# It should be added in your version-control system (e.g., Git)\n" +
        `provider = "${out.connectorType}"\n`,
      "utf8",
    );
    return { created: out.generatedMigrationName, applied: [...applied, ...(await this.deploy())] };
  }

  private async checkNoReset(): Promise<void> {
    const diagnostic = await guard(this.engine.devDiagnostic({ migrationsList: await this.list(), filters }));
    if (diagnostic.action.tag === "reset") {
      throw new MigrateError(
        `The database needs a reset before a new migration can be created: ${diagnostic.action.reason}. Run npm run db:reset.`,
      );
    }
  }

  /** Drop every table, type and function in the database (the first half of `migrate reset`). */
  async reset(): Promise<void> {
    await guard(this.engine.reset({ filter: filters }));
  }

  /** `prisma migrate resolve --rolled-back <name>`: let a fixed migration be applied again. */
  async markRolledBack(name: string): Promise<void> {
    await guard(this.engine.markMigrationRolledBack({ migrationName: name }));
  }

  close(): void {
    this.engine.free();
  }
}

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw new MigrateError(engineErrorMessage(e));
  }
}
