// search(query, filter): PostgreSQL full-text search (src/discovery/search.ts) as a connection whose
// edges say how well and where each paper matched.
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import { type Highlight, parseHeadline } from "../discovery/highlight.ts";
import {
  type MatchedField,
  matchedFields,
  MAX_QUERY_LENGTH,
  SEARCH_CANDIDATES,
  SEARCH_SORT_KEYS,
  searchPage,
  type SearchSort,
} from "../discovery/search.ts";
import { checkQuery, MAX_FILTER_VALUES, resolveSearchFilter, type SearchFilterArgs } from "../discovery/search-input.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { refusedArguments } from "./ids.ts";
import { AUTHOR_NAME_MAX, CATEGORY_MAX, NAME_MAX, SLUG_MAX } from "./input-limits.ts";
import { hasCodeDescription } from "./listings.ts";
import { type ConnectionShape, readPage, toConnection } from "./paging.ts";
import { Paper } from "./paper.ts";
import { selectedFieldNames } from "./selection.ts";

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
  description: "The order of search results.",
  values: {
    RELEVANCE: { description: "Best match first (ts_rank), then the newer listing day." },
    GITHUB_STARS: { description: "Most stars of the code repository first (papers without a count last), then best match." },
  } as const,
});

const SearchFieldEnum = builder.enumType("SearchField", {
  description: "A part of a paper that search looks in.",
  values: {
    TITLE: { description: "The title." },
    ABSTRACT: { description: "The abstract." },
    AUTHORS: { description: "The author names." },
    KEYWORDS: { description: "The AI keywords the source gave (Paper.aiKeywords); they weigh as much as the title." },
  } as const,
});

const TextRange = builder.objectRef<{ start: number; length: number }>("TextRange").implement({
  description: "A stretch of a text, in UTF-16 code units (JavaScript string offsets).",
  fields: (t) => ({
    start: t.exposeInt("start", { description: "Offset of its first character, from 0." }),
    length: t.exposeInt("length", { description: "How many code units it spans." }),
  }),
});

const HighlightRef = builder.objectRef<Highlight>("Highlight").implement({
  description: "Text with the query's matches marked.",
  fields: (t) => ({
    text: t.exposeString("text", { description: "Plain text." }),
    ranges: t.field({ type: [TextRange], description: "The matches in `text` (offsets in UTF-16 code units).", resolve: (h) => h.ranges }),
    html: t.exposeString("html", { description: "HTML-escaped text with <mark> around the matches." }),
  }),
});

// Highlights are parsed when a client asks for them (the SQL computes them only then).
type SearchEdge = { rank: number; matchedFields: MatchedField[]; titleHeadline: string; abstractHeadline: string };
type SearchConnectionShape = ConnectionShape<SearchEdge> & { truncated: boolean };

const SearchResultEdge = builder.edgeObject<typeof Paper, SearchConnectionShape>({
  name: "SearchResultEdge",
  description: "A paper that matches the query, with how well and where.",
  type: Paper,
  fields: (t) => ({
    rank: t.exposeFloat("rank", {
      description: "ts_rank of the paper for the query (title and AI keywords weigh most, then abstract, then authors).",
    }),
    matchedFields: t.field({
      type: [SearchFieldEnum],
      description: "Where the query's words occur.",
      resolve: (e) => e.matchedFields,
    }),
    titleHighlight: t.field({
      type: HighlightRef,
      description: "The whole title, matches marked.",
      resolve: (e) => parseHeadline(e.titleHeadline),
    }),
    highlight: t.field({
      type: HighlightRef,
      description: "The best passages of the abstract, matches marked.",
      resolve: (e) => parseHeadline(e.abstractHeadline),
    }),
  }),
});

const SearchConnection = builder.connectionObject<typeof Paper, SearchConnectionShape>(
  {
    type: Paper,
    name: "SearchConnection",
    description: "A page of search results, best match first.",
    fields: (t) => ({
      truncated: t.exposeBoolean("truncated", {
        description:
          `True when more than ${SEARCH_CANDIDATES} papers match: only the ${SEARCH_CANDIDATES} most recently listed were ranked. ` +
          "Narrow filter.from/to to reach older ones.",
      }),
    }),
  },
  SearchResultEdge,
);

async function search(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: { query: string; filter?: SearchFilterArgs | null; sort: SearchSort; first?: number | null; after?: string | null },
): Promise<SearchConnectionShape> {
  const { query, filter } = await refusedArguments(async () => ({
    query: checkQuery(args.query),
    filter: await resolveSearchFilter(ctx.prisma, args.filter),
  }));
  const keys = SEARCH_SORT_KEYS[args.sort];
  // The default order keeps the fingerprint it always had, so cursors handed out before stay valid.
  const fp = fingerprint(args.sort === "RELEVANCE" ? ["search", query, filter] : ["search", query, filter, args.sort]);
  const page = readPage(args, 20, fp, keys);
  const asked = selectedFieldNames(info, ["edges"]);
  const parts = { highlights: asked.has("titleHighlight") || asked.has("highlight"), matchedFields: asked.has("matchedFields") };
  const rows = filter ? await searchPage(ctx.prisma, query, filter, page.size + 1, page.after, args.sort, parts) : [];
  const connection = await toConnection(ctx, info, rows, page, fp, keys, (r) => ({
    rank: r.rank,
    matchedFields: matchedFields(r),
    titleHeadline: r.title_headline,
    abstractHeadline: r.abstract_headline,
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
      query: t.arg.string({
        required: true,
        maxLength: MAX_QUERY_LENGTH,
        description: "What to look for, in web-search syntax; not blank.",
      }),
      filter: t.arg({ type: SearchFilterInput, description: "Only papers that match it as well; all papers when absent." }),
      sort: t.arg({
        type: SearchSortEnum,
        defaultValue: "RELEVANCE",
        required: true,
        description: "The order (default: best match first).",
      }),
      first: t.arg.int({ description: "Page size (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: (_root, args, ctx, info) => search(ctx, info, args),
  }),
}));
