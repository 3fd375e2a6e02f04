// The one ingestion path: every source (seed, CLI, handoff endpoint, GraphQL, pollers) turns its
// input into ParsedItems and hands them here. Records are cleaned, validated, written in chunked
// transactions, and announced only after their chunk commits. Every run is an IngestRun row,
// except a strict run that fails validation: that one writes nothing at all, not even its run.
import type { Database } from "../db.ts";
import { INGEST_PENDING_LIST_SQL } from "../db/gin-pending-list.ts";
import { isoDay } from "../discovery/periods.ts";
import type { CommitListener } from "../live/events.ts";
import { findUnstorable, storableMessage } from "./characters.ts";
import { InputError } from "./input.ts";
import { cleanRecord, contentHashOf, identityOf, isOlderVersion, type PaperRecord, type ParsedItem, validateRecord } from "./record.ts";
import { DEFAULT_HEARTBEAT_MS, interruptAbandonedRuns, recordChunk, startHeartbeat } from "./runs.ts";
import { Tagger } from "./tagger.ts";
import { type Plan, planBatch, writeBatch } from "./writer.ts";

/** Where items come from. `items()` must start over on each call: strict mode reads twice. */
export interface ItemSource {
  items(): AsyncIterable<ParsedItem>;
  /** Formats seen while reading (recorded on the run); filled by file sources. */
  formats?: Set<string>;
}

export interface IngestOptions {
  /** "seed:<file>", "cli:<file>", "graphql", "poller:arxiv", ... */
  source: string;
  /** The format when the source does not report one. */
  format?: string;
  triggeredById?: number;
  submittedById?: number;
  /** Listing day (YYYY-MM-DD) of records that carry none; else their published day, else today. */
  listedOn?: string;
  /** Validate everything first; the first bad record aborts the run and nothing is written. */
  strict?: boolean;
  /** Strict, and the caller has already validated this input (several files checked together). */
  validated?: boolean;
  /** Count what would happen; write no paper (the run itself is recorded, marked dry). */
  dryRun?: boolean;
  chunkSize?: number;
  /** How often this process renews the run's heartbeat (INGEST_HEARTBEAT); default 10 s. */
  heartbeatMs?: number;
  /** Called once the run's row exists, with its id. */
  onStart?: (runId: number) => void;
  onProgress?: (counts: IngestCounts) => void;
  /** Strict mode: called when the checking pass is over and writing starts. */
  onWriting?: () => void;
  signal?: AbortSignal;
}

export interface IngestCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Characters XML forbids, removed from the text of the records stored (see characters.ts). */
  charactersRemoved: number;
}

// A type, not an interface: a type's implicit index signature lets Prisma store a list of them as Json.
export type IngestError = {
  location: string;
  message: string;
};

export interface IngestResult extends IngestCounts {
  runId: number;
  status: "SUCCEEDED" | "FAILED";
  /** Why the whole run failed (an unreadable file, a database error); records before it stay written. */
  failure?: string;
  formats: string[];
  errors: IngestError[];
  errorCount: number;
  dryRun: boolean;
  elapsedMs: number;
}

