// Comments: threaded (parent/replies), plain text stored exactly as sent and returned as a
// string: Paperboy never renders it as HTML, clients must escape it. Deleting keeps the comment's
// place in its thread (body and author are hidden). Paper.commentCount counts visible comments
// and moves in the same transaction as the row.
import { z } from "zod";

import { ForbiddenError, invalidInput, NotFoundError, RateLimitedError } from "../errors.ts";
import { notificationEvents } from "../live/events.ts";
import { notifyComment } from "../notifications/fanout.ts";
import { MAX_MENTIONS_PER_COMMENT, mentionedHandles } from "../notifications/kinds.ts";
import { builder } from "./builder.ts";
import { idArgument, parseGlobalId } from "./ids.ts";
import { existingPaperId, requirePaper } from "./upvote.ts";
import { User } from "./user.ts";
import { guarded, requireViewer, viewerWithin } from "./viewer.ts";

const COMMENT_MAX_LENGTH = 5_000;

const Comment = builder.prismaNode("Comment", {
  description: "A comment on a paper or a reply to another comment, in plain text.",
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  select: { id: true },
  fields: (t) => ({
    body: t.string({
      nullable: true,
      description: "Plain text exactly as written (never HTML: escape it when displaying). Null once deleted.",
      select: { body: true, deletedAt: true },
      resolve: (c) => (c.deletedAt ? null : c.body),
    }),
    author: t.field({
      type: User,
      nullable: true,
      description: "Null once deleted.",
      // Loaded with the comment (nestedSelection), then hidden for deleted ones.
      select: (_args, _ctx, nestedSelection) => ({ deletedAt: true, author: nestedSelection(true) }),
      resolve: (c) => (c.deletedAt ? null : c.author),
    }),
    paper: t.relation("paper", { description: "The paper discussed." }),
    parent: t.relation("parent", { nullable: true, description: "The comment this replies to; null for a top-level comment." }),
    replyCount: t.relationCount("replies", { description: "Direct replies, deleted ones included." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was posted." }),
    deletedAt: t.expose("deletedAt", { type: "DateTime", nullable: true, description: "When it was deleted; null while it is not." }),
    viewerCanDelete: t.boolean({
      description: "The author and curators may delete a comment.",
      select: { authorId: true, deletedAt: true },
      resolve: (c, _args, ctx) => !c.deletedAt && !!ctx.viewer && (ctx.viewer.id === c.authorId || ctx.viewer.role !== "READER"),
    }),
  }),
});

/** A paper's comments and a comment's replies. */
export const CommentConnection = builder.connectionObject({ type: Comment, name: "CommentConnection" });

// Apart from the type, which the connection of its replies refers to.
builder.prismaObjectFields("Comment", (t) => ({
  replies: t.relatedConnection(
    "replies",
    { cursor: "id", description: "Direct replies, oldest first.", query: { orderBy: { id: "asc" } } },
    CommentConnection,
  ),
}));

builder.prismaObjectFields("Paper", (t) => ({
  comments: t.relatedConnection(
    "comments",
    {
      cursor: "id",
      description: "Top-level comments, oldest first; follow `replies` for the threads.",
      query: { where: { parentId: null }, orderBy: { id: "asc" } },
    },
    CommentConnection,
  ),
}));

// Its length and characters are bounded like every input's (src/plugins/input-limits.ts).
const commentBody = z.string().refine((s) => s.trim().length > 0, "Write something: the comment is empty.");

builder.mutationFields((t) => ({
  addComment: t.prismaField({
    type: "Comment",
    description:
      "Comments on a paper, or replies to a comment (parentId). Plain text. Notifies the parent's author (REPLY) and the " +
      `users whose @handle it contains (MENTION, at most ${MAX_MENTIONS_PER_COMMENT} distinct handles a comment).`,
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: {
      paperId: t.arg.id({ required: true, description: "The Paper's id." }),
      body: t.arg.string({
        required: true,
        maxLength: COMMENT_MAX_LENGTH,
        description: "Plain text, stored as written; not blank.",
        validate: commentBody,
      }),
      parentId: t.arg.id({ description: "The comment this replies to; it must be on the same paper." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "comments");
      const paperId = await existingPaperId(ctx, args.paperId, "paperId");
      let parentId: number | null = null;
      if (args.parentId != null) {
        parentId = idArgument(args.parentId, "Comment", "parentId");
        const parent = await ctx.prisma.comment.findUnique({ where: { id: parentId }, select: { paperId: true, deletedAt: true } });
        if (!parent) throw new NotFoundError("Comment", args.parentId);
        if (parent.paperId !== paperId) throw invalidInput({ path: ["parentId"], message: "That comment is on another paper." });
        if (parent.deletedAt) throw invalidInput({ path: ["parentId"], message: "That comment was deleted." });
      }
      const comment = await ctx.prisma.$transaction(async (tx) => {
        const created = await tx.comment.create({
          data: { paperId, parentId, authorId: viewer.id, body: args.body },
          select: { id: true },
        });
        await tx.paper.update({ where: { id: paperId }, data: { commentCount: { increment: 1 } } });
        // The parent's author and the users it @mentions, in the comment's transaction.
        const notified = await notifyComment(tx, {
          id: created.id,
          paperId,
          authorId: viewer.id,
          parentId,
          mentions: mentionedHandles(args.body),
        });
        return { ...created, notified };
      });
      await ctx.live.publish([
        { kind: "commentAdded", payload: { paperId, commentId: comment.id } },
        { kind: "paperUpdated", payload: { paperId } },
        ...notificationEvents(comment.notified),
      ]);
      return ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id: comment.id } });
    },
  }),

  deleteComment: t.prismaField({
    type: "Comment",
    description: "Deletes a comment (its author, or a curator). Replies stay; deleting twice changes nothing.",
    ...guarded("signedIn", ForbiddenError, NotFoundError),
    args: { id: t.arg.id({ required: true, description: "The Comment's id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = idArgument(args.id, "Comment", "id");
      const comment = await ctx.prisma.comment.findUnique({ where: { id }, select: { authorId: true, paperId: true } });
      if (!comment) throw new NotFoundError("Comment", args.id);
      if (comment.authorId !== viewer.id && viewer.role === "READER")
        throw new ForbiddenError("Only its author or a curator can delete a comment.");
      const deleted = await ctx.prisma.$transaction(async (tx) => {
        // Conditional, so a comment deleted twice (or concurrently) is counted down once.
        const { count } = await tx.comment.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date(), body: "" } });
        if (count > 0) await tx.paper.update({ where: { id: comment.paperId }, data: { commentCount: { decrement: 1 } } });
        return count > 0;
      });
      if (deleted) await ctx.live.publish([{ kind: "paperUpdated", payload: { paperId: comment.paperId } }]);
      return ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.subscriptionField("commentAdded", (t) =>
  t.prismaField({
    type: "Comment",
    description: "Each new comment on a paper, as it is posted.",
    args: { paperId: t.arg.id({ required: true, description: "The Paper's id; an unknown paper is an error." }) },
    subscribe: async (_root, args, ctx) => {
      const paperId = await requirePaper(ctx, parseGlobalId(args.paperId, "Paper", "paperId"), args.paperId);
      return ctx.live.watchComments(paperId, ctx.congested);
    },
    resolve: (query, event, _args, ctx) =>
      ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id: (event as { commentId: number }).commentId } }),
  }),
);
