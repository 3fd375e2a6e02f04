// What a subscriber's digest holds for a period: the top papers of the period in their digest
// topics (else the topics they follow, else all topics), by trending score at the period's end,
// and the best matches of each saved search they put in the digest.
import type { Database } from "../db.ts";
import { rankedPapers } from "../discovery/listings.ts";
import type { Period } from "../discovery/periods.ts";
import { addDays } from "../discovery/periods.ts";
import { searchPage } from "../discovery/search.ts";
import { resolveSearchFilter, type SearchFilterArgs } from "../discovery/search-input.ts";
import { withDescendants } from "../discovery/topics.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export const TOP_PAPERS = 10;
export const SEARCH_PAPERS = 5;

export const subscriberSelect = {
  id: true,
  email: true,
  name: true,
  digestFrequency: true,
  digestTopics: { select: { topic: { select: { id: true, name: true } } } },
  topicFollows: { select: { topic: { select: { id: true, name: true } } } },
  savedSearches: { where: { inDigest: true }, orderBy: { name: "asc" }, select: { id: true, name: true, query: true, filter: true } },
} satisfies Prisma.UserSelect;

export type Subscriber = Prisma.UserGetPayload<{ select: typeof subscriberSelect }>;

const digestPaper = {
  id: true,
  title: true,
  abstract: true,
  absUrl: true,
  pdfUrl: true,
  codeUrl: true,
  upvoteCount: true,
  sourceUpvotes: true,
  authors: { orderBy: { position: "asc" }, take: 6, select: { name: true } },
} satisfies Prisma.PaperSelect;

export type DigestPaper = Prisma.PaperGetPayload<{ select: typeof digestPaper }>;

export interface DigestSection {
  heading: string;
  papers: DigestPaper[];
}

export interface DigestContent {
  sections: DigestSection[];
  paperCount: number;
}

function savedFilter(json: Prisma.JsonValue): SearchFilterArgs {
  const f = (json && typeof json === "object" && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);
  return {
    topics: strings(f.topics),
    categories: strings(f.categories),
    authors: strings(f.authors),
    organizations: strings(f.organizations),
    keywords: strings(f.keywords),
    hasCode: typeof f.hasCode === "boolean" ? f.hasCode : undefined,
  };
}

export async function digestContent(db: Database, user: Subscriber, period: Period): Promise<DigestContent> {
  const chosen = user.digestTopics.length > 0 ? user.digestTopics : user.topicFollows;
  const topicIds =
    chosen.length > 0
      ? await withDescendants(
          db.prisma,
          chosen.map((t) => t.topic.id),
        )
      : undefined;
  const top = await rankedPapers(db.prisma, {
    from: period.start,
    until: period.end,
    sort: "TRENDING",
    asOf: period.end,
    topicIds,
    limit: TOP_PAPERS,
  });
  const plan: { heading: string; ids: number[] }[] = [
    {
      heading: chosen.length > 0 ? `Top papers in ${chosen.map((t) => t.topic.name).join(", ")}` : "Top papers",
      ids: top.map((r) => r.id),
    },
  ];
  for (const saved of user.savedSearches) {
    // A saved search whose filter no longer resolves (a deleted topic) is left out, not fatal.
    const filter = await resolveSearchFilter(db.prisma, savedFilter(saved.filter)).catch(() => null);
    if (!filter) continue;
    const rows = await searchPage(db.prisma, saved.query, { ...filter, from: period.start, to: addDays(period.end, -1) }, SEARCH_PAPERS);
    plan.push({ heading: `Your saved search "${saved.name}"`, ids: rows.map((r) => r.id) });
  }
  const ids = [...new Set(plan.flatMap((s) => s.ids))];
  const papers = new Map((await db.prisma.paper.findMany({ where: { id: { in: ids } }, select: digestPaper })).map((p) => [p.id, p]));
  const sections = plan
    .map((s) => ({ heading: s.heading, papers: s.ids.map((id) => papers.get(id)).filter((p): p is DigestPaper => p !== undefined) }))
    .filter((s) => s.papers.length > 0);
  return { sections, paperCount: ids.length };
}
