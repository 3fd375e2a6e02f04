import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { ingestCursor } from "./cursors.ts";
import { badInput, parseGlobalId } from "./ids.ts";
import { SLUG_MAX } from "./input-limits.ts";

interface Links {
  absUrl: string | null;
  pdfUrl: string | null;
  codeUrl: string | null;
  codeSource: "SOURCE" | "ABSTRACT" | "COMMENT" | null;
  projectUrl: string | null;
  discussionUrl: string | null;
}

const CodeSource = builder.enumType("CodeSource", {
  description: "Where a paper's code link came from.",
  values: {
    SOURCE: { description: "The paper's source gave it (Hugging Face's githubRepo, a record's code URL)." },
    ABSTRACT: { description: "A repository URL found in the abstract." },
    COMMENT: { description: "A repository URL found in the arXiv comment." },
  } as const,
});

const PaperLinks = builder.objectRef<Links>("PaperLinks").implement({
  fields: (t) => ({
    abstract: t.exposeString("absUrl", { nullable: true, description: "The abstract page (arXiv)." }),
    pdf: t.exposeString("pdfUrl", { nullable: true }),
    code: t.exposeString("codeUrl", { nullable: true, description: "The code repository." }),
    codeSource: t.expose("codeSource", { type: CodeSource, nullable: true, description: "Where `code` came from; null without one." }),
    project: t.exposeString("projectUrl", { nullable: true, description: "The project page." }),
    discussion: t.exposeString("discussionUrl", {
      nullable: true,
      description: "The paper's discussion page at its source (Hugging Face); null when the source has none.",
    }),
  }),
});

const TagSource = builder.enumType("TagSource", {
  values: { TAGGER: { description: "Set by the automatic tagger." }, CURATOR: { description: "Set by a curator." } } as const,
});

export const Paper = builder.prismaNode("Paper", {
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  select: { id: true },
  fields: (t) => ({
    arxivId: t.exposeString("arxivId", { nullable: true, description: "arXiv identifier without version." }),
    arxivVersion: t.exposeInt("arxivVersion", { nullable: true }),
    title: t.exposeString("title"),
    abstract: t.exposeString("abstract"),
    authors: t.relation("authors", { description: "In the paper's order.", query: { orderBy: { position: "asc" } } }),
    topics: t.relation("topics", {
      description: "Best-scored first.",
      query: { orderBy: [{ score: "desc" }, { topicId: "asc" }] },
    }),
    categories: t.exposeStringList("categories", { description: "arXiv categories." }),
    primaryCategory: t.exposeString("primaryCategory", { nullable: true }),
    listedOn: t.expose("listedOn", { type: "Date", description: "The day the paper is listed on the daily page." }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true, description: "When the source published it." }),
    sourceUpdatedAt: t.expose("sourceUpdatedAt", { type: "DateTime", nullable: true, description: "When the source last revised it." }),
    links: t.field({
      type: PaperLinks,
      select: { absUrl: true, pdfUrl: true, codeUrl: true, codeSource: true, projectUrl: true, discussionUrl: true },
      resolve: (p) => p,
    }),
    comment: t.exposeString("comment", { nullable: true, description: "The authors' comment (pages, venue, ...)." }),
    journalRef: t.exposeString("journalRef", { nullable: true }),
    doi: t.exposeString("doi", { nullable: true }),
    upvoteCount: t.exposeInt("upvoteCount"),
    commentCount: t.exposeInt("commentCount"),
    sourceUpvotes: t.exposeInt("sourceUpvotes", { description: "Upvotes reported by the source (Hugging Face)." }),
    ingestedAt: t.expose("ingestedAt", { type: "DateTime" }),
    cursor: t.string({
      description: "This paper's position in ingestion order: `after` for papers and paperIngested.",
      select: { ingestSeq: true },
      resolve: (p) => ingestCursor(p.ingestSeq),
    }),
  }),
});

builder.prismaObject("PaperTopic", {
  description: "A topic given to a paper, with how strongly and by whom.",
  fields: (t) => ({
    topic: t.relation("topic"),
    score: t.exposeFloat("score", { description: "0..1; curator tags score 1." }),
    source: t.expose("source", { type: TagSource }),
    paper: t.relation("paper"),
  }),
});

const PaperFilter = builder.inputType("PaperFilter", {
  fields: (t) => ({
    topic: t.string({ maxLength: SLUG_MAX, description: "A topic slug." }),
    listedOn: t.field({ type: "Date", description: "Only papers listed on this day." }),
  }),
});

builder.queryFields((t) => ({
  paper: t.prismaField({
    type: "Paper",
    nullable: true,
    description: "A paper by global id or by arXiv id (exactly one). Null when there is no such paper.",
    args: { id: t.arg.id(), arxivId: t.arg.string({ maxLength: 50 }) },
    resolve: (query, _root, args, ctx) => {
      if ((args.id == null) === (args.arxivId == null)) throw badInput("id", "give exactly one of id and arxivId");
      const where: Prisma.PaperWhereUniqueInput =
        args.id != null ? { id: parseGlobalId(args.id, "Paper", "id") } : { arxivId: args.arxivId!.trim().replace(/v\d+$/, "") };
      return ctx.prisma.paper.findUnique({ ...query, where });
    },
  }),
  papers: t.prismaConnection({
    type: "Paper",
    cursor: "ingestSeq",
    description: "Papers, newest ingested first.",
    args: { filter: t.arg({ type: PaperFilter }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.paper.findMany({
        ...query,
        where: {
          ...(args.filter?.topic != null ? { topics: { some: { topic: { slug: args.filter.topic } } } } : {}),
          ...(args.filter?.listedOn != null ? { listedOn: args.filter.listedOn } : {}),
        },
        orderBy: { ingestSeq: "desc" },
      }),
  }),
}));
