// Fan-out of shared subscription results to a transport that writes each result's message itself
// (graphql-ws, src/ws.ts). Delivering one event to one subscriber is then a few synchronous calls:
// the live queue hands the event over as it is pushed, the subscriber joins the event's shared
// execution, and when that execution settles, one callback writes the frame of every subscriber
// waiting for it. The async-iterator way (await the next event, await the shared result, yield it
// through envelop's per-result layers and graphql-ws's loop, which stringifies and sends it) cost
// several promises and a dozen calls per delivery: with thousands of subscribers, most of the
// server's time besides the socket writes.
//
// Only results without errors are written this way: they pass envelop's per-result layers (masked
// errors, the error metric: both act on `errors` only) and graphql-ws's loop unchanged. A result
// with errors, the end of the stream and a failure are answered to graphql-ws's pending next(), so
// they are masked, counted and sent as before; the subscriber pulls its next event only after that.
import type { ExecutionResult } from "graphql";

/** A result without errors as every subscriber sharing its execution gets it. */
export interface SharedMessage {
  result: ExecutionResult;
  /** JSON.stringify(result), once. */
  json: string;
  /** The transport's encodings of the message, by subscription id (src/ws.ts: whole frames). */
  frames: Map<string, Buffer>;
}

/**
 * Writes one subscription's `next` message for a shared result without errors; a promise when the
 * transport wants it awaited before the next event is pulled (a slow socket).
 */
export type DirectNext = (message: SharedMessage) => void | Promise<void>;

/** A source that hands its next item to a callback: at once when it has one, else when it comes (LiveQueue). */
export interface Pullable {
  pull(cb: (r: IteratorResult<unknown>) => void): void;
  /** Tells `cb` of each item queued behind others (with how many wait), so its work can start early. */
  whenQueued?(cb: (item: unknown, waiting: number) => void): void;
  return?(): unknown;
}

/**
 * Events a subscriber that is behind starts executing before it reaches them: their shared
 * executions then settle together, and their frames leave in one write per socket (the socket's
 * frames of one turn are written together, src/ws-frames.ts). Bounded, so that a subscriber
 * replaying a long backlog does not start hundreds of executions at once.
 */
const PREFETCH = 8;

export function isPullable(source: unknown): source is Pullable {
  return typeof (source as Partial<Pullable> | null)?.pull === "function";
}

const directNexts = new WeakMap<object, DirectNext>();

/** For a transport: results of the subscription run with this context may go to `next` (see above). */
export function deliverDirectly(contextValue: object, next: DirectNext): void {
  directNexts.set(contextValue, next);
}

export function directNextOf(contextValue: unknown): DirectNext | undefined {
  return contextValue !== null && typeof contextValue === "object" ? directNexts.get(contextValue) : undefined;
}

interface Settled {
  done: boolean;
  message?: SharedMessage;
  error?: unknown;
  failed?: boolean;
  waiting: ((s: Settled) => void)[];
}

const settledOf = new WeakMap<Promise<ExecutionResult>, Settled>();

/** The state of a shared run, watched from its first use: one promise reaction per shared run, not one per subscriber. */
function settledStateOf(run: Promise<ExecutionResult>): Settled {
  const s = settledOf.get(run);
  if (s) return s;
  const state: Settled = { done: false, waiting: [] };
  settledOf.set(run, state);
  const settle = () => {
    state.done = true;
    for (const waiting of state.waiting.splice(0)) waiting(state);
  };
  run.then(
    (result) => {
      // Serialized once, and only when it will be written this way.
      state.message = { result, json: result.errors ? "" : JSON.stringify(result), frames: new Map() };
      settle();
    },
    (error: unknown) => {
      state.failed = true;
      state.error = error;
      settle();
    },
  );
  return state;
}

/** Calls `cb` once `run` settles (at once when it has). */
function whenSettled(run: Promise<ExecutionResult>, cb: (s: Settled) => void): void {
  const s = settledStateOf(run);
  if (s.done) cb(s);
  else s.waiting.push(cb);
}

type Answer = IteratorResult<ExecutionResult>;

/**
 * One subscription's stream: graphql-ws (through envelop's layers) awaits next(); meanwhile events
 * are pulled, run (shared) and written by `write`, until one must be answered instead.
 */
export class DirectStream implements AsyncIterableIterator<ExecutionResult> {
  private pending: { resolve: (a: Answer) => void; reject: (e: unknown) => void } | undefined;
  /** An event is in flight (awaited from the source, run, or being written): no other is pulled. */
  private busy = false;
  private finished = false;
  private pumping = false;
  private again = false;
  /** The runs of the queued events started early (at most PREFETCH), until they are reached. */
  private readonly ahead = new Map<unknown, Promise<ExecutionResult>>();
  // Bound once: these run once per delivery.
  private readonly onEventCb = (r: IteratorResult<unknown>) => this.onEvent(r);
  private readonly onResultCb = (s: Settled) => {
    try {
      this.onResult(s);
    } catch (e) {
      this.fail(e);
    }
  };

  constructor(
    private readonly source: Pullable,
    private readonly run: (event: unknown) => Promise<ExecutionResult>,
    private readonly write: DirectNext,
  ) {
    source.whenQueued?.((event, waiting) => {
      if (waiting <= PREFETCH && !this.finished) this.prefetch(event);
    });
  }

  private prefetch(event: unknown): void {
    try {
      const run = this.run(event);
      settledStateOf(run);
      this.ahead.set(event, run);
    } catch {
      // Run again, and failed as it should, when the event is reached.
    }
  }

  next(): Promise<Answer> {
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise<Answer>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.pump();
    });
  }

  async return(): Promise<Answer> {
    this.finish();
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  async throw(e?: unknown): Promise<Answer> {
    this.finish();
    await this.source.return?.();
    throw e;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    this.finished = true;
    this.ahead.clear();
    this.answer({ done: true, value: undefined });
  }

  private answer(a: Answer): void {
    const p = this.pending;
    this.pending = undefined;
    p?.resolve(a);
  }

  /** Pulls events while graphql-ws waits and nothing is in flight; a loop, not recursion, through a backlog. */
  private pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        if (this.busy || this.finished || !this.pending) break;
        this.busy = true;
        this.source.pull(this.onEventCb);
      } while (this.again);
    } finally {
      this.pumping = false;
    }
  }

  /** Our own failure, should there be one: the subscription ends with it rather than hanging. */
  private fail(error: unknown): void {
    this.finished = true;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(error);
  }

  private onEvent(r: IteratorResult<unknown>): void {
    if (r.done || this.finished) {
      this.finished = true;
      this.answer({ done: true, value: undefined });
      return;
    }
    let run = this.ahead.size > 0 ? this.ahead.get(r.value) : undefined;
    if (run) this.ahead.delete(r.value);
    else {
      try {
        run = this.run(r.value);
      } catch (e) {
        run = Promise.reject(e);
      }
    }
    whenSettled(run, this.onResultCb);
  }

  private onResult(s: Settled): void {
    if (this.finished) return;
    // As from an async iterator whose next() rejects: graphql-ws reports it as an error message.
    if (s.failed) return this.fail(s.error);
    const message = s.message!;
    if (message.result.errors) {
      this.busy = false;
      this.answer({ done: false, value: message.result });
      return;
    }
    let written: void | Promise<void>;
    try {
      written = this.write(message);
    } catch {
      // The transport failed to write (a socket failing): it closes, and its subscriptions end.
      written = undefined;
    }
    if (written) {
      void written.then(() => {
        this.busy = false;
        this.pump();
      });
      return;
    }
    this.busy = false;
    this.pump();
  }
}
