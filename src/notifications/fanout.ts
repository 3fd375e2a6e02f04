// Writing notifications: ONE set-based statement per event, whatever the number of recipients (a
// popular author's 10,000 followers cost one INSERT ... SELECT, not 10,000). Each statement
// chooses recipients from the follow, collection or comment tables, applies their preference for
// the kind (a missing row is the kind's default, kinds.ts), skips OFF, and writes the rest with a
// dedupe key: the unique (recipient, dedupe_key) index with ON CONFLICT DO NOTHING is what makes a
// retried ingest, a second instance or a reply that also mentions notify each recipient once.
//
// Callers run these in the transaction of the change itself (the ingestion chunk, the comment, the
// collection's new paper), so a notification exists exactly when its cause was committed, and
// publish what comes back (the live ones) once it has.
import type { NotifiedRecipient } from "../live/events.ts";
import { DEFAULT_DELIVERY, MAX_MENTIONS_PER_COMMENT, type NotificationKind } from "./kinds.ts";

/** A Prisma client or transaction: all this needs is raw SQL. */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

interface Row {
  id: number;
  recipient_id: number;
  digest: boolean;
}

/**
 * The statement's skeleton: `candidates` is a SELECT of (recipient_id, kind, actor_id, paper_id,
 * comment_id, collection_id, author_id, version, dedupe_key, rank) rows; the lowest rank wins when
 * one recipient appears twice for one key. The recipient's preference for the kind decides.
 */
async function insertNotifications(sql: Sql, candidates: string, values: unknown[]): Promise<NotifiedRecipient[]> {
  const defaults = Object.entries(DEFAULT_DELIVERY)
    .map(([kind, delivery]) => `('${kind}', '${delivery}')`)
    .join(", ");
  const rows = await sql.$queryRawUnsafe<Row[]>(
    `WITH c AS (${candidates}),
     chosen AS (
       SELECT DISTINCT ON (c.recipient_id, c.dedupe_key) c.*, COALESCE(p.delivery::text, d.delivery) AS delivery
       FROM c
       JOIN (VALUES ${defaults}) AS d(kind, delivery) ON d.kind = c.kind
       LEFT JOIN notification_preference p ON p.user_id = c.recipient_id AND p.kind::text = c.kind
       WHERE COALESCE(p.delivery::text, d.delivery) <> 'OFF'
         AND c.recipient_id IS DISTINCT FROM c.actor_id
       ORDER BY c.recipient_id, c.dedupe_key, c.rank
     )
     INSERT INTO notification (recipient_id, kind, actor_id, paper_id, comment_id, collection_id, author_id, version, digest, dedupe_key)
     SELECT recipient_id, kind::"NotificationKind", actor_id, paper_id, comment_id, collection_id, author_id, version,
            delivery = 'DIGEST', dedupe_key
     FROM chosen
     ORDER BY recipient_id
     ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
     RETURNING id, recipient_id, digest`,
    ...values,
  );
  // DIGEST ones wait for the email; the others go live.
  return rows.filter((r) => !r.digest).map((r) => ({ userId: Number(r.recipient_id), id: Number(r.id) }));
}

/** A candidate row's columns, for kinds that leave some empty. */
function candidate(kind: NotificationKind, cols: Partial<Record<string, string>>): string {
  const col = (name: string, type: string) => `${cols[name] ?? "NULL"}::${type} AS ${name}`;
  return `SELECT ${cols.recipient_id} AS recipient_id, '${kind}'::text AS kind, ${col("actor_id", "int")}, ${col("paper_id", "int")},
    ${col("comment_id", "int")}, ${col("collection_id", "int")}, ${col("author_id", "int")}, ${col("version", "int")},
    ${cols.dedupe_key} AS dedupe_key, ${cols.rank ?? "0"} AS rank`;
}

/**
 * New papers of an ingestion chunk: each follower of any of their authors, and the user who claimed
 * one, once per paper (the first such author in the paper's order is the one named).
 */
