// What an author page shows besides the papers: counts and dates, co-authors and topics by how
// many papers they share, and the names the author is written with. Each list is ranked in SQL by
// (paper count desc, a tiebreak asc) and paged by keyset (keyset.ts): a deep page costs what the
// first does. Papers are counted once each, even where two co-authors of one name share a paper.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { afterCondition, orderBy, type SortKey } from "./keyset.ts";

export interface AuthorStats {
  authorId: number;
  paperCount: number;
  firstListedOn: Date | null;
  lastListedOn: Date | null;
}

/** Paper counts and first/last listing days of several authors, in one statement. */
export async function authorStats(prisma: PrismaClient, authorIds: readonly number[]): Promise<Map<number, AuthorStats>> {
  const rows = await prisma.$queryRaw<{ author_id: number; n: bigint; first: Date | null; last: Date | null }[]>`
    SELECT pa.author_id, count(DISTINCT p.id) AS n, min(p.listed_on) AS first, max(p.listed_on) AS last
    FROM paper_author pa JOIN paper p ON p.id = pa.paper_id
    WHERE pa.author_id = ANY(${[...authorIds]}::int4[])
    GROUP BY pa.author_id`;
  return new Map(
    rows.map((r) => [
      Number(r.author_id),
      { authorId: Number(r.author_id), paperCount: Number(r.n), firstListedOn: r.first, lastListedOn: r.last },
    ]),
  );
}

export interface RankedPage {
  size: number;
  after?: unknown[];
}

/** Co-authors and topics: ranked by shared papers, then by id. */
export const BY_COUNT_THEN_ID: SortKey[] = [
  { column: "n", type: "int4", desc: true },
  { column: "id", type: "int4", desc: false },
];

/** Names as written: most used first, then alphabetically. */
export const BY_COUNT_THEN_NAME: SortKey[] = [
  { column: "n", type: "int4", desc: true },
  { column: "name", type: "text", desc: false },
];

function paged(ranked: Prisma.Sql, keys: SortKey[], page: RankedPage): Prisma.Sql {
  const after = page.after ? Prisma.sql`WHERE ${afterCondition(keys, page.after)}` : Prisma.empty;
  return Prisma.sql`SELECT * FROM (${ranked}) ranked ${after} ORDER BY ${orderBy(keys)} LIMIT ${page.size + 1}`;
}

/** The author's co-authors with the number of papers they share, most shared first (page size + 1 rows). */
export async function coauthorPage(prisma: PrismaClient, authorId: number, page: RankedPage): Promise<{ id: number; n: number }[]> {
  const ranked = Prisma.sql`
    SELECT other.author_id AS id, count(DISTINCT other.paper_id)::int4 AS n
    FROM paper_author mine JOIN paper_author other ON other.paper_id = mine.paper_id AND other.author_id <> mine.author_id
    WHERE mine.author_id = ${authorId}
    GROUP BY other.author_id`;
  return prisma.$queryRaw(paged(ranked, BY_COUNT_THEN_ID, page));
}

/** The topics of the author's papers with how many of their papers each has, most first (page size + 1 rows). */
export async function authorTopicPage(prisma: PrismaClient, authorId: number, page: RankedPage): Promise<{ id: number; n: number }[]> {
  const ranked = Prisma.sql`
    SELECT pt.topic_id AS id, count(DISTINCT pt.paper_id)::int4 AS n
    FROM paper_topic pt
    WHERE pt.paper_id IN (SELECT paper_id FROM paper_author WHERE author_id = ${authorId})
    GROUP BY pt.topic_id`;
  return prisma.$queryRaw(paged(ranked, BY_COUNT_THEN_ID, page));
}

/** The distinct spellings papers give the author, with how many papers use each, most used first (page size + 1 rows). */
export async function authorNamePage(prisma: PrismaClient, authorId: number, page: RankedPage): Promise<{ name: string; n: number }[]> {
  const ranked = Prisma.sql`
    SELECT pa.name, count(DISTINCT pa.paper_id)::int4 AS n
    FROM paper_author pa
    WHERE pa.author_id = ${authorId}
    GROUP BY pa.name`;
  return prisma.$queryRaw(paged(ranked, BY_COUNT_THEN_NAME, page));
}
