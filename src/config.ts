// The environment, parsed once. Every variable Paperboy reads is here, with its default;
// README "Configuration" lists the same table.
import path from "node:path";

import { z } from "zod";

import { ARXIV_CATEGORY_LIST } from "./arxiv.ts";

const bool = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""]).transform((v) => ["1", "true", "yes", "on"].includes(v));

/** "POINTS/SECONDS", e.g. "5/3600": at most 5 per hour. */
const rate = z
  .string()
  .regex(/^\d+\/\d+$/, 'must be "POINTS/SECONDS", e.g. "5/3600"')
  .transform((v) => {
    const [points, seconds] = v.split("/").map(Number) as [number, number];
    return { points, seconds };
  })
  .refine((r) => r.points >= 1 && r.seconds >= 1, "POINTS and SECONDS must be at least 1");

export type RateLimit = z.output<typeof rate>;

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Base URL used in links that leave the API (feeds, emails). Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** postgres://... to use a PostgreSQL server; unset for the embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /**
   * Prepared statements each PostgreSQL connection keeps (src/db/prepared-statements.ts); 0 runs
   * every statement unnamed, for a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
   */
  DATABASE_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Folder for the embedded database and other local state. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Seed an empty embedded database on start. */
  SEED_ON_START: bool.default(true),
  /** Seed also the demo week of real arXiv listings (seed/arxiv-week-2025-W32.jsonl.gz); default: in development only. */
  SEED_DEMO_WEEK: bool.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /** Prefix of the Redis channels; deployments sharing one Redis need different ones. */
  REDIS_PREFIX: z.string().default("paperboy:"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Serve GET /metrics (Prometheus). */
  METRICS: bool.default(true),
  /** Serve introspection queries (GraphiQL needs them). */
  INTROSPECTION: bool.default(true),
  /** Seconds a WebSocket client may take to send connection_init. */
  WS_INIT_TIMEOUT: z.coerce.number().positive().default(3),
  /** Seconds between WebSocket keep-alive pings. */
  WS_KEEPALIVE: z.coerce.number().positive().default(12),
  /** Events a subscription may fall behind before it is ended (a client that stopped reading). */
  LIVE_QUEUE_SIZE: z.coerce.number().int().min(1).default(1000),
  /** Seconds an instance remembers who a token signs in (dropped at once on revocation and role changes). 0: off. */
  VIEWER_CACHE_SECONDS: z.coerce.number().int().min(0).default(30),
  /** Seconds an instance keeps the related papers it computed (dropped when papers arrive). 0: off. */
  RELATED_CACHE_SECONDS: z.coerce.number().int().min(0).default(600),
  /** Milliseconds after papers arrive before the week's recommendation index is rebuilt ahead of requests. 0: off. */
  RECOMMEND_WARM_MS: z.coerce.number().int().min(0).default(2000),
  /** Milliseconds a subscription with a full queue may go unread before it is ended. */
  LIVE_STALL_MS: z.coerce.number().int().min(1).default(5000),
  /** Milliseconds between the live log's safety-net reads (0 turns them off). */
  LIVE_POLL_MS: z.coerce.number().int().min(0).default(2000),
  /** Bytes a WebSocket's send buffer may hold before its subscriptions stop taking events. */
  WS_SEND_BUFFER: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Open WebSocket connections per client IP. */
  WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(50),
  /** Subscriptions open at once on one WebSocket connection. */
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).default(100),
  /** Seconds between the heartbeats of the ingest runs this process owns (three missed: INTERRUPTED). */
  INGEST_HEARTBEAT: z.coerce.number().min(0.05).max(86_400).default(10),
  /** Seconds to wait for open requests on SIGTERM before closing anyway. */
  SHUTDOWN_GRACE: z.coerce.number().positive().default(10),
  /** GraphQL Armor limits of one operation (README "Limits" says how each is counted). */
  QUERY_MAX_DEPTH: z.coerce.number().int().min(1).default(6),
  QUERY_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  QUERY_MAX_TOKENS: z.coerce.number().int().min(1).default(1000),
  QUERY_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  QUERY_MAX_COST: z.coerce.number().int().min(1).default(50000),
  QUERY_MAX_INPUT_DEPTH: z.coerce.number().int().min(1).default(16),
  /** Bytes of a GraphQL request body. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Seconds a query may execute before it is aborted. */
  EXECUTION_TIMEOUT: z.coerce.number().positive().default(10),
  /** Seconds an anonymous query's cached response may be served (0 turns the cache off). */
  RESPONSE_CACHE_TTL: z.coerce.number().min(0).default(10),
  /** Responses the cache holds at most (least recently used go first). */
  RESPONSE_CACHE_SIZE: z.coerce.number().int().min(1).default(1000),
  /** A JSON file { "<sha256 of the document>": "<document>" }: when set, only these operations run. */
  PERSISTED_OPERATIONS: z.string().min(1).optional(),
  /** Take the client address from the last X-Forwarded-For hop (behind one reverse proxy). */
  TRUST_PROXY: bool.default(false),
  /** Days a log-in session lasts. */
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  // Rate limits, each "POINTS/SECONDS": at most POINTS actions per SECONDS.
  RATE_LIMIT_SIGNUP: rate.prefault("5/3600"),
  RATE_LIMIT_LOGIN: rate.prefault("30/300"),
  RATE_LIMIT_LOGIN_FAILURES: rate.prefault("5/900"),
  RATE_LIMIT_UPVOTES: rate.prefault("60/60"),
  RATE_LIMIT_COMMENTS: rate.prefault("10/60"),
  RATE_LIMIT_SUBMISSIONS: rate.prefault("20/3600"),
  RATE_LIMIT_WRITES: rate.prefault("120/60"),
  /** Longest wait, in seconds, an account is made to take after failed log-ins in a row (1, 2, 4, ... s). */
  LOGIN_BACKOFF_MAX: z.coerce.number().int().min(1).max(3600).default(60),
  /** smtp(s)://user:pass@host:port for email digests; unset: digests are written to DATA_DIR/outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  /** The From of digest emails. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Secret that signs unsubscribe links (32+ characters); unset: one is created in DATA_DIR. */
  DIGEST_SECRET: z.string().min(32).optional(),
  /** Minutes between digest runs inside the server (only when SMTP_URL is set). */
  DIGEST_INTERVAL: z.coerce.number().positive().default(60),
  /** arXiv categories to poll (comma-separated, e.g. cs.LG,cs.CV); unset: no arXiv poller. */
  ARXIV_CATEGORIES: z.string().regex(ARXIV_CATEGORY_LIST, "must be arXiv categories separated by commas, e.g. cs.LG,cs.CV").optional(),
  ARXIV_API_URL: z.string().url().default("http://export.arxiv.org/api/query"),
  /** Seconds between two calls to the arXiv API (its terms ask for 3). */
  ARXIV_MIN_INTERVAL: z.coerce.number().min(0).default(3),
  ARXIV_PAGE_SIZE: z.coerce.number().int().min(1).max(2000).default(100),
  /** Most entries one poll reads (the first poll, or after a long pause). */
  ARXIV_MAX_RESULTS: z.coerce.number().int().min(1).default(500),
  /** Retries of one submitPaper(arxivId) lookup (someone waits for it: fewer than a poll's). */
  ARXIV_LOOKUP_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Seconds one arXiv API call of a submitPaper(arxivId) lookup may take. */
  ARXIV_LOOKUP_TIMEOUT: z.coerce.number().positive().max(120).default(10),
  /** Poll Hugging Face daily papers. */
  HF_DAILY: bool.default(false),
  HF_API_URL: z.string().url().default("https://huggingface.co"),
  /** Days each Hugging Face poll reads, ending today (UTC): 2 also catches yesterday's late additions. */
  HF_DAYS: z.coerce.number().int().min(1).max(31).default(2),
  /** Seconds between polls of each enabled source. */
  POLL_INTERVAL: z.coerce.number().positive().default(3600),
  /** Retries of a failing call within one poll (429/5xx/network), with backoff. */
  POLL_MAX_RETRIES: z.coerce.number().int().min(0).default(5),
  /** The longest a poll waits for one Retry-After; longer, it gives up until the next poll. */
  POLL_MAX_WAIT: z.coerce.number().positive().default(300),
});

