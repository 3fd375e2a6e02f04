// A child process that creates (initdb) and migrates an embedded database folder, then exits:
// PGlite's initdb and the schema engine are WebAssembly that stay resident once loaded (~140 MB
// measured), and leave with this process instead of staying in the server's. A worker thread was
// tried first: its memory stayed mapped in the server (+70 MB). See openMigrated() in prepare.ts.
// Argument: the data folder. Answers over IPC with the migrations applied or the error to show.
import { describeTarget, openDatabase } from "../db.ts";
import { migrateToLatest } from "./migrate.ts";

const dataDir = process.argv[2]!;
let answer: { applied: string[] } | { error: string };
try {
  // This process only runs DDL: a small buffer pool keeps its peak low.
  const db = await openDatabase({ dataDir }, { sharedBuffers: "16MB" });
  try {
    answer = { applied: await migrateToLatest(db) };
  } catch (e) {
    // As the server says it when it cannot migrate: where, and the first line of the engine's error.
    answer = { error: `${describeTarget({ dataDir })}: ${(e as Error).message.split("\n")[0]}` };
  } finally {
    await db.close();
  }
} catch (e) {
  // The folder cannot be opened (locked, corrupt, another PostgreSQL version): the message says how.
  answer = { error: (e as Error).message };
}
process.send!(answer);
