// Full-text search over Paper.search (title and AI keywords A, abstract B, authors C; see the
// first migration and ai_keywords_search).
//
// The query is parsed by websearch_to_tsquery: words are ANDed, "quoted phrases" must be adjacent,
// OR between alternatives, -word excludes. Ranking is ts_rank; ties go to the newer listing day,
// then the newer paper.
//
// Bounded top-k: ranking every match of a very common term ("model" matches most papers) costs
// one ts_rank per match. Search therefore ranks at most SEARCH_CANDIDATES matches: the most
// recently listed ones (within the filter). PostgreSQL finds them either by walking the
// (listed_on, id) index backwards until enough rows match (cheap for common terms) or through the
// GIN index (rare terms); either way the set, and so the result, is the same. Narrow the filter
// (from/to) to reach older papers of a common term. `truncated` says when this bound applied.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { afterCondition, orderBy, type SortKey } from "./keyset.ts";
import { isoDay } from "./periods.ts";
import { starsSql } from "./ranking.ts";

export const SEARCH_CANDIDATES = 500;
export const MAX_QUERY_LENGTH = 500;

export interface SearchFilter {
  topicIds?: number[];
  categories?: string[];
  authorIds?: number[];
  /** First listing day included. */
  from?: Date;
  /** Last listing day included. */
  to?: Date;
  /** true: only papers with a code link; false: only papers without one. */
  hasCode?: boolean;
  organizationIds?: number[];
  /** AI keywords (Hugging Face), any of them, case ignored. */
  keywords?: string[];
}

export const SEARCH_KEYS: SortKey[] = [
  { column: "rank", type: "float8", desc: true },
  { column: "listed_on", type: "date", desc: true },
  { column: "id", type: "int4", desc: true },
];

export type SearchSort = "RELEVANCE" | "GITHUB_STARS";

/** Each order of the ranked candidates; the stars order breaks ties by relevance. */
export const SEARCH_SORT_KEYS: Record<SearchSort, SortKey[]> = {
  RELEVANCE: SEARCH_KEYS,
  GITHUB_STARS: [{ column: "stars", type: "int4", desc: true }, ...SEARCH_KEYS],
};

export type MatchedField = "TITLE" | "ABSTRACT" | "AUTHORS" | "KEYWORDS";

export interface SearchRow {
  id: number;
  rank: number;
  listed_on: Date;
  stars: number;
  candidates: number;
  title_headline: string;
  abstract_headline: string;
  weights: string[];
  /** Weight A is the title and the AI keywords alike: these tell them apart. */
  title_match: boolean;
  keywords_match: boolean;
}

// ts_headline marks matches with these; highlight.ts turns them into ranges, text and HTML.
export const MARK_START = "\u0001";
export const MARK_STOP = "\u0002";
const ABSTRACT_HEADLINE = [
  `StartSel="${MARK_START}", StopSel="${MARK_STOP}"`,
  'MaxFragments=2, MaxWords=32, MinWords=12, FragmentDelimiter=" … "',
].join(", ");
const TITLE_HEADLINE = `StartSel="${MARK_START}", StopSel="${MARK_STOP}", HighlightAll=true`;

