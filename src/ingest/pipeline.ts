// The one ingestion path: every source (seed, CLI, GraphQL, pollers) turns its input into
// ParsedItems and hands them here. Records are cleaned, validated, written in chunked
// transactions, and announced only after their chunk commits. Every run is an IngestRun row.
import type { Database } from "../db.ts";
import { cleanRecord, validateRecord, type PaperRecord, type ParsedItem } from "./record.ts";
import { Tagger } from "./tagger.ts";
import { writeBatch, type ChangedPaper, type CreatedPaper } from "./writer.ts";

export interface IngestOptions {
  /** "seed:<file>", "cli:<file>", "graphql", "poller:arxiv", ... */
  source: string;
  format?: string;
  triggeredById?: number;
  submittedById?: number;
  /** Listing day for records that carry none (YYYY-MM-DD); default: the published day, else today. */
  defaultListedOn?: string;
  chunkSize?: number;
  onProgress?: (counts: IngestCounts) => void;
}

export interface IngestCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface IngestError {
  location: string;
  message: string;
}

export interface IngestResult extends IngestCounts {
  runId: number;
  errors: IngestError[];
  errorCount: number;
}

/** Called after each chunk commits, with what it created and updated. */
export type CommitListener = (change: { created: CreatedPaper[]; updated: ChangedPaper[] }) => void | Promise<void>;

const MAX_KEPT_ERRORS = 100;

export async function loadTagger(db: Database): Promise<Tagger> {
  const topics = await db.prisma.topic.findMany({ select: { id: true, slug: true, keywords: true, categories: true }, orderBy: { id: "asc" } });
  return new Tagger(topics);
}

export async function ingest(db: Database, items: AsyncIterable<ParsedItem>, opts: IngestOptions, onCommit?: CommitListener): Promise<IngestResult> {
  const run = await db.prisma.ingestRun.create({
    data: { source: opts.source, format: opts.format, triggeredById: opts.triggeredById },
    select: { id: true },
  });
  const tagger = await loadTagger(db);
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const errors: IngestError[] = [];
  let errorCount = 0;
  const chunkSize = opts.chunkSize ?? 500;
  const reject = (location: string, message: string) => {
    counts.rejected += 1;
    errorCount += 1;
    if (errors.length < MAX_KEPT_ERRORS) errors.push({ location, message });
  };

  let chunk: PaperRecord[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const records = chunk;
    chunk = [];
    const outcome = await db.prisma.$transaction(
      (tx) =>
        writeBatch(tx, records, {
          tagger,
          defaultListedOn: opts.defaultListedOn ?? new Date().toISOString().slice(0, 10),
          submittedById: opts.submittedById,
        }),
      { timeout: 120_000, maxWait: 60_000 },
    );
    counts.created += outcome.created.length;
    counts.updated += outcome.updated.length;
    // Duplicates inside the input collapse into one record: they count as unchanged.
    counts.unchanged += records.length - outcome.created.length - outcome.updated.length;
    await onCommit?.({ created: outcome.created, updated: outcome.updated });
    opts.onProgress?.({ ...counts });
  };

  try {
    for await (const item of items) {
      if (item.error !== undefined) {
        reject(item.location, item.error);
        continue;
      }
      const record = cleanRecord(item.record);
      const problem = validateRecord(record);
      if (problem) {
        reject(item.location, problem);
        continue;
      }
      chunk.push(record);
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
  } catch (e) {
    await db.prisma.ingestRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), ...counts, errorCount, errors: errors as never, failure: e instanceof Error ? e.message : String(e) },
    });
    throw e;
  }
  await db.prisma.ingestRun.update({
    where: { id: run.id },
    data: { status: "SUCCEEDED", finishedAt: new Date(), ...counts, errorCount, errors: errors as never },
  });
  return { runId: run.id, ...counts, errors, errorCount };
}
