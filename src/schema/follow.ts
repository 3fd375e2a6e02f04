// Follows of topics and authors: idempotent (the follow row's primary key), feeding `me.feed`,
// email digests and the follower counts.
import type { Context } from "../context.ts";
import { NotFoundError, RateLimitedError } from "../errors.ts";
import { AuthorConnection } from "./author.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { SLUG_MAX } from "./input-limits.ts";
import { TopicConnection } from "./topic.ts";
import { guarded, selfOnly, viewerWithin } from "./viewer.ts";

// Topic.followerCount is on the topic page (topic-page.ts).
builder.prismaObjectFields("Topic", (t) => ({
  viewerFollows: t.boolean({
    description: "Whether the signed-in user follows this topic (false when anonymous).",
    select: (_args, ctx) => ({ followers: { where: { userId: ctx.viewer?.id ?? 0 }, select: { userId: true }, take: 1 } }),
    resolve: (topic) => topic.followers.length > 0,
  }),
}));

builder.prismaObjectFields("Author", (t) => ({
  followerCount: t.relationCount("followers", { description: "Users who follow this author." }),
  viewerFollows: t.boolean({
    description: "Whether the signed-in user follows this author (false when anonymous).",
    select: (_args, ctx) => ({ followers: { where: { userId: ctx.viewer?.id ?? 0 }, select: { userId: true }, take: 1 } }),
    resolve: (author) => author.followers.length > 0,
  }),
}));

builder.prismaObjectFields("User", (t) => ({
  followedTopics: t.prismaConnection(
    {
      type: "Topic",
      cursor: "slug",
      description: "Topics you follow, by slug.",
      authScopes: selfOnly,
      resolve: (query, user, _args, ctx) =>
        ctx.prisma.topic.findMany({ ...query, where: { followers: { some: { userId: user.id } } }, orderBy: { slug: "asc" } }),
    },
    TopicConnection,
  ),
  followedAuthors: t.prismaConnection(
    {
      type: "Author",
      cursor: "id",
      description: "Authors you follow, in the order you followed them.",
      authScopes: selfOnly,
      resolve: (query, user, _args, ctx) =>
        ctx.prisma.author.findMany({ ...query, where: { followers: { some: { userId: user.id } } }, orderBy: { id: "asc" } }),
    },
    AuthorConnection,
  ),
}));

/** The id of the topic with this slug, or NotFound. */
export async function topicIdOf(ctx: Context, slug: string): Promise<number> {
  const topic = await ctx.prisma.topic.findUnique({ where: { slug: slug.trim() }, select: { id: true } });
  if (!topic) throw new NotFoundError("Topic", slug);
  return topic.id;
}

async function authorIdOf(ctx: Context, globalId: string): Promise<number> {
  const id = idArgument(globalId, "Author", "id");
  if (!(await ctx.prisma.author.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("Author", globalId);
  return id;
}

builder.mutationFields((t) => ({
  followTopic: t.prismaField({
    type: "Topic",
    description: "Follows a topic (by slug); following again changes nothing.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: { slug: t.arg.string({ required: true, maxLength: SLUG_MAX, description: "The topic's slug." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const topicId = await topicIdOf(ctx, args.slug);
      await ctx.prisma.topicFollow.createMany({ data: [{ userId: viewer.id, topicId }], skipDuplicates: true });
      return ctx.prisma.topic.findUniqueOrThrow({ ...query, where: { id: topicId } });
    },
  }),
  unfollowTopic: t.prismaField({
    type: "Topic",
    description: "Stops following a topic; not following it changes nothing.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: { slug: t.arg.string({ required: true, maxLength: SLUG_MAX, description: "The topic's slug." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const topicId = await topicIdOf(ctx, args.slug);
      await ctx.prisma.topicFollow.deleteMany({ where: { userId: viewer.id, topicId } });
      return ctx.prisma.topic.findUniqueOrThrow({ ...query, where: { id: topicId } });
    },
  }),
  followAuthor: t.prismaField({
    type: "Author",
    description: "Follows an author; following again changes nothing.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: { id: t.arg.id({ required: true, description: "The Author's id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const authorId = await authorIdOf(ctx, args.id);
      await ctx.prisma.authorFollow.createMany({ data: [{ userId: viewer.id, authorId }], skipDuplicates: true });
      return ctx.prisma.author.findUniqueOrThrow({ ...query, where: { id: authorId } });
    },
  }),
  unfollowAuthor: t.prismaField({
    type: "Author",
    description: "Stops following an author; not following them changes nothing.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: { id: t.arg.id({ required: true, description: "The Author's id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const authorId = await authorIdOf(ctx, args.id);
      await ctx.prisma.authorFollow.deleteMany({ where: { userId: viewer.id, authorId } });
      return ctx.prisma.author.findUniqueOrThrow({ ...query, where: { id: authorId } });
    },
  }),
}));
