// Collections (reading lists): the Collection node, its papers in the owner's order with notes,
// where they show up (a user's profile, Paper.viewerCollections) and the mutations. Who may see a
// collection is decided in one place (discovery/collections.ts visibleTo) and applied on every path.
import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import { InputValidationError } from "@pothos/plugin-validation";
import { z } from "zod";

import type { Context } from "../context.ts";
import {
  addPaper,
  COLLECTION_DESCRIPTION_MAX,
  COLLECTION_NAME_MAX,
  COLLECTION_NOTE_MAX,
  createCollection,
  deleteCollection,
  followCollection,
  MAX_COLLECTIONS_PER_USER,
  MAX_PAPERS_PER_COLLECTION,
  movePaper,
  removePaper,
  unfollowCollection,
  updateCollection,
  visibleTo,
} from "../discovery/collections.ts";
import { ForbiddenError, LimitExceededError, NotFoundError, RateLimitedError } from "../errors.ts";
import { type CollectionUpdatedEvent, notificationEvents } from "../live/events.ts";
import { type LiveFailure, unwrapLive } from "../live/queue.ts";
import { builder } from "./builder.ts";
import { idArgument, parseGlobalId } from "./ids.ts";
import type { ConnectionShape } from "./paging.ts";
import { Paper } from "./paper.ts";
import { guarded, selfOnly, viewerWithin } from "./viewer.ts";

export const CollectionVisibility = builder.enumType("CollectionVisibility", {
  description: "Who can see a collection.",
  values: {
    PRIVATE: { description: "Only its owner (the default)." },
    PUBLIC: { description: "Anyone: listed on the owner's profile and followable." },
  } as const,
});

export const Collection = builder.prismaNode("Collection", {
  description: "A reading list: papers in the owner's order, each with an optional note.",
  // Loaded by `node`/`nodes`: a missing one, or another user's private one, is null there.
  nullable: true,
  id: { field: "id" },
  // Fields select what they need, so a join row can load a collection by its id alone.
  select: { id: true },
  findUnique: (id, ctx) => ({ ...visibleTo(ctx.viewer?.id), id: Number(id) }),
  fields: (t) => ({
    name: t.exposeString("name", { description: "The name its owner gave it." }),
    description: t.exposeString("description", { description: "Empty when there is none." }),
    visibility: t.expose("visibility", { type: CollectionVisibility, description: "Who can see it." }),
    owner: t.relation("owner", { description: "The user who made it and alone may change it." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was made." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Last change to the collection or its papers." }),
    paperCount: t.relationCount("papers", { description: "Papers in the collection." }),
    followerCount: t.relationCount("followers", { description: "Users following the collection." }),
    viewerIsOwner: t.boolean({
      description: "Whether the signed-in user owns this collection.",
      select: { ownerId: true },
      resolve: (c, _args, ctx) => c.ownerId === ctx.viewer?.id,
    }),
    viewerFollows: t.boolean({
      description: "Whether the signed-in user follows this collection (false when anonymous).",
      select: (_args, ctx) => ({ followers: { where: { userId: ctx.viewer?.id ?? 0 }, select: { userId: true }, take: 1 } }),
      resolve: (c) => c.followers.length > 0,
    }),
  }),
});

export const CollectionConnection = builder.connectionObject({ type: Collection, name: "CollectionConnection" });

// The papers of a collection come through its join rows (CollectionPaper), which carry the note
// and the date it was added: edges expose them, nodes are the papers.
const collectionPapers = prismaConnectionHelpers(builder, "CollectionPaper", {
  cursor: "collectionId_position",
  select: (nodeSelection) => ({ note: true, addedAt: true, paper: nodeSelection({ select: { id: true } }) }),
  resolveNode: (entry) => entry.paper,
});

// The page's shape as the helper returns it: each edge carries its join row's note and addedAt.
type CollectionPaperShape = ConnectionShape<{ note: string | null; addedAt: Date }>;

const CollectionPaperEdge = builder.edgeObject<typeof Paper, CollectionPaperShape>({
  name: "CollectionPaperEdge",
  type: Paper,
  fields: (t) => ({
    note: t.exposeString("note", { nullable: true, description: "The owner's note on this paper." }),
    addedAt: t.expose("addedAt", { type: "DateTime", description: "When the paper was added." }),
  }),
});

const CollectionPaperConnection = builder.connectionObject<typeof Paper, CollectionPaperShape>(
  { type: Paper, name: "CollectionPaperConnection" },
  CollectionPaperEdge,
);

builder.prismaObjectFields("Collection", (t) => ({
  papers: t.connection(
    {
      type: Paper,
      description: "The collection's papers in its order (see movePaperInCollection).",
      select: (args, ctx, nestedSelection) => ({
        papers: { ...collectionPapers.getQuery(args, ctx, nestedSelection), orderBy: { position: "asc" } },
      }),
      resolve: (collection, args, ctx) => collectionPapers.resolve(collection.papers, args, ctx),
    },
    CollectionPaperConnection,
  ),
}));

