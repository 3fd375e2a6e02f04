// Rate limits on sign-up, log-in and writes, counted by rate-limiter-flexible (a maintained,
// atomic limiter). We use its counters directly rather than @envelop/rate-limiter because log-in
// needs "count failures, clear them on success, back off", which a per-field directive cannot express.
// With REDIS_URL the counters live in Redis, so several instances behind a load balancer share
// them; should Redis be unreachable, each instance counts on its own until it is back (the
// library's insurance limiter) rather than refusing every request or waiting for Redis.
import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

import type { Config, RateLimit } from "../config.ts";
import { RateLimitedError } from "../errors.ts";

/** The plain limits; failed log-ins have their own rules (LogInGuard). */
export type LimitName = Exclude<keyof Config["rateLimits"], "logInFailures">;

/**
 * Failed log-ins (OWASP authentication guidance): a lock-out keyed by the account alone let anyone
 * lock the real owner out with five wrong passwords. So the lock-out (RATE_LIMIT_LOGIN_FAILURES)
 * counts failures per account *and client address*: a guesser locks only their own address out.
 * Per account alone, from any address, repeated failures make the account wait before the next
 * try: 1 s after the second failure in a row, doubling up to LOGIN_BACKOFF_MAX (60 s). A try
 * within that wait is answered RateLimited at once, with the seconds left, without checking the
 * password or counting anything: no request is held open, and a guesser gets one guess a minute.
 */
export interface LogInGuard {
  /** Throws RateLimitedError while this address is locked out of the account or the account must wait. */
  check(account: string, ip: string): Promise<void>;
  /** A wrong password for the account from this address. */
  failed(account: string, ip: string): Promise<void>;
  /** The right password: the account's failures are forgotten. */
  succeeded(account: string, ip: string): Promise<void>;
}

export interface RateLimits {
  /** Count one action under `key`; throws RateLimitedError (with retry-after) past the limit. */
  consume(name: LimitName, key: string | number): Promise<void>;
  logIn: LogInGuard;
  close(): Promise<void>;
}

function limiter(name: string, limit: RateLimit, redis: { client: Redis; prefix: string } | undefined): RateLimiterAbstract {
  // blockDuration: once over the limit, the key stays blocked for a whole window, instead of
  // getting one more try each time a point expires.
  const opts = { keyPrefix: name, points: limit.points, duration: limit.seconds, blockDuration: limit.seconds };
  const memory = new RateLimiterMemory(opts);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...opts,
    keyPrefix: `${redis.prefix}ratelimit:${name}`,
    storeClient: redis.client,
    insuranceLimiter: memory,
    rejectIfRedisNotReady: true,
  });
}

function limited(res: RateLimiterRes): RateLimitedError {
  return new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
}

function logInGuard(config: Config, redis: { client: Redis; prefix: string } | undefined): LogInGuard {
  const window = config.rateLimits.logInFailures;
  const maxWait = config.logInBackoffMaxSeconds;
  const byAddress = limiter("logInFailuresByAddress", window, redis);
  // Failures in a row per account, forgotten a window after the first; the wait is a block.
  const byAccount = limiter("logInFailuresByAccount", { points: Number.MAX_SAFE_INTEGER, seconds: window.seconds }, redis);
  const wait = limiter("logInBackoff", { points: 1, seconds: maxWait }, redis);
  const pair = (account: string, ip: string) => `${account}@${ip}`;
  return {
    async check(account, ip) {
      for (const res of await Promise.all([byAddress.get(pair(account, ip)), wait.get(account)])) {
        if (res && res.remainingPoints <= 0) throw limited(res);
      }
    },
    async failed(account, ip) {
      const res = await byAddress.penalty(pair(account, ip));
      if (res.remainingPoints <= 0) await byAddress.block(pair(account, ip), window.seconds);
      const inARow = (await byAccount.penalty(account)).consumedPoints;
      if (inARow >= 2) await wait.block(account, Math.min(2 ** (inARow - 2), maxWait));
    },
    async succeeded(account, ip) {
      await Promise.all([byAddress.delete(pair(account, ip)), byAccount.delete(account), wait.delete(account)]);
    },
  };
}

export function createRateLimits(config: Config): RateLimits {
  // No offline queue: while Redis is down a count fails at once and the insurance limiter takes it.
  const client = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  client?.on("error", () => undefined);
  const redis = client && { client, prefix: config.redisPrefix };
  const limiters = Object.fromEntries(
    Object.entries(config.rateLimits)
      .filter(([name]) => name !== "logInFailures")
      .map(([name, limit]) => [name, limiter(name, limit, redis)]),
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
    logIn: logInGuard(config, redis),
    async close() {
      client?.disconnect();
    },
  };
}
