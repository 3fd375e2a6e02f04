// Paper.related: computed for every paper of a list in one statement (a DataLoader per field path
// and arguments), and their nodes loaded in one query, so a page of papers with their related
// papers costs the same few statements as one paper.
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import { RELATED_KEYS, relatedPapers, type RelatedResult } from "../discovery/related.ts";
import type { Paper as PaperRow } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { connectionOf, type ConnectionShape, loadPapers, readPage } from "./paging.ts";
import { Paper } from "./paper.ts";
import { requestLoader, rowsById } from "./request-loaders.ts";

function pathKey(info: GraphQLResolveInfo): string {
  const parts: (string | number)[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) if (typeof p.key === "string") parts.unshift(p.key);
  return parts.join(".");
}

type RelatedEdge = { score: number; sharedTerms: string[]; sharedTopicIds: number[] };

type RelatedConnectionShape = ConnectionShape<RelatedEdge>;

const RelatedPaperEdge = builder.edgeObject<typeof Paper, RelatedConnectionShape>({
  name: "RelatedPaperEdge",
  type: Paper,
  fields: (t) => ({
    score: t.exposeFloat("score", { description: "ts_rank against the shared title words + 0.05 per shared topic." }),
    sharedTerms: t.exposeStringList("sharedTerms", { description: "Words of this paper's title that the related paper also uses." }),
    sharedTopics: t.prismaField({
      type: ["Topic"],
      description: "Topics both papers have.",
      resolve: (query, e, _args, ctx) => rowsById(ctx, "topic", query, e.sharedTopicIds),
    }),
  }),
});

const RelatedConnection = builder.connectionObject<typeof Paper, RelatedConnectionShape>(
  { type: Paper, name: "RelatedPaperConnection" },
  RelatedPaperEdge,
);

interface RelatedBatch {
  rows: RelatedResult[];
  papers: Map<number, PaperRow>;
}

/**
 * Related papers of a batch of papers and the related papers themselves (shaped by the selection
 * under edges.node, which is the same for every parent at one path), in a fixed number of statements.
 */
async function loadRelated(
  ctx: Context,
  info: GraphQLResolveInfo,
  ids: readonly number[],
  size: number,
  after?: unknown[],
): Promise<RelatedBatch[]> {
  const related = await ctx.relatedCache.load(ids, size + 1, after, (missing) => relatedPapers(ctx.prisma, missing, size + 1, after));
  const results = [...related.values()].flat();
  const papers = await loadPapers(ctx, info, [...new Set(results.map((r) => r.id))], ["edges", "node"]);
  return ids.map((id) => ({ rows: related.get(id) ?? [], papers }));
}

builder.prismaObjectFields("Paper", (t) => ({
  related: t.field({
    type: RelatedConnection,
    description: "Papers that share this paper's title words and topics, best first; never the paper itself.",
    select: { id: true },
    args: {
      first: t.arg.int({ description: "Page size (default 5)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (paper, args, ctx, info) => {
      const fp = fingerprint(["related", paper.id]);
      const page = readPage(args, 5, fp, RELATED_KEYS);
      // Parents of one list share the page arguments except a cursor, which is per parent.
      const key = `related:${pathKey(info)}:${page.size}:${args.after ?? ""}`;
      const loader = requestLoader<RelatedBatch>(ctx, key, (ids) => loadRelated(ctx, info, ids, page.size, page.after));
      const { rows, papers } = await loader.load(paper.id);
      return connectionOf(rows, page, fp, RELATED_KEYS, papers, (r) => ({
        score: r.score,
        sharedTerms: r.sharedTerms,
        sharedTopicIds: r.topic_ids,
      }));
    },
  }),
}));
