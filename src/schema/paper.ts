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
  description: "Where to read the paper and its code; each link is null when the sources gave none.",
  fields: (t) => ({
    abstract: t.exposeString("absUrl", { nullable: true, description: "The abstract page (arXiv)." }),
    pdf: t.exposeString("pdfUrl", { nullable: true, description: "The PDF." }),
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
  description: "Who gave a paper a topic.",
  values: { TAGGER: { description: "Set by the automatic tagger." }, CURATOR: { description: "Set by a curator." } } as const,
});

export const Paper = builder.prismaNode("Paper", {
  description: "A research paper as listed on the daily page: its metadata, links, topics, votes and discussion.",
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  select: { id: true },
  fields: (t) => ({
    arxivId: t.exposeString("arxivId", { nullable: true, description: "arXiv identifier without version." }),
    arxivVersion: t.exposeInt("arxivVersion", {
      nullable: true,
      description: "The latest arXiv version ingested (2 for v2); null when the source did not say.",
    }),
    title: t.exposeString("title", { description: "The title: text with entities decoded and whitespace collapsed (not HTML)." }),
    abstract: t.exposeString("abstract", {
      description: "The abstract: text with entities decoded and whitespace collapsed (not HTML; TeX math stays as written).",
    }),
    authors: t.relation("authors", { description: "In the paper's order.", query: { orderBy: { position: "asc" } } }),
    topics: t.relation("topics", {
      description: "Best-scored first.",
      query: { orderBy: [{ score: "desc" }, { topicId: "asc" }] },
    }),
    categories: t.exposeStringList("categories", { description: "arXiv categories." }),
    primaryCategory: t.exposeString("primaryCategory", {
      nullable: true,
      description: 'The main arXiv category, e.g. "cs.LG"; null when the source did not say.',
    }),
    listedOn: t.expose("listedOn", { type: "Date", description: "The day the paper is listed on the daily page." }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true, description: "When the source published it." }),
    sourceUpdatedAt: t.expose("sourceUpdatedAt", { type: "DateTime", nullable: true, description: "When the source last revised it." }),
    links: t.field({
      type: PaperLinks,
      description: "Abstract page, PDF, code repository (and where it came from), project page and discussion page.",
      select: { absUrl: true, pdfUrl: true, codeUrl: true, codeSource: true, projectUrl: true, discussionUrl: true },
      resolve: (p) => p,
    }),
    comment: t.exposeString("comment", { nullable: true, description: "The authors' comment (pages, venue, ...)." }),
    journalRef: t.exposeString("journalRef", { nullable: true, description: "Where it was published, as the authors cite it." }),
    doi: t.exposeString("doi", { nullable: true, description: 'The DOI, e.g. "10.1145/3597503.3639187"; null when there is none.' }),
    upvoteCount: t.exposeInt("upvoteCount", { description: "Upvotes by Paperboy's users (sourceUpvotes are counted apart)." }),
    commentCount: t.exposeInt("commentCount", { description: "Comments and replies not deleted." }),
    sourceUpvotes: t.exposeInt("sourceUpvotes", { description: "Upvotes reported by the source (Hugging Face)." }),
    ingestedAt: t.expose("ingestedAt", { type: "DateTime", description: "When Paperboy first stored it." }),
    cursor: t.string({
      description: "This paper's position in ingestion order: `after` for papers and paperIngested.",
      select: { ingestSeq: true },
      resolve: (p) => ingestCursor(p.ingestSeq),
    }),
  }),
});

/** Every list of papers without per-edge data: `papers`, a topic's papers. */
export const PaperConnection = builder.connectionObject({ type: Paper, name: "PaperConnection" });

builder.prismaObject("PaperTopic", {
  description: "A topic given to a paper, with how strongly and by whom.",
  select: { paperId: true, topicId: true },
  fields: (t) => ({
    topic: t.relation("topic", { description: "The topic." }),
    score: t.exposeFloat("score", { description: "0..1; curator tags score 1." }),
    source: t.expose("source", { type: TagSource, description: "Whether the tagger or a curator set it." }),
    paper: t.relation("paper", { description: "The paper." }),
  }),
});

const PaperFilter = builder.inputType("PaperFilter", {
  description: "Narrows `papers`: every field given must match.",
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
    args: {
      id: t.arg.id({ description: "The Paper's global id." }),
      arxivId: t.arg.string({ maxLength: 50, description: 'An arXiv id, e.g. "2503.11731"; a version suffix (v2) is ignored.' }),
    },
    resolve: (query, _root, args, ctx) => {
      if ((args.id == null) === (args.arxivId == null)) throw badInput("id", "give exactly one of id and arxivId");
      const where: Prisma.PaperWhereUniqueInput =
        args.id != null ? { id: parseGlobalId(args.id, "Paper", "id") } : { arxivId: args.arxivId!.trim().replace(/v\d+$/, "") };
      return ctx.prisma.paper.findUnique({ ...query, where });
    },
  }),
  papers: t.prismaConnection(
    {
      type: "Paper",
      cursor: "ingestSeq",
      description: "Papers, newest ingested first.",
      args: { filter: t.arg({ type: PaperFilter, description: "Only papers that match it; all papers when absent." }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.paper.findMany({
          ...query,
          where: {
            ...(args.filter?.topic != null ? { topics: { some: { topic: { slug: args.filter.topic } } } } : {}),
            ...(args.filter?.listedOn != null ? { listedOn: args.filter.listedOn } : {}),
          },
          orderBy: { ingestSeq: "desc" },
        }),
    },
    PaperConnection,
  ),
}));
