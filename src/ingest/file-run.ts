// Ingesting one input file: what the CLI does locally and what a server does for a CLI that
// handed its work over. A one-shot input is spooled to a temporary file when strict mode needs
// to read it twice.
import type { Database } from "../db.ts";
import { spool, type ByteCounter, type InputFile } from "./input.ts";
import { ingest, type CommitListener, type IngestCounts, type IngestResult } from "./pipeline.ts";
import { filesSource, type FormatOption } from "./read.ts";

export interface FileIngestOptions {
  /** Recorded on the run: "cli:<path>", "graphql", ... */
  source: string;
  format?: FormatOption;
  /** --date: completes a page's date line and is the listing day of records without one. */
  date?: string;
  strict?: boolean;
  dryRun?: boolean;
  triggeredById?: number;
  chunkSize?: number;
  /** Raw bytes read so far (progress). */
  counter?: ByteCounter;
  onProgress?: (counts: IngestCounts) => void;
  /** Strict mode: the checking pass is over (the byte counter starts again for the writing pass). */
  onWriting?: () => void;
  signal?: AbortSignal;
}

export async function ingestFile(db: Database, input: InputFile, opts: FileIngestOptions, onCommit?: CommitListener): Promise<IngestResult> {
  const spooled = opts.strict && input.oneShot ? await spool(input) : undefined;
  try {
    const file = spooled?.file ?? input;
    const source = filesSource(() => [file], { format: opts.format, date: opts.date, counter: opts.counter });
    return await ingest(
      db,
      source,
      {
        source: opts.source,
        listedOn: opts.date,
        strict: opts.strict,
        dryRun: opts.dryRun,
        triggeredById: opts.triggeredById,
        chunkSize: opts.chunkSize,
        onProgress: opts.onProgress,
        onWriting: () => {
          if (opts.counter) opts.counter.read = 0;
          opts.onWriting?.();
        },
        signal: opts.signal,
      },
      onCommit,
    );
  } finally {
    await spooled?.remove();
  }
}
