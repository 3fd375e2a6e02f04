// Curators' tools: tag and untag papers, edit topics. (Ingesting is the ingestPapers mutation of
// the ingestion code; comment moderation is deleteComment.) Every field here needs the curator scope.
import { z } from "zod";

import { ARXIV_CATEGORY } from "../arxiv.ts";
import { NotFoundError, RateLimitedError } from "../errors.ts";
import { builder } from "./builder.ts";
import { topicIdOf } from "./follow.ts";
import { CATEGORY_MAX, KEYWORD_MAX, NAME_MAX, SLUG_MAX } from "./input-limits.ts";
import { existingPaperId } from "./upvote.ts";
import { guarded, viewerWithin } from "./viewer.ts";

const TopicUpdate = builder.inputType("TopicUpdateInput", {
  description: "Only the fields given change. Keywords and categories steer the tagger for papers ingested (or re-tagged) later.",
  fields: (t) => ({
    name: t.string({
      maxLength: NAME_MAX,
      description: "The display name; not blank.",
      validate: z.string().trim().min(1, "Give a name."),
    }),
    description: t.string({ maxLength: 2_000, description: "What the topic covers." }),
    keywords: t.stringList({
      maxItems: 200,
      maxLength: KEYWORD_MAX,
      description: "Words and phrases the tagger matches (stored lowercased); replaces the current list.",
      validate: z.array(z.string().trim().min(1, "An empty keyword.")),
    }),
    categories: t.stringList({
      maxItems: 50,
      maxLength: CATEGORY_MAX,
      description: 'arXiv categories the tagger maps to the topic, e.g. "cs.LG"; replaces the current list.',
      validate: z.array(z.string().trim().regex(ARXIV_CATEGORY, "Not an arXiv category (e.g. cs.LG).")),
    }),
  }),
});

builder.mutationFields((t) => ({
  tagPaper: t.prismaField({
    type: "Paper",
    description: "Curators: gives a paper a topic (score 1, source CURATOR). The tagger never removes it.",
    ...guarded("curator", NotFoundError, RateLimitedError),
    args: {
      paperId: t.arg.id({ required: true, description: "The Paper's id." }),
      topic: t.arg.string({ required: true, maxLength: SLUG_MAX, description: "The topic's slug." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const paperId = await existingPaperId(ctx, args.paperId, "paperId");
      const topicId = await topicIdOf(ctx, args.topic);
      const tag = { score: 1, source: "CURATOR" as const, taggedById: viewer.id };
      await ctx.prisma.paperTopic.upsert({
        where: { paperId_topicId: { paperId, topicId } },
        create: { paperId, topicId, ...tag },
        update: tag,
      });
      await ctx.live.publish([{ kind: "paperUpdated", payload: { paperId } }]);
      return ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: paperId } });
    },
  }),
  untagPaper: t.prismaField({
    type: "Paper",
    description: "Curators: removes a topic from a paper, whoever set it.",
    ...guarded("curator", NotFoundError, RateLimitedError),
    args: {
      paperId: t.arg.id({ required: true, description: "The Paper's id." }),
      topic: t.arg.string({ required: true, maxLength: SLUG_MAX, description: "The topic's slug." }),
    },
    resolve: async (query, _root, args, ctx) => {
      await viewerWithin(ctx, "writes");
      const paperId = await existingPaperId(ctx, args.paperId, "paperId");
      const topicId = await topicIdOf(ctx, args.topic);
      const { count } = await ctx.prisma.paperTopic.deleteMany({ where: { paperId, topicId } });
      if (count > 0) await ctx.live.publish([{ kind: "paperUpdated", payload: { paperId } }]);
      return ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: paperId } });
    },
  }),
  updateTopic: t.prismaField({
    type: "Topic",
    description: "Curators: edits a topic's name, description, keywords or categories.",
    ...guarded("curator", NotFoundError, RateLimitedError),
    args: {
      slug: t.arg.string({ required: true, maxLength: SLUG_MAX, description: "The topic's slug (it does not change)." }),
      input: t.arg({ type: TopicUpdate, required: true, description: "The changes." }),
    },
    resolve: async (query, _root, { slug, input }, ctx) => {
      await viewerWithin(ctx, "writes");
      const id = await topicIdOf(ctx, slug);
      return ctx.prisma.topic.update({
        ...query,
        where: { id },
        data: {
          ...(input.name != null ? { name: input.name.trim() } : {}),
          ...(input.description != null ? { description: input.description.trim() } : {}),
          ...(input.keywords != null ? { keywords: [...new Set(input.keywords.map((k) => k.trim().toLowerCase()))] } : {}),
          ...(input.categories != null ? { categories: [...new Set(input.categories.map((c) => c.trim()))] } : {}),
        },
      });
    },
  }),
}));
