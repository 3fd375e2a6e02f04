// Ingesting one input file: what the CLI does locally and what a server does for a CLI that
// handed its work over. A one-shot input is spooled to a temporary file when strict mode needs
// to read it twice.
import type { Database } from "../db.ts";
import type { CommitListener } from "../live/events.ts";
import { type ByteCounter, type InputFile, spool } from "./input.ts";
import { ingest, type IngestOptions, type IngestResult } from "./pipeline.ts";
import { filesSource, type FormatOption } from "./read.ts";

export interface FileIngestOptions extends Pick<
  IngestOptions,
  | "source"
  | "strict"
  | "validated"
  | "dryRun"
  | "triggeredById"
  | "chunkSize"
  | "heartbeatMs"
  | "onStart"
  | "onProgress"
  | "onWriting"
  | "signal"
> {
  /** Detected when not given; read by the parser, not passed on (the run records what was read). */
  format?: FormatOption;
  /** --date: completes a page's date line and is the listing day of records without one. */
  date?: string;
  /** Raw bytes read so far (progress); starts again for strict mode's writing pass. */
  counter?: ByteCounter;
}

export async function ingestFile(
  db: Database,
  input: InputFile,
  opts: FileIngestOptions,
  onCommit?: CommitListener,
): Promise<IngestResult> {
  const spooled = opts.strict && !opts.validated && input.oneShot ? await spool(input) : undefined;
  try {
    const file = spooled?.file ?? input;
    const { format, date, counter, onWriting, ...rest } = opts;
    const source = filesSource(() => [file], { format, date, counter });
    return await ingest(
      db,
      source,
      {
        ...rest,
        listedOn: date,
        onWriting: () => {
          if (counter) counter.read = 0;
          onWriting?.();
        },
      },
      onCommit,
    );
  } finally {
    await spooled?.remove();
  }
}