// The viewer's collections that hold a paper, through the same join rows.
const viewerCollections = prismaConnectionHelpers(builder, "CollectionPaper", {
  cursor: "collectionId_paperId",
  select: (nodeSelection) => ({ collection: nodeSelection({ select: { id: true } }) }),
  resolveNode: (entry) => entry.collection,
});

builder.prismaObjectFields("Paper", (t) => ({
  viewerCollections: t.connection(
    {
      type: Collection,
      description: "The signed-in user's collections holding this paper, oldest first; empty when anonymous.",
      select: (args, ctx, nestedSelection) => ({
        collections: {
          ...viewerCollections.getQuery(args, ctx, nestedSelection),
          where: { collection: { ownerId: ctx.viewer?.id ?? 0 } },
          orderBy: { collectionId: "asc" },
        },
      }),
      resolve: (paper, args, ctx) => viewerCollections.resolve(paper.collections, args, ctx),
    },
    CollectionConnection,
  ),
}));

builder.prismaObjectFields("User", (t) => ({
  collections: t.relatedConnection(
    "collections",
    {
      cursor: "id",
      description: "The user's collections, newest first: all of them for the user, only the public ones for anyone else.",
      // The owner is this user, so "visible to the viewer" is "public, unless the viewer is this user".
      query: (_args, ctx) => ({ where: visibleTo(ctx.viewer?.id), orderBy: { id: "desc" } }),
    },
    CollectionConnection,
  ),
  followedCollections: t.prismaConnection(
    {
      type: "Collection",
      cursor: "id",
      description: "Collections you follow that are still public, in the order they were created.",
      authScopes: selfOnly,
      resolve: (query, user, _args, ctx) =>
        ctx.prisma.collection.findMany({
          ...query,
          where: { followers: { some: { userId: user.id } }, visibility: "PUBLIC" },
          orderBy: { id: "asc" },
        }),
    },
    CollectionConnection,
  ),
}));

