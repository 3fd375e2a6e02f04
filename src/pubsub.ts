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

export type Events = {
  paperIngested: [PaperIngestedEvent];
  paperUpdated: [paperId: number, event: PaperUpdatedEvent];
  commentAdded: [paperId: number, event: CommentAddedEvent];
};

export type PubSub = YogaPubSub<Events>;

export function createInProcessPubSub(): PubSub {
  return createPubSub<Events>();
}