/** The environment as the rest of the code reads it: units converted, paths resolved, defaults derived. */
const ConfigSchema = EnvSchema.transform((e) => ({
  env: e.NODE_ENV,
  host: e.HOST,
  port: e.PORT,
  publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
  databaseUrl: e.DATABASE_URL,
  preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
  dataDir: path.resolve(e.DATA_DIR),
  seedOnStart: e.SEED_ON_START,
  seedDemoWeek: e.NODE_ENV !== "production" && (e.SEED_DEMO_WEEK ?? e.NODE_ENV === "development"),
  redisUrl: e.REDIS_URL,
  redisPrefix: e.REDIS_PREFIX,
  logLevel: e.LOG_LEVEL,
  metrics: e.METRICS,
  introspection: e.INTROSPECTION,
  wsInitTimeoutMs: e.WS_INIT_TIMEOUT * 1000,
  wsKeepAliveMs: e.WS_KEEPALIVE * 1000,
  relatedCacheSeconds: e.RELATED_CACHE_SECONDS,
  viewerCacheSeconds: e.VIEWER_CACHE_SECONDS,
  recommendWarmMs: e.RECOMMEND_WARM_MS,
  liveQueueSize: e.LIVE_QUEUE_SIZE,
  liveStallMs: e.LIVE_STALL_MS,
  livePollMs: e.LIVE_POLL_MS,
  wsSendBuffer: e.WS_SEND_BUFFER,
  wsMaxConnectionsPerIp: e.WS_MAX_CONNECTIONS_PER_IP,
  wsMaxSubscriptions: e.WS_MAX_SUBSCRIPTIONS,
  /** How often this process renews the heartbeat of each ingest run it owns. */
  ingestHeartbeatMs: Math.round(e.INGEST_HEARTBEAT * 1000),
  shutdownGraceMs: e.SHUTDOWN_GRACE * 1000,
  limits: {
    maxDepth: e.QUERY_MAX_DEPTH,
    maxAliases: e.QUERY_MAX_ALIASES,
    maxTokens: e.QUERY_MAX_TOKENS,
    maxDirectives: e.QUERY_MAX_DIRECTIVES,
    maxCost: e.QUERY_MAX_COST,
    maxInputDepth: e.QUERY_MAX_INPUT_DEPTH,
  },
  bodyLimit: e.BODY_LIMIT,
  executionTimeoutMs: e.EXECUTION_TIMEOUT * 1000,
  persistedOperations: e.PERSISTED_OPERATIONS ? path.resolve(e.PERSISTED_OPERATIONS) : undefined,
  responseCacheTtlMs: e.RESPONSE_CACHE_TTL * 1000,
  responseCacheSize: e.RESPONSE_CACHE_SIZE,
  trustProxy: e.TRUST_PROXY,
  sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 3600 * 1000,
  rateLimits: {
    /** Sign-ups per client address. */
    signUp: e.RATE_LIMIT_SIGNUP,
    /** Log-in attempts per client address. */
    logIn: e.RATE_LIMIT_LOGIN,
    /** Failed log-ins per account and client address before that address is locked out for the window. */
    logInFailures: e.RATE_LIMIT_LOGIN_FAILURES,
    upvotes: e.RATE_LIMIT_UPVOTES,
    comments: e.RATE_LIMIT_COMMENTS,
    submissions: e.RATE_LIMIT_SUBMISSIONS,
    /** Every other write per user (follows, saved searches, tokens, tags). */
    writes: e.RATE_LIMIT_WRITES,
  },
  /** Cap of the per-account wait after failed log-ins in a row. */
  logInBackoffMaxSeconds: e.LOGIN_BACKOFF_MAX,
  smtpUrl: e.SMTP_URL,
  mailFrom: e.MAIL_FROM ?? `Paperboy <digest@${new URL(e.PUBLIC_URL ?? "http://localhost").hostname}>`,
  digestSecret: e.DIGEST_SECRET,
  digestIntervalMs: e.DIGEST_INTERVAL * 60_000,
  pollers: {
    arxiv: {
      categories: (e.ARXIV_CATEGORIES ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
      apiUrl: e.ARXIV_API_URL,
      minIntervalMs: e.ARXIV_MIN_INTERVAL * 1000,
      pageSize: e.ARXIV_PAGE_SIZE,
      maxResults: e.ARXIV_MAX_RESULTS,
    },
    /** submitPaper(arxivId) without title or abstract: one call to the same API, someone waiting. */
    arxivLookup: { retries: e.ARXIV_LOOKUP_RETRIES, timeoutMs: e.ARXIV_LOOKUP_TIMEOUT * 1000 },
    hf: { enabled: e.HF_DAILY, apiUrl: e.HF_API_URL.replace(/\/+$/, ""), days: e.HF_DAYS },
    intervalMs: e.POLL_INTERVAL * 1000,
    maxRetries: e.POLL_MAX_RETRIES,
    maxWaitMs: e.POLL_MAX_WAIT * 1000,
  },
}));

export type Config = z.output<typeof ConfigSchema>;
export type QueryLimits = Config["limits"];
export type PollerConfig = Config["pollers"];

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset so `FOO= npm start` means "default".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
