// The notifications inbox: the Notification node (only its recipient can load it), `me`'s inbox,
// unread count and preferences, marking read, choosing preferences, and notificationAdded. Writing
// notifications happens where their causes are written (src/notifications/fanout.ts).
import { z } from "zod";

import type { Context } from "../context.ts";
import { NotFoundError, RateLimitedError } from "../errors.ts";
import type { NotifiedRecipient } from "../live/events.ts";
import { type LiveFailure, unwrapLive } from "../live/queue.ts";
import { DEFAULT_DELIVERY, MAX_MENTIONS_PER_COMMENT, NOTIFICATION_KINDS } from "../notifications/kinds.ts";
import { builder } from "./builder.ts";
import { Collection } from "./collection.ts";
import { idArgument } from "./ids.ts";
import { guarded, requireViewer, selfOnly, viewerWithin } from "./viewer.ts";

export const NotificationKind = builder.enumType("NotificationKind", {
  description: "What a notification is about. Each kind has a preference (updateNotificationPreferences); defaults in parentheses.",
  values: {
    REPLY: { description: `Someone replied to your comment; carries the reply and its paper (${DEFAULT_DELIVERY.REPLY}).` },
    MENTION: {
      description:
        `Someone wrote your @handle in a comment; carries the comment and its paper (${DEFAULT_DELIVERY.MENTION}). ` +
        `At most ${MAX_MENTIONS_PER_COMMENT} distinct handles of one comment are notified.`,
    },
    AUTHOR_PAPER: {
      description: `A new paper by an author you follow; carries the paper and the author (${DEFAULT_DELIVERY.AUTHOR_PAPER}).`,
    },
    PAPER_VERSION: {
      description:
        "A new arXiv version of a paper in one of your collections; carries the paper, the collection and the version " +
        `(${DEFAULT_DELIVERY.PAPER_VERSION}).`,
    },
    COLLECTION_PAPER: {
      description: `A collection you follow gained a paper; carries the collection and the paper (${DEFAULT_DELIVERY.COLLECTION_PAPER}).`,
    },
    AUTHOR_CLAIM_REVIEWED: {
      description: `Your claim of an author profile was reviewed; carries the author (${DEFAULT_DELIVERY.AUTHOR_CLAIM_REVIEWED}).`,
    },
  } as const,
});

export const NotificationDelivery = builder.enumType("NotificationDelivery", {
  description: "How you want one kind of notification.",
  values: {
    ON: { description: "In your inbox and pushed live (notificationAdded)." },
    OFF: { description: "Not at all." },
    DIGEST: { description: "In your inbox, not pushed live, and listed in your next email digest." },
  } as const,
});

