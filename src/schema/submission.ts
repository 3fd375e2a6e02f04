// Submissions ("submit to Daily Papers"): any signed-in user submits an arXiv paper, which goes
// through the one ingestion path (ingest()), recorded as submitted by them and listed today
// (curators may choose the day). A paper Paperboy already has is returned as is, flagged as a
// duplicate: a submission never overwrites what is stored. Given the arXiv id alone, the paper's
// metadata comes from the arXiv API (ctx.arxiv); when arXiv cannot be reached nothing is written.
import { z } from "zod";

import { ARXIV_CATEGORY, parseArxivId } from "../arxiv.ts";
import { isoDay } from "../discovery/periods.ts";
import { ForbiddenError, invalidInput, NotFoundError, RateLimitedError, SourceUnavailableError } from "../errors.ts";
import { ingest } from "../ingest/pipeline.ts";
import { cleanRecord, type PaperRecord, type ParsedItem } from "../ingest/record.ts";
import { foldKey } from "../text.ts";
import { builder } from "./builder.ts";
import { AUTHOR_NAME_MAX, CATEGORY_MAX, URL_MAX } from "./input-limits.ts";
import { guarded, requireViewer } from "./viewer.ts";

const httpUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/\S+$/, "Not an http(s) URL.");

const SubmitPaperInput = builder.inputType("SubmitPaperInput", {
  description:
    "An arXiv paper to submit: its id alone (title, abstract, authors and categories are then fetched from arXiv), " +
    "or its id with title, abstract and authors as its abstract page shows them (nothing is fetched).",
  fields: (t) => ({
    arxivId: t.string({ required: true, maxLength: 50, description: 'The arXiv id, e.g. "2508.01234" or "2508.01234v2".' }),
    title: t.string({
      maxLength: 1_000,
      description: "The title; not blank. Leave out with abstract and authors to fetch them from arXiv.",
    }),
    abstract: t.string({ maxLength: 50_000, description: "The abstract; not blank. Given with title, or left out with it." }),
    authors: t.stringList({
      maxItems: 5_000,
      maxLength: AUTHOR_NAME_MAX,
      description: "Author names in the paper's order; needed with title and abstract.",
    }),
    categories: t.stringList({
      maxItems: 50,
      maxLength: CATEGORY_MAX,
      description: "arXiv categories, primary first (when fetched from arXiv: arXiv's, unless given).",
    }),
    codeUrl: t.string({ maxLength: URL_MAX, description: "The code repository." }),
    projectUrl: t.string({ maxLength: URL_MAX, description: "The project page." }),
    comment: t.string({ maxLength: 5_000, description: "The authors' comment (pages, venue, ...)." }),
    listedOn: t.field({ type: "Date", description: "Curators only: the day to list it on (default today, UTC)." }),
  }),
  validate: z
    .object({
      arxivId: z
        .string()
        .trim()
        .refine((s) => parseArxivId(s) !== undefined, 'Not an arXiv id (e.g. "2508.01234" or "hep-th/9901001").'),
      title: z.string().trim().min(1, "Give the title, or leave it out with abstract and authors to fetch them from arXiv.").nullish(),
      abstract: z.string().trim().min(1, "Give the abstract, or leave it out with title and authors to fetch them from arXiv.").nullish(),
      authors: z.array(z.string().trim().min(1, "An author's name is empty.")).min(1, "Give at least one author.").nullish(),
      categories: z.array(z.string().trim().regex(ARXIV_CATEGORY, "Not an arXiv category (e.g. cs.LG).")).nullish(),
      codeUrl: httpUrl.nullish(),
      projectUrl: httpUrl.nullish(),
      comment: z.string().nullish(),
      listedOn: z.date().nullish(),
    })
    // Either the paper as its page shows it, or the id alone: never half of it.
    .superRefine((v, issues) => {
      const given = (["title", "abstract", "authors"] as const).filter((f) => v[f] != null);
      if (given.length === 0 || given.length === 3) return;
      for (const f of (["title", "abstract", "authors"] as const).filter((f) => v[f] == null))
        issues.addIssue({
          code: "custom",
          path: [f],
          message: `Give ${f} too (with ${given.join(" and ")}), or leave out title, abstract and authors to fetch them from arXiv.`,
        });
    }),
});