function filterConditions(f: SearchFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.topicIds?.length)
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM paper_topic pt WHERE pt.paper_id = p.id AND pt.topic_id = ANY(${f.topicIds}::int4[]))`);
  if (f.categories?.length) where.push(Prisma.sql`p.categories && ${f.categories}::text[]`);
  if (f.authorIds?.length)
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM paper_author pa WHERE pa.paper_id = p.id AND pa.author_id = ANY(${f.authorIds}::int4[]))`);
  if (f.from) where.push(Prisma.sql`p.listed_on >= ${isoDay(f.from)}::date`);
  if (f.to) where.push(Prisma.sql`p.listed_on <= ${isoDay(f.to)}::date`);
  if (f.hasCode !== undefined) where.push(f.hasCode ? Prisma.sql`p.code_url IS NOT NULL` : Prisma.sql`p.code_url IS NULL`);
  if (f.organizationIds?.length) where.push(Prisma.sql`p.organization_id = ANY(${f.organizationIds}::int4[])`);
  if (f.keywords?.length) {
    const lowered = f.keywords.map((k) => k.toLowerCase());
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM unnest(p.ai_keywords) AS k WHERE lower(k) = ANY(${lowered}::text[]))`);
  }
  return where;
}

/**
 * What a page computes besides ids and ranks. ts_headline re-parses each title and abstract, most
 * of the statement's time, so a page whose reader shows no highlights (the digest, a client that
 * does not ask) skips it; the matched fields need a walk of each paper's lexemes.
 */
export interface SearchParts {
  /** title_headline and abstract_headline (empty strings when false). */
  highlights: boolean;
  /** weights, title_match and keywords_match (empty and false when false). */
  matchedFields: boolean;
}

const ALL_PARTS: SearchParts = { highlights: true, matchedFields: true };

/**
 * One page of results (limit = page size + 1), with highlights and matched fields (as `parts`
 * asks), in ONE statement. The tsquery is written inline (not in a CTE) so the planner sees it as
 * a constant and can use the lexeme statistics to choose between the two index paths.
 */
export function searchPage(
  prisma: PrismaClient,
  query: string,
  filter: SearchFilter,
  limit: number,
  after?: unknown[],
  sort: SearchSort = "RELEVANCE",
  parts: SearchParts = ALL_PARTS,
): Promise<SearchRow[]> {
  const keys = SEARCH_SORT_KEYS[sort];
  const tsq = Prisma.sql`websearch_to_tsquery('english', ${query})`;
  const where = [Prisma.sql`p.search @@ ${tsq}`, ...filterConditions(filter)];
  return prisma.$queryRaw<SearchRow[]>`
    WITH candidates AS MATERIALIZED (
      SELECT p.id, p.listed_on, p.search, ${starsSql}::int4 AS stars FROM paper p
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY p.listed_on DESC, p.id DESC
      LIMIT ${SEARCH_CANDIDATES}::int4
    ), ranked AS (
      SELECT c.id, c.listed_on, c.stars, ts_rank(c.search, ${tsq})::float8 AS rank FROM candidates c
    ), page AS (
      SELECT * FROM ranked
      ${after ? Prisma.sql`WHERE ${afterCondition(keys, after)}` : Prisma.empty}
      ORDER BY ${orderBy(keys)}
      LIMIT ${limit}::int4
    ), terms AS (
      -- The query's positive lexemes (querytree drops the excluded ones), to tell which fields matched.
      SELECT coalesce(array_agg(replace(m[1], '''''', '''')), '{}') AS lexemes
      FROM regexp_matches(querytree(${tsq}), '''((?:[^'']|'''')+)''', 'g') AS m
    )
    SELECT page.id, page.rank, page.listed_on, page.stars,
      (SELECT count(*) FROM candidates)::int4 AS candidates,
      ${parts.highlights ? headlinesSql(tsq) : Prisma.sql`''::text AS title_headline, ''::text AS abstract_headline`},
      ${parts.matchedFields ? MATCHED_FIELDS_SQL : Prisma.sql`'{}'::text[] AS weights, false AS title_match, false AS keywords_match`}
    FROM page JOIN paper p ON p.id = page.id
    ORDER BY ${orderBy(keys.map((k) => ({ ...k, column: `page.${k.column}` })))}`;
}

function headlinesSql(tsq: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ts_headline('english', p.title, ${tsq}, ${TITLE_HEADLINE}) AS title_headline,
      ts_headline('english', p.abstract, ${tsq}, ${ABSTRACT_HEADLINE}) AS abstract_headline`;
}

const MATCHED_FIELDS_SQL = Prisma.sql`ARRAY(
        SELECT DISTINCT w FROM unnest(p.search) AS u, unnest(u.weights) AS w, terms WHERE u.lexeme = ANY(terms.lexemes) ORDER BY w
      ) AS weights,
      EXISTS (SELECT 1 FROM unnest(p.title_search) AS u, terms WHERE u.lexeme = ANY(terms.lexemes)) AS title_match,
      EXISTS (
        SELECT 1 FROM unnest(to_tsvector('english', array_to_string(p.ai_keywords, ' '))) AS u, terms WHERE u.lexeme = ANY(terms.lexemes)
      ) AS keywords_match`;

export function matchedFields(row: Pick<SearchRow, "weights" | "title_match" | "keywords_match">): MatchedField[] {
  const byWeight: Record<string, MatchedField> = { B: "ABSTRACT", C: "AUTHORS" };
  return [
    ...(row.title_match ? (["TITLE"] as const) : []),
    ...row.weights.map((w) => byWeight[w]).filter((f): f is MatchedField => f !== undefined),
    ...(row.keywords_match ? (["KEYWORDS"] as const) : []),
  ];
}

/**
 * The newest matches (for feeds and digests: chronological, not ranked), through the same
 * filter. Bounded by `limit`.
 */
export function newestMatches(prisma: PrismaClient, query: string, filter: SearchFilter, limit: number): Promise<{ id: number }[]> {
  const where = [Prisma.sql`p.search @@ websearch_to_tsquery('english', ${query})`, ...filterConditions(filter)];
  return prisma.$queryRaw<{ id: number }[]>`
    SELECT p.id FROM paper p WHERE ${Prisma.join(where, " AND ")}
    ORDER BY p.listed_on DESC, p.id DESC LIMIT ${limit}::int4`;
}
