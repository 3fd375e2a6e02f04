// Paper.related: computed for every paper of a list in one statement (a DataLoader per field path
// and arguments), and their nodes loaded in one query, so a page of papers with their related
// papers costs the same few statements as one paper.
import { queryFromInfo } from "@pothos/plugin-prisma";
import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.ts";
import { encodeCursor, fingerprint, keyValues } from "../discovery/keyset.ts";
import { RELATED_KEYS, relatedPapers, type RelatedResult } from "../discovery/related.ts";
import type { Paper as PaperRow, Topic as TopicRow } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { Paper } from "./paper.ts";
import { readPage, type ConnectionShape } from "./paging.ts";

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
      const loader = requestLoader<RelatedBatch>(ctx, key, async (ids) => {
        const related = await relatedPapers(ctx.prisma, [...ids], page.size + 1, page.after);
        const topicIds = [...new Set([...related.values()].flat().flatMap((r) => r.topic_ids))];
        const topics = topicIds.length ? await ctx.prisma.topic.findMany({ where: { id: { in: topicIds } } }) : [];
        const byId = new Map(topics.map((tp) => [tp.id, tp]));
        return ids.map((id) => ({ rows: related.get(id) ?? [], topics: byId }));
      });
      const { rows, topics } = await loader.load(paper.id);
      const pageRows = rows.slice(0, page.size);
      const nodes = requestLoader<PaperRow | undefined>(ctx, `related-nodes:${pathKey(info)}`, async (ids) => {
        const query = queryFromInfo({ context: ctx, info, typeName: "Paper", path: ["edges", "node"] });
        const papers = (await ctx.prisma.paper.findMany({ ...(query as object), where: { id: { in: [...ids] } } })) as PaperRow[];
        const byId = new Map(papers.map((p) => [p.id, p]));
        return ids.map((id) => byId.get(id));
      });
      const loaded = await nodes.loadMany(pageRows.map((r) => r.id));
      const edges = pageRows.flatMap((r, i) => {
        const node = loaded[i];
        if (!node || node instanceof Error) return [];
        return [{ cursor: encodeCursor(fp, keyValues(r as never, RELATED_KEYS)), node, score: r.score, sharedTerms: r.sharedTerms, sharedTopics: r.topic_ids.map((id) => topics.get(id)!).filter(Boolean) }];
      });
      const connection: ConnectionShape<RelatedEdge> = {
        edges,
        pageInfo: { hasNextPage: rows.length > page.size, hasPreviousPage: page.after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      };
      return connection as never;
    },
  }),
}));
