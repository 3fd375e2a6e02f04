// Typed pub/sub for subscriptions: in-process by default. Payloads are plain JSON (ids and
// cursors, never whole rows) so any transport can carry them and subscribers load what they select.
import { createPubSub, type PubSub as YogaPubSub } from "graphql-yoga";

export interface PaperIngestedEvent {
  paperId: number;
  /** The paper's ingest_seq as a decimal string (bigint does not survive JSON). */
  seq: string;
}

export interface PaperUpdatedEvent {
  paperId: number;
}

export interface CommentAddedEvent {
  paperId: number;
  commentId: number;
}

/** Tokens just revoked: every instance closes the WebSockets that signed in with them. */
export interface TokensRevokedEvent {
  tokenIds: number[];
}

export type Events = {
  paperIngested: [PaperIngestedEvent];
  paperUpdated: [paperId: number, event: PaperUpdatedEvent];
  commentAdded: [paperId: number, event: CommentAddedEvent];
  tokensRevoked: [TokensRevokedEvent];
};

/** Topics the server itself listens to: not client subscriptions, so not counted as such. */
const INTERNAL_TOPICS = new Set<string>(["tokensRevoked"]);

export type PubSub = YogaPubSub<Events>;

export function createInProcessPubSub(): PubSub {
  return createPubSub<Events>();
}

export interface TrackedPubSub extends PubSub {
  /** Subscriptions currently open (their iterators not yet returned). */
  activeSubscriptions(): number;
}

/** Wraps a pub/sub so open subscriptions can be counted (tests wait on it; /metrics reports it). */
export function trackSubscriptions(inner: PubSub): TrackedPubSub {
  let active = 0;
  const subscribe = ((...args: Parameters<PubSub["subscribe"]>) => {
    const source = (inner.subscribe as unknown as (...a: unknown[]) => AsyncIterable<unknown>)(...args);
    if (INTERNAL_TOPICS.has(args[0])) return source;
    active += 1;
    let open = true;
    const finish = () => {
      if (open) {
        open = false;
        active -= 1;
      }
    };
    return {
      [Symbol.asyncIterator]() {
        const it = source[Symbol.asyncIterator]();
        return {
          next: async () => {
            const r = await it.next();
            if (r.done) finish();
            return r;
          },
          return: async (value?: unknown) => {
            finish();
            return (await it.return?.(value)) ?? { done: true as const, value };
          },
          throw: async (e?: unknown) => {
            finish();
            if (it.throw) return it.throw(e);
            throw e;
          },
        };
      },
    };
  }) as PubSub["subscribe"];
  return { publish: inner.publish.bind(inner), subscribe, activeSubscriptions: () => active };
}