// Not a Node: a notification is only ever read in its recipient's inbox (or as it arrives), so
// `node(id)` has nothing to offer for it, and leaving it out keeps every `node` selection smaller.
export const Notification = builder.prismaObject("Notification", {
  description: "Something that happened that concerns you. Only its recipient can see it.",
  select: { id: true },
  fields: (t) => ({
    id: t.globalID({
      description: "The notification's id, for markNotificationsRead (Notification is not a Node: `node(id)` does not fetch it).",
      resolve: (n) => ({ type: "Notification", id: n.id }),
    }),
    kind: t.expose("kind", { type: NotificationKind, description: "What it is about." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it happened." }),
    readAt: t.expose("readAt", { type: "DateTime", nullable: true, description: "When you marked it read; null while unread." }),
    inDigest: t.exposeBoolean("digest", {
      description: "Written while your preference for its kind was DIGEST: listed in your next email digest, not pushed live.",
    }),
    version: t.exposeInt("version", { nullable: true, description: "The arXiv version it announces (PAPER_VERSION)." }),
    actor: t.relation("actor", { nullable: true, description: "Who caused it (the replier, the collection's owner); null for ingestion." }),
    paper: t.relation("paper", { nullable: true, description: "The paper it is about, if any." }),
    comment: t.relation("comment", { nullable: true, description: "The comment it is about (REPLY, MENTION)." }),
    author: t.relation("author", { nullable: true, description: "The author it is about (AUTHOR_PAPER, AUTHOR_CLAIM_REVIEWED)." }),
    collection: t.field({
      type: Collection,
      nullable: true,
      description: "The collection it is about (PAPER_VERSION, COLLECTION_PAPER); null once it is private and not yours.",
      select: (_args, _ctx, nestedSelection) => ({
        collection: nestedSelection({ select: { id: true, visibility: true, ownerId: true } }),
      }),
      resolve: (n, _args, ctx) =>
        n.collection && (n.collection.visibility === "PUBLIC" || n.collection.ownerId === ctx.viewer?.id) ? n.collection : null,
    }),
  }),
});

const NotificationConnection = builder.connectionObject({ type: Notification, name: "NotificationConnection" });

interface PreferenceShape {
  kind: keyof typeof DEFAULT_DELIVERY;
  delivery: "ON" | "OFF" | "DIGEST";
  isDefault: boolean;
}

const NotificationPreference = builder.objectRef<PreferenceShape>("NotificationPreference").implement({
  description: "How you get one kind of notification.",
  fields: (t) => ({
    kind: t.field({ type: NotificationKind, description: "The kind.", resolve: (p) => p.kind }),
    delivery: t.field({ type: NotificationDelivery, description: "ON, OFF or DIGEST.", resolve: (p) => p.delivery }),
    isDefault: t.exposeBoolean("isDefault", { description: "True while you have not chosen: the kind's default applies." }),
  }),
});

/** Every kind, in a fixed order, with the user's choice or the default. */
function preferencesOf(chosen: { kind: PreferenceShape["kind"]; delivery: PreferenceShape["delivery"] }[]): PreferenceShape[] {
  const byKind = new Map(chosen.map((c) => [c.kind, c.delivery]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    delivery: byKind.get(kind) ?? DEFAULT_DELIVERY[kind],
    isDefault: !byKind.has(kind),
  }));
}

builder.prismaObjectFields("User", (t) => ({
  notifications: t.relatedConnection(
    "notifications",
    {
      cursor: "id",
      description: "Your notifications, newest first. Only for yourself.",
      authScopes: selfOnly,
      args: {
        unreadOnly: t.arg.boolean({ defaultValue: false, description: "Only those not yet marked read." }),
      },
      query: (args) => ({ where: args.unreadOnly ? { readAt: null } : {}, orderBy: { id: "desc" } }),
    },
    NotificationConnection,
  ),
  unreadNotificationCount: t.relationCount("notifications", {
    description: "Your notifications not yet marked read. Only for yourself.",
    authScopes: selfOnly,
    where: { readAt: null },
  }),
  notificationPreferences: t.field({
    type: [NotificationPreference],
    description: `How you get each kind of notification: one entry per kind (${NOTIFICATION_KINDS.length}). Only for yourself.`,
    authScopes: selfOnly,
    select: { notificationPreferences: { select: { kind: true, delivery: true } } },
    resolve: (user) => preferencesOf(user.notificationPreferences),
  }),
}));

const NotificationPreferenceInput = builder.inputType("NotificationPreferenceInput", {
  description: "One kind's delivery.",
  fields: (t) => ({
    kind: t.field({ type: NotificationKind, required: true, description: "The kind." }),
    delivery: t.field({ type: NotificationDelivery, required: true, description: "ON, OFF or DIGEST." }),
  }),
});

const MarkNotificationsReadPayload = builder.objectRef<{ userId: number; markedCount: number }>("MarkNotificationsReadPayload").implement({
  description: "Notifications were marked read.",
  fields: (t) => ({
    markedCount: t.exposeInt("markedCount", { description: "How many were unread and are now read." }),
    unreadNotificationCount: t.int({
      description: "Your notifications still unread.",
      resolve: (p, _args, ctx) => ctx.prisma.notification.count({ where: { recipientId: p.userId, readAt: null } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  markNotificationsRead: t.field({
    type: MarkNotificationsReadPayload,
    description:
      "Marks your notifications read: those given by `ids`, or every one with `all: true` (give one of the two). " +
      "An id that is not one of your notifications is NotFound, and then none is marked.",
    ...guarded("signedIn", NotFoundError, RateLimitedError),
    args: {
      ids: t.arg.idList({ description: "Your notifications' global ids." }),
      all: t.arg.boolean({ description: "True: every notification of yours." }),
    },
    validate: z
      .object({ ids: z.array(z.string()).nullish(), all: z.boolean().nullish() })
      .refine((a) => (a.all === true) !== (a.ids != null && a.ids.length > 0), {
        message: "Give either `ids` (not empty) or `all: true`, not both.",
        path: ["ids"],
      }),
    resolve: async (_root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      if (args.all) {
        const { count } = await ctx.prisma.notification.updateMany({
          where: { recipientId: viewer.id, readAt: null },
          data: { readAt: new Date() },
        });
        return { userId: viewer.id, markedCount: count };
      }
      const refs = args.ids ?? [];
      const ids = refs.map((ref) => idArgument(ref, "Notification", "ids"));
      const mine = new Set(
        (await ctx.prisma.notification.findMany({ where: { id: { in: ids }, recipientId: viewer.id }, select: { id: true } })).map(
          (n) => n.id,
        ),
      );
      const missing = ids.findIndex((id) => !mine.has(id));
      if (missing >= 0) throw new NotFoundError("Notification", refs[missing]!);
      const { count } = await ctx.prisma.notification.updateMany({
        where: { id: { in: ids }, recipientId: viewer.id, readAt: null },
        data: { readAt: new Date() },
      });
      return { userId: viewer.id, markedCount: count };
    },
  }),

  updateNotificationPreferences: t.prismaField({
    type: "User",
    description: "Sets how you get the kinds given (each at most once); kinds left out keep their setting. Returns you.",
    ...guarded("signedIn", RateLimitedError),
    args: {
      preferences: t.arg({
        type: [NotificationPreferenceInput],
        required: true,
        maxItems: NOTIFICATION_KINDS.length,
        description: "The kinds to set and how.",
      }),
    },
    validate: z
      .object({ preferences: z.array(z.object({ kind: z.string() }).passthrough()) })
      .refine((a) => new Set(a.preferences.map((p) => p.kind)).size === a.preferences.length, {
        message: "Each kind may be given once.",
        path: ["preferences"],
      }),
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      await ctx.prisma.$transaction(
        args.preferences.map((p) =>
          ctx.prisma.notificationPreference.upsert({
            where: { userId_kind: { userId: viewer.id, kind: p.kind } },
            create: { userId: viewer.id, kind: p.kind, delivery: p.delivery },
            update: { delivery: p.delivery },
          }),
        ),
      );
      return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: viewer.id } });
    },
  }),
}));

builder.subscriptionField("notificationAdded", (t) =>
  t.prismaField({
    type: "Notification",
    description:
      "Your new notifications as they are written (kinds whose preference is ON; DIGEST ones wait for the email). " +
      "Signed-in users only; it ends when the token that opened it is revoked.",
    subscribe: (_root, _args, ctx: Context) => ctx.live.watchNotifications(requireViewer(ctx).id, ctx.congested),
    resolve: (query, item, _args, ctx) =>
      ctx.prisma.notification.findFirstOrThrow({
        ...query,
        where: { id: unwrapLive(item as NotifiedRecipient | LiveFailure).id, recipientId: requireViewer(ctx).id },
      }),
  }),
);
