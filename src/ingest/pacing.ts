// Parsing that shares the event loop. Parsers are synchronous (saxes, the JSON tokenizer) and an
// async generator's awaits are microtasks, which never let timers, sockets or signal handlers run:
// a 10 MB document handed over in one chunk would hold the process (its /health, its SIGTERM) for
// as long as the parse takes. So input reaches a parser in small slices, and whenever a slice or
// the records it produced have taken more than a few milliseconds, the reader waits one turn of
// the event loop (setImmediate: after pending I/O) before going on.
import { setImmediate as nextTurn } from "node:timers/promises";

/** Bytes handed to a parser at once: parsing this much takes well under a millisecond or two. */
const SLICE_BYTES = 16 * 1024;
/** Work between two turns of the event loop. */
const BUDGET_MS = 10;

/**
 * Runs a parser over `chunks` in slices of at most SLICE_BYTES, and hands its records on, pausing
 * for the event loop whenever the parser or the records' consumer has held it for BUDGET_MS.
 */
export function pacedParse<T>(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  parse: (slices: AsyncIterable<Buffer>) => AsyncIterable<T>,
): AsyncGenerator<T> {
  const pacer = new Pacer();
  return paced(parse(sliced(chunks, pacer)), pacer);
}

/** Keeps time since the event loop last had a turn; shared by everything reading one input. */
class Pacer {
  private since = performance.now();

  async breathe(): Promise<void> {
    if (performance.now() - this.since < BUDGET_MS) return;
    await nextTurn();
    this.since = performance.now();
  }
}

async function* sliced(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, pacer: Pacer): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length; start += SLICE_BYTES) {
      await pacer.breathe();
      yield chunk.subarray(start, start + SLICE_BYTES);
    }
  }
}

/** The consumer's time between two items counts against the budget too. */
async function* paced<T>(items: AsyncIterable<T>, pacer: Pacer): AsyncGenerator<T> {
  for await (const item of items) {
    yield item;
    await pacer.breathe();
  }
}
