// One instance's live events. It holds ONE subscription per event kind on the pub/sub (in-process
// or Redis) and, on PostgreSQL, one LISTEN connection; it fans events out to this instance's
// subscriptions. Publishing goes to the pub/sub, and to NOTIFY when there is no Redis to reach
// other instances on the same database.
import { randomUUID } from "node:crypto";

import type { Database } from "../db.ts";
import type {
  AuthorClaimReviewedEvent,
  CollectionUpdatedEvent,
  CommentAddedEvent,
  EventKind,
  EventPublisher,
  LiveEvent,
  NotifiedRecipient,
  PaperUpdatedEvent,
} from "./events.ts";
import { PaperLog } from "./paper-log.ts";
import { listen, type Listener, notify } from "./pg-notify.ts";
import { publishEvent, type PubSubHandle } from "./pubsub.ts";
import { LiveQueue } from "./queue.ts";
import { SharedLoads } from "./shared-loads.ts";

export interface HubOptions {
  /** postgres:// URL to LISTEN on (set on PostgreSQL). */
  listenUrl?: string;
  /** True when the pub/sub already reaches other instances (Redis). */
  distributed: boolean;
  pollIntervalMs?: number;
  /** Each subscription's queue: events it may fall behind by, and how long it may stall. */
  queue: { capacity: number; stallMs: number };
}

type Watchers<T> = Map<number, Set<LiveQueue<T>>>;

/**
 * The kinds the hub subscribes to on the pub/sub: every one. A record rather than a list, so that a
 * kind added to Events without its entry here fails to compile instead of never arriving from
 * other instances.
 */
const SUBSCRIBED: Record<EventKind, true> = {
  paperIngested: true,
  paperUpdated: true,
  commentAdded: true,
  collectionUpdated: true,
  authorClaimReviewed: true,
  tokensRevoked: true,
  viewersChanged: true,
  notificationAdded: true,
};

export class LiveHub implements EventPublisher {
  readonly origin = randomUUID();
  readonly papers: PaperLog;
  /** Loads shared by the subscribers of one event (see SharedLoads). */
  readonly shared = new SharedLoads();
  private readonly updates: Watchers<PaperUpdatedEvent> = new Map();
  private readonly comments: Watchers<CommentAddedEvent> = new Map();
  private readonly collections: Watchers<CollectionUpdatedEvent> = new Map();
  /** notificationAdded subscriptions by recipient user id. */
  private readonly inboxes: Watchers<NotifiedRecipient> = new Map();
  /** By claimant: each user hears of their own claims only. */
  private readonly claimReviews: Watchers<AuthorClaimReviewedEvent> = new Map();
  private readonly eventListeners = new Set<(e: LiveEvent) => void>();
  private readonly revocationListeners = new Set<(tokenIds: number[]) => void>();
  private readonly loops: AsyncIterator<unknown>[] = [];
  private listener: Listener | undefined;
  private started = false;

  constructor(
    private readonly db: Database,
    private readonly bus: PubSubHandle,
    private readonly opts: HubOptions,
  ) {
    this.papers = new PaperLog(db, { pollIntervalMs: opts.pollIntervalMs, queue: opts.queue });
  }

  /** Idempotent; createApp starts the hub it builds. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const kind of Object.keys(SUBSCRIBED) as EventKind[]) {
      const it = this.bus.pubsub.subscribe(kind)[Symbol.asyncIterator]();
      this.loops.push(it);
      void (async () => {
        for (let r = await it.next(); !r.done; r = await it.next()) this.dispatch({ kind, payload: r.value } as LiveEvent);
      })();
    }
    if (this.opts.listenUrl) {
      this.listener = listen(
        this.opts.listenUrl,
        this.origin,
        (e) => this.dispatch(e),
        () => this.papers.wake(),
      );
    }
    // Failing here (database not reachable yet) is retried by the first subscription or wake-up.
    this.papers.start().catch(() => undefined);
  }

  async stop(): Promise<void> {
    for (const it of this.loops.splice(0)) await it.return?.();
    await this.listener?.close();
    this.papers.stop();
    for (const set of this.allWatchers()) for (const q of set) q.end();
  }

  /** Publish to every instance (this one included). */
  async publish(events: LiveEvent[]): Promise<void> {
    // Before the round trip through the pub/sub: this instance's next request must see the change.
    for (const e of events) for (const listener of this.eventListeners) listener(e);
    for (const e of events) publishEvent(this.bus.pubsub, e);
    if (!this.opts.distributed) await notify(this.db, this.origin, events);
  }

