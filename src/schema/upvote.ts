// Upvotes. The Upvote row (primary key user+paper) and Paper.upvoteCount change in one transaction:
// the insert is ON CONFLICT DO NOTHING and the count moves only when a row really appeared or
// went away, so repeats are no-ops and concurrent votes give an exact count.
import type { Context } from "../context.ts";
import { NotFoundError, RateLimitedError } from "../errors.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { guarded, viewerWithin } from "./viewer.ts";

builder.prismaObjectFields("Paper", (t) => ({
  viewerHasUpvoted: t.boolean({
    description: "Whether the signed-in user upvoted this paper (false when anonymous).",
    // Selected with the paper itself: no query per paper in a list.
    select: (_args, ctx) => ({ upvotes: { where: { userId: ctx.viewer?.id ?? 0 }, select: { userId: true }, take: 1 } }),
    resolve: (paper) => paper.upvotes.length > 0,
  }),
}));

/** `id` when that paper exists, else NotFound naming `globalId`. */
export async function requirePaper(ctx: Context, id: number, globalId: string): Promise<number> {
  const found = await ctx.prisma.paper.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new NotFoundError("Paper", globalId);
  return id;
}

/** The paper's id, or NotFound. */
export async function existingPaperId(ctx: Context, globalId: string, argumentName: string): Promise<number> {
  return requirePaper(ctx, idArgument(globalId, "Paper", argumentName), globalId);
}

async function vote(ctx: Context, globalId: string, up: boolean): Promise<number> {
  const viewer = await viewerWithin(ctx, "upvotes");
  const paperId = await existingPaperId(ctx, globalId, "id");
  const changed = await ctx.prisma.$transaction(async (tx) => {
    const { count } = up
      ? await tx.upvote.createMany({ data: [{ userId: viewer.id, paperId }], skipDuplicates: true })
      : await tx.upvote.deleteMany({ where: { userId: viewer.id, paperId } });
    if (count > 0) await tx.paper.update({ where: { id: paperId }, data: { upvoteCount: { increment: up ? count : -count } } });
    return count > 0;
  });
  if (changed) await ctx.live.publish([{ kind: "paperUpdated", payload: { paperId } }]);
  return paperId;
}

builder.mutationFields((t) => ({
  upvotePaper: t.prismaField({
    type: "Paper",
    description: "Upvotes a paper; upvoting again changes nothing.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: { id: t.arg.id({ required: true, description: "The Paper's id." }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: await vote(ctx, args.id, true) } }),
  }),
  removeUpvote: t.prismaField({
    type: "Paper",
    description: "Takes your upvote back; without one, changes nothing.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: { id: t.arg.id({ required: true, description: "The Paper's id." }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: await vote(ctx, args.id, false) } }),
  }),
}));
