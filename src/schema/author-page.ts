// What an author page shows besides the author's papers (author.ts): counts and dates, co-authors
// and topics with the papers they share, the names the author is written with, and the user who
// claimed them. Lists are ranked in SQL (discovery/authors.ts) and paged by keyset; their nodes are
// loaded in one statement per page (rowsById), and the counts of several authors in one statement.
import { queryFromInfo } from "@pothos/plugin-prisma";
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import {
  authorNamePage,
  type AuthorStats,
  authorStats,
  authorTopicPage,
  BY_COUNT_THEN_ID,
  BY_COUNT_THEN_NAME,
  coauthorPage,
  type RankedPage,
} from "../discovery/authors.ts";
import { keyValues, type SortKey } from "../discovery/keyset.ts";
import type { Author as AuthorRow, Topic as TopicRow } from "../generated/prisma/client.ts";
import { Author } from "./author.ts";
import { builder } from "./builder.ts";
import { encodeCursor, fingerprint } from "./cursors.ts";
import { type PageArgs, readPage } from "./paging.ts";
import { requestLoader, rowsById } from "./request-loaders.ts";
import { Topic } from "./topic.ts";

interface CountedShape<N> {
  edges: { cursor: string; node: N; paperCount: number }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A connection from ranked rows (page size + 1 of them) and their nodes; rows whose node is gone are left out. */
function counted<Row extends { n: number }, N>(
  rows: Row[],
  page: RankedPage,
  fp: string,
  keys: SortKey[],
  nodeOf: (row: Row) => N | undefined,
): CountedShape<N> {
  const edges = rows.slice(0, page.size).flatMap((row) => {
    const node = nodeOf(row);
    return node === undefined ? [] : [{ node, paperCount: row.n, cursor: encodeCursor(fp, keyValues(row, keys)) }];
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.size,
      hasPreviousPage: page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The rows of `typeName` by id, shaped by the selection under edges.node, in one statement. */
async function nodesById<M extends "author" | "topic">(ctx: Context, info: GraphQLResolveInfo, model: M, ids: number[]) {
  const query = queryFromInfo({ context: ctx, info, typeName: model === "author" ? "Author" : "Topic", path: ["edges", "node"] });
  const rows = await rowsById(ctx, model, query, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

const CoauthorEdge = builder.edgeObject<typeof Author, CountedShape<AuthorRow>>({
  name: "CoauthorEdge",
  description: "A co-author, with how many papers they share.",
  type: Author,
  fields: (t) => ({ paperCount: t.exposeInt("paperCount", { description: "Papers both authors are on." }) }),
});
const CoauthorConnection = builder.connectionObject<typeof Author, CountedShape<AuthorRow>>(
  { type: Author, name: "CoauthorConnection", description: "An author's co-authors, most shared papers first." },
  CoauthorEdge,
);

const AuthorTopicEdge = builder.edgeObject<typeof Topic, CountedShape<TopicRow>>({
  name: "AuthorTopicEdge",
  description: "A topic of an author's papers, with how many of them it has.",
  type: Topic,
  fields: (t) => ({ paperCount: t.exposeInt("paperCount", { description: "The author's papers with this topic." }) }),
});
const AuthorTopicConnection = builder.connectionObject<typeof Topic, CountedShape<TopicRow>>(
  { type: Topic, name: "AuthorTopicConnection", description: "The topics of an author's papers, most papers first." },
  AuthorTopicEdge,
);

const AuthorName = builder.objectRef<{ name: string }>("AuthorName").implement({
  description: "A spelling of an author's name as papers wrote it.",
  fields: (t) => ({ name: t.exposeString("name", { description: "The name as written (accents and case kept)." }) }),
});
const AuthorNameEdge = builder.edgeObject<typeof AuthorName, CountedShape<{ name: string }>>({
  name: "AuthorNameEdge",
  description: "A spelling, with how many papers use it.",
  type: AuthorName,
  fields: (t) => ({ paperCount: t.exposeInt("paperCount", { description: "The author's papers that write the name this way." }) }),
});
const AuthorNameConnection = builder.connectionObject<typeof AuthorName, CountedShape<{ name: string }>>(
  { type: AuthorName, name: "AuthorNameConnection", description: "An author's names as written, most used first." },
  AuthorNameEdge,
);

/** Counts and dates of an author, batched over every author of the request. */
function statsOf(ctx: Context, authorId: number): Promise<AuthorStats> {
  return requestLoader<AuthorStats>(ctx, "authorStats", async (ids) => {
    const stats = await authorStats(ctx.prisma, ids);
    return ids.map((id) => stats.get(id) ?? { authorId: id, paperCount: 0, firstListedOn: null, lastListedOn: null });
  }).load(authorId);
}

const fp = (list: string, authorId: number) => fingerprint([list, authorId]);

builder.prismaObjectFields("Author", (t) => {
  const args = {
    first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
    after: t.arg.string({ description: "The endCursor of the previous page." }),
  };
  return {
    paperCount: t.int({
      description: "Papers with this author (a paper counts once, however many of its co-authors share the name).",
      select: { id: true },
      resolve: async (a, _args, ctx) => (await statsOf(ctx, a.id)).paperCount,
    }),
    firstListedOn: t.field({
      type: "Date",
      nullable: true,
      description: "The day the author's earliest paper was listed; null without papers.",
      select: { id: true },
      resolve: async (a, _args, ctx) => (await statsOf(ctx, a.id)).firstListedOn,
    }),
    lastListedOn: t.field({
      type: "Date",
      nullable: true,
      description: "The day the author's latest paper was listed; null without papers.",
      select: { id: true },
      resolve: async (a, _args, ctx) => (await statsOf(ctx, a.id)).lastListedOn,
    }),
    claimedBy: t.relation("claimedBy", {
      nullable: true,
      description: "The user a curator recognised as this author (claimAuthor); null while unclaimed.",
    }),
    coauthors: t.field({
      type: CoauthorConnection,
      description: "Authors who share papers with this one, most shared papers first (then by id).",
      select: { id: true },
      args,
      resolve: async (a, pageArgs: PageArgs, ctx, info) => {
        const page = readPage(pageArgs, 20, fp("coauthors", a.id), BY_COUNT_THEN_ID);
        const rows = await coauthorPage(ctx.prisma, a.id, page);
        const nodes = await nodesById(
          ctx,
          info,
          "author",
          rows.slice(0, page.size).map((r) => r.id),
        );
        return counted(rows, page, fp("coauthors", a.id), BY_COUNT_THEN_ID, (r) => nodes.get(r.id));
      },
    }),
    topics: t.field({
      type: AuthorTopicConnection,
      description: "Topics of the author's papers, the most papers first (then by id).",
      select: { id: true },
      args,
      resolve: async (a, pageArgs: PageArgs, ctx, info) => {
        const page = readPage(pageArgs, 20, fp("topics", a.id), BY_COUNT_THEN_ID);
        const rows = await authorTopicPage(ctx.prisma, a.id, page);
        const nodes = await nodesById(
          ctx,
          info,
          "topic",
          rows.slice(0, page.size).map((r) => r.id),
        );
        return counted(rows, page, fp("topics", a.id), BY_COUNT_THEN_ID, (r) => nodes.get(r.id));
      },
    }),
    names: t.field({
      type: AuthorNameConnection,
      description: "The author's names as papers wrote them, distinct, the most used first (then alphabetically).",
      select: { id: true },
      args,
      resolve: async (a, pageArgs: PageArgs, ctx) => {
        const page = readPage(pageArgs, 20, fp("names", a.id), BY_COUNT_THEN_NAME);
        const rows = await authorNamePage(ctx.prisma, a.id, page);
        return counted(rows, page, fp("names", a.id), BY_COUNT_THEN_NAME, (r) => ({ name: r.name }));
      },
    }),
  };
});
