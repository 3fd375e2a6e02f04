// The live paper log of one instance. Papers are read from the database in ingest_seq order —
// the database is the source of truth; events (in-process, PostgreSQL NOTIFY, Redis) only wake the
// reader — and fanned out to the instance's paperIngested subscriptions:
// - ONE query per wake-up, whatever the number of subscribers;
// - each distinct filter is evaluated in memory once per paper, for all the subscriptions that gave
//   it (grouped by filterKey); a subscription whose filter does not match costs nothing at all;
// - ingest_seq is handed out under a row lock held until commit (src/ingest/writer.ts), so seq
//   order is commit order: reading `seq > head` can never skip a paper that commits later.
// A subscription with `after` first replays matching papers from the database, then joins the live
// stream at the seam with neither gap nor duplicate (its own lastSeq decides what it still needs).
import type { Database } from "../db.ts";
import { compileFilter, filterKey, type PaperFacts, type PaperFilterInput, type PaperPredicate } from "./filter.ts";
import { LiveQueue } from "./queue.ts";

interface Subscriber {
  /** Its filter's key (filterKey): the group the live reader offers it papers through. */
  filter: string;
  predicate: PaperPredicate;
  queue: LiveQueue<PaperFacts>;
  /**
   * Highest seq this subscriber has been given, or while replaying has read. The live reader does
   * not move it past papers its filter rejects: a replay after falling behind reads those again
   * and rejects them again.
   */
  lastSeq: bigint;
  /** False while replaying from the database; the reader skips it until it has caught up. */
  live: boolean;
}

export interface PaperLogOptions {
  /** Rows per read. */
  pageSize?: number;
  /** Safety-net poll, in case a wake-up was lost (Redis down, a NOTIFY missed). */
  pollIntervalMs?: number;
  /** Each subscriber's queue (see LiveQueue). */
  queue: { capacity: number; stallMs: number };
}

interface FactsRow {
  id: number;
  seq: bigint;
  title: string;
  abstract: string;
  categories: string[];
  topics: string[] | null;
  authors: string[] | null;
}

/** Subscribers with one filter, and that filter compiled once. */
interface FilterGroup {
  predicate: PaperPredicate;
  subscribers: Set<Subscriber>;
}

export class PaperLog {
  private head = 0n;
  private readonly subscribers = new Set<Subscriber>();
  private readonly groups = new Map<string, FilterGroup>();
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private started: Promise<void> | undefined;
  private readonly pageSize: number;

  constructor(
    private readonly db: Database,
    private readonly opts: PaperLogOptions,
  ) {
    this.pageSize = opts.pageSize ?? 500;
  }