const SubmitPaperPayload = builder.objectRef<{ paperId: number; duplicate: boolean }>("SubmitPaperPayload").implement({
  description: "The submitted paper, new or already known.",
  fields: (t) => ({
    paper: t.prismaField({
      type: "Paper",
      description: "The paper as Paperboy now has it.",
      resolve: (query, p, _args, ctx) => ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: p.paperId } }),
    }),
    duplicate: t.exposeBoolean("duplicate", { description: "True when Paperboy already had this paper: it is returned unchanged." }),
  }),
});

builder.prismaObjectFields("Paper", (t) => ({
  submittedBy: t.relation("submittedBy", { nullable: true, description: "Who submitted it, for papers submitted by a user." }),
}));

async function* single(record: PaperRecord): AsyncGenerator<ParsedItem> {
  yield { location: "submitPaper", record };
}

builder.mutationFields((t) => ({
  submitPaper: t.field({
    type: SubmitPaperPayload,
    description:
      "Submits an arXiv paper to the daily list, like Daily Papers' submit. A paper already known is returned with duplicate: true. " +
      "Given the arXiv id alone, the rest is fetched from arXiv: NotFound when arXiv has no such paper, SourceUnavailable " +
      "(with retryAfter) when arXiv cannot be reached; either way nothing is written.",
    ...guarded("signedIn", ForbiddenError, RateLimitedError, NotFoundError, SourceUnavailableError),
    args: { input: t.arg({ type: SubmitPaperInput, required: true, description: "The paper." }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      if (input.listedOn && viewer.role === "READER") throw new ForbiddenError("Only curators choose the listing day; leave listedOn out.");
      // Not viewerWithin: a request refused above spends nothing of the limit.
      await ctx.limits.consume("submissions", viewer.id);
      const ref = parseArxivId(input.arxivId)!;
      const listedOn = isoDay(input.listedOn ?? new Date());
      // Already known by its arXiv id: returned untouched, and arXiv is not asked.
      const knownById = await ctx.prisma.paper.findUnique({ where: { arxivId: ref.id }, select: { id: true } });
      if (knownById) return { paperId: knownById.id, duplicate: true };

      // The paper as the submitter describes it, or (the id alone) as arXiv has it.
      const base: PaperRecord =
        input.title != null && input.abstract != null && input.authors != null
          ? {
              arxivId: ref.id,
              arxivVersion: ref.version,
              title: input.title,
              abstract: input.abstract,
              authors: input.authors.map((name) => ({ name })),
              categories: [],
            }
          : await ctx.arxiv.paper(ref);
      const record: PaperRecord = {
        ...base,
        categories: input.categories ?? base.categories,
        codeUrl: input.codeUrl ?? base.codeUrl,
        projectUrl: input.projectUrl ?? base.projectUrl,
        comment: input.comment ?? base.comment,
        listedOn,
      };

      // Known by its title (a paper ingested without an id): returned untouched. The title as
      // ingest() will store it; the record itself goes in raw, cleaned once there.
      const known = await ctx.prisma.paper.findFirst({
        where: { arxivId: null, titleKey: foldKey(cleanRecord(record).title) },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      if (known) return { paperId: known.id, duplicate: true };

      let createdId: number | undefined;
      const result = await ingest(
        ctx.db,
        { items: () => single(record) },
        {
          source: "graphql:submitPaper",
          format: "graphql",
          triggeredById: viewer.id,
          submittedById: viewer.id,
          listedOn,
          heartbeatMs: ctx.config.ingestHeartbeatMs,
        },
        async (change) => {
          createdId ??= change.created[0]?.id;
          await ctx.onIngestCommit(change);
        },
      );
      if (result.rejected > 0) throw invalidInput({ path: ["input"], message: result.errors[0]?.message ?? "The paper was rejected." });
      if (createdId !== undefined) return { paperId: createdId, duplicate: false };
      // Submitted by someone else in the same instant: theirs is the paper.
      const raced = await ctx.prisma.paper.findUniqueOrThrow({ where: { arxivId: record.arxivId }, select: { id: true } });
      return { paperId: raced.id, duplicate: true };
    },
  }),
}));
