// Related papers change only when papers arrive, and computing them is the costliest part of a
// paper page (tens of milliseconds of database time on a large corpus). Each instance keeps the
// lists it computed for RELATED_CACHE_SECONDS, and drops them all when new papers are ingested
// anywhere (a new paper may belong in any list).
import { LRUCache } from "lru-cache";

import type { RelatedResult } from "./related.ts";

export class RelatedCache {
  private readonly lists: LRUCache<string, RelatedResult[]>;

  constructor(
    private readonly ttlSeconds: number,
    max = 20_000,
  ) {
    this.lists = new LRUCache({ max, ttl: Math.max(ttlSeconds, 1) * 1000 });
  }

  /** The lists of `ids` (limit rows after `after`), computing only the ones not cached. */
  async load(
    ids: readonly number[],
    limit: number,
    after: unknown[] | undefined,
    compute: (ids: number[]) => Promise<Map<number, RelatedResult[]>>,
  ): Promise<Map<number, RelatedResult[]>> {
    const key = (id: number) => `${id}:${limit}:${JSON.stringify(after ?? null)}`;
    const out = new Map<number, RelatedResult[]>();
    const missing: number[] = [];
    for (const id of ids) {
      const hit = this.ttlSeconds > 0 ? this.lists.get(key(id)) : undefined;
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const computed = await compute(missing);
      for (const id of missing) {
        const list = computed.get(id) ?? [];
        if (this.ttlSeconds > 0) this.lists.set(key(id), list);
        out.set(id, list);
      }
    }
    return out;
  }

  clear(): void {
    this.lists.clear();
  }
}
