// Opening the embedded PGlite database: folder lock first, then PGlite, with one clear error
// for every way the folder can be unusable.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import type { PGlite } from "@electric-sql/pglite";

import { DataDirError, type DataDirLock, lockDataDir, pgdataPath } from "./data-dir.ts";
import { SESSION_PENDING_LIST_KB } from "./gin-pending-list.ts";

/** PGlite 0.5 is PostgreSQL 18; a folder written by another major version cannot be opened. */
const PG_MAJOR = "18";

export interface EmbeddedDatabase {
  pglite: PGlite;
  lock: DataDirLock;
  /** True when this call created the folder (it needs migrations and the seed). */
  created: boolean;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** PostgreSQL's shared_buffers (default 128MB): a batch writer such as the ingest CLI needs less. */
  sharedBuffers?: string;
}

export async function openEmbedded(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const lock = await lockDataDir(dataDir);
  try {
    const dir = pgdataPath(dataDir);
    const created = !existsSync(path.join(dir, "PG_VERSION"));
    if (!created) checkVersion(dir);
    let pglite: PGlite;
    try {
      // Imported here: a server on PostgreSQL never loads PGlite.
      const { PGlite } = await import("@electric-sql/pglite");
      const params = ["-c", `gin_pending_list_limit=${SESSION_PENDING_LIST_KB}`];
      if (opts.sharedBuffers) params.push("-c", `shared_buffers=${opts.sharedBuffers}`);
      pglite = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...params] });
      await pglite.query("select 1");
    } catch (e) {
      throw new DataDirError(
        `The embedded database in ${dir} cannot be opened (${describe(e)}). ` +
          `It may be corrupt: move the folder away to start fresh, or set DATA_DIR to another folder.`,
      );
    }
    return {
      pglite,
      lock,
      created,
      async close() {
        try {
          await pglite.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

function checkVersion(dir: string): void {
  const version = readFileSync(path.join(dir, "PG_VERSION"), "utf8").trim();
  if (version !== PG_MAJOR) {
    throw new DataDirError(
      `The embedded database in ${dir} was written by PostgreSQL ${version || "(unknown)"}, ` +
        `but this PGlite is PostgreSQL ${PG_MAJOR}: move the folder away or set DATA_DIR to another folder.`,
    );
  }
}

function describe(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0]?.slice(0, 200) || "unknown error";
}