export function notifyAuthorPapers(sql: Sql, paperIds: number[]): Promise<NotifiedRecipient[]> {
  if (paperIds.length === 0) return Promise.resolve([]);
  return insertNotifications(
    sql,
    `${candidate("AUTHOR_PAPER", {
      recipient_id: "f.user_id",
      paper_id: "pa.paper_id",
      author_id: "pa.author_id",
      dedupe_key: "'paper:' || pa.paper_id",
      rank: "pa.position",
    })}
     FROM paper_author pa
     JOIN LATERAL (
       SELECT user_id FROM author_follow WHERE author_id = pa.author_id
       UNION SELECT claimed_by_id FROM author WHERE id = pa.author_id AND claimed_by_id IS NOT NULL
     ) f ON true
     WHERE pa.paper_id = ANY($1::int[])`,
    [paperIds],
  );
}

/** New arXiv versions of an ingestion chunk: the owner of every collection holding the paper, once per version. */
export function notifyNewVersions(sql: Sql, versions: { paperId: number; version: number }[]): Promise<NotifiedRecipient[]> {
  if (versions.length === 0) return Promise.resolve([]);
  return insertNotifications(
    sql,
    `${candidate("PAPER_VERSION", {
      recipient_id: "col.owner_id",
      paper_id: "v.paper_id",
      collection_id: "col.id",
      version: "v.version",
      dedupe_key: "'version:' || v.paper_id || ':' || v.version",
      rank: "col.id",
    })}
     FROM jsonb_to_recordset($1::jsonb) AS v(paper_id int, version int)
     JOIN collection_paper cp ON cp.paper_id = v.paper_id
     JOIN collection col ON col.id = cp.collection_id`,
    [JSON.stringify(versions.map((v) => ({ paper_id: v.paperId, version: v.version })))],
  );
}

/**
 * A new comment: the author of the comment it replies to (REPLY) and the users it mentions
 * (MENTION, at most MAX_MENTIONS_PER_COMMENT handles). One notification per recipient and comment:
 * a reply that also mentions its parent's author is a REPLY. The commenter is never notified.
 */
export function notifyComment(
  sql: Sql,
  comment: { id: number; paperId: number; authorId: number; parentId: number | null; mentions: string[] },
): Promise<NotifiedRecipient[]> {
  const handles = comment.mentions.slice(0, MAX_MENTIONS_PER_COMMENT);
  if (comment.parentId === null && handles.length === 0) return Promise.resolve([]);
  const cols = { actor_id: "$1::int", paper_id: "$2::int", comment_id: "$3::int", dedupe_key: "'comment:' || $3::int" };
  return insertNotifications(
    sql,
    `${candidate("REPLY", { ...cols, recipient_id: "parent.author_id", rank: "0" })}
     FROM comment parent WHERE parent.id = $4::int
     UNION ALL
     ${candidate("MENTION", { ...cols, recipient_id: "u.id", rank: "1" })}
     FROM app_user u WHERE u.handle_key = ANY($5::text[])`,
    [comment.authorId, comment.paperId, comment.id, comment.parentId, handles],
  );
}

/** A paper added to a collection: its followers (a private collection has none that count), once per paper. */
export function notifyCollectionPaper(
  sql: Sql,
  added: { collectionId: number; paperId: number; actorId: number },
): Promise<NotifiedRecipient[]> {
  return insertNotifications(
    sql,
    `${candidate("COLLECTION_PAPER", {
      recipient_id: "f.user_id",
      actor_id: "$3::int",
      paper_id: "$2::int",
      collection_id: "$1::int",
      dedupe_key: "'collection:' || $1::int || ':' || $2::int",
    })}
     FROM collection_follow f JOIN collection col ON col.id = f.collection_id AND col.visibility = 'PUBLIC'
     WHERE f.collection_id = $1::int`,
    [added.collectionId, added.paperId, added.actorId],
  );
}

/**
 * Tells the claimant, once per claim and outcome, that `reviewerId` reviewed their claim of the
 * author. Called by discovery/claims.ts in the review's transaction.
 */
export function notifyAuthorClaimReviewed(
  sql: Sql,
  review: { claimId: number; claimantId: number; authorId: number; reviewerId: number; outcome: string },
): Promise<NotifiedRecipient[]> {
  return insertNotifications(
    sql,
    `${candidate("AUTHOR_CLAIM_REVIEWED", {
      recipient_id: "$1::int",
      actor_id: "$2::int",
      author_id: "$3::int",
      dedupe_key: "'claim:' || $4::int || ':' || $5::text",
    })}`,
    [review.claimantId, review.reviewerId, review.authorId, review.claimId, review.outcome],
  );
}