/** A strict run stopped at its first bad record or input; nothing was written. */
export class StrictIngestError extends Error {
  override name = "StrictIngestError";
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${location ? `${location}: ` : ""}${reason} (strict mode: nothing was written)`);
  }
}

const MAX_KEPT_ERRORS = 100;
const DEFAULT_CHUNK_SIZE = 500;

export async function loadTagger(db: Database): Promise<Tagger> {
  const topics = await db.prisma.topic.findMany({
    select: { id: true, slug: true, keywords: true, categories: true },
    orderBy: { id: "asc" },
  });
  return new Tagger(topics);
}

/** A parsed item made storable: cleaned (with how many characters that removed) and validated, or the reason it is rejected. */
function storable(item: ParsedItem): { record: PaperRecord; removed: number; error?: undefined } | { record?: undefined; error: string } {
  if (item.error !== undefined) return { error: item.error };
  const unstorable = findUnstorable(item.record);
  if (unstorable) return { error: `${unstorable}, which cannot be stored` };
  const tally = { removed: 0 };
  const record = cleanRecord(item.record, tally);
  const problem = validateRecord(record);
  return problem ? { error: problem } : { record, removed: tally.removed };
}

/** The strict pass: read everything, stop at the first problem. Writes nothing. */
export async function validateAll(source: ItemSource, signal?: AbortSignal): Promise<void> {
  try {
    for await (const item of source.items()) {
      signal?.throwIfAborted();
      const p = storable(item);
      if (p.error !== undefined) throw new StrictIngestError(item.location, p.error);
    }
  } catch (e) {
    if (e instanceof InputError) throw new StrictIngestError("", e.message);
    throw e;
  }
}

export async function ingest(db: Database, source: ItemSource, opts: IngestOptions, onCommit?: CommitListener): Promise<IngestResult> {
  const started = performance.now();
  if (opts.strict && !opts.validated) {
    await validateAll(source, opts.signal);
    opts.onWriting?.();
  }
  const tagger = await loadTagger(db);
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const runId = await startRun(db, opts, heartbeatMs);
  opts.onStart?.(runId);
  const tally = new RunTally();
  const writer = new ChunkWriter(opts.chunkSize ?? DEFAULT_CHUNK_SIZE, (records) =>
    opts.dryRun ? dryRunChunk(db, records, tally, opts) : commitChunk(db, runId, records, tally, { tagger, opts, onCommit }),
  );
  const heartbeat = startHeartbeat(db, runId, heartbeatMs);
  const failure = await readAndWrite(source, tally, writer, opts);
  await heartbeat.stop();
  const formats = source.formats && source.formats.size > 0 ? [...source.formats] : opts.format ? [opts.format] : [];
  await finishRun(db, runId, { failure, formats, tally });
  const { counts, errors, errorCount } = tally;
  if (!opts.dryRun) await refreshIndexes(db, counts.created + counts.updated);
  return {
    runId,
    status: failure === undefined ? "SUCCEEDED" : "FAILED",
    failure,
    formats,
    ...counts,
    errors,
    errorCount,
    dryRun: opts.dryRun ?? false,
    elapsedMs: performance.now() - started,
  };
}

/** The run's row, once runs whose process died are closed (wherever they ran). */
async function startRun(db: Database, opts: IngestOptions, heartbeatMs: number): Promise<number> {
  await interruptAbandonedRuns(db);
  const run = await db.prisma.ingestRun.create({
    data: {
      source: opts.source,
      format: opts.format,
      triggeredById: opts.triggeredById,
      dryRun: opts.dryRun ?? false,
      strict: opts.strict ?? false,
      heartbeatMs,
    },
    select: { id: true },
  });
  return run.id;
}

/** What a run has counted, and the first MAX_KEPT_ERRORS of its errors. */
class RunTally {
  readonly counts: IngestCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0, charactersRemoved: 0 };
  readonly errors: IngestError[] = [];
  errorCount = 0;
  // A dry run cannot see its own earlier chunks in the database: it remembers what it would have
  // written (identity -> version and hash) so a repeat later in the input counts as it would.
  readonly dryPlanned = new Map<string, { version?: number; hash: string }>();

  reject(location: string, message: string): void {
    this.counts.rejected += 1;
    this.errorCount += 1;
    // Messages quote the input, which may hold what the database cannot store.
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push({ location: storableMessage(location), message: storableMessage(message) });
  }
}

/**
 * Collects records into chunks and writes each: one chunk is written while the next is read and
 * cleaned, so with a PostgreSQL server the JavaScript work overlaps the database's. Chunks still
 * commit one at a time and in order.
 */
class ChunkWriter {
  private chunk: PaperRecord[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly size: number,
    private readonly write: (records: PaperRecord[]) => Promise<void>,
  ) {}

  /** Records waiting for their chunk to fill. */
  get buffered(): number {
    return this.chunk.length;
  }

  async add(record: PaperRecord): Promise<void> {
    this.chunk.push(record);
    if (this.chunk.length >= this.size) await this.flush();
  }

  /** Starts writing what is buffered, once the chunk before it is written. */
  async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const records = this.chunk;
    this.chunk = [];
    await this.writing;
    this.writing = this.write(records);
    // Surfaced by the next flush or the final wait; never an unhandled rejection meanwhile.
    this.writing.catch(() => undefined);
  }

  /** Waits for the chunk in flight; throws what writing it threw. */
  settled(): Promise<void> {
    return this.writing;
  }
}

/** Reads every item into the writer, rejecting the bad ones; why the run failed, or undefined. */
async function readAndWrite(source: ItemSource, tally: RunTally, writer: ChunkWriter, opts: IngestOptions): Promise<string | undefined> {
  try {
    for await (const item of source.items()) {
      opts.signal?.throwIfAborted();
      const p = storable(item);
      if (p.error !== undefined) {
        tally.reject(item.location, p.error);
        if (writer.buffered === 0) opts.onProgress?.({ ...tally.counts });
        continue;
      }
      tally.counts.charactersRemoved += p.removed;
      await writer.add(p.record);
    }
    await writer.flush();
    await writer.settled();
    return undefined;
  } catch (e) {
    // The input broke off (a truncated file, bad XML): what was read before the break is good and
    // is written, as it would have been in a longer file. A chunk in flight finishes either way.
    try {
      if (e instanceof InputError) await writer.flush();
      await writer.settled();
    } catch {
      // The first failure is the one reported.
    }
    if (opts.signal?.aborted) {
      const reason = opts.signal.reason;
      return `aborted: ${reason instanceof Error ? reason.message : String(reason ?? "stopped")}`;
    }
    return storableMessage(e instanceof Error ? e.message : String(e));
  }
}

/** Counts what a chunk would do, writing nothing. */
async function dryRunChunk(db: Database, records: PaperRecord[], tally: RunTally, opts: IngestOptions): Promise<void> {
  countPlan(await planBatch(db.prisma, records), tally.counts, tally.dryPlanned);
  opts.onProgress?.({ ...tally.counts });
}

/** Writes one chunk in its own transaction, with the run's counts, then announces what it changed. */
async function commitChunk(
  db: Database,
  runId: number,
  records: PaperRecord[],
  tally: RunTally,
  { tagger, opts, onCommit }: { tagger: Tagger; opts: IngestOptions; onCommit?: CommitListener },
): Promise<void> {
  const { counts } = tally;
  const outcome = await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(INGEST_PENDING_LIST_SQL);
      const outcome = await writeBatch(tx, records, {
        tagger,
        listedOn: opts.listedOn,
        today: isoDay(new Date()),
        submittedById: opts.submittedById,
      });
      // In the chunk's transaction: a process killed at any point leaves a row that counts exactly what is committed.
      await recordChunk(tx, runId, {
        created: counts.created + outcome.created.length,
        updated: counts.updated + outcome.updated.length,
        unchanged: counts.unchanged + outcome.unchanged,
        rejected: counts.rejected,
        charactersRemoved: counts.charactersRemoved,
        errorCount: tally.errorCount,
        errors: tally.errors,
      });
      return outcome;
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
  counts.created += outcome.created.length;
  counts.updated += outcome.updated.length;
  counts.unchanged += outcome.unchanged;
  // Told before the papers are announced: a handoff CLI whose server dies next still knows them.
  opts.onProgress?.({ ...counts });
  await onCommit?.({ created: outcome.created, updated: outcome.updated, notified: outcome.notified });
}

async function finishRun(
  db: Database,
  runId: number,
  { failure, formats, tally }: { failure: string | undefined; formats: string[]; tally: RunTally },
): Promise<void> {
  await db.prisma.ingestRun.update({
    where: { id: runId },
    data: {
      status: failure === undefined ? "SUCCEEDED" : "FAILED",
      format: formats.join(",") || null,
      finishedAt: new Date(),
      ...tally.counts,
      errorCount: tally.errorCount,
      errors: tally.errors,
      failure: failure ?? null,
    },
  });
}

/** Papers written by one run from which the planner's statistics are refreshed at its end. */
const ANALYZE_AFTER = 1_000;

/**
 * New rows reach a GIN index (search, title words, categories) through its pending list, which
 * every search reads in full until (auto)vacuum merges it: after a large ingest, hundreds of pages
 * and tens of milliseconds per query. Merged once per run, so searches are fast right after an
 * ingest. After a large run the statistics are refreshed too, so the planner knows which terms are
 * common. PGlite has no autovacuum to do either, ever.
 */
async function refreshIndexes(db: Database, written: number): Promise<void> {
  if (written === 0) return;
  await db.prisma.$queryRaw`
    SELECT gin_clean_pending_list(i.indexrelid::regclass)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
    WHERE i.indrelid = 'paper'::regclass AND a.amname = 'gin'`;
  if (written >= ANALYZE_AFTER) await db.prisma.$executeRaw`ANALYZE paper, paper_author, paper_topic, author`;
}

function countPlan(plan: Plan, counts: IngestCounts, planned: Map<string, { version?: number; hash: string }>): void {
  counts.unchanged += plan.unchanged;
  for (const [record, kind] of [
    ...plan.create.map((r) => [r, "created"] as const),
    ...plan.update.map((u) => [u.record, "updated"] as const),
  ]) {
    const key = identityOf(record);
    const hash = contentHashOf(record);
    const before = planned.get(key);
    planned.set(key, { version: record.arxivVersion, hash });
    if (!before) counts[kind] += 1;
    else if (before.hash === hash || isOlderVersion(record.arxivVersion, before.version)) counts.unchanged += 1;
    else counts.updated += 1;
  }
}
