// Rate limits on sign-up, log-in and writes, counted by rate-limiter-flexible (a maintained,
// atomic limiter). We use its counters directly rather than @envelop/rate-limiter because log-in
// needs "count failures, clear them on success", which a per-field directive cannot express.
// With REDIS_URL the counters live in Redis, so several instances behind a load balancer share
// them; should Redis be unreachable, each instance counts on its own until it is back (the
// library's insurance limiter) rather than refusing every request or waiting for Redis.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Config, RateLimit } from "../config.ts";
import { RateLimitedError } from "../errors.ts";

export type LimitName = keyof Config["rateLimits"];

export interface RateLimits {
  /** Count one action under `key`; throws RateLimitedError (with retry-after) past the limit. */
  consume(name: LimitName, key: string | number): Promise<void>;
  /** Throws RateLimitedError while `key` has no points left, without counting anything. */
  check(name: LimitName, key: string | number): Promise<void>;
  /** Count a failure; the one that uses up the last point locks `key` for a whole window. */
  recordFailure(name: LimitName, key: string | number): Promise<void>;
  /** Forget what was counted under `key` (a successful log-in clears its failures). */
  reset(name: LimitName, key: string | number): Promise<void>;
  close(): Promise<void>;
}

function limiter(name: string, limit: RateLimit, redis: { client: Redis; prefix: string } | undefined): RateLimiterAbstract {
  // blockDuration: once over the limit, the key stays blocked for a whole window, instead of
  // getting one more try each time a point expires.
  const opts = { keyPrefix: name, points: limit.points, duration: limit.seconds, blockDuration: limit.seconds };
  const memory = new RateLimiterMemory(opts);
  if (!redis) return memory;
  return new RateLimiterRedis({ ...opts, keyPrefix: `${redis.prefix}ratelimit:${name}`, storeClient: redis.client, insuranceLimiter: memory, rejectIfRedisNotReady: true });
}

function limited(res: RateLimiterRes): RateLimitedError {
  return new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
}

export function createRateLimits(config: Config): RateLimits {
  // No offline queue: while Redis is down a count fails at once and the insurance limiter takes it.
  const client = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  client?.on("error", () => undefined);
  const redis = client && { client, prefix: config.redisPrefix };
  const limiters = Object.fromEntries(
    Object.entries(config.rateLimits).map(([name, limit]) => [name, limiter(name, limit, redis)]),
  ) as Record<LimitName, RateLimiterAbstract>;
  return {
    async consume(name, key) {
      try {
        await limiters[name].consume(String(key));
      } catch (e) {
        if (e instanceof RateLimiterRes) throw limited(e);
        throw e;
      }
    },
    async check(name, key) {
      const res = await limiters[name].get(String(key));
      if (res && res.remainingPoints <= 0) throw limited(res);
    },
    async recordFailure(name, key) {
      const l = limiters[name];
      const res = await l.penalty(String(key));
      if (res.remainingPoints <= 0) await l.block(String(key), l.duration);
    },
    async reset(name, key) {
      await limiters[name].delete(String(key));
    },
    async close() {
      client?.disconnect();
    },
  };
}