builder.queryFields((t) => ({
  collection: t.prismaField({
    type: "Collection",
    nullable: true,
    description: "A collection by global id; null when there is none or it is another user's private one.",
    args: { id: t.arg.id({ required: true, description: "The collection's global id." }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.collection.findFirst({
        ...query,
        where: { id: parseGlobalId(args.id, "Collection", "id"), ...visibleTo(ctx.viewer?.id) },
      }),
  }),
}));

const nameArg = z.string().trim().min(1, "Give the collection a name.");
// Every collection write: signed in, within the write limit, on a collection that exists and is yours.
const collectionErrors = [ForbiddenError, NotFoundError, RateLimitedError] as const;

/** Tells collectionUpdated subscribers and every instance's response cache. */
function changed(ctx: Context, collectionId: number): Promise<void> {
  return ctx.live.publish([{ kind: "collectionUpdated", payload: { collectionId } }]);
}

builder.mutationFields((t) => ({
  createCollection: t.prismaField({
    type: "Collection",
    description: `Creates a collection (private unless said otherwise); at most ${MAX_COLLECTIONS_PER_USER} a user.`,
    ...guarded("signedIn", ...collectionErrors, LimitExceededError),
    args: {
      name: t.arg.string({ required: true, maxLength: COLLECTION_NAME_MAX, validate: nameArg, description: "The collection's name." }),
      description: t.arg.string({ maxLength: COLLECTION_DESCRIPTION_MAX, description: "What the collection gathers." }),
      visibility: t.arg({ type: CollectionVisibility, description: "PRIVATE (the default) or PUBLIC." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = await createCollection(ctx.prisma, viewerId, {
        name: args.name.trim(),
        description: args.description?.trim(),
        visibility: args.visibility,
      });
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateCollection: t.prismaField({
    type: "Collection",
    description: "Renames, describes or changes the visibility of one of your collections; arguments left out stay as they are.",
    ...guarded("signedIn", ...collectionErrors),
    args: {
      id: t.arg.id({ required: true, description: "The collection's global id." }),
      name: t.arg.string({ maxLength: COLLECTION_NAME_MAX, validate: nameArg.nullish(), description: "A new name." }),
      description: t.arg.string({ maxLength: COLLECTION_DESCRIPTION_MAX, description: "A new description (empty clears it)." }),
      visibility: t.arg({ type: CollectionVisibility, description: "A new visibility." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      await updateCollection(ctx.prisma, viewerId, id, args.id, {
        name: args.name?.trim(),
        description: args.description?.trim(),
        visibility: args.visibility,
      });
      await changed(ctx, id);
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  deleteCollection: t.prismaField({
    type: "Collection",
    description: "Deletes one of your collections (its papers stay on the site) and returns what it was.",
    ...guarded("signedIn", ...collectionErrors),
    args: { id: t.arg.id({ required: true, description: "The collection's global id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      const before = await ctx.prisma.collection.findFirst({ ...query, where: { id, ...visibleTo(viewerId) } });
      await deleteCollection(ctx.prisma, viewerId, id, args.id);
      await changed(ctx, id);
      return before!;
    },
  }),

  addPaperToCollection: t.prismaField({
    type: "Collection",
    description:
      `Adds a paper at the end of one of your collections (at most ${MAX_PAPERS_PER_COLLECTION.toLocaleString("en")} papers). ` +
      "A paper already there keeps its place; a note given replaces its note.",
    ...guarded("signedIn", ...collectionErrors, LimitExceededError),
    args: {
      id: t.arg.id({ required: true, description: "The collection's global id." }),
      paperId: t.arg.id({ required: true, description: "The paper's global id." }),
      note: t.arg.string({ maxLength: COLLECTION_NOTE_MAX, description: "Your note on the paper (empty clears it)." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      const paperId = idArgument(args.paperId, "Paper", "paperId");
      const notified = await addPaper(ctx.prisma, viewerId, id, args.id, { id: paperId, ref: args.paperId, note: args.note?.trim() });
      await changed(ctx, id);
      await ctx.live.publish(notificationEvents(notified));
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  removePaperFromCollection: t.prismaField({
    type: "Collection",
    description: "Removes a paper from one of your collections; a paper not in it changes nothing.",
    ...guarded("signedIn", ...collectionErrors),
    args: {
      id: t.arg.id({ required: true, description: "The collection's global id." }),
      paperId: t.arg.id({ required: true, description: "The paper's global id." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      await removePaper(ctx.prisma, viewerId, id, args.id, idArgument(args.paperId, "Paper", "paperId"));
      await changed(ctx, id);
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  movePaperInCollection: t.prismaField({
    type: "Collection",
    description: "Moves a paper of one of your collections right after another of its papers, or first when afterPaperId is null.",
    ...guarded("signedIn", ...collectionErrors),
    args: {
      id: t.arg.id({ required: true, description: "The collection's global id." }),
      paperId: t.arg.id({ required: true, description: "The paper to move." }),
      afterPaperId: t.arg.id({ description: "The paper it goes after; null or left out: first." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      const paper = { id: idArgument(args.paperId, "Paper", "paperId"), ref: args.paperId };
      const after =
        args.afterPaperId == null ? null : { id: idArgument(args.afterPaperId, "Paper", "afterPaperId"), ref: args.afterPaperId };
      if (after?.id === paper.id) {
        throw new InputValidationError({ issues: [{ path: ["afterPaperId"], message: "A paper cannot go after itself." }] });
      }
      await movePaper(ctx.prisma, viewerId, id, args.id, paper, after);
      await changed(ctx, id);
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  followCollection: t.prismaField({
    type: "Collection",
    description: "Follows a public collection; following again changes nothing.",
    ...guarded("signedIn", ...collectionErrors),
    args: { id: t.arg.id({ required: true, description: "The collection's global id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      await followCollection(ctx.prisma, viewerId, id, args.id);
      await changed(ctx, id);
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  unfollowCollection: t.prismaField({
    type: "Collection",
    description: "Stops following a collection; not following it changes nothing.",
    ...guarded("signedIn", ...collectionErrors),
    args: { id: t.arg.id({ required: true, description: "The collection's global id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewerId = (await viewerWithin(ctx, "writes")).id;
      const id = idArgument(args.id, "Collection", "id");
      await unfollowCollection(ctx.prisma, viewerId, id, args.id);
      await changed(ctx, id);
      return ctx.prisma.collection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.subscriptionField("collectionUpdated", (t) =>
  t.prismaField({
    type: "Collection",
    nullable: true,
    description:
      "The collection each time it changes: name, description, visibility, papers (added, removed, moved) or followers. " +
      "Null once it is deleted or no longer visible to you. Another user's private collection is NotFound, like a missing one.",
    args: { id: t.arg.id({ required: true, description: "The collection's global id." }) },
    subscribe: async (_root, args, ctx) => {
      const id = parseGlobalId(args.id, "Collection", "id");
      const visible = await ctx.prisma.collection.findFirst({ where: { id, ...visibleTo(ctx.viewer?.id) }, select: { id: true } });
      if (!visible) throw new NotFoundError("Collection", args.id);
      return ctx.live.watchCollection(id, ctx.congested);
    },
    resolve: (query, item, _args, ctx) =>
      ctx.prisma.collection.findFirst({
        ...query,
        where: { id: unwrapLive(item as CollectionUpdatedEvent | LiveFailure).collectionId, ...visibleTo(ctx.viewer?.id) },
      }),
  }),
);
