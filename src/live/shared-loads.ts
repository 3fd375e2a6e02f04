// When one event goes to many subscribers, each executes its own selection. Subscribers that
// select the same fields of the same paper share one database load for a moment, so fan-out
// costs one query per distinct selection rather than one per subscriber.
import { LRUCache } from "lru-cache";

export class SharedLoads {
  // The load in flight or done: subscribers that arrive while it runs wait for the same promise.
  private readonly loads: LRUCache<string, Promise<unknown>>;

  constructor(ttlMs = 2_000, maxEntries = 2_000) {
    this.loads = new LRUCache({ max: maxEntries, ttl: ttlMs });
  }

  load<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = this.loads.get(key);
    if (hit) return hit as Promise<T>;
    const value = fn();
    this.loads.set(key, value);
    // A failed load is not shared: the next subscriber tries again (unless a newer load took the key).
    value.catch(() => {
      if (this.loads.get(key) === value) this.loads.delete(key);
    });
    return value;
  }
}
