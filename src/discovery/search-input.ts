// What a search is asked with, checked and resolved before it runs: the query text, and a filter's
// topic slugs, author and organization names turned into ids. The GraphQL search field, the search feeds and
// saved searches in digests share it; a refusal is an ArgumentError naming the argument, which each
// of them answers in its own way.
import { ArgumentError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { authorKey } from "../text.ts";
import { isoDay } from "./periods.ts";
import { MAX_QUERY_LENGTH, type SearchFilter } from "./search.ts";
import { topicIdsWithin } from "./topics.ts";

/** Values per list of a filter (topics, categories, authors, organizations, keywords). */
export const MAX_FILTER_VALUES = 50;

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

/** Check and resolve a filter: slugs and names to ids. Null when it can match nothing. */
export async function resolveSearchFilter(
  prisma: PrismaClient,
  f: SearchFilterArgs | null | undefined,
  argumentName = "filter",
): Promise<SearchFilter | null> {
  if (!f) return {};
  for (const key of ["topics", "categories", "authors", "organizations", "keywords"] as const) {
    if ((f[key]?.length ?? 0) > MAX_FILTER_VALUES) throw new ArgumentError(`${argumentName}.${key}`, `at most ${MAX_FILTER_VALUES} values`);
  }
  if (f.from && f.to && f.from > f.to) throw new ArgumentError(`${argumentName}.to`, `${isoDay(f.to)} is before from (${isoDay(f.from)})`);
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
  if (q === "") throw new ArgumentError(argumentName, "is empty: give at least one word to search for");
  if (q.length > MAX_QUERY_LENGTH) throw new ArgumentError(argumentName, `is ${q.length} characters long (at most ${MAX_QUERY_LENGTH})`);
  return q;
}
