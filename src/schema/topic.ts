import { builder } from "./builder.ts";
import { SLUG_MAX } from "./input-limits.ts";
import { PaperConnection } from "./paper.ts";

export const Topic = builder.prismaNode("Topic", {
  description: "A research area papers are tagged with (by the tagger or a curator); topics form a tree through parent and children.",
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString("slug", { description: 'Unique, stable, URL-safe name, e.g. "llm-agents": what topic(slug) and follows take.' }),
    name: t.exposeString("name", { description: "Display name." }),
    description: t.exposeString("description", { description: "What the topic covers, in a sentence or two." }),
    keywords: t.exposeStringList("keywords", { description: "Words and phrases the tagger matches in titles and abstracts." }),
    categories: t.exposeStringList("categories", { description: "arXiv categories the tagger maps to this topic." }),
    parent: t.relation("parent", { nullable: true, description: "The broader topic; null for a top-level topic." }),
    children: t.relation("children", { description: "The narrower topics, by name.", query: { orderBy: { name: "asc" } } }),
    paperCount: t.relationCount("papers", { description: "Papers tagged with this topic itself (not its subtopics)." }),
    papers: t.prismaConnection(
      {
        type: "Paper",
        cursor: "ingestSeq",
        description: "Papers with this topic, newest ingested first.",
        resolve: (query, topic, _args, ctx) =>
          ctx.prisma.paper.findMany({ ...query, where: { topics: { some: { topicId: topic.id } } }, orderBy: { ingestSeq: "desc" } }),
      },
      PaperConnection,
    ),
  }),
});

/** Every list of topics: `topics`, the topics a user follows. */
export const TopicConnection = builder.connectionObject({ type: Topic, name: "TopicConnection" });

builder.queryFields((t) => ({
  topics: t.prismaConnection(
    {
      type: "Topic",
      cursor: "slug",
      defaultSize: 100,
      description:
        "All topics by slug, 100 per page by default; each has its parent and children, so the tree can be drawn from the roots.",
      resolve: (query, _root, _args, ctx) => ctx.prisma.topic.findMany({ ...query, orderBy: { slug: "asc" } }),
    },
    TopicConnection,
  ),
  topic: t.prismaField({
    type: "Topic",
    nullable: true,
    description: "A topic by slug; null when there is none.",
    args: { slug: t.arg.string({ required: true, maxLength: SLUG_MAX, description: "The topic's slug." }) },

    resolve: (query, _root, args, ctx) => ctx.prisma.topic.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
