// The kinds of notification, what each defaults to when a user has not chosen, and the bounds on
// mentions. The README's "Notifications" defaults table mirrors DEFAULT_DELIVERY.
import type { NotificationDelivery, NotificationKind } from "../generated/prisma/enums.ts";

export type { NotificationDelivery, NotificationKind };

/**
 * Replies and mentions are about you, so they are on; papers and versions come in batches with
 * each ingestion (a followed author with many papers would flood the inbox live), so they wait for
 * the digest; a followed collection gaining a paper is a deliberate act of its owner: on.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, NotificationDelivery> = {
  REPLY: "ON",
  MENTION: "ON",
  AUTHOR_PAPER: "DIGEST",
  PAPER_VERSION: "ON",
  COLLECTION_PAPER: "ON",
  AUTHOR_CLAIM_REVIEWED: "ON",
};

export const NOTIFICATION_KINDS = Object.keys(DEFAULT_DELIVERY) as NotificationKind[];

/** At most this many distinct @handles of one comment are notified (the first ones written). */
export const MAX_MENTIONS_PER_COMMENT = 10;

// A handle is 3 to 30 letters, digits or _, starting with a letter (signUp). Not after a word
// character or another @, so "a@b.org" and "@@x" mention nobody.
const MENTION = /(?<![\w@])@([A-Za-z][A-Za-z0-9_]{2,29})(?![A-Za-z0-9_])/g;

/** The distinct handle keys (lower-cased) a comment mentions, in order, at most MAX_MENTIONS_PER_COMMENT. */
export function mentionedHandles(body: string): string[] {
  const keys = new Set<string>();
  for (const m of body.matchAll(MENTION)) {
    keys.add(m[1]!.toLowerCase());
    if (keys.size === MAX_MENTIONS_PER_COMMENT) break;
  }
  return [...keys];
}