  /** Reads the current head; subscriptions without `after` start there. Idempotent. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.head = (await this.readHead()) ?? 0n;
      const interval = this.opts.pollIntervalMs ?? 2_000;
      if (interval > 0) {
        this.timer = setInterval(() => this.wake(), interval);
        this.timer.unref();
      }
    })().catch((e: unknown) => {
      // The database is unreachable right now: the next subscription or wake-up tries again.
      this.started = undefined;
      throw e;
    });
    return this.started;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.subscribers) s.queue.end();
    this.subscribers.clear();
    this.groups.clear();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Something was (probably) committed: read what is new. Calls during a read coalesce. */
  wake(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      try {
        await this.start();
        do {
          this.readAgain = false;
          await this.readNew();
        } while (this.readAgain);
      } catch {
        // The database is unreachable right now; the next wake-up or poll retries.
      } finally {
        this.reading = undefined;
      }
    })();
  }

  /** Resolves once everything committed before the call has been offered to live subscribers. */
  async catchUp(): Promise<void> {
    this.wake();
    while (this.reading) await this.reading;
  }

  /** The newest ingest_seq; null while there are no papers. */
  private async readHead(): Promise<bigint | null> {
    const [row] = await this.db.prisma.$queryRaw<{ head: bigint | null }[]>`SELECT max(ingest_seq) AS head FROM paper`;
    return row?.head ?? null;
  }

  private async readNew(): Promise<void> {
    if (this.subscribers.size === 0) {
      // Nobody listens: just move the head.
      const head = await this.readHead();
      if (head != null && head > this.head) this.head = head;
      return;
    }
    for (;;) {
      const rows = await this.fetch(this.head, this.pageSize);
      for (const facts of rows) {
        this.head = facts.seq;
        for (const group of this.groups.values()) {
          if (!group.predicate(facts)) continue;
          for (const s of group.subscribers) {
            if (!s.live || facts.seq <= s.lastSeq) continue;
            if (!s.queue.push(facts)) {
              // A burst bigger than its queue: it catches up from the database at its own pace.
              s.live = false;
              void this.replay(s);
              continue;
            }
            s.lastSeq = facts.seq;
          }
        }
      }
      if (rows.length < this.pageSize) return;
    }
  }

  private async fetch(afterSeq: bigint, limit: number): Promise<PaperFacts[]> {
    const rows = await this.db.prisma.$queryRaw<FactsRow[]>`
      SELECT p.id, p.ingest_seq AS seq, p.title, p.abstract, p.categories,
        (SELECT array_agg(t.slug) FROM paper_topic pt JOIN topic t ON t.id = pt.topic_id WHERE pt.paper_id = p.id) AS topics,
        (SELECT array_agg(a.key) FROM paper_author pa JOIN author a ON a.id = pa.author_id WHERE pa.paper_id = p.id) AS authors
      FROM paper p
      WHERE p.ingest_seq > ${afterSeq}
      ORDER BY p.ingest_seq
      LIMIT ${limit}`;
    return rows.map((r) => ({ ...r, seq: BigInt(r.seq), topics: r.topics ?? [], authors: r.authors ?? [] }));
  }

  /**
   * A stream of the papers matching `filter` that are ingested after `after` (a seq), or from now
   * when `after` is undefined. Bounded by `capacity` (see LiveQueue).
   */
  subscribe(opts: { filter?: PaperFilterInput | null; after?: bigint; congested?: () => boolean }): LiveQueue<PaperFacts> {
    const filter = filterKey(opts.filter);
    const subscriber: Subscriber = {
      filter,
      predicate: this.groups.get(filter)?.predicate ?? compileFilter(opts.filter),
      lastSeq: 0n,
      live: false,
      queue: new LiveQueue<PaperFacts>({
        ...this.opts.queue,
        congested: opts.congested,
        onClose: () => this.leave(subscriber),
      }),
    };
    void (async () => {
      try {
        await this.start();
        if (opts.after === undefined) {
          subscriber.lastSeq = this.head;
          subscriber.live = true;
          this.join(subscriber);
          return;
        }
        subscriber.lastSeq = opts.after;
        this.join(subscriber);
        void this.replay(subscriber);
      } catch (e) {
        subscriber.queue.fail(e);
      }
    })();
    return subscriber.queue;
  }

  private join(s: Subscriber): void {
    // Closed while the log was starting: it never joins.
    if (s.queue.isClosed) return;
    this.subscribers.add(s);
    let group = this.groups.get(s.filter);
    if (!group) this.groups.set(s.filter, (group = { predicate: s.predicate, subscribers: new Set() }));
    group.subscribers.add(s);
  }

  private leave(s: Subscriber): void {
    this.subscribers.delete(s);
    const group = this.groups.get(s.filter);
    if (!group?.subscribers.delete(s)) return;
    if (group.subscribers.size === 0) this.groups.delete(s.filter);
  }

  /**
   * Feeds a subscriber from the database, from its lastSeq, as fast as it reads; then hands it
   * to the live reader. Used for `after` and for a subscriber that fell behind a burst. One that
   * stops reading altogether is ended (LiveQueue.stalled).
   */
  private async replay(s: Subscriber): Promise<void> {
    const page = Math.max(1, Math.min(200, Math.floor(s.queue.capacity / 2)));
    try {
      await this.feed(s, page);
    } catch (e) {
      s.queue.fail(e);
    }
  }

  private async feed(s: Subscriber, page: number): Promise<void> {
    for (;;) {
      // Refill only when there is room for a page: memory stays bounded by the queue.
      while (s.queue.capacity - s.queue.size < page) {
        if (s.queue.isClosed) return;
        if (s.queue.stalled) {
          s.queue.overflow();
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      if (s.queue.isClosed) return;
      const rows = await this.fetch(s.lastSeq, page);
      for (const facts of rows) {
        s.lastSeq = facts.seq;
        if (s.predicate(facts)) s.queue.push(facts);
      }
      // Caught up with what the live reader has already offered: from here on it serves us.
      // (Synchronous check-and-set, so no read can slip between.)
      if (rows.length < page && s.lastSeq >= this.head) {
        s.live = true;
        return;
      }
    }
  }
}
