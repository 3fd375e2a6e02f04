// What a topic page shows besides the topic itself: how many follow it, what is trending in it
// (subtopics included), its feeds, and the taxonomy as a tree.
import { withDescendants } from "../discovery/topics.ts";
import { builder } from "./builder.ts";
import { trendingConnection, TrendingConnectionRef, TrendingWindowEnum } from "./listings.ts";

const FeedLinks = builder.objectRef<{ atom: string; json: string }>("FeedLinks").implement({
  description: "Addresses of a feed for feed readers, in two formats.",
  fields: (t) => ({
    atom: t.exposeString("atom", { description: "The URL of the Atom 1.0 feed." }),
    json: t.exposeString("json", { description: "The URL of the JSON Feed 1.1 feed." }),
  }),
});

builder.prismaObjectFields("Topic", (t) => ({
  followerCount: t.relationCount("followers", { description: "Users who follow this topic." }),
  trending: t.field({
    type: TrendingConnectionRef,
    description: "Trending papers of this topic and its subtopics (see Query.trending).",
    select: { id: true },
    args: {
      window: t.arg({
        type: TrendingWindowEnum,
        defaultValue: "WEEK",
        required: true,
        description: "How far back to look (default a week).",
      }),
      asOf: t.arg({ type: "DateTime", description: "The instant to rank at (default now); later pages keep the first page's." }),
      first: t.arg.int({ description: "Page size (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (topic, args, ctx, info) => {
      const topicIds = await withDescendants(ctx.prisma, [topic.id]);
      return trendingConnection(ctx, info, { ...args, topicIds });
    },
  }),
  feeds: t.field({
    type: FeedLinks,
    description: "Feeds of this topic's newest papers, for feed readers.",
    select: { slug: true },
    resolve: (topic, _args, ctx) => {
      const base = `${ctx.config.publicUrl}/feeds/topics/${encodeURIComponent(topic.slug)}`;
      return { atom: `${base}.atom`, json: `${base}.json` };
    },
  }),
}));

builder.queryFields((t) => ({
  topicTree: t.prismaField({
    type: ["Topic"],
    description: "The top-level topics by name; follow `children` down the tree.",
    resolve: (query, _root, _args, ctx) => ctx.prisma.topic.findMany({ ...query, where: { parentId: null }, orderBy: { name: "asc" } }),
  }),
}));
