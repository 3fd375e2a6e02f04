// Recommendations for a user (their upvotes, collection papers and comments) or for one collection
// (its papers): the window's papers ranked by a model learned from those signals
// (recommend-model.ts), or trending when there are too few signals to learn from.
//
// Caching works across instances without any shared memory: one cheap statement reads the window's
// stamp (count, last ingest and a checksum of its papers' texts) and the signals themselves (paper ids);
// the cache key is made of both, so a new upvote, collection change or comment on any instance
// changes the key everywhere. Two caches: the window's TF-IDF space (shared by every user) and each
// target's ranked list.
import { createHash } from "node:crypto";

import { LRUCache } from "lru-cache";

import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { rankedPapers } from "./listings.ts";
import { addDays, isoDay } from "./periods.ts";
import { type PaperText, rankForProfile, type Recommendation, TermSpace } from "./recommend-model.ts";

export type RecommendWindow = "DAY" | "WEEK" | "MONTH";
/** Listing days a window covers, ending at the latest listing day. */
export const RECOMMEND_WINDOW_DAYS: Record<RecommendWindow, number> = { DAY: 1, WEEK: 7, MONTH: 30 };

/** Fewer signals than this, and the list is trending instead of learned. */
export const MIN_SIGNALS = 3;
/** The most recent signals learned from. */
export const MAX_SIGNALS = 500;
/** Papers a list holds at most (pages are cut from it). */
export const MAX_RECOMMENDED = 200;
/** Terms and papers an edge names. */
export const MAX_EXPLAIN = 3;

export type RecommendTarget = { userId: number } | { collectionId: number };

export interface RecommendedList {
  kind: "LEARNED" | "COLD_START";
  /** How many signals there were (capped at MAX_SIGNALS). */
  signals: number;
  /** Followed topics the cold-start list was drawn from (empty: overall trending). */
  topicIds: number[];
  /** First and last listing day of the window; null when there are no papers at all. */
  firstDay: Date | null;
  lastDay: Date | null;
  items: Recommendation[];
}

interface Stamp {
  last_day: Date | null;
  papers: number;
  last_seq: bigint | null;
  text_sum: bigint | null;
  signals: number[];
}

interface WindowSpace {
  space: TermSpace;
  ids: number[];
}

function signalsSql(target: RecommendTarget): Prisma.Sql {
  if ("collectionId" in target) {
    return Prisma.sql`SELECT cp.paper_id, cp.added_at AS at FROM collection_paper cp WHERE cp.collection_id = ${target.collectionId}::int4`;
  }
  const id = target.userId;
  return Prisma.sql`
    SELECT u.paper_id, u.created_at AS at FROM upvote u WHERE u.user_id = ${id}::int4
    UNION ALL
    SELECT cp.paper_id, cp.added_at FROM collection_paper cp JOIN collection c ON c.id = cp.collection_id WHERE c.owner_id = ${id}::int4
    UNION ALL
    SELECT cm.paper_id, cm.created_at FROM comment cm WHERE cm.author_id = ${id}::int4 AND cm.deleted_at IS NULL`;
}

async function readStamp(prisma: PrismaClient, target: RecommendTarget, days: number, lastDay?: Date): Promise<Stamp> {
  const last = lastDay ? Prisma.sql`SELECT ${isoDay(lastDay)}::date AS d` : Prisma.sql`SELECT max(listed_on) AS d FROM paper`;
  const [row] = await prisma.$queryRaw<Stamp[]>`
    WITH last AS (${last}),
    win AS (
      -- Not updated_at, which every upvote moves: the text (content_hash covers title and abstract) and keywords.
      SELECT count(*)::int4 AS papers, max(p.ingest_seq) AS last_seq,
        sum(hashtext(p.content_hash || array_to_string(p.ai_keywords, ' ') || array_to_string(p.categories, ' ')))::int8 AS text_sum
      FROM paper p, last WHERE p.listed_on > last.d - ${days}::int4 AND p.listed_on <= last.d
    ),
    signals AS (
      SELECT s.paper_id FROM (${signalsSql(target)}) s
      GROUP BY s.paper_id ORDER BY max(s.at) DESC, s.paper_id LIMIT ${MAX_SIGNALS}::int4
    )
    SELECT last.d AS last_day, win.papers, win.last_seq, win.text_sum,
      ARRAY(SELECT paper_id FROM signals ORDER BY paper_id) AS signals
    FROM last, win`;
  return row!;
}

async function paperTexts(prisma: PrismaClient, where: Prisma.Sql): Promise<PaperText[]> {
  const rows = await prisma.$queryRaw<{ id: number; title: string; abstract: string; ai_keywords: string[]; categories: string[] }[]>`
    SELECT p.id, p.title, p.abstract, p.ai_keywords, p.categories FROM paper p WHERE ${where} ORDER BY p.id`;
  return rows.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract, keywords: r.ai_keywords, categories: r.categories }));
}

function windowKeyOf(stamp: Stamp, days: number): string {
  return `${stamp.last_day ? isoDay(stamp.last_day) : "-"}:${days}:${stamp.papers}:${stamp.last_seq}:${stamp.text_sum}`;
}

