// Ingestion helpers for tests: fixtures through the real file path, a logical snapshot of a whole
// database (to prove that nothing at all was written), and tokens for the demo users.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import type { App } from "../../src/app.ts";
import type { Database } from "../../src/db.ts";
import { type FileIngestOptions, ingestFile } from "../../src/ingest/file-run.ts";
import { type InputFile, localFile, textFile } from "../../src/ingest/input.ts";
import type { IngestResult } from "../../src/ingest/pipeline.ts";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "ingest");

export function fixture(name: string): InputFile {
  return localFile(path.join(FIXTURES, name), name);
}

export function ingestInput(app: App, file: InputFile, opts: Partial<FileIngestOptions> = {}): Promise<IngestResult> {
  return ingestFile(app.db, file, { source: `test:${file.name}`, ...opts }, app.onIngestCommit);
}

export function ingestFixture(app: App, name: string, opts: Partial<FileIngestOptions> = {}): Promise<IngestResult> {
  return ingestInput(app, fixture(name), opts);
}

export function ingestText(app: App, name: string, text: string, opts: Partial<FileIngestOptions> = {}): Promise<IngestResult> {
  return ingestInput(app, textFile(name, text), opts);
}

/**
 * Every row of every table and every sequence position, as text. Two equal snapshots mean the
 * database holds exactly the same data (ids to be handed out next included).
 */
export async function snapshot(db: Database): Promise<string> {
  const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT to_jsonb(t)::text AS row FROM "${name}" t ORDER BY 1`);
    parts.push(`${name}:${rows.length}\n${rows.map((r) => r.row).join("\n")}`);
  }
  const sequences = await db.prisma.$queryRawUnsafe<{ s: string }[]>(
    `SELECT sequencename || '=' || coalesce(last_value::text, 'unused') AS s FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
  parts.push(sequences.map((r) => r.s).join("\n"));
  return parts.join("\n\n");
}

/** pg_dump of a PostgreSQL test database: the server's own byte-for-byte account of its data. */
export async function pgDump(db: Database): Promise<string> {
  const url = (db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", "--no-owner", url], { maxBuffer: 64 * 1024 * 1024 });
  // pg_dump 15.14+ wraps its output in \restrict lines with a random key: not data.
  return stdout.replace(/^\\(un)?restrict .*$/gm, "");
}

/** JSON Lines of records (objects) and raw lines (strings). */
export function jsonl(...lines: (object | string)[]): string {
  return lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
}
