// Live events: paperIngested (filtered, resumable), paperUpdated. Deliveries come from the
// instance's LiveHub (src/live/), which reads the database and fans out; the fields a client
// selects are then loaded with the same Prisma selections as queries.
import type { PaperUpdatedEvent } from "../live/events.ts";
import type { PaperFacts } from "../live/filter.ts";
import { type LiveFailure, unwrapLive } from "../live/queue.ts";
import { builder } from "./builder.ts";
import { ingestCursor, parseIngestCursor } from "./cursors.ts";
import { parseGlobalId } from "./ids.ts";
import { AUTHOR_NAME_MAX, CATEGORY_MAX, KEYWORD_MAX, SLUG_MAX } from "./input-limits.ts";
import { Paper } from "./paper.ts";
import { requirePaper } from "./upvote.ts";

const PaperIngestedFilter = builder.inputType("PaperIngestedFilter", {
  description: "Every given kind must match; within a kind, any value. Case-insensitive.",
  fields: (t) => ({
    topics: t.stringList({ maxLength: SLUG_MAX, description: "Topic slugs." }),
    categories: t.stringList({ maxLength: CATEGORY_MAX, description: "arXiv categories, e.g. cs.LG." }),
    keywords: t.stringList({ maxLength: KEYWORD_MAX, description: "Words or phrases in the title or abstract." }),
    authors: t.stringList({ maxLength: AUTHOR_NAME_MAX, description: 'Author names; "Hinton" matches "Geoffrey E. Hinton".' }),
  }),
});

const PaperIngested = builder.objectRef<PaperFacts>("PaperIngested").implement({
  description: "A newly ingested paper and its cursor (resume after it with `after`).",
  fields: (t) => ({
    cursor: t.string({
      description: "This paper's position in ingestion order: pass it as `after` to resume after it.",
      resolve: (f) => ingestCursor(f.seq),
    }),
    paper: t.prismaField({
      type: Paper,
      description: "The paper.",
      resolve: (query, f, _args, ctx) =>
        ctx.live.shared.load(`paper:${f.id}:${JSON.stringify(query)}`, () =>
          ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: f.id } }),
        ),
    }),
  }),
});

builder.subscriptionFields((t) => ({
  paperIngested: t.field({
    type: PaperIngested,
    description:
      "Every newly ingested paper that matches `filter`, in commit order. " +
      "With `after` (a cursor from an earlier delivery or from a papers connection), " +
      "first the matching papers ingested since then, then live ones: no gap, no duplicate.",
    args: {
      filter: t.arg({ type: PaperIngestedFilter, description: "Only papers that match it; every paper when absent." }),
      after: t.arg.string({ description: "Resume after this cursor: PaperIngested.cursor, Paper.cursor or a cursor of `papers`." }),
    },
    subscribe: (_root, args, ctx) =>
      ctx.live.papers.subscribe({
        filter: args.filter,
        after: args.after != null ? parseIngestCursor(args.after, "after") : undefined,
        congested: ctx.congested,
      }),
    resolve: (item) => unwrapLive(item),
  }),
  paperUpdated: t.prismaField({
    type: "Paper",
    description: "The paper each time it changes: upvotes, comments, topics, a new arXiv version.",
    args: { id: t.arg.id({ required: true, description: "The Paper's id; an unknown paper is an error." }) },

    subscribe: async (_root, args, ctx) => {
      const paperId = await requirePaper(ctx, parseGlobalId(args.id, "Paper", "id"), args.id);
      return ctx.live.watchPaper(paperId, ctx.congested);
    },
    resolve: (query, item, _args, ctx) =>
      ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: unwrapLive(item as PaperUpdatedEvent | LiveFailure).paperId } }),
  }),
}));
