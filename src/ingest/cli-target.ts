// Where the ingest and retag CLIs write: PostgreSQL directly (DATABASE_URL), the embedded folder
// when no one holds it, or the server that holds it (handoff: PGlite allows one process).
import type { Config } from "../config.ts";
import { type Database, describeTarget, openDatabase } from "../db.ts";
import { DataDirError, readOwner } from "../db/data-dir.ts";
import { prepareDatabase, type SeedStep } from "../db/prepare.ts";
import { type Handoff, handoffOf } from "./handoff/client.ts";

export type Target = { kind: "direct"; db: Database; description: string } | { kind: "handoff"; handoff: Handoff; description: string };

/** `seed`: what an embedded database that is new gets (the CLI passes the seed in). */
export async function openTarget(config: Config, log: (line: string) => void, seed?: SeedStep): Promise<Target> {
  let db: Database;
  try {
    // A writer streams through; a small buffer cache keeps the process (PGlite included) lean.
    db = await openDatabase(config, { poolSize: 2, sharedBuffers: "32MB" });
  } catch (e) {
    if (e instanceof DataDirError && !config.databaseUrl) {
      const handoff = handoffOf(await readOwner(config.dataDir));
      if (handoff) return { kind: "handoff", handoff, description: `the server at ${handoff.url}, which owns ${config.dataDir}` };
    }
    throw e;
  }
  try {
    for (const line of await prepareDatabase(db, seed)) log(line);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw new Error(`${describeTarget(config)}: ${(e as Error).message.split("\n")[0]}`);
  }
  return { kind: "direct", db, description: describeTarget(config) };
}