  private dispatch(e: LiveEvent): void {
    for (const listener of this.eventListeners) listener(e);
    if (e.kind === "paperIngested") this.papers.wake();
    // A watcher whose queue of small events is full has stopped reading: it is ended.
    else if (e.kind === "paperUpdated") this.offer(this.updates.get(e.payload.paperId), e.payload);
    else if (e.kind === "commentAdded") this.offer(this.comments.get(e.payload.paperId), e.payload);
    else if (e.kind === "collectionUpdated") this.offer(this.collections.get(e.payload.collectionId), e.payload);
    else if (e.kind === "authorClaimReviewed") this.offer(this.claimReviews.get(e.payload.userId), e.payload);
    else if (e.kind === "notificationAdded") {
      for (const [userId, id] of e.payload.notifications) this.offer(this.inboxes.get(userId), { userId, id });
    } else if (e.kind === "tokensRevoked") for (const listener of this.revocationListeners) listener(e.payload.tokenIds);
  }

  private offer<T>(watchers: Set<LiveQueue<T>> | undefined, event: T): void {
    for (const q of watchers ?? []) if (!q.push(event)) q.overflow();
  }

  private watch<T>(map: Watchers<T>, id: number, congested?: () => boolean): LiveQueue<T> {
    const set = map.get(id) ?? new Set<LiveQueue<T>>();
    map.set(id, set);
    const queue: LiveQueue<T> = new LiveQueue<T>({
      ...this.opts.queue,
      congested,
      onClose: () => {
        set.delete(queue);
        if (set.size === 0) map.delete(id);
      },
    });
    set.add(queue);
    return queue;
  }

  watchPaper(paperId: number, congested?: () => boolean): LiveQueue<PaperUpdatedEvent> {
    return this.watch(this.updates, paperId, congested);
  }

  watchComments(paperId: number, congested?: () => boolean): LiveQueue<CommentAddedEvent> {
    return this.watch(this.comments, paperId, congested);
  }

  watchCollection(collectionId: number, congested?: () => boolean): LiveQueue<CollectionUpdatedEvent> {
    return this.watch(this.collections, collectionId, congested);
  }

  /** The reviews of `userId`'s author claims. */
  watchClaimReviews(userId: number, congested?: () => boolean): LiveQueue<AuthorClaimReviewedEvent> {
    return this.watch(this.claimReviews, userId, congested);
  }

  /** A user's new notifications (what notificationAdded delivers). */
  watchNotifications(userId: number, congested?: () => boolean): LiveQueue<NotifiedRecipient> {
    return this.watch(this.inboxes, userId, congested);
  }

  private allWatchers(): Set<LiveQueue<unknown>>[] {
    return [
      ...this.updates.values(),
      ...this.comments.values(),
      ...this.collections.values(),
      ...this.inboxes.values(),
      ...this.claimReviews.values(),
    ] as Set<LiveQueue<unknown>>[];
  }

  /**
   * Calls `listener` with every event from any instance. An event published by this instance is
   * seen twice: at once, and again when it comes back through the pub/sub (for caches to drop).
   */
  onEvent(listener: (e: LiveEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Calls `listener` with the ids of tokens revoked on any instance; returns how to stop listening. */
  onTokensRevoked(listener: (tokenIds: number[]) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Open subscriptions of all kinds on this instance. */
  get subscriptionCount(): number {
    let n = this.papers.subscriberCount;
    for (const set of this.allWatchers()) n += set.size;
    return n;
  }
}