export class Recommender {
  private warmTimer: NodeJS.Timeout | undefined;

  private readonly spaces = new LRUCache<string, WindowSpace>({ max: 6 });
  private readonly lists = new LRUCache<string, RecommendedList>({ max: 5_000 });
  /** Ranked lists computed (cache misses), for tests and the benchmark. */
  computed = 0;

  /**
   * Build the week's TF-IDF space in the background once papers stop arriving (the costliest part of
   * a list, shared by every user), so that a user's first request after an ingest does not pay it.
   * `delayMs` (RECOMMEND_WARM_MS) waits for more papers first.
   */
  scheduleWarm(prisma: PrismaClient, delayMs: number): void {
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      // A failed warm-up only means the next request builds the space itself.
      this.warm(prisma).catch(() => {});
    }, delayMs);
    this.warmTimer.unref();
  }

  async warm(prisma: PrismaClient, window: RecommendWindow = "WEEK"): Promise<void> {
    const days = RECOMMEND_WINDOW_DAYS[window];
    const stamp = await readStamp(prisma, { collectionId: 0 }, days);
    if (stamp.last_day) await this.windowSpace(prisma, windowKeyOf(stamp, days), stamp.last_day, days);
  }

  stop(): void {
    clearTimeout(this.warmTimer);
  }

  /** Forget every cached list (and with `spaces`, every window's TF-IDF space): the benchmark's cold runs. */
  clear(spaces = false): void {
    this.lists.clear();
    if (spaces) this.spaces.clear();
  }

  /**
   * The target's recommendations over the window, best first (at most MAX_RECOMMENDED). The window
   * ends on the latest listing day, or on `lastDay` (a digest's period).
   */
  async recommend(prisma: PrismaClient, target: RecommendTarget, window: RecommendWindow, lastDay?: Date): Promise<RecommendedList> {
    const days = RECOMMEND_WINDOW_DAYS[window];
    const stamp = await readStamp(prisma, target, days, lastDay);
    const firstDay = stamp.last_day ? addDays(stamp.last_day, 1 - days) : null;
    const base = { signals: stamp.signals.length, firstDay, lastDay: stamp.last_day };
    if (!stamp.last_day) return { ...base, kind: "COLD_START", topicIds: [], items: [] };
    if (stamp.signals.length < MIN_SIGNALS) return { ...base, ...(await this.coldStart(prisma, target, stamp.last_day, days)) };
    const windowKey = windowKeyOf(stamp, days);
    const signalsKey = createHash("sha256").update(stamp.signals.join(",")).digest("base64url");
    const key = `${JSON.stringify(target)}:${windowKey}:${signalsKey}`;
    const hit = this.lists.get(key);
    if (hit) return hit;
    const win = await this.windowSpace(prisma, windowKey, stamp.last_day, days);
    const profile = await paperTexts(prisma, Prisma.sql`p.id = ANY(${stamp.signals}::int4[])`);
    const items = rankForProfile(win.space, profile, win.ids, { limit: MAX_RECOMMENDED, explain: MAX_EXPLAIN });
    const list: RecommendedList = { ...base, kind: "LEARNED", topicIds: [], items };
    this.computed++;
    this.lists.set(key, list);
    return list;
  }

  private async windowSpace(prisma: PrismaClient, key: string, lastDay: Date, days: number): Promise<WindowSpace> {
    const hit = this.spaces.get(key);
    if (hit) return hit;
    const papers = await paperTexts(
      prisma,
      Prisma.sql`p.listed_on > ${isoDay(lastDay)}::date - ${days}::int4 AND p.listed_on <= ${isoDay(lastDay)}::date`,
    );
    const win = { space: new TermSpace(papers), ids: papers.map((p) => p.id) };
    this.spaces.set(key, win);
    return win;
  }

  /** Trending in the user's followed topics (overall trending for a collection or a user who follows none). */
  private async coldStart(
    prisma: PrismaClient,
    target: RecommendTarget,
    lastDay: Date,
    days: number,
  ): Promise<Pick<RecommendedList, "kind" | "topicIds" | "items">> {
    let topicIds =
      "userId" in target
        ? (
            await prisma.topicFollow.findMany({ where: { userId: target.userId }, select: { topicId: true }, orderBy: { topicId: "asc" } })
          ).map((f) => f.topicId)
        : [];
    const trending = (topics: number[]) =>
      rankedPapers(prisma, {
        from: addDays(lastDay, 1 - days),
        until: addDays(lastDay, 1),
        sort: "TRENDING",
        asOf: addDays(lastDay, 1),
        topicIds: topics.length > 0 ? topics : undefined,
        limit: MAX_RECOMMENDED,
      });
    let rows = await trending(topicIds);
    // Followed topics with nothing in the window: overall trending rather than an empty list.
    if (rows.length === 0 && topicIds.length > 0) {
      topicIds = [];
      rows = await trending(topicIds);
    }
    return { kind: "COLD_START", topicIds, items: rows.map((r) => ({ id: r.id, score: r.score, terms: [], because: [] })) };
  }
}
