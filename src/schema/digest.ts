// Email digest settings of the signed-in user: how often, which topics, which saved searches.
// The digest itself is sent by src/digest/.
import { encodeGlobalID } from "@pothos/plugin-relay";

import type { Context } from "../context.ts";
import { invalidInput, NotFoundError } from "../errors.ts";
import { builder } from "./builder.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { parseGlobalId } from "./ids.ts";
import { SLUG_MAX } from "./input-limits.ts";

const DigestFrequencyEnum = builder.enumType("DigestFrequency", {
  description: "How often the email digest is sent.",
  values: {
    OFF: { description: "No digest." },
    DAILY: { description: "Each day's papers, sent after the (UTC) day ends." },
    WEEKLY: { description: "Each ISO week's papers, sent after the week ends (Sunday, UTC)." },
  } as const,
});

interface DigestSettingsShape {
  userId: number;
  frequency: "OFF" | "DAILY" | "WEEKLY";
  savedSearchIds: number[];
}

const DigestSettings = builder.objectRef<DigestSettingsShape>("DigestSettings").implement({
  description: "What your email digest holds and how often it comes.",
  fields: (t) => ({
    frequency: t.field({ type: DigestFrequencyEnum, description: "How often it is sent (OFF: never).", resolve: (s) => s.frequency }),
    topics: t.prismaField({
      type: ["Topic"],
      description: "Topics the digest covers; empty means the topics you follow (or all, if you follow none).",
      resolve: (query, s, _args, ctx) =>
        ctx.prisma.topic.findMany({ ...query, where: { digestUsers: { some: { userId: s.userId } } }, orderBy: { slug: "asc" } }),
    }),
    savedSearchIds: t.idList({
      description: "Saved searches whose new matches the digest includes.",
      resolve: (s) => s.savedSearchIds.map((id) => encodeGlobalID("SavedSearch", id)),
    }),
  }),
});

async function settingsOf(ctx: Context, userId: number): Promise<DigestSettingsShape> {
  const user = await ctx.prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { digestFrequency: true, savedSearches: { where: { inDigest: true }, select: { id: true }, orderBy: { id: "asc" } } },
  });
  return { userId, frequency: user.digestFrequency, savedSearchIds: user.savedSearches.map((s) => s.id) };
}

builder.queryFields((t) => ({
  digestSettings: t.field({
    type: DigestSettings,
    authScopes: { signedIn: true },
    description: "Your email digest settings.",
    resolve: (_root, _args, ctx) => settingsOf(ctx, ctx.viewer!.id),
  }),
}));

builder.mutationFields((t) => ({
  updateDigestSettings: t.field({
    type: DigestSettings,
    authScopes: { signedIn: true },
    errors: { types: [NotFoundError, ...AUTH_ERRORS], dataField: { description: "Your digest settings after the change." } },
    description: "Subscribe to (or stop) the email digest. `topics` and `savedSearches`, when given, replace the current lists.",
    args: {
      frequency: t.arg({ type: DigestFrequencyEnum, required: true, description: "How often to send it; OFF stops it." }),
      topics: t.arg.stringList({
        maxLength: SLUG_MAX,
        description: "Topic slugs the digest covers, replacing the current ones; [] means the topics you follow. Absent: unchanged.",
      }),
      savedSearches: t.arg.idList({
        description: "Ids of your saved searches whose new matches it includes, replacing the current ones. Absent: unchanged.",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const userId = ctx.viewer!.id;
      let topicIds: number[] | undefined;
      if (args.topics) {
        const slugs = [...new Set(args.topics.map((s) => s.trim()))];
        const found = await ctx.prisma.topic.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
        const known = new Set(found.map((f) => f.slug));
        const issues = args.topics.flatMap((s, i) =>
          known.has(s.trim()) ? [] : [{ path: ["topics", String(i)], message: `No topic has the slug "${s.slice(0, 60)}".` }],
        );
        if (issues.length > 0) throw invalidInput(...issues);
        topicIds = found.map((f) => f.id);
      }
      let searchIds: number[] | undefined;
      if (args.savedSearches) {
        const ids = args.savedSearches.map((id, i) => {
          try {
            return parseGlobalId(String(id), "SavedSearch", `savedSearches.${i}`);
          } catch (e) {
            throw invalidInput({ path: ["savedSearches", String(i)], message: (e as Error).message });
          }
        });
        const mine = await ctx.prisma.savedSearch.findMany({ where: { id: { in: ids }, userId }, select: { id: true } });
        const owned = new Set(mine.map((m) => m.id));
        const missing = ids.find((id) => !owned.has(id));
        // Someone else's saved search is reported exactly like one that does not exist.
        if (missing !== undefined) throw new NotFoundError("SavedSearch", String(args.savedSearches[ids.indexOf(missing)]));
        searchIds = ids;
      }
      await ctx.prisma.$transaction([
        ctx.prisma.user.update({ where: { id: userId }, data: { digestFrequency: args.frequency } }),
        ...(topicIds
          ? [
              ctx.prisma.digestTopic.deleteMany({ where: { userId } }),
              ctx.prisma.digestTopic.createMany({ data: topicIds.map((topicId) => ({ userId, topicId })) }),
            ]
          : []),
        ...(searchIds
          ? [
              ctx.prisma.savedSearch.updateMany({ where: { userId, id: { notIn: searchIds } }, data: { inDigest: false } }),
              ctx.prisma.savedSearch.updateMany({ where: { userId, id: { in: searchIds } }, data: { inDigest: true } }),
            ]
          : []),
      ]);
      return settingsOf(ctx, userId);
    },
  }),
}));
