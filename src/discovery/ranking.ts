// How papers are ranked in listings, trending and digests. The score is computed in SQL over the
// (listed_on, ...) index range of the period or window, never by loading papers into memory.
//
// votes    = upvote_count (our users' upvotes) + source_upvotes (the upvotes Hugging Face reported
//            when the paper was ingested): both are people who found the paper worth reading.
// age      = hours from the start (00:00 UTC) of the paper's listing day to the ranking instant.
// trending = votes / (age + 2) ^ 1.8        (Hacker News' gravity; README "Trending").
import { Prisma } from "../generated/prisma/client.ts";
import type { SortKey } from "./keyset.ts";

const GRAVITY = 1.8;
/** Hours added to the age so that a paper listed a moment ago does not divide by ~0. */
const AGE_OFFSET_HOURS = 2;

export type PaperSort = "TRENDING" | "UPVOTES" | "NEWEST" | "GITHUB_STARS";

/** A paper's code stars for ordering: papers without a count (-1) after those with 0. */
export const starsSql = Prisma.sql`coalesce(p.github_stars, -1)`;

export const votesSql = Prisma.sql`(p.upvote_count + p.source_upvotes)`;

/** The trending score of paper `p` at `asOf`. */
export function trendingScoreSql(asOf: Date): Prisma.Sql {
  const asOfEpoch = asOf.getTime() / 1000;
  const ageHours = Prisma.sql`greatest(${asOfEpoch}::float8 - extract(epoch from p.listed_on::timestamp)::float8, 0) / 3600`;
  return Prisma.sql`(${votesSql}::float8 / power(${ageHours} + ${AGE_OFFSET_HOURS}, ${GRAVITY}))`;
}

/** The columns each sort orders by; the last key (the id) makes every order total. */
export const SORT_KEYS: Record<PaperSort, SortKey[]> = {
  TRENDING: [
    { column: "score", type: "float8", desc: true },
    { column: "title", type: "text", desc: false },
    { column: "id", type: "int4", desc: false },
  ],
  UPVOTES: [
    { column: "votes", type: "int4", desc: true },
    { column: "title", type: "text", desc: false },
    { column: "id", type: "int4", desc: false },
  ],
  NEWEST: [
    { column: "listed_on", type: "date", desc: true },
    { column: "id", type: "int4", desc: true },
  ],
  GITHUB_STARS: [
    { column: "stars", type: "int4", desc: true },
    { column: "votes", type: "int4", desc: true },
    { column: "title", type: "text", desc: false },
    { column: "id", type: "int4", desc: false },
  ],
};
