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

export type Events = {
  paperIngested: [PaperIngestedEvent];
  paperUpdated: [PaperUpdatedEvent];
  commentAdded: [CommentAddedEvent];
  collectionUpdated: [CollectionUpdatedEvent];
  authorClaimReviewed: [AuthorClaimReviewedEvent];
  tokensRevoked: [TokensRevokedEvent];
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
}

/** Called after each ingestion chunk commits, with what it created and updated. */
export type CommitListener = (change: IngestChange) => void | Promise<void>;

/** The events an ingestion commit produces (one wake-up per commit, one update per paper). */
export function ingestEvents(change: IngestChange): LiveEvent[] {
  const events: LiveEvent[] = [];
  const last = change.created.reduce<bigint | undefined>((m, c) => (m === undefined || c.ingestSeq > m ? c.ingestSeq : m), undefined);
  if (last !== undefined) events.push({ kind: "paperIngested", payload: { seq: last.toString() } });
  for (const u of change.updated) events.push({ kind: "paperUpdated", payload: { paperId: u.id } });
  return events;
}
