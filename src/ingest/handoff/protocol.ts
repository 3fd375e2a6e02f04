// What the ingest CLI and the server that owns the embedded database say to each other.
import type { IngestCounts, IngestResult } from "../pipeline.ts";
import type { RetagProgress, RetagResult } from "../retag.ts";

/** Carries the secret from DATA_DIR/owner.json. */
export const HANDOFF_HEADER = "x-paperboy-handoff";

/** One NDJSON line of the server's answer. */
export type HandoffMessage =
  /** The run's row exists: if the server dies now, this run will be marked INTERRUPTED. */
  | { type: "started"; runId: number }
  /** Sent at once after each chunk commits (so the CLI knows what is committed), else at most every 200 ms. */
  | { type: "progress"; counts: IngestCounts; bytesRead: number }
  /** Strict mode: every record checked out; writing starts. */
  | { type: "writing" }
  | { type: "result"; result: IngestResult }
  | { type: "strict-error"; location: string; reason: string; message: string }
  | { type: "error"; message: string }
  | ({ type: "retag-progress" } & RetagProgress)
  | { type: "retag-result"; result: RetagResult };

/**
 * A fetch body's chunks, as Buffers (none for no body). Read through its reader: the stream is async-iterable at run
 * time, but Node 20's typings of fetch's ReadableStream do not say so. Stopping early cancels it,
 * as leaving a for-await loop over the stream would.
 */
export async function* bodyChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Buffer> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Chunks as a fetch body, streamed as they come and never buffered (bodyChunks' reverse). Node's
 * fetch also takes the async iterable itself, but the DOM's typings of fetch, which Yoga's
 * @whatwg-node/fetch brings into the program, accept a ReadableStream only.
 */
export function bodyStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: async () => {
      await it.return?.();
    },
  });
}
