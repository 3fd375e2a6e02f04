// Paper.related: computed for every paper of a list in one statement (a DataLoader per field path
// and arguments), and their nodes loaded in one query, so a page of papers with their related
// papers costs the same few statements as one paper.
import { queryFromInfo } from "@pothos/plugin-prisma";
import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.ts";
import { fingerprint } from "../discovery/keyset.ts";
import { RELATED_KEYS, relatedPapers, type RelatedResult } from "../discovery/related.ts";
import type { Paper as PaperRow, Topic as TopicRow } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { Paper } from "./paper.ts";
import { connectionOf, loadPapers, readPage, type ConnectionShape } from "./paging.ts";

const loaders = new WeakMap<Context, Map<string, DataLoader<number, unknown>>>();

/** One DataLoader per request and key (the field's path without list indices, and its arguments). */
function requestLoader<V>(ctx: Context, key: string, batch: (ids: readonly number[]) => Promise<V[]>): DataLoader<number, V> {
  let byKey = loaders.get(ctx);
  if (!byKey) loaders.set(ctx, (byKey = new Map()));
  let loader = byKey.get(key);
  if (!loader) byKey.set(key, (loader = new DataLoader<number, unknown>(batch as never)));
  return loader as DataLoader<number, V>;
}

function pathKey(info: GraphQLResolveInfo): string {
  const parts: (string | number)[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) if (typeof p.key === "string") parts.unshift(p.key);
  return parts.join(".");
}

type RelatedEdge = { score: number; sharedTerms: string[]; sharedTopics: TopicRow[] };

const RelatedPaperEdge = builder.edgeObject({
  name: "RelatedPaperEdge",
  type: Paper,
  fields: (t) => ({
    score: t.float({ description: "ts_rank against the shared title words + 0.05 per shared topic.", resolve: (e) => (e as unknown as RelatedEdge).score }),
    sharedTerms: t.stringList({ description: "Words of this paper's title that the related paper also uses.", resolve: (e) => (e as unknown as RelatedEdge).sharedTerms }),
    sharedTopics: t.prismaField({ type: ["Topic"], description: "Topics both papers have.", resolve: (_q, e) => (e as unknown as RelatedEdge).sharedTopics }),
  }),
});

const RelatedConnection = builder.connectionObject({ type: Paper, name: "RelatedPaperConnection" }, RelatedPaperEdge);

interface RelatedBatch {
  rows: RelatedResult[];
  topics: Map<number, TopicRow>;
  papers: Map<number, PaperRow>;
}

/**
 * Related papers of a batch of papers, their shared topics and the related papers themselves (shaped
 * by the selection under edges.node, which is the same for every parent at one path), in a fixed
 * number of statements.
 */
async function loadRelated(ctx: Context, info: GraphQLResolveInfo, ids: readonly number[], size: number, after?: unknown[]): Promise<RelatedBatch[]> {
  const related = await ctx.relatedCache.load(ids, size + 1, after, (missing) => relatedPapers(ctx.prisma, missing, size + 1, after));
  const results = [...related.values()].flat();
  const topicIds = [...new Set(results.flatMap((r) => r.topic_ids))];
  const paperIds = [...new Set(results.map((r) => r.id))];
  // The shared topics are loaded with what the selection under edges.sharedTopics needs (counts
  // included): a Topic returned without it would answer null for a count.
  const topicQuery = queryFromInfo({ context: ctx, info, typeName: "Topic", path: ["edges", "sharedTopics"] });
  const [topics, papers] = await Promise.all([
    topicIds.length ? (ctx.prisma.topic.findMany({ ...(topicQuery as object), where: { id: { in: topicIds } } }) as Promise<TopicRow[]>) : [],
    loadPapers(ctx, info, paperIds, ["edges", "node"]),
  ]);
  const topicMap = new Map(topics.map((tp) => [tp.id, tp]));
  return ids.map((id) => ({ rows: related.get(id) ?? [], topics: topicMap, papers }));
}

builder.prismaObjectFields("Paper", (t) => ({
  related: t.field({
    type: RelatedConnection,
    description: "Papers that share this paper's title words and topics, best first; never the paper itself.",
    select: { id: true },
    args: {
      first: t.arg.int({ description: "Page size, 1..100 (default 5)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (paper, args, ctx, info) => {
      const fp = fingerprint(["related", paper.id]);
      const page = readPage(args, 5, fp, RELATED_KEYS);
      // Parents of one list share the page arguments except a cursor, which is per parent.
      const key = `related:${pathKey(info)}:${page.size}:${args.after ?? ""}`;
      const loader = requestLoader<RelatedBatch>(ctx, key, (ids) => loadRelated(ctx, info, ids, page.size, page.after));
      const { rows, topics, papers } = await loader.load(paper.id);
      const connection: ConnectionShape<RelatedEdge> = connectionOf(rows, page, fp, RELATED_KEYS, papers, (r) => ({
        score: r.score,
        sharedTerms: r.sharedTerms,
        sharedTopics: r.topic_ids.map((id) => topics.get(id)).filter((tp): tp is TopicRow => tp !== undefined),
      }));
      return connection as never;
    },
  }),
}));
