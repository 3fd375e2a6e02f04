// Organizations papers are published under at their source (Hugging Face organizations): the
// organization(name) page, with its papers ranked like listings (the same sort enum and keyset).
import { rankedPapers } from "../discovery/listings.ts";
import { SORT_KEYS } from "../discovery/ranking.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { NAME_MAX } from "./input-limits.ts";
import { edgeExtra, PaperSortEnum, type RankedEdge, RankedPaperEdge } from "./listings.ts";
import { type ConnectionShape, readPage, toConnection } from "./paging.ts";
import { Paper } from "./paper.ts";

builder.prismaNode("Organization", {
  description: "An organization a paper is published under at its source (a Hugging Face organization).",
  // A node, so that its paged papers can be fetched again by `node(id)` like every other page.
  nullable: true,
  id: { field: "id" },
  fields: (t) => ({
    name: t.exposeString("name", { description: 'The source\'s identifier for it ("google", "meta-llama").' }),
    displayName: t.exposeString("displayName", { nullable: true, description: 'Its full name as the source shows it ("Google").' }),
    avatarUrl: t.exposeString("avatarUrl", { nullable: true, description: "Its logo." }),
    paperCount: t.relationCount("papers", { description: "Papers published under it." }),
  }),
});

const OrganizationPaperConnection = builder.connectionObject<typeof Paper, ConnectionShape<RankedEdge>>(
  { type: Paper, name: "OrganizationPaperConnection", description: "An organization's papers in the order asked for." },
  RankedPaperEdge,
);

// Every listing day: an organization page is not bounded to a period.
const ALL_DAYS = { from: new Date("1900-01-01T00:00:00Z"), until: new Date("9999-01-01T00:00:00Z") };

builder.prismaObjectFields("Organization", (t) => ({
  papers: t.field({
    type: OrganizationPaperConnection,
    description: "Its papers of every listing day, sorted like listings (default newest first); trending is scored now.",
    select: { id: true },
    args: {
      sort: t.arg({ type: PaperSortEnum, defaultValue: "NEWEST", required: true, description: "The order (default: newest first)." }),
      first: t.arg.int({ description: "Page size (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (org, args, ctx, info) => {
      const keys = SORT_KEYS[args.sort];
      // TRENDING is scored at the time of each request: pages asked for hours apart may overlap a little.
      const fp = fingerprint(["organization", org.id, args.sort]);
      const page = readPage(args, 20, fp, keys);
      const rows = await rankedPapers(ctx.prisma, {
        ...ALL_DAYS,
        sort: args.sort,
        asOf: new Date(),
        organizationId: org.id,
        limit: page.size + 1,
        after: page.after,
      });
      return toConnection(ctx, info, rows, page, fp, keys, edgeExtra);
    },
  }),
}));

builder.queryField("organization", (t) =>
  t.prismaField({
    type: "Organization",
    nullable: true,
    description: 'An organization by its name ("google"); null when there is none.',
    args: { name: t.arg.string({ required: true, maxLength: NAME_MAX, description: "Organization.name, as the source writes it." }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.organization.findUnique({ ...query, where: { name: args.name.trim() } }),
  }),
);
