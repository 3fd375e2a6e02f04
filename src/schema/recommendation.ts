// me.recommended and collection.recommended: papers of a recent window ranked by what the user
// (or the collection) holds, each edge saying why (discovery/recommendations.ts). A page costs the
// same few statements at any size: the list's stamp, then on a cache miss the window's and the
// signals' texts, then the page's papers and the papers they were recommended because of.
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import type { SortKey } from "../discovery/keyset.ts";
import {
  MAX_EXPLAIN,
  MIN_SIGNALS,
  type RecommendedList,
  type RecommendTarget,
  type RecommendWindow,
} from "../discovery/recommendations.ts";
import type { Paper as PaperRow } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { connectionOf, type ConnectionShape, loadPapers, readPage } from "./paging.ts";
import { Paper } from "./paper.ts";
import { requireViewer, selfOnly } from "./viewer.ts";

const RecommendationWindowEnum = builder.enumType("RecommendationWindow", {
  description: "Which recent papers recommendations are drawn from, counted back from the latest listing day.",
  values: {
    DAY: { description: "The latest listing day." },
    WEEK: { description: "The last 7 listing days up to the latest (the default)." },
    MONTH: { description: "The last 30 listing days up to the latest." },
  } as const,
});

const RecommendationKindEnum = builder.enumType("RecommendationKind", {
  description: "How a recommendation was made.",
  values: {
    LEARNED: { description: "Ranked by a model learned from the papers you upvoted, saved in collections or commented on." },
    COLD_START: {
      description:
        `Fewer than ${MIN_SIGNALS} such papers to learn from: trending papers in your followed topics ` +
        "(overall trending if you follow none).",
    },
  } as const,
});

type RecommendedEdge = { score: number; kind: RecommendedList["kind"]; explanation: string; terms: string[]; because: PaperRow[] };
type RecommendedConnection = ConnectionShape<RecommendedEdge> & { list: RecommendedList };

const RecommendedPaperEdge = builder.edgeObject<typeof Paper, RecommendedConnection>({
  name: "RecommendedPaperEdge",
  description: "A recommended paper and why it was recommended.",
  type: Paper,
  fields: (t) => ({
    score: t.exposeFloat("score", {
      description: "LEARNED: the model's score (higher is more like your papers); COLD_START: the trending score.",
    }),
    reason: t.field({
      type: RecommendationKindEnum,
      description: "Learned from your papers, or trending (cold start).",
      resolve: (e) => e.kind,
    }),
    explanation: t.exposeString("explanation", { description: "Why this paper is here, in one sentence." }),
    terms: t.exposeStringList("terms", {
      description:
        "The words, word pairs and arXiv categories that weighed most in the score, most first " +
        `(at most ${MAX_EXPLAIN}; empty for COLD_START).`,
    }),
    because: t.field({
      type: [Paper],
      description: `Your papers most like this one, most first (at most ${MAX_EXPLAIN}; empty for COLD_START).`,
      resolve: (e) => e.because,
    }),
  }),
});

const RecommendedPaperConnection = builder.connectionObject<typeof Paper, RecommendedConnection>(
  {
    type: Paper,
    name: "RecommendedPaperConnection",
    description: "A page of recommended papers, best first.",
    fields: (t) => ({
      reason: t.field({ type: RecommendationKindEnum, description: "How this list was made.", resolve: (c) => c.list.kind }),
      signalCount: t.int({
        description:
          "Papers the list was learned from (upvoted, in collections, commented on; the latest 500). " +
          `Under ${MIN_SIGNALS}: COLD_START.`,
        resolve: (c) => c.list.signals,
      }),
      firstDay: t.field({ type: "Date", nullable: true, description: "The window's first listing day.", resolve: (c) => c.list.firstDay }),
      lastDay: t.field({ type: "Date", nullable: true, description: "The window's last listing day.", resolve: (c) => c.list.lastDay }),
    }),
  },
  RecommendedPaperEdge,
);

const KEYS: SortKey[] = [
  { column: "score", type: "float8", desc: true },
  { column: "id", type: "int4", desc: false },
];

function explanation(list: RecommendedList, terms: string[], who: "you" | "collection"): string {
  if (list.kind === "COLD_START") {
    const papers = `${list.signals} paper${list.signals === 1 ? "" : "s"}`;
    const have = `${who === "you" ? "You have" : "This collection has"} ${papers} to learn from (${MIN_SIGNALS} needed)`;
    return list.topicIds.length > 0 ? `${have}: trending in the topics you follow.` : `${have}: trending overall.`;
  }
  const like = who === "you" ? "the papers you upvoted, saved or commented on" : "this collection's papers";
  return terms.length > 0 ? `Like ${like}: ${terms.join(", ")}.` : `Like ${like}.`;
}

async function recommendedConnection(
  ctx: Context,
  info: GraphQLResolveInfo,
  target: RecommendTarget,
  args: { first?: number | null; after?: string | null; window: RecommendWindow },
): Promise<RecommendedConnection> {
  const fp = fingerprint(["recommended", target, args.window]);
  const page = readPage(args, 20, fp, KEYS);
  const list = await ctx.recommender.recommend(ctx.prisma, target, args.window);
  const after = page.after as [number, number] | undefined;
  // The list is ranked in memory (cached), so the keyset is applied here rather than in SQL.
  const rows = list.items.filter((r) => !after || r.score < after[0] || (r.score === after[0] && r.id > after[1])).slice(0, page.size + 1);
  const shown = rows.slice(0, page.size);
  const [papers, because] = await Promise.all([
    loadPapers(
      ctx,
      info,
      shown.map((r) => r.id),
      ["edges", "node"],
    ),
    loadPapers(ctx, info, [...new Set(shown.flatMap((r) => r.because))], ["edges", "because"]),
  ]);
  const who = "userId" in target ? "you" : "collection";
  const connection = connectionOf(rows, page, fp, KEYS, papers, (r) => ({
    score: r.score,
    kind: list.kind,
    explanation: explanation(list, r.terms, who),
    terms: r.terms,
    because: r.because.flatMap((id) => (because.has(id) ? [because.get(id)!] : [])),
  }));
  return { ...connection, list };
}

const recommendedArgs = builder.args((t) => ({
  first: t.int({ description: "Page size (default 20)." }),
  after: t.string({ description: "The endCursor of the previous page." }),
  window: t.field({
    type: RecommendationWindowEnum,
    defaultValue: "WEEK",
    required: true,
    description: "Which recent papers to draw from (default WEEK).",
  }),
}));

builder.prismaObjectFields("User", (t) => ({
  recommended: t.field({
    type: RecommendedPaperConnection,
    description:
      "Recent papers ranked by what you upvoted, saved in collections and commented on; each edge names the terms and your papers " +
      `that weighed most. With fewer than ${MIN_SIGNALS} such papers: trending in your followed topics. Only for you.`,
    authScopes: selfOnly,
    args: recommendedArgs,
    resolve: (user, a, ctx, info) => {
      requireViewer(ctx);
      return recommendedConnection(ctx, info, { userId: user.id }, a);
    },
  }),
}));

builder.prismaObjectFields("Collection", (t) => ({
  recommended: t.field({
    type: RecommendedPaperConnection,
    description:
      'Recent papers ranked by likeness to this collection\'s papers ("more like this list"), each edge naming the terms and ' +
      `the collection's papers that weighed most; with fewer than ${MIN_SIGNALS} papers, trending overall. ` +
      "Visible to whoever can see the collection.",
    args: recommendedArgs,
    resolve: (collection, a, ctx, info) => recommendedConnection(ctx, info, { collectionId: collection.id }, a),
  }),
}));
