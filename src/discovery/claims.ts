// Author claims: a user asks to be recognised as an author, a curator approves or rejects. The
// review is done here and only here (reviewAuthorClaim), so whatever must follow a review (the
// claimant's live notice and their inbox entry) hooks into one place.
// Writes lock the author row first, so two requests cannot both pass "one pending claim per user
// and author" or both approve the same author.
import { AlreadyExistsError, NotFoundError } from "../errors.ts";
import type { AuthorClaimStatus, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { type EventPublisher, notificationEvents } from "../live/events.ts";
import { notifyAuthorClaimReviewed } from "../notifications/fanout.ts";

export const CLAIM_NOTE_MAX = 1_000;
export const CLAIM_REASON_MAX = 1_000;

type Tx = Prisma.TransactionClient;

async function lockAuthor(tx: Tx, authorId: number, ref: string): Promise<{ claimed_by_id: number | null }> {
  const [row] = await tx.$queryRaw<{ claimed_by_id: number | null }[]>`SELECT claimed_by_id FROM author WHERE id = ${authorId} FOR UPDATE`;
  if (!row) throw new NotFoundError("Author", ref);
  return row;
}

/**
 * A pending claim of `authorId` by `userId`; the claim's id. AlreadyExists (field "author") when
 * the author is claimed already (by anyone), or (field "claim") when this user's claim is pending.
 */
export async function claimAuthor(prisma: PrismaClient, userId: number, authorId: number, ref: string, note: string): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const author = await lockAuthor(tx, authorId, ref);
    if (author.claimed_by_id !== null) {
      const yours = author.claimed_by_id === userId;
      throw new AlreadyExistsError(
        "Author",
        "author",
        yours ? "You have claimed this author already." : "This author is claimed by another user.",
      );
    }
    const pending = await tx.authorClaim.findFirst({ where: { authorId, userId, status: "PENDING" }, select: { id: true } });
    if (pending) throw new AlreadyExistsError("AuthorClaim", "claim", "Your claim of this author is pending: wait for a curator's review.");
    const created = await tx.authorClaim.create({ data: { authorId, userId, note }, select: { id: true } });
    return created.id;
  });
}

export interface ClaimReview {
  claimId: number;
  /** The claim as the client named it, for errors. */
  ref: string;
  reviewerId: number;
  approve: boolean;
  reason?: string | null;
}

/**
 * Approves or rejects a pending claim, and tells the claimant (the authorClaimReviewed event).
 * Approving makes the claimant the author's user (Author.claimedBy). NotFound for a claim that does
 * not exist; AlreadyExists (field "claim") for one reviewed already, (field "author") when approving
 * an author another claim was approved for meanwhile.
 */
export async function reviewAuthorClaim(prisma: PrismaClient, live: EventPublisher, review: ClaimReview): Promise<AuthorClaimStatus> {
  const done = await prisma.$transaction(async (tx) => {
    const claim = await tx.authorClaim.findUnique({ where: { id: review.claimId }, select: { authorId: true, userId: true } });
    if (!claim) throw new NotFoundError("AuthorClaim", review.ref);
    const author = await lockAuthor(tx, claim.authorId, review.ref);
    // Read again under the author's lock: another curator may have reviewed it meanwhile.
    const current = await tx.authorClaim.findUniqueOrThrow({ where: { id: review.claimId }, select: { status: true } });
    if (current.status !== "PENDING")
      throw new AlreadyExistsError("AuthorClaim", "claim", `This claim was ${current.status.toLowerCase()} already.`);
    if (review.approve && author.claimed_by_id !== null && author.claimed_by_id !== claim.userId) {
      throw new AlreadyExistsError("Author", "author", "This author is claimed by another user: reject this claim instead.");
    }
    const status: AuthorClaimStatus = review.approve ? "APPROVED" : "REJECTED";
    await tx.authorClaim.update({
      where: { id: review.claimId },
      data: { status, reason: review.reason ?? null, reviewedAt: new Date(), reviewedById: review.reviewerId },
      select: { id: true },
    });
    if (review.approve)
      await tx.author.update({ where: { id: claim.authorId }, data: { claimedById: claim.userId }, select: { id: true } });
    // The inbox entry commits with the review, or neither does.
    const notified = await notifyAuthorClaimReviewed(tx, {
      claimId: review.claimId,
      claimantId: claim.userId,
      authorId: claim.authorId,
      reviewerId: review.reviewerId,
      outcome: status,
    });
    return { status, notified, ...claim };
  });
  await live.publish([
    { kind: "authorClaimReviewed", payload: { claimId: review.claimId, userId: done.userId, authorId: done.authorId } },
    ...notificationEvents(done.notified),
  ]);
  return done.status;
}
