// What a subscriber's digest holds for a period: the top papers of the period in their digest
// topics (else the topics they follow, else all topics), by trending score at the period's end,
// the best matches of each saved search they put in the digest, and, for a subscriber with enough
// upvotes, collection papers and comments to learn from, the period's papers recommended for them;
// then the notifications they asked to get by digest (preference DIGEST) written during the period,
// one section per kind.
import type { Database } from "../db.ts";
import { rankedPapers } from "../discovery/listings.ts";
import type { Period } from "../discovery/periods.ts";
import { addDays } from "../discovery/periods.ts";
import { Recommender } from "../discovery/recommendations.ts";
import { searchPage } from "../discovery/search.ts";
import { resolveSearchFilter, type SearchFilterArgs } from "../discovery/search-input.ts";
import { withDescendants } from "../discovery/topics.ts";
import type { NotificationKind, Prisma } from "../generated/prisma/client.ts";

export const TOP_PAPERS = 10;
export const SEARCH_PAPERS = 5;
export const RECOMMENDED_PAPERS = 5;
/** Recommendations looked through for the period's papers (the list's window can start before the period). */
const RECOMMENDED_CANDIDATES = 50;

// The digest job's own, one per database: cache keys follow a database's papers and signals
// (recommendations.ts), but two databases can hold the same ids.
const recommenders = new WeakMap<Database, Recommender>();

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

/**
 * The digest's "Notifications" sections: each lists the papers its notifications are about (an
 * author claim's review is about no paper: it stays in the inbox only).
 */
const NOTIFICATION_HEADINGS: Partial<Record<NotificationKind, string>> = {
  AUTHOR_PAPER: "Notifications: new papers by authors you follow",
  PAPER_VERSION: "Notifications: new versions of papers in your collections",
  COLLECTION_PAPER: "Notifications: papers added to collections you follow",
  REPLY: "Notifications: replies to your comments, on these papers",
  MENTION: "Notifications: you were mentioned, on these papers",
};

const digestPaper = {
  id: true,
  title: true,
  abstract: true,
  absUrl: true,
  pdfUrl: true,
  codeUrl: true,
  upvoteCount: true,
  sourceUpvotes: true,
  commentCount: true,
  githubStars: true,
  authors: { orderBy: { position: "asc" }, take: 6, select: { name: true } },
  topics: { orderBy: [{ score: "desc" }, { topicId: "asc" }], take: 5, select: { topic: { select: { slug: true, name: true } } } },
} satisfies Prisma.PaperSelect;

export type DigestPaper = Prisma.PaperGetPayload<{ select: typeof digestPaper }>;

export interface DigestSection {
  heading: string;
  papers: DigestPaper[];
  /** A line saying why each paper is there, by paper id (recommendations name their terms). */
  reasons?: Record<number, string>;
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
  const plan: { heading: string; ids: number[]; reasons?: Record<number, string> }[] = [
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
  const recommended = await recommendedIn(db, user, period);
  if (recommended) plan.push(recommended);
  // Oldest first within a kind, at most TOP_PAPERS papers each (the inbox has them all).
  const notified = await db.prisma.notification.findMany({
    where: { recipientId: user.id, digest: true, paperId: { not: null }, createdAt: { gte: period.start, lt: period.end } },
    orderBy: { id: "asc" },
    select: { kind: true, paperId: true },
  });
  for (const [kind, heading] of Object.entries(NOTIFICATION_HEADINGS)) {
    const paperIds = [...new Set(notified.filter((n) => n.kind === kind).map((n) => n.paperId!))].slice(0, TOP_PAPERS);
    plan.push({ heading, ids: paperIds });
  }
  const ids = [...new Set(plan.flatMap((s) => s.ids))];
  const papers = new Map((await db.prisma.paper.findMany({ where: { id: { in: ids } }, select: digestPaper })).map((p) => [p.id, p]));
  const sections = plan
    .map((s) => ({
      heading: s.heading,
      papers: s.ids.map((id) => papers.get(id)).filter((p): p is DigestPaper => p !== undefined),
      ...(s.reasons ? { reasons: s.reasons } : {}),
    }))
    .filter((s) => s.papers.length > 0);
  return { sections, paperCount: ids.length };
}

/** The top recommendations listed in the period, when the subscriber has enough signals to learn from. */
async function recommendedIn(db: Database, user: Subscriber, period: Period) {
  let recommender = recommenders.get(db);
  if (!recommender) recommenders.set(db, (recommender = new Recommender()));
  const list = await recommender.recommend(
    db.prisma,
    { userId: user.id },
    period.kind === "day" ? "DAY" : period.kind === "week" ? "WEEK" : "MONTH",
  );
  if (list.kind !== "LEARNED") return null;
  const candidates = list.items.slice(0, RECOMMENDED_CANDIDATES);
  const inPeriod = new Set(
    (
      await db.prisma.paper.findMany({
        where: { id: { in: candidates.map((r) => r.id) }, listedOn: { gte: period.start, lt: period.end } },
        select: { id: true },
      })
    ).map((p) => p.id),
  );
  const top = candidates.filter((r) => inPeriod.has(r.id)).slice(0, RECOMMENDED_PAPERS);
  if (top.length === 0) return null;
  return {
    heading: "Recommended for you",
    ids: top.map((r) => r.id),
    reasons: Object.fromEntries(top.map((r) => [r.id, `Like papers you upvoted, saved or commented on: ${r.terms.join(", ")}`])),
  };
}
