// The personal feed: papers with a followed topic or a followed author, newest ingested first,
// each edge saying why it is there. Reasons are loaded for a whole page at once (two queries), and
// the topics and authors they name once more, as the selection wants them (one query each).
import type { Context } from "../context.ts";
import { builder } from "./builder.ts";
import { rowsById } from "./request-loaders.ts";
import { withId } from "./selection.ts";
import { requireViewer, selfOnly } from "./viewer.ts";

interface Reason {
  topicIds: number[];
  authorIds: number[];
}

const FeedReason = builder.objectRef<Reason>("FeedReason").implement({
  description: "Why a paper is in your feed: the followed topics and authors it matches.",
  fields: (t) => ({
    matchedTopics: t.prismaField({
      type: ["Topic"],
      description: "Followed topics the paper has, best-scored first.",
      resolve: (query, reason, _args, ctx) => rowsById(ctx, "topic", query, reason.topicIds),
    }),
    matchedAuthors: t.prismaField({
      type: ["Author"],
      description: "Followed authors of the paper, in the paper's order.",
      resolve: (query, reason, _args, ctx) => rowsById(ctx, "author", query, reason.authorIds),
    }),
  }),
});

async function reasonsFor(ctx: Context, paperIds: readonly number[]): Promise<Reason[]> {
  const userId = requireViewer(ctx).id;
  const ids = [...paperIds];
  const [topics, authors] = await Promise.all([
    ctx.prisma.paperTopic.findMany({
      where: { paperId: { in: ids }, topic: { followers: { some: { userId } } } },
      select: { paperId: true, topicId: true },
      orderBy: [{ score: "desc" }, { topicId: "asc" }],
    }),
    ctx.prisma.paperAuthor.findMany({
      where: { paperId: { in: ids }, author: { followers: { some: { userId } } } },
      select: { paperId: true, authorId: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return ids.map((id) => ({
    topicIds: topics.filter((t) => t.paperId === id).map((t) => t.topicId),
    authorIds: authors.filter((a) => a.paperId === id).map((a) => a.authorId),
  }));
}

builder.prismaObjectFields("User", (t) => ({
  feed: t.prismaConnection(
    {
      type: "Paper",
      cursor: "ingestSeq",
      description: "Papers in the topics and by the authors you follow, newest first.",
      authScopes: selfOnly,
      resolve: (query, user, _args, ctx) =>
        ctx.prisma.paper.findMany({
          // The reasons are found by paper id, which a selection without `node` does not ask for.
          ...withId(query),
          where: {
            OR: [
              { topics: { some: { topic: { followers: { some: { userId: user.id } } } } } },
              { authors: { some: { author: { followers: { some: { userId: user.id } } } } } },
            ],
          },
          orderBy: { ingestSeq: "desc" },
        }),
    },
    { name: "FeedConnection", description: "A page of your feed." },
    {
      name: "FeedEdge",
      description: "A paper in your feed, and why it is there.",
      fields: (edge) => ({
        reason: edge.loadable({
          type: FeedReason,
          description: "The followed topics and authors that brought the paper here.",

          load: (paperIds: number[], ctx: Context) => reasonsFor(ctx, paperIds),
          resolve: (e) => e.node.id,
        }),
      }),
    },
  ),
}));
