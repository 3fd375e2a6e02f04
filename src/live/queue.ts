// A subscription's bounded queue. Events are pushed into it; GraphQL pulls them. It holds at most
// `capacity` events; a burst beyond that is caught up from the database (PaperLog). A consumer
// that stops reading (a WebSocket whose send buffer stays full, an SSE stream nobody drains) stops
// pulling; once it has fallen behind and not pulled for `stallMs`, the subscription ends with an
// error the client sees when it reads again. Memory per subscription is bounded either way, and
// other subscriptions are unaffected.
//
// Written here rather than with a library buffer because it must also watch the socket's own send
// buffer (graphql-ws sends without waiting for the socket to drain) and how long ago it was read.
import { GraphQLError } from "graphql";

export class SubscriptionOverflowError extends GraphQLError {
  constructor(capacity: number) {
    super(
      `This subscription fell ${capacity} events behind because the client stopped reading; it was ended. ` +
        "Resubscribe with `after` set to the last cursor you received to catch up.",
      {
        extensions: { code: "SUBSCRIPTION_OVERFLOW", capacity },
      },
    );
  }
}

/**
 * What the queue yields once when it fails: the subscription's resolver throws its error, so every
 * transport reports it the same way — a result carrying the GraphQL error (a `next` message over
 * graphql-ws, an event over SSE) — and then the stream completes.
 */
export class LiveFailure {
  constructor(readonly error: unknown) {}
}

/** For subscription resolvers: the event, or the queue's failure thrown as a GraphQL error. */
export function unwrapLive<T>(item: T | LiveFailure): T {
  if (item instanceof LiveFailure) throw item.error;
  return item;
}

export interface QueueOptions {
  capacity: number;
  /** A full queue whose consumer has not pulled for this long is ended with an overflow error. */
  stallMs: number;
  /** True while the transport cannot take more (e.g. the socket's send buffer is over a limit). */
  congested?: () => boolean;
  onClose?: () => void;
}

export class LiveQueue<T> implements AsyncIterableIterator<T | LiveFailure> {
  private readonly items: T[] = [];
  private failure: unknown;
  private ended = false;
  private closed = false;
  /** The consumer's pending next(), answered by whatever makes an answer available (push, fail, end, close). */
  private waiter: ((r: IteratorResult<T | LiveFailure>) => void) | undefined;
  /** While congested with items waiting: the next look at the transport. */
  private retry: NodeJS.Timeout | undefined;
  private lastPullAt = Date.now();

  constructor(private readonly opts: QueueOptions) {}

  get size(): number {
    return this.items.length;
  }

  get capacity(): number {
    return this.opts.capacity;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get isFull(): boolean {
    return this.items.length >= this.opts.capacity;
  }

  /** Enqueue; false when the queue is full (the caller decides: catch up later, or overflow()). */
  push(item: T): boolean {
    if (this.closed || this.ended || this.failure) return true;
    if (this.isFull) return false;
    // The stall clock starts when work becomes available, not at the consumer's last (idle) pull.
    if (this.items.length === 0) this.lastPullAt = Date.now();
    this.items.push(item);
    this.notify();
    // Not taken at once: the consumer is busy with earlier items, and may start on this one.
    if (this.queued && this.items.length > 0 && this.items[this.items.length - 1] === item) this.queued(item, this.items.length);
    return true;
  }

  private queued: ((item: T, waiting: number) => void) | undefined;

  /** Tells `cb` of each item that waits behind others when pushed (with how many wait, it included). */
  whenQueued(cb: (item: T, waiting: number) => void): void {
    this.queued = cb;
  }

  /** True when events are waiting and the consumer has not pulled one for stallMs. */
  get stalled(): boolean {
    return this.items.length > 0 && Date.now() - this.lastPullAt > this.opts.stallMs;
  }

  overflow(): void {
    this.fail(new SubscriptionOverflowError(this.opts.capacity));
  }

  fail(error: unknown): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    this.items.length = 0;
    // Ended now, even if the consumer only reads the error later: stop feeding it.
    this.detach();
    this.notify();
  }

  private detached = false;
  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.opts.onClose?.();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /**
   * Answers a waiting consumer when an answer is available. Called where the state changes, so a
   * push hands its item straight to the pending next() (one promise per event, not a wake-up that
   * then looks again): at fan-out this runs once per delivery.
   */
  private notify(): void {
    const w = this.waiter;
    if (!w) return;
    // Cleared first: take() may close the queue, which notifies again.
    this.waiter = undefined;
    const r = this.take();
    if (!r) {
      this.waiter = w;
      this.retryWhenCongested();
      return;
    }
    if (this.retry) {
      clearTimeout(this.retry);
      this.retry = undefined;
    }
    w(r);
  }

  /** Items wait but the transport is congested: look again in a moment, as the socket drains. */
  private retryWhenCongested(): void {
    if (this.items.length === 0 || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.notify();
    }, 25);
  }

  /** What next() answers now, or undefined when it must wait (nothing to take, or congested). */
  private take(): IteratorResult<T | LiveFailure> | undefined {
    if (this.closed) return { done: true, value: undefined };
    if (this.failure) {
      const e = this.failure;
      this.close();
      return { done: false, value: new LiveFailure(e) };
    }
    if (this.items.length > 0 && !this.opts.congested?.()) {
      this.lastPullAt = Date.now();
      return { done: false, value: this.items.shift()! };
    }
    if (this.ended && this.items.length === 0) {
      this.close();
      return { done: true, value: undefined };
    }
    return undefined;
  }

  /**
   * Hands what next() would answer to `cb`: at once when there is an answer, else as soon as there
   * is one (synchronously, from push, fail, end or close). For consumers that need no promise per
   * event (src/plugins/direct-delivery.ts); one pull at a time.
   */
  pull(cb: (r: IteratorResult<T | LiveFailure>) => void): void {
    const r = this.take();
    if (r) return cb(r);
    // Wait for a push, a failure, the end, or (when congested) a moment for the socket to drain.
    this.waiter = cb;
    this.retryWhenCongested();
  }

  next(): Promise<IteratorResult<T | LiveFailure>> {
    const r = this.take();
    if (r) return Promise.resolve(r);
    return new Promise((resolve) => this.pull(resolve));
  }

  async return(): Promise<IteratorResult<T | LiveFailure>> {
    this.close();
    return { done: true, value: undefined };
  }

  async throw(e?: unknown): Promise<IteratorResult<T | LiveFailure>> {
    this.close();
    throw e;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.notify();
    this.detach();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
