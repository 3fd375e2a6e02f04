// search(query, filter): PostgreSQL full-text search (src/discovery/search.ts) as a connection whose
// edges say how well and where each paper matched.
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import { type Highlight, parseHeadline } from "../discovery/highlight.ts";
import { isoDay } from "../discovery/periods.ts";
import {
  type MatchedField,
  matchedFields,
  MAX_QUERY_LENGTH,
  SEARCH_CANDIDATES,
  SEARCH_SORT_KEYS,
  type SearchFilter,
  searchPage,
  type SearchSort,
} from "../discovery/search.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { authorKey } from "../ingest/normalize.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { badInput } from "./ids.ts";
import { AUTHOR_NAME_MAX, CATEGORY_MAX, NAME_MAX, SLUG_MAX } from "./input-limits.ts";
import { hasCodeDescription } from "./listings.ts";
import { type ConnectionShape, readPage, toConnection } from "./paging.ts";
import { Paper } from "./paper.ts";
import { topicIdsWithin } from "./topic-ids.ts";

const MAX_FILTER_VALUES = 50;
/** As long as an ingested AI keyword may be (src/ingest/record.ts). */
const KEYWORD_MAX = 200;

export const SearchFilterInput = builder.inputType("SearchFilter", {
  description: "Within a list any value matches (OR); the lists combine with AND. Dates are listing days, inclusive.",
  fields: (t) => ({
    topics: t.stringList({
      maxItems: MAX_FILTER_VALUES,
      maxLength: SLUG_MAX,
      description: "Topic slugs (a topic includes its subtopics).",
    }),
    categories: t.stringList({ maxItems: MAX_FILTER_VALUES, maxLength: CATEGORY_MAX, description: 'arXiv categories, e.g. "cs.LG".' }),
    authors: t.stringList({
      maxItems: MAX_FILTER_VALUES,
      maxLength: AUTHOR_NAME_MAX,
      description: "Author names (case, accents and punctuation are ignored).",
    }),
    from: t.field({ type: "Date", description: "First listing day." }),
    to: t.field({ type: "Date", description: "Last listing day." }),
    hasCode: t.boolean({ description: hasCodeDescription }),
    keywords: t.stringList({
      maxItems: MAX_FILTER_VALUES,
      maxLength: KEYWORD_MAX,
      description: "AI keywords (Paper.aiKeywords) as the source wrote them, case ignored: papers with any of them.",
    }),
    organizations: t.stringList({
      maxItems: MAX_FILTER_VALUES,
      maxLength: NAME_MAX,
      description: 'Organization names (Organization.name, e.g. "google").',
    }),
  }),
});

const SearchSortEnum = builder.enumType("SearchSort", {
  values: {
    RELEVANCE: { description: "Best match first (ts_rank), then the newer listing day." },
    GITHUB_STARS: { description: "Most stars of the code repository first (papers without a count last), then best match." },
  } as const,
});

export interface SearchFilterArgs {
  topics?: string[] | null;
  categories?: string[] | null;
  authors?: string[] | null;
  from?: Date | null;
  to?: Date | null;
  hasCode?: boolean | null;
  organizations?: string[] | null;
  keywords?: string[] | null;
}

const SearchFieldEnum = builder.enumType("SearchField", {
  values: {
    TITLE: { description: "The title." },
    ABSTRACT: { description: "The abstract." },
    AUTHORS: { description: "An author's name." },
    KEYWORDS: { description: "The AI keywords the source gave (Paper.aiKeywords); they weigh as much as the title." },
  } as const,
});

const TextRange = builder.objectRef<{ start: number; length: number }>("TextRange").implement({
  fields: (t) => ({ start: t.exposeInt("start"), length: t.exposeInt("length") }),
});

const HighlightRef = builder.objectRef<Highlight>("Highlight").implement({
  description: "Text with the query's matches marked.",
  fields: (t) => ({
    text: t.exposeString("text", { description: "Plain text." }),
    ranges: t.field({ type: [TextRange], description: "The matches in `text` (offsets in UTF-16 code units).", resolve: (h) => h.ranges }),
    html: t.exposeString("html", { description: "HTML-escaped text with <mark> around the matches." }),
  }),
});

type SearchEdge = { rank: number; matchedFields: MatchedField[]; titleHighlight: Highlight; highlight: Highlight };
const edge = (e: unknown) => e as SearchEdge;

const SearchResultEdge = builder.edgeObject({
  name: "SearchResultEdge",
  type: Paper,
  fields: (t) => ({
    rank: t.float({
      description: "ts_rank of the paper for the query (title and AI keywords weigh most, then abstract, then authors).",
      resolve: (e) => edge(e).rank,
    }),
    matchedFields: t.field({
      type: [SearchFieldEnum],
      description: "Where the query's words occur.",
      resolve: (e) => edge(e).matchedFields,
    }),
    titleHighlight: t.field({
      type: HighlightRef,
      description: "The whole title, matches marked.",
      resolve: (e) => edge(e).titleHighlight,
    }),
    highlight: t.field({
      type: HighlightRef,
      description: "The best passages of the abstract, matches marked.",
      resolve: (e) => edge(e).highlight,
    }),
  }),
});

