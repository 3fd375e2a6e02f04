// Related papers: papers whose text shares the distinctive words of a paper's title, ranked by
// ts_rank against those words plus a bonus per shared topic; explained by the shared words (as
// written in the title) and the shared topics.
//
// Candidates must share several title words (overlapQuery), which keeps one common word from
// pulling in half the corpus; of those, the RELATED_CANDIDATES most recently listed are ranked.
// They are looked for among titles first (Paper.title_search: a small index, a few milliseconds
// on the 60k corpus); only a paper whose title shares words with fewer than MIN_TITLE_MATCHES
// titles (one in twenty-five there) also looks through abstracts (the full vector: tens of
// milliseconds). Several papers' related lists are computed in one statement.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { afterCondition, orderBy, type SortKey } from "./keyset.ts";

const RELATED_CANDIDATES = 150;
/** Fewer title matches than a default page (5), and abstracts are searched too. */
const MIN_TITLE_MATCHES = 5;
/** Score added per topic the two papers share (ts_rank is 0..1). */
const SHARED_TOPIC_BONUS = 0.05;
const MAX_TITLE_TERMS = 6;

// Stems of title words too common in this corpus to say what a paper is about.
const GENERIC = new Set(
  [
    "use base via toward beyond approach method model learn network data neural deep larg effici improv new novel framework",
    "system analysi studi task perform general scale multi result problem design effect level toward can",
  ]
    .join(" ")
    .split(" "),
);

export const RELATED_KEYS: SortKey[] = [
  { column: "score", type: "float8", desc: true },
  { column: "id", type: "int4", desc: false },
];

interface TitleTerms {
  /** Distinct lexemes of the title in order, generic ones removed. */
  lexemes: string[];
  /** lexeme -> the word as the title writes it. */
  words: Map<string, string>;
}

export interface RelatedRow {
  src_id: number;
  id: number;
  score: number;
  topic_ids: number[];
  lexemes: string[];
}

export interface RelatedResult extends RelatedRow {
  sharedTerms: string[];
}

function tsLiteral(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

async function titleTerms(prisma: PrismaClient, ids: number[]): Promise<Map<number, TitleTerms>> {
  const rows = await prisma.$queryRaw<{ src_id: number; token: string; lex: string }[]>`
    SELECT s.id AS src_id, d.token, l.lex
    FROM paper s,
      ts_debug('english', s.title) WITH ORDINALITY AS d(alias, description, token, dictionaries, dictionary, lexemes, n),
      unnest(d.lexemes) AS l(lex)
    WHERE s.id = ANY(${ids}::int4[])
    ORDER BY s.id, d.n`;
  const out = new Map<number, TitleTerms>();
  for (const r of rows) {
    const terms: TitleTerms = out.get(r.src_id) ?? { lexemes: [], words: new Map() };
    out.set(r.src_id, terms);
    if (r.lex.length < 3 || GENERIC.has(r.lex) || terms.words.has(r.lex) || terms.lexemes.length >= MAX_TITLE_TERMS) continue;
    terms.lexemes.push(r.lex);
    terms.words.set(r.lex, r.token);
  }
  return out;
}

/**
 * Papers sharing at least two of the title's words (one for a one-word title): far fewer, and more
 * related, candidates than papers sharing any one word.
 */
function overlapQuery(lexemes: string[]): string {
  const k = Math.min(lexemes.length, 2);
  const groups: string[] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === k) return void groups.push(`(${chosen.join(" & ")})`);
    for (let i = from; i < lexemes.length; i++) pick(i + 1, [...chosen, tsLiteral(lexemes[i]!)]);
  };
  pick(0, []);
  return groups.join(" | ");
}

/** For each source paper, one page (limit rows) of related papers, best first. */
export async function relatedPapers(
  prisma: PrismaClient,
  sourceIds: number[],
  limit: number,
  after?: unknown[],
): Promise<Map<number, RelatedResult[]>> {
  const terms = await titleTerms(prisma, sourceIds);
  const sources = sourceIds.filter((id) => (terms.get(id)?.lexemes.length ?? 0) > 0);
  const result = new Map<number, RelatedResult[]>(sourceIds.map((id) => [id, []]));
  if (sources.length === 0) return result;
  const pairQs = sources.map((id) => overlapQuery(terms.get(id)!.lexemes));
  const orQs = sources.map((id) => terms.get(id)!.lexemes.map(tsLiteral).join(" | "));
  const lexLists = sources.map((id) => terms.get(id)!.lexemes);
  const rows = await prisma.$queryRaw<RelatedRow[]>`
    SELECT q.src_id, r.id, r.score, r.topic_ids, r.lexemes
    FROM unnest(${sources}::int4[], ${pairQs}::text[], ${orQs}::text[], ${lexLists.map((l) => l.join(" "))}::text[])
      AS q(src_id, pair_q, or_q, lex_list)
    CROSS JOIN LATERAL (
      WITH titled AS MATERIALIZED (
        SELECT p.id, p.search FROM paper p
        WHERE p.title_search @@ q.pair_q::tsquery AND p.id <> q.src_id
        -- "+ 0" keeps the planner on the GIN index: it cannot see how selective a per-row query
        -- is, and walking the (listed_on, id) index instead reads the whole table when few match.
        ORDER BY p.listed_on + 0 DESC, p.id + 0 DESC
        LIMIT ${RELATED_CANDIDATES}::int4
      ), candidates AS (
        SELECT * FROM titled
        UNION ALL
        (SELECT p.id, p.search FROM paper p
        WHERE (SELECT count(*) FROM titled) < ${MIN_TITLE_MATCHES}::int4
          AND p.search @@ q.pair_q::tsquery AND NOT p.title_search @@ q.pair_q::tsquery AND p.id <> q.src_id
        ORDER BY p.listed_on + 0 DESC, p.id + 0 DESC
        LIMIT ${RELATED_CANDIDATES}::int4)
      )
      SELECT * FROM (
        SELECT c.id,
          (ts_rank(c.search, q.or_q::tsquery) + ${SHARED_TOPIC_BONUS}::float8 * cardinality(st.topic_ids))::float8 AS score,
          st.topic_ids,
          ARRAY(SELECT u.lexeme FROM unnest(c.search) AS u WHERE u.lexeme = ANY(string_to_array(q.lex_list, ' '))) AS lexemes
        FROM candidates c
        CROSS JOIN LATERAL (
          SELECT ARRAY(
            SELECT pt.topic_id FROM paper_topic pt
            WHERE pt.paper_id = c.id AND pt.topic_id IN (SELECT s.topic_id FROM paper_topic s WHERE s.paper_id = q.src_id)
            ORDER BY pt.topic_id) AS topic_ids
        ) st
      ) scored
      ${after ? Prisma.sql`WHERE ${afterCondition(RELATED_KEYS, after)}` : Prisma.empty}
      ORDER BY ${orderBy(RELATED_KEYS)}
      LIMIT ${limit}::int4
    ) r
    ORDER BY q.src_id, r.score DESC, r.id`;
  for (const row of rows) {
    const words = terms.get(row.src_id)!;
    const shared = new Set(row.lexemes);
    result.get(row.src_id)!.push({ ...row, sharedTerms: words.lexemes.filter((l) => shared.has(l)).map((l) => words.words.get(l)!) });
  }
  return result;
}
