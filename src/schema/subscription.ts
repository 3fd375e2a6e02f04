// Live events. paperIngested here is the wiring proof of the Foundation issue; the Live delivery
// issue adds filters and resumption.
import { builder } from "./builder.ts";
import { Paper } from "./paper.ts";
import type { PaperIngestedEvent, PaperUpdatedEvent } from "../pubsub.ts";
import { ingestCursor } from "./cursors.ts";
import { parseGlobalId } from "./ids.ts";

const PaperIngested = builder.objectRef<PaperIngestedEvent>("PaperIngested").implement({
  description: "A newly ingested paper, with its cursor (resume from it with `after`).",
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => ingestCursor(BigInt(e.seq)) }),
    paper: t.prismaField({
      type: Paper,
      nullable: true,
      resolve: (query, e, _args, ctx) => ctx.prisma.paper.findUnique({ ...query, where: { id: e.paperId } }),
    }),
  }),
});

builder.subscriptionField("paperIngested", (t) =>
  t.field({
    type: PaperIngested,
    description: "Every paper ingested from now on.",
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe("paperIngested"),
    resolve: (event) => event,
  }),
);

builder.subscriptionField("paperUpdated", (t) =>
  t.prismaField({
    type: Paper,
    description: "The paper each time it changes: upvotes, comments, topics, a new version.",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => ctx.pubsub.subscribe("paperUpdated", parseGlobalId(args.id, "Paper", "id")),
    resolve: (query, event: PaperUpdatedEvent, _args, ctx) => ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: event.paperId } }),
  }),
);
