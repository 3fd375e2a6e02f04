// Paper.related: computed for every paper of a list in one statement (the dataloader plugin's
// loader per field path), and their nodes loaded in one query, so a page of papers with their related
// papers costs the same few statements as one paper.
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import { RELATED_KEYS, relatedPapers } from "../discovery/related.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { connectionOf, type ConnectionShape, loadPapers, type PageArgs, readPage } from "./paging.ts";
import { Paper } from "./paper.ts";
import { rowsById } from "./request-loaders.ts";

type RelatedEdge = { score: number; sharedTerms: string[]; sharedTopicIds: number[] };

type RelatedConnectionShape = ConnectionShape<RelatedEdge>;

const RelatedPaperEdge = builder.edgeObject<typeof Paper, RelatedConnectionShape>({
  name: "RelatedPaperEdge",
  description: "A related paper, with what it shares with this one.",
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
  { type: Paper, name: "RelatedPaperConnection", description: "A page of related papers, best first." },
  RelatedPaperEdge,
);

const relatedFingerprint = (paperId: number) => fingerprint(["related", paperId]);

/**
 * The related papers of a batch of papers at one path, and the related papers themselves (shaped by
 * the selection under edges.node, the same for every parent at one path), in a fixed number of statements.
 */
async function loadRelated(
  ctx: Context,
  info: GraphQLResolveInfo,
  ids: readonly number[],
  args: PageArgs,
): Promise<RelatedConnectionShape[]> {
  // A cursor belongs to one paper: resolve() let only the parents it belongs to through, so ids[0]'s is every key's.
  const page = readPage(args, 5, relatedFingerprint(ids[0]!), RELATED_KEYS);
  const size = page.size + 1;
  const related = await ctx.relatedCache.load(ids, size, page.after, (missing) => relatedPapers(ctx.prisma, missing, size, page.after));
  const papers = await loadPapers(ctx, info, [...new Set([...related.values()].flat().map((r) => r.id))], ["edges", "node"]);
  return ids.map((id) =>
    connectionOf(related.get(id) ?? [], page, relatedFingerprint(id), RELATED_KEYS, papers, (r) => ({
      score: r.score,
      sharedTerms: r.sharedTerms,
      sharedTopicIds: r.topic_ids,
    })),
  );
}

builder.prismaObjectFields("Paper", (t) => ({
  related: t.loadable({
    type: RelatedConnection,
    description: "Papers that share this paper's title words and topics, best first; never the paper itself.",
    // No `select`: every Paper selects its id (paper.ts).
    args: {
      first: t.arg.int({ description: "Page size (default 5)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    // One loader per path in the operation: its parents share the arguments.
    byPath: true,
    load: (ids: number[], ctx: Context, args: PageArgs, info: GraphQLResolveInfo) => loadRelated(ctx, info, ids, args),
    resolve: (paper, args) => {
      // A bad or foreign cursor fails this parent's field alone, before anything is loaded.
      readPage(args, 5, relatedFingerprint(paper.id), RELATED_KEYS);
      return paper.id;
    },
  }),
}));
