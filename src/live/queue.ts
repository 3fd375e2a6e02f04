// A subscription's bounded queue. The live log pushes matching papers into it; GraphQL pulls them.
// A consumer that stops reading (a WebSocket whose send buffer stays full, an SSE stream nobody
// drains) stops pulling, the queue fills, and at `capacity` the subscription ends with an error
// the client sees when it reads again. Memory per subscription is bounded either way; other
// subscriptions are unaffected.
//
// Written here rather than with a library buffer because it must also watch the socket's own
// send buffer (graphql-ws sends without waiting for the socket to drain).
import { GraphQLError } from "graphql";

export class SubscriptionOverflowError extends GraphQLError {
  constructor(capacity: number) {
    super(`This subscription fell ${capacity} events behind because the client stopped reading; it was ended. Resubscribe with \`after\` set to the last cursor you received to catch up.`, {
      extensions: { code: "SUBSCRIPTION_OVERFLOW", capacity },
    });
  }
}

export interface QueueOptions {
  capacity: number;
  /** True while the transport cannot take more (e.g. the socket's send buffer is over a limit). */
  congested?: () => boolean;
  onClose?: () => void;
}

export class LiveQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private failure: unknown;
  private ended = false;
  private closed = false;
  private wake: (() => void) | undefined;

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

  push(item: T): void {
    if (this.closed || this.ended || this.failure) return;
    if (this.items.length >= this.opts.capacity) {
      this.fail(new SubscriptionOverflowError(this.opts.capacity));
      return;
    }
    this.items.push(item);
    this.notify();
  }

  fail(error: unknown): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    this.items.length = 0;
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      if (this.failure) {
        const e = this.failure;
        this.close();
        throw e;
      }
      if (this.items.length > 0 && !this.opts.congested?.()) return { done: false, value: this.items.shift()! };
      if (this.ended && this.items.length === 0) {
        this.close();
        return { done: true, value: undefined };
      }
      // Wait for a push, a failure, or (when congested) a moment for the socket to drain.
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (this.items.length > 0) setTimeout(resolve, 25);
      });
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.close();
    return { done: true, value: undefined };
  }

  async throw(e?: unknown): Promise<IteratorResult<T>> {
    this.close();
    throw e;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    this.notify();
    this.opts.onClose?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
