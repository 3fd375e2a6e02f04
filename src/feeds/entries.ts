// What each feed contains: the 50 newest papers of the daily listing, of a topic (subtopics
// included), or matching a search ("newest" = latest listing day, then latest ingested); or the
// 50 papers most recently added to a public collection.
import { newestMatches, type SearchFilter } from "../discovery/search.ts";
import { type Prisma, type PrismaClient } from "../generated/prisma/client.ts";

export const FEED_SIZE = 50;

const feedPaper = {
  id: true,
  arxivId: true,
  title: true,
  abstract: true,
  categories: true,
  absUrl: true,
  pdfUrl: true,
  codeUrl: true,
  publishedAt: true,
  ingestedAt: true,
  updatedAt: true,
  listedOn: true,
  authors: { orderBy: { position: "asc" }, select: { name: true } },
  topics: { orderBy: [{ score: "desc" }, { topicId: "asc" }], select: { topic: { select: { slug: true, name: true } } } },
} satisfies Prisma.PaperSelect;

export type FeedPaper = Prisma.PaperGetPayload<{ select: typeof feedPaper }>;

async function loadInOrder(prisma: PrismaClient, ids: number[]): Promise<FeedPaper[]> {
  const papers = await prisma.paper.findMany({ where: { id: { in: ids } }, select: feedPaper });
  const byId = new Map(papers.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is FeedPaper => p !== undefined);
}

export function newestPapers(prisma: PrismaClient, topicIds?: number[], hasCode?: boolean): Promise<FeedPaper[]> {
  return prisma.paper.findMany({
    where: {
      ...(topicIds ? { topics: { some: { topicId: { in: topicIds } } } } : {}),
      ...(hasCode !== undefined ? { codeUrl: hasCode ? { not: null } : null } : {}),
    },
    orderBy: [{ listedOn: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
    select: feedPaper,
  });
}

export async function newestSearchResults(prisma: PrismaClient, query: string, filter: SearchFilter): Promise<FeedPaper[]> {
  const rows = await newestMatches(prisma, query, filter, FEED_SIZE);
  return loadInOrder(
    prisma,
    rows.map((r) => r.id),
  );
}

/** The papers most recently added to the collection, newest addition first. */
export async function newestInCollection(prisma: PrismaClient, collectionId: number, hasCode?: boolean): Promise<FeedPaper[]> {
  const entries = await prisma.collectionPaper.findMany({
    where: { collectionId, ...(hasCode !== undefined ? { paper: { codeUrl: hasCode ? { not: null } : null } } : {}) },
    orderBy: [{ addedAt: "desc" }, { position: "desc" }],
    take: FEED_SIZE,
    select: { paper: { select: feedPaper } },
  });
  return entries.map((e) => e.paper);
}
