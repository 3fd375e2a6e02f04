// The papers of a reader view, through the discovery services the API's listings use: the ranked
// listing of the period (rankedPapers), narrowed to a topic's subtree and to the matches of a
// search, at most PAGE_SIZE of them; and the cursor the page's script resumes paperIngested from.
import { formatPrismaCursor } from "@pothos/plugin-prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";

import { rankedPapers } from "../discovery/listings.ts";
import { addDays, dayPeriod, isoDay, type Period } from "../discovery/periods.ts";
import { newestMatches, SEARCH_CANDIDATES } from "../discovery/search.ts";
import { topicIdsWithin } from "../discovery/topics.ts";
import { ArgumentError, HttpError } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { CardPaper } from "./card.ts";
import { type ReaderView, SORTS } from "./view.ts";

/** Papers a page shows at most (a month has thousands: the API pages through them all). */
export const PAGE_SIZE = 100;

const cardSelect = {
  id: true,
  title: true,
  absUrl: true,
  pdfUrl: true,
  codeUrl: true,
  githubStars: true,
  upvoteCount: true,
  sourceUpvotes: true,
  commentCount: true,
  aiSummary: true,
  thumbnailUrl: true,
  listedOn: true,
  sourceSubmitterName: true,
  sourceSubmitterHandle: true,
  submittedBy: { select: { handle: true } },
  authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true } } } },
  topics: { orderBy: [{ score: "desc" }, { topicId: "asc" }], select: { topic: { select: { slug: true, name: true } } } },
} satisfies Prisma.PaperSelect;

type CardRow = Prisma.PaperGetPayload<{ select: typeof cardSelect }>;

export function toCard(p: CardRow, upvoted: boolean): CardPaper {
  return {
    id: encodeGlobalID("Paper", p.id),
    title: p.title,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
    codeUrl: p.codeUrl,
    githubStars: p.githubStars,
    authors: p.authors.map((a) => a.author.name),
    topics: p.topics.map((t) => t.topic),
    votes: p.upvoteCount + p.sourceUpvotes,
    commentCount: p.commentCount,
    aiSummary: p.aiSummary,
    thumbnail: p.thumbnailUrl,
    submitter: p.submittedBy?.handle ?? p.sourceSubmitterName ?? p.sourceSubmitterHandle,
    listedOn: isoDay(p.listedOn),
    viewerHasUpvoted: upvoted,
  };
}

export interface ReaderListing {
  period: Period;
  papers: CardPaper[];
  /** More papers are in the view than the page shows. */
  truncated: boolean;
  /** Where the script resumes paperIngested: the newest ingested paper when the page was made. */
  after: string | null;
  topics: { slug: string; name: string }[];
}

export async function readerListing(prisma: PrismaClient, view: ReaderView): Promise<ReaderListing> {
  // Read first, so a paper ingested while the page is made is delivered live, never lost.
  const newest = await prisma.paper.findFirst({ orderBy: { ingestSeq: "desc" }, select: { ingestSeq: true } });
  let period = view.period;
  if (!period) {
    const { _max } = await prisma.paper.aggregate({ _max: { listedOn: true } });
    period = dayPeriod(_max.listedOn ?? new Date());
  }
  let topicIds: number[] | undefined;
  if (view.topic) {
    try {
      topicIds = await topicIdsWithin(prisma, view.topic, "topic");
    } catch (e) {
      if (e instanceof ArgumentError)
        throw new HttpError(400, `Query parameter topic: no topic has the slug ${JSON.stringify(view.topic)}.`);
      throw e;
    }
  }
  const ids = view.q
    ? (await newestMatches(prisma, view.q, { from: period.start, to: addDays(period.end, -1), topicIds }, SEARCH_CANDIDATES)).map(
        (r) => r.id,
      )
    : undefined;
  const rows =
    ids && ids.length === 0
      ? []
      : await rankedPapers(prisma, {
          from: period.start,
          until: period.end,
          sort: SORTS[view.sort],
          asOf: period.end,
          topicIds,
          ids,
          limit: PAGE_SIZE + 1,
        });
  const shown = rows.slice(0, PAGE_SIZE).map((r) => r.id);
  const found = await prisma.paper.findMany({ where: { id: { in: shown } }, select: cardSelect });
  const byId = new Map(found.map((p) => [p.id, p]));
  const topics = await prisma.topic.findMany({ orderBy: { name: "asc" }, take: 500, select: { slug: true, name: true } });
  return {
    period,
    papers: shown.flatMap((id) => {
      const p = byId.get(id);
      return p ? [toCard(p, false)] : [];
    }),
    truncated: rows.length > PAGE_SIZE,
    // Paper.cursor's format (a `papers` cursor on ingestSeq), so paperIngested(after) reads it.
    after: newest ? formatPrismaCursor({ ingestSeq: newest.ingestSeq }, "ingestSeq") : null,
    topics,
  };
}
