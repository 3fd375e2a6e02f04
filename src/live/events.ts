// The event contract of live delivery: what ingestion, accounts and the schema publish, and what the
// hub, the pub/sub and the caches receive. Every side imports this file and none imports another
// side for it: a leaf under every layer (it imports nothing of ours), so that ingest and auth
// publish without knowing the hub, and live reads ingestion's changes without importing ingest.
// Payloads are small JSON (ids, cursors), never rows: receivers read the database.

export interface PaperIngestedEvent {
  /** The highest ingest_seq of the commit, as a decimal string (bigint does not survive JSON). */
  seq: string;
}

export interface PaperUpdatedEvent {
  paperId: number;
}

export interface CommentAddedEvent {
  paperId: number;
  commentId: number;
}

/** A collection changed: renamed, re-described, made public or private, deleted, or its papers changed. */
export interface CollectionUpdatedEvent {
  collectionId: number;
}

/** A notification written for a user, to push to their notificationAdded subscriptions. */
export interface NotifiedRecipient {
  userId: number;
  /** The notification's id. */
  id: number;
}

/**
 * Notifications just written. Chunked by notificationEvents, so a fan-out to thousands stays
 * within PostgreSQL NOTIFY's 8,000-byte payload when that carries it between processes.
 */
export interface NotificationAddedEvent {
  /** [recipient user id, notification id] pairs. */
  notifications: [number, number][];
}

/** Pairs per notificationAdded event: about 20 bytes each in JSON, well within NOTIFY's 8,000. */
export const NOTIFICATIONS_PER_EVENT = 250;

/** The notificationAdded events that announce `notified` (none when it is empty). */
export function notificationEvents(notified: NotifiedRecipient[]): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (let i = 0; i < notified.length; i += NOTIFICATIONS_PER_EVENT) {
    const notifications = notified.slice(i, i + NOTIFICATIONS_PER_EVENT).map((n): [number, number] => [n.userId, n.id]);
    events.push({ kind: "notificationAdded", payload: { notifications } });
  }
  return events;
}

/** A curator approved or rejected a user's author claim (discovery/claims.ts): the claimant is told. */
export interface AuthorClaimReviewedEvent {
  claimId: number;
  /** The claimant. */
  userId: number;
  authorId: number;
}

/** Tokens just revoked: every instance closes the WebSockets that signed in with them. */
export interface TokensRevokedEvent {
  tokenIds: number[];
}

/** Users whose role or name changed: every instance forgets what it remembered of their sign-ins. */
export interface ViewersChangedEvent {
  userIds: number[];
}

export type Events = {
  paperIngested: [PaperIngestedEvent];
  paperUpdated: [PaperUpdatedEvent];
  commentAdded: [CommentAddedEvent];
  collectionUpdated: [CollectionUpdatedEvent];
  authorClaimReviewed: [AuthorClaimReviewedEvent];
  tokensRevoked: [TokensRevokedEvent];
  viewersChanged: [ViewersChangedEvent];
  notificationAdded: [NotificationAddedEvent];
};

export type EventKind = keyof Events;
export type LiveEvent = { [K in EventKind]: { kind: K; payload: Events[K][0] } }[EventKind];

/** Where a service sends its events (the hub: to every instance, this one included). */
export interface EventPublisher {
  publish(events: LiveEvent[]): Promise<void>;
}

/** A paper an ingestion commit updated. */
export interface ChangedPaper {
  id: number;
}

/** A paper an ingestion commit created, with its place in the live log. */
export interface CreatedPaper extends ChangedPaper {
  ingestSeq: bigint;
}

/** What one ingestion commit created and updated. */
export interface IngestChange {
  created: CreatedPaper[];
  updated: ChangedPaper[];
  /** Notifications the commit wrote that go live (new papers of followed authors, new versions). */
  notified?: NotifiedRecipient[];
}

/** Called after each ingestion chunk commits, with what it created and updated. */
export type CommitListener = (change: IngestChange) => void | Promise<void>;

/** The events an ingestion commit produces (one wake-up per commit, one update per paper). */
export function ingestEvents(change: IngestChange): LiveEvent[] {
  const events: LiveEvent[] = [];
  const last = change.created.reduce<bigint | undefined>((m, c) => (m === undefined || c.ingestSeq > m ? c.ingestSeq : m), undefined);
  if (last !== undefined) events.push({ kind: "paperIngested", payload: { seq: last.toString() } });
  for (const u of change.updated) events.push({ kind: "paperUpdated", payload: { paperId: u.id } });
  events.push(...notificationEvents(change.notified ?? []));
  return events;
}
