// Ranked pages of papers listed in a range of days: the daily/weekly/monthly listings, trending,
// topic pages and digests all read papers through here.
import { PREPARED } from "../db/prepared-statements.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { afterCondition, orderBy } from "./keyset.ts";
import { addDays, isoDay } from "./periods.ts";
import { type PaperSort, SORT_KEYS, starsSql, trendingScoreSql, votesSql } from "./ranking.ts";

export interface RankedQuery {
  /** First listing day included (UTC midnight). */
  from: Date;
  /** First listing day excluded. */
  until: Date;
  sort: PaperSort;
  /** The instant trending scores are computed at. */
  asOf: Date;
  topicIds?: number[];
  submitterId?: number;
  /** true: only papers with a code link; false: only papers without one. */
  hasCode?: boolean;
  organizationId?: number;
  /** Only these papers (the matches of a search, for the reader page's `q`). */
  ids?: number[];
  /** Rows to return: a page size plus one, to know whether there is a next page. */
  limit: number;
  /** Decoded cursor values (keyset.ts) to continue after. */
  after?: unknown[];
}

export interface RankedRow {
  id: number;
  score: number;
  votes: number;
  stars: number;
  title: string;
  listed_on: Date;
}

export function rankedPapers(prisma: PrismaClient, q: RankedQuery): Promise<RankedRow[]> {
  const keys = SORT_KEYS[q.sort];
  // One day as an equality: the (listed_on, votes, ...) index then yields a day's page in order.
  const oneDay = addDays(q.from, 1).getTime() === q.until.getTime();
  const where = oneDay
    ? [Prisma.sql`p.listed_on = ${isoDay(q.from)}::date`]
    : [Prisma.sql`p.listed_on >= ${isoDay(q.from)}::date`, Prisma.sql`p.listed_on < ${isoDay(q.until)}::date`];
  if (q.submitterId !== undefined) where.push(Prisma.sql`p.submitted_by_id = ${q.submitterId}::int4`);
  if (q.hasCode !== undefined) where.push(q.hasCode ? Prisma.sql`p.code_url IS NOT NULL` : Prisma.sql`p.code_url IS NULL`);
  if (q.organizationId !== undefined) where.push(Prisma.sql`p.organization_id = ${q.organizationId}::int4`);
  if (q.ids !== undefined) where.push(Prisma.sql`p.id = ANY(${q.ids}::int4[])`);
  if (q.topicIds !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM paper_topic pt WHERE pt.paper_id = p.id AND pt.topic_id = ANY(${q.topicIds}::int4[]))`);
  }
  // A day's page is read the same way whatever the day (the daily feed, its busiest statement):
  // prepared, PostgreSQL plans it once per connection. Given ids (a search's matches), it is not.
  const prepared = oneDay && q.ids === undefined ? PREPARED : "";
  return prisma.$queryRaw<RankedRow[]>`${Prisma.raw(prepared)}
    SELECT id, score, votes, stars, title, listed_on FROM (
      SELECT p.id, ${trendingScoreSql(q.asOf)} AS score, ${votesSql}::int4 AS votes, ${starsSql}::int4 AS stars, p.title, p.listed_on
      FROM paper p
      WHERE ${Prisma.join(where, " AND ")}
    ) ranked
    ${q.after ? Prisma.sql`WHERE ${afterCondition(keys, q.after)}` : Prisma.empty}
    ORDER BY ${orderBy(keys)}
    LIMIT ${q.limit}::int4`;
}
