// Author claims: a signed-in user asks to be recognised as an author (claimAuthor), curators list
// and review them (authorClaims, reviewAuthorClaim), and the claimant sees them in
// me.authorClaims and hears of each review on authorClaimReviewed. A claim is visible to its
// claimant and to curators only: no other path leads to one. The review itself lives in
// discovery/claims.ts, in one place.
import { CLAIM_NOTE_MAX, CLAIM_REASON_MAX, claimAuthor, reviewAuthorClaim } from "../discovery/claims.ts";
import { AlreadyExistsError, NotFoundError, RateLimitedError } from "../errors.ts";
import type { AuthorClaimReviewedEvent } from "../live/events.ts";
import { type LiveFailure, unwrapLive } from "../live/queue.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { guarded, requireViewer, selfOnly, viewerWithin } from "./viewer.ts";

export const AuthorClaimStatus = builder.enumType("AuthorClaimStatus", {
  description: "Where a claim stands.",
  values: {
    PENDING: { description: "Waiting for a curator." },
    APPROVED: { description: "A curator recognised the user as the author." },
    REJECTED: { description: "A curator turned it down (see reason)." },
  } as const,
});

// Not a Node: a claim is reached only through its claimant's `me`, the curators' queue and the
// mutations, which is what keeps it private; its id is still a global id, for reviewAuthorClaim.
export const AuthorClaim = builder.prismaObject("AuthorClaim", {
  description: "A user's request to be recognised as an author. Only the claimant and curators see it.",
  fields: (t) => ({
    id: t.globalID({
      description: "The claim's global id, for reviewAuthorClaim.",
      resolve: (c) => ({ type: "AuthorClaim", id: c.id }),
    }),
    status: t.expose("status", { type: AuthorClaimStatus, description: "Pending, approved or rejected." }),
    note: t.exposeString("note", { description: "What the claimant wrote to support the claim (empty when nothing)." }),
    reason: t.exposeString("reason", { nullable: true, description: "The curator's reason, given with the review; null before it." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the claim was made." }),
    reviewedAt: t.expose("reviewedAt", {
      type: "DateTime",
      nullable: true,
      description: "When a curator reviewed it; null while pending.",
    }),
    author: t.relation("author", { description: "The author claimed." }),
    user: t.relation("user", { description: "The user who claims to be the author." }),
  }),
});

const AuthorClaimConnection = builder.connectionObject({ type: AuthorClaim, name: "AuthorClaimConnection" });

builder.prismaObjectFields("User", (t) => ({
  authorClaims: t.relatedConnection(
    "authorClaims",
    {
      cursor: "id",
      description: "Your author claims, newest first, with where each stands. Only for you.",
      authScopes: selfOnly,
      query: { orderBy: { id: "desc" } },
    },
    AuthorClaimConnection,
  ),
}));

builder.queryFields((t) => ({
  authorClaims: t.prismaConnection(
    {
      type: AuthorClaim,
      cursor: "id",
      authScopes: { curator: true },
      description: "Author claims, oldest first (the review queue). Curators and admins.",
      args: { status: t.arg({ type: AuthorClaimStatus, description: "Only claims in this state (default PENDING)." }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.authorClaim.findMany({ ...query, where: { status: args.status ?? "PENDING" }, orderBy: { id: "asc" } }),
    },
    AuthorClaimConnection,
  ),
}));

const claimErrors = [NotFoundError, AlreadyExistsError, RateLimitedError] as const;

builder.mutationFields((t) => ({
  claimAuthor: t.prismaField({
    type: AuthorClaim,
    description:
      "Asks curators to recognise you as this author. NotFound for an unknown author; AlreadyExists (field `author`) " +
      "when the author is claimed already, (field `claim`) when your claim of it is pending.",
    ...guarded("signedIn", ...claimErrors),
    args: {
      id: t.arg.id({ required: true, description: "The Author's global id." }),
      note: t.arg.string({ maxLength: CLAIM_NOTE_MAX, description: "Why you are this author: a homepage, an ORCID, an email domain." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const authorId = idArgument(args.id, "Author", "id");
      const id = await claimAuthor(ctx.prisma, viewerId, authorId, args.id, args.note?.trim() ?? "");
      return ctx.prisma.authorClaim.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  reviewAuthorClaim: t.prismaField({
    type: AuthorClaim,
    description:
      "Curators: approves (the claimant becomes the author's claimedBy) or rejects a pending claim; the claimant is told on " +
      "authorClaimReviewed. AlreadyExists (field `claim`) for a claim reviewed already, (field `author`) when approving an " +
      "author claimed by another user.",
    ...guarded("curator", ...claimErrors),
    args: {
      id: t.arg.id({ required: true, description: "The AuthorClaim's global id." }),
      approve: t.arg.boolean({ required: true, description: "True approves, false rejects." }),
      reason: t.arg.string({ maxLength: CLAIM_REASON_MAX, description: "Why, shown to the claimant." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const reviewerId = (await viewerWithin(ctx, "writes")).id;
      const claimId = idArgument(args.id, "AuthorClaim", "id");
      await reviewAuthorClaim(ctx.prisma, ctx.live, {
        claimId,
        ref: args.id,
        reviewerId,
        approve: args.approve,
        reason: args.reason?.trim() || null,
      });
      return ctx.prisma.authorClaim.findUniqueOrThrow({ ...query, where: { id: claimId } });
    },
  }),
}));

builder.subscriptionField("authorClaimReviewed", (t) =>
  t.prismaField({
    type: AuthorClaim,
    authScopes: { signedIn: true },
    description: "Each of your author claims as a curator reviews it (approved or rejected). Signed-in users, for their own claims only.",
    subscribe: (_root, _args, ctx) => ctx.live.watchClaimReviews(requireViewer(ctx).id, ctx.congested),
    resolve: (query, item, _args, ctx) =>
      ctx.prisma.authorClaim.findUniqueOrThrow({
        ...query,
        where: { id: unwrapLive(item as AuthorClaimReviewedEvent | LiveFailure).claimId },
      }),
  }),
);
