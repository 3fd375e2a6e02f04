// Ingestion over GraphQL: curators and admins send records or a document through the same
// pipeline as the CLI and the pollers, and read the audit trail of every run.
import { GraphQLError } from "graphql";

import { parseArxivId } from "../arxiv.ts";
import { isoDay } from "../discovery/periods.ts";
import { invalidInput } from "../errors.ts";
import { textFile } from "../ingest/input.ts";
import { ingest, type ItemSource, StrictIngestError } from "../ingest/pipeline.ts";
import { filesSource, type FormatOption } from "../ingest/read.ts";
import { type PaperRecord, type ParsedItem } from "../ingest/record.ts";
import { builder } from "./builder.ts";
import { AUTH_ERRORS, ErrorInterface } from "./errors.ts";
import { parseGlobalId } from "./ids.ts";
import { withId } from "./selection.ts";

/** Larger inputs belong in `npm run ingest` (streamed, with progress). */
const MAX_INLINE_RECORDS = 1_000;
const MAX_DOCUMENT_CHARS = 10_000_000;
// Each text field of a record: a bound on what a request may hold, far above the pipeline's own
// limits (title 1,000 characters...), which reject just the record, as for files.
const RECORD_TEXT_MAX = 100_000;

/** A strict run stopped at a bad record; nothing was written. */
class IngestRejectedError extends GraphQLError {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${location ? `${location}: ` : ""}${reason} (strict: nothing was written)`, { extensions: { code: "INGEST_REJECTED" } });
  }
}

builder.objectType(IngestRejectedError, {
  name: "IngestRejected",
  description: "A strict ingest stopped at its first bad record or input; nothing at all was written, not even a run.",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof IngestRejectedError,
  fields: (t) => ({
    location: t.exposeString("location", {
      description: 'Where: "records[3]", "document:12", "document: entry 4"; empty for the whole input.',
    }),
    reason: t.exposeString("reason", { description: "What is wrong with it." }),
  }),
});

const IngestStatus = builder.enumType("IngestStatus", {
  description: "Where an ingestion run is.",
  values: {
    RUNNING: { description: "Still writing." },
    SUCCEEDED: { description: "Read to the end; rejected records are listed in errors." },
    FAILED: { description: "Stopped early (see failure); what was written before stays." },
    INTERRUPTED: {
      description:
        "Its process stopped (killed, crashed, cut off) before the run finished: it missed three heartbeats. " +
        "The counts are what it had committed; finishedAt is when another process found it.",
    },
  } as const,
});

const IngestRecordError = builder.objectRef<{ location: string; message: string }>("IngestRecordError").implement({
  description: "A record that was rejected, and why.",
  fields: (t) => ({
    location: t.exposeString("location", { description: '"file.jsonl:12", "feed.xml: entry 3 (line 40)", "records[2]".' }),
    message: t.exposeString("message", { description: "Why it was rejected." }),
  }),
});

const IngestRun = builder.prismaNode("IngestRun", {
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  description: "One ingestion: from a file, a feed, the API or a poller. Visible to curators and admins.",
  authScopes: { curator: true },
  fields: (t) => ({
    source: t.exposeString("source", { description: '"cli:<file>", "graphql", "poller:arxiv", "poller:hf", "seed:<file>".' }),
    format: t.exposeString("format", { nullable: true, description: "The format(s) read: page, atom, hf, json, jsonl, records." }),
    status: t.expose("status", { type: IngestStatus, description: "Running, or how it ended." }),
    dryRun: t.exposeBoolean("dryRun", { description: "Counted what would change; wrote no paper." }),
    strict: t.exposeBoolean("strict", { description: "Whether the first bad record was to abort the run, writing nothing." }),
    triggeredBy: t.string({
      nullable: true,
      description: "Handle of the user who started it; null for the CLI, pollers and the seed.",
      select: { triggeredBy: { select: { handle: true } } },
      resolve: (run) => run.triggeredBy?.handle ?? null,
    }),
    startedAt: t.expose("startedAt", { type: "DateTime", description: "When the run started." }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true, description: "When it ended; null while RUNNING." }),
    created: t.exposeInt("created", { description: "Records that became new papers." }),
    updated: t.exposeInt("updated", { description: "Records that changed a known paper." }),
    unchanged: t.exposeInt("unchanged", { description: "Records identical to a known paper." }),
    rejected: t.exposeInt("rejected", { description: "Records refused (invalid or unreadable); see errors." }),
    charactersRemoved: t.exposeInt("charactersRemoved", {
      description:
        "Characters XML 1.0 forbids (control characters other than tab and line breaks, U+FFFE, U+FFFF) removed from the records' text.",
    }),
    errorCount: t.exposeInt("errorCount", { description: "All rejections; `errors` keeps the first 100." }),
    errors: t.field({
      type: [IngestRecordError],
      description: "The first 100 rejected records, in input order.",
      select: { errors: true },
      resolve: (run) => run.errors as { location: string; message: string }[],
    }),
    failure: t.exposeString("failure", { nullable: true, description: "Why the run stopped early, when it did." }),
  }),
});

const IngestFormat = builder.enumType("IngestFormat", {
  description: "The format of an ingested document.",
  values: {
    AUTO: { description: "Detect from the content." },
    PAGE: { description: "Daily Papers page text." },
    ATOM: { description: "arXiv API Atom XML." },
    HF: { description: "Hugging Face daily papers JSON (an /api/daily_papers array or an /api/papers/{id} object)." },
    JSON: { description: "A JSON array of paper records, or one record." },
    JSONL: { description: "JSON Lines: one paper record a line." },
  } as const,
});

const AuthorInput = builder.inputType("IngestAuthorInput", {
  description: "An author of an ingested paper.",
  fields: (t) => ({
    name: t.string({
      required: true,
      maxLength: RECORD_TEXT_MAX,
      description: "The name as the paper gives it (TeX accents are converted).",
    }),
    affiliation: t.string({ maxLength: RECORD_TEXT_MAX, description: "The institution, if known." }),
  }),
});

const LinksInput = builder.inputType("IngestLinksInput", {
  description: "A paper's links; each is optional.",

  fields: (t) => ({
    abstract: t.string({ maxLength: RECORD_TEXT_MAX, description: "The abstract page (arXiv)." }),
    pdf: t.string({ maxLength: RECORD_TEXT_MAX, description: "The PDF." }),
    code: t.string({ maxLength: RECORD_TEXT_MAX, description: "The code repository." }),
    project: t.string({ maxLength: RECORD_TEXT_MAX, description: "The project page." }),
  }),
});

const RecordInput = builder.inputType("IngestRecordInput", {
  description: "One paper. Validated like every other source: a bad record is rejected with its index.",
  fields: (t) => ({
    arxivId: t.string({ maxLength: RECORD_TEXT_MAX, description: 'With or without version: "2503.11731v2", "hep-th/9901001".' }),
    title: t.string({
      required: true,
      maxLength: RECORD_TEXT_MAX,
      description: "The title; the pipeline rejects one over 1,000 characters.",
    }),
    abstract: t.string({
      maxLength: RECORD_TEXT_MAX,
      description: "The abstract; default empty. The pipeline rejects one over 50,000 characters.",
    }),
    authors: t.field({ type: [AuthorInput], maxItems: 5_000, description: "The authors, in the paper's order." }),
    categories: t.stringList({ maxLength: RECORD_TEXT_MAX, description: 'arXiv categories, primary first: ["cs.LG", "stat.ML"].' }),
    publishedAt: t.field({ type: "DateTime", description: "When the source published it (arXiv v1)." }),
    updatedAt: t.field({ type: "DateTime", description: "When the source last revised it." }),
    listedOn: t.field({ type: "Date", description: "The day it is listed on; default: the input's date, else its published day." }),
    links: t.field({ type: LinksInput, description: "Abstract page, PDF, code repository and project page." }),
    comment: t.string({ maxLength: RECORD_TEXT_MAX, description: "The authors' comment (pages, venue, ...)." }),
    journalRef: t.string({ maxLength: RECORD_TEXT_MAX, description: "Where it was published, as the authors cite it." }),
    doi: t.string({ maxLength: RECORD_TEXT_MAX, description: 'The DOI, e.g. "10.1145/3597503.3639187".' }),
  }),
});

const IngestPapersInput = builder.inputType("IngestPapersInput", {
  description: "Exactly one of records and document.",
  fields: (t) => ({
    // rawText: a NUL or control character in a record is the pipeline's to reject or remove, for that record only.
    records: t.field({ type: [RecordInput], maxItems: MAX_INLINE_RECORDS, rawText: true, description: "More belong in `npm run ingest`." }),
    document: t.string({ maxLength: MAX_DOCUMENT_CHARS, rawText: true, description: "A document in one of the formats, as text." }),
    format: t.field({ type: IngestFormat, defaultValue: "AUTO", description: "Of the document." }),
    date: t.field({ type: "Date", description: "The listing day of records that carry none (and the year of a page's date line)." }),
    strict: t.boolean({ defaultValue: false, description: "The first bad record aborts the run and nothing at all is written." }),
    dryRun: t.boolean({ defaultValue: false, description: "Count what would change; write no paper (the run is recorded)." }),
  }),
});

type RecordArg = typeof RecordInput.$inferInput;

function toRecord(r: RecordArg, index: number): ParsedItem {
  const location = `records[${index}]`;
  let arxivId: string | undefined;
  let arxivVersion: number | undefined;
  if (r.arxivId != null) {
    const ref = parseArxivId(r.arxivId);
    if (!ref) return { location, error: `"${r.arxivId.slice(0, 60)}" is not an arXiv id (like 2503.11731v2 or hep-th/9901001)` };
    arxivId = ref.id;
    arxivVersion = ref.version;
  }
  const record: PaperRecord = {
    arxivId,
    arxivVersion,
    title: r.title,
    abstract: r.abstract ?? "",
    authors: (r.authors ?? []).map((a) => ({ name: a.name, affiliation: a.affiliation ?? undefined })),
    categories: r.categories ?? [],
    publishedAt: r.publishedAt ?? undefined,
    sourceUpdatedAt: r.updatedAt ?? undefined,
    listedOn: r.listedOn ? isoDay(r.listedOn) : undefined,
    absUrl: r.links?.abstract ?? undefined,
    pdfUrl: r.links?.pdf ?? undefined,
    codeUrl: r.links?.code ?? undefined,
    projectUrl: r.links?.project ?? undefined,
    comment: r.comment ?? undefined,
    journalRef: r.journalRef ?? undefined,
    doi: r.doi ?? undefined,
  };
  return { location, record };
}

builder.mutationField("ingestPapers", (t) =>
  t.prismaField({
    type: IngestRun,
    description: "Ingest papers given inline or as a document, through the same pipeline as `npm run ingest`. Curators and admins.",
    authScopes: { curator: true },
    errors: {
      types: [...AUTH_ERRORS, IngestRejectedError],
      dataField: { name: "run", description: "The run: what was created, updated, unchanged and rejected." },
    },
    args: { input: t.arg({ type: IngestPapersInput, required: true, description: "The papers, and how to ingest them." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const records = input.records;
      const document = input.document;
      if ((records == null) === (document == null)) {
        throw invalidInput({ path: ["input"], message: "give exactly one of records and document" });
      }
      const date = input.date ? isoDay(input.date) : undefined;
      const source: ItemSource = records
        ? {
            formats: new Set(["records"]),
            async *items() {
              for (const [i, r] of records.entries()) yield toRecord(r, i);
            },
          }
        : filesSource(() => [textFile("document", document!)], { format: (input.format ?? "AUTO").toLowerCase() as FormatOption, date });
      let runId: number;
      try {
        ({ runId } = await ingest(
          ctx.db,
          source,
          {
            source: "graphql",
            triggeredById: ctx.viewer!.id,
            listedOn: date,
            strict: input.strict ?? false,
            dryRun: input.dryRun ?? false,
            heartbeatMs: ctx.config.ingestHeartbeatMs,
          },
          ctx.onIngestCommit,
        ));
      } catch (e) {
        if (e instanceof StrictIngestError) throw new IngestRejectedError(e.location, e.reason);
        throw e;
      }
      // withId: a client asking only for `__typename` would leave the select empty (refused by Prisma).
      return ctx.prisma.ingestRun.findUniqueOrThrow({ ...withId(query), where: { id: runId } });
    },
  }),
);

const IngestRunFilter = builder.inputType("IngestRunFilter", {
  description: "Narrows ingestRuns: every field given must match.",
  fields: (t) => ({
    status: t.field({ type: IngestStatus, description: "Only runs in this status." }),
    source: t.string({ maxLength: 100, description: 'Runs whose source starts with this: "poller:", "cli:", "graphql".' }),
  }),
});

const IngestRunConnection = builder.connectionObject({ type: IngestRun, name: "IngestRunConnection" });

builder.queryFields((t) => ({
  ingestRuns: t.prismaConnection(
    {
      type: IngestRun,
      cursor: "id",
      authScopes: { curator: true },
      description: "Ingestion runs, newest first. Curators and admins.",
      args: { filter: t.arg({ type: IngestRunFilter, description: "Only runs that match it; all runs when absent." }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.ingestRun.findMany({
          ...query,
          where: {
            ...(args.filter?.status ? { status: args.filter.status } : {}),
            ...(args.filter?.source ? { source: { startsWith: args.filter.source } } : {}),
          },
          orderBy: { id: "desc" },
        }),
    },
    IngestRunConnection,
  ),
  ingestRun: t.prismaField({
    type: IngestRun,
    nullable: true,
    authScopes: { curator: true },
    description: "One ingestion run by id; null when there is none. Curators and admins.",
    args: { id: t.arg.id({ required: true, description: "The IngestRun's id." }) },

    resolve: (query, _root, args, ctx) =>
      ctx.prisma.ingestRun.findUnique({ ...query, where: { id: parseGlobalId(args.id, "IngestRun", "id") } }),
  }),
}));
