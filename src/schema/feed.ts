// The personal feed: papers with a followed topic or a followed author, newest ingested first,
// each edge saying why it is there. Reasons are loaded for a whole page at once (two queries).
import type { Context } from "../context.ts";
import type { Author, Topic } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { requireViewer, selfOnly } from "./viewer.ts";

interface Reason {
  topics: Topic[];
  authors: Author[];
}

const FeedReason = builder.objectRef<Reason>("FeedReason").implement({
  description: "Why a paper is in your feed: the followed topics and authors it matches.",
  fields: (t) => ({
    matchedTopics: t.prismaField({ type: ["Topic"], resolve: (_query, reason) => reason.topics }),
    matchedAuthors: t.prismaField({ type: ["Author"], resolve: (_query, reason) => reason.authors }),
  }),
});

async function reasonsFor(ctx: Context, paperIds: readonly number[]): Promise<Reason[]> {
  const userId = requireViewer(ctx).id;
  const ids = [...paperIds];
  const [topics, authors] = await Promise.all([
    ctx.prisma.paperTopic.findMany({
      where: { paperId: { in: ids }, topic: { followers: { some: { userId } } } },
      select: { paperId: true, topic: true },
      orderBy: [{ score: "desc" }, { topicId: "asc" }],
    }),
    ctx.prisma.paperAuthor.findMany({
      where: { paperId: { in: ids }, author: { followers: { some: { userId } } } },
      select: { paperId: true, author: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return ids.map((id) => ({
    topics: topics.filter((t) => t.paperId === id).map((t) => t.topic),
    authors: authors.filter((a) => a.paperId === id).map((a) => a.author),
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
          ...query,
          where: {
            OR: [
              { topics: { some: { topic: { followers: { some: { userId: user.id } } } } } },
              { authors: { some: { author: { followers: { some: { userId: user.id } } } } } },
            ],
          },
          orderBy: { ingestSeq: "desc" },
        }),
    },
    { name: "FeedConnection" },
    {
      name: "FeedEdge",
      fields: (edge) => ({
        reason: edge.loadable({
          type: FeedReason,
          load: (paperIds: number[], ctx: Context) => reasonsFor(ctx, paperIds),
          resolve: (e) => e.node.id,
        }),
      }),
    },
  ),
}));