type SearchConnectionShape = ConnectionShape<SearchEdge> & { truncated: boolean };

const SearchConnection = builder.connectionObject(
  {
    type: Paper,
    name: "SearchConnection",
    fields: (t) => ({
      truncated: t.boolean({
        description: `True when more than ${SEARCH_CANDIDATES} papers match: only the ${SEARCH_CANDIDATES} most recently listed were ranked. Narrow filter.from/to to reach older ones.`,
        resolve: (c) => (c as unknown as SearchConnectionShape).truncated,
      }),
    }),
  },
  SearchResultEdge,
);

/** Check and resolve a filter: slugs and names to ids. Null when it can match nothing. */
export async function resolveSearchFilter(
  prisma: PrismaClient,
  f: SearchFilterArgs | null | undefined,
  argumentName = "filter",
): Promise<SearchFilter | null> {
  if (!f) return {};
  for (const key of ["topics", "categories", "authors", "organizations", "keywords"] as const) {
    if ((f[key]?.length ?? 0) > MAX_FILTER_VALUES) throw badInput(`${argumentName}.${key}`, `at most ${MAX_FILTER_VALUES} values`);
  }
  if (f.from && f.to && f.from > f.to) throw badInput(`${argumentName}.to`, `${isoDay(f.to)} is before from (${isoDay(f.from)})`);
  const filter: SearchFilter = { from: f.from ?? undefined, to: f.to ?? undefined, hasCode: f.hasCode ?? undefined };
  if (f.topics?.length) filter.topicIds = await topicIdsWithin(prisma, f.topics, `${argumentName}.topics`);
  if (f.categories?.length) filter.categories = f.categories.map((c) => c.trim()).filter(Boolean);
  if (f.authors?.length) {
    const keys = f.authors.map(authorKey).filter(Boolean);
    const authors = await prisma.author.findMany({ where: { key: { in: keys } }, select: { id: true } });
    if (authors.length === 0) return null;
    filter.authorIds = authors.map((a) => a.id);
  }
  if (f.keywords?.length) filter.keywords = f.keywords.map((k) => k.trim()).filter(Boolean);
  if (f.organizations?.length) {
    const names = f.organizations.map((n) => n.trim()).filter(Boolean);
    const organizations = await prisma.organization.findMany({ where: { name: { in: names } }, select: { id: true } });
    if (organizations.length === 0) return null;
    filter.organizationIds = organizations.map((o) => o.id);
  }
  return filter;
}

export function checkQuery(query: string, argumentName = "query"): string {
  const q = query.trim();
  if (q === "") throw badInput(argumentName, "is empty: give at least one word to search for");
  if (q.length > MAX_QUERY_LENGTH) throw badInput(argumentName, `is ${q.length} characters long (at most ${MAX_QUERY_LENGTH})`);
  return q;
}

async function search(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: { query: string; filter?: SearchFilterArgs | null; sort: SearchSort; first?: number | null; after?: string | null },
) {
  const query = checkQuery(args.query);
  const filter = await resolveSearchFilter(ctx.prisma, args.filter);
  const keys = SEARCH_SORT_KEYS[args.sort];
  // The default order keeps the fingerprint it always had, so cursors handed out before stay valid.
  const fp = fingerprint(args.sort === "RELEVANCE" ? ["search", query, filter] : ["search", query, filter, args.sort]);
  const page = readPage(args, 20, fp, keys);
  const rows = filter ? await searchPage(ctx.prisma, query, filter, page.size + 1, page.after, args.sort) : [];
  const connection = await toConnection(ctx, info, rows, page, fp, keys, (r) => ({
    rank: r.rank,
    matchedFields: matchedFields(r),
    titleHighlight: parseHeadline(r.title_headline),
    highlight: parseHeadline(r.abstract_headline),
  }));
  return { ...connection, truncated: (rows[0]?.candidates ?? 0) >= SEARCH_CANDIDATES };
}

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    description:
      'Full-text search in titles, abstracts and author names, best match first. Web-search syntax: words must all occur, "a phrase" ' +
      "must occur as written, `a OR b` either, `-word` excludes. Stop words alone match nothing.",
    args: {
      query: t.arg.string({ required: true, maxLength: MAX_QUERY_LENGTH }),
      filter: t.arg({ type: SearchFilterInput }),
      sort: t.arg({ type: SearchSortEnum, defaultValue: "RELEVANCE", required: true }),
      first: t.arg.int({ description: "Page size (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (_root, args, ctx, info) => (await search(ctx, info, args)) as never,
  }),
}));
