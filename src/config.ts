// The environment, parsed once. Every variable Paperboy reads is here, with its default;
// README "Configuration" lists the same table.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

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
  /** Folder for the embedded database and other local state. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Seed an empty embedded database on start. */
  SEED_ON_START: bool.default(true),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Serve introspection queries (GraphiQL needs them). */
  INTROSPECTION: bool.default(true),
  /** Seconds a WebSocket client may take to send connection_init. */
  WS_INIT_TIMEOUT: z.coerce.number().positive().default(3),
  /** Seconds between WebSocket keep-alive pings. */
  WS_KEEPALIVE: z.coerce.number().positive().default(12),
  /** Seconds to wait for open requests on SIGTERM before closing anyway. */
  SHUTDOWN_GRACE: z.coerce.number().positive().default(10),
  /** arXiv categories to poll (comma-separated, e.g. cs.LG,cs.CV); unset: no arXiv poller. */
  ARXIV_CATEGORIES: z
    .string()
    .regex(/^\s*[a-z-]+(\.[A-Za-z-]+)?(\s*,\s*[a-z-]+(\.[A-Za-z-]+)?)*\s*$/, "must be arXiv categories separated by commas, e.g. cs.LG,cs.CV")
    .optional(),
  ARXIV_API_URL: z.string().url().default("http://export.arxiv.org/api/query"),
  /** Seconds between two calls to the arXiv API (its terms ask for 3). */
  ARXIV_MIN_INTERVAL: z.coerce.number().min(0).default(3),
  ARXIV_PAGE_SIZE: z.coerce.number().int().min(1).max(2000).default(100),
  /** Most entries one poll reads (the first poll, or after a long pause). */
  ARXIV_MAX_RESULTS: z.coerce.number().int().min(1).default(500),
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

export type Config = {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedOnStart: boolean;
  redisUrl: string | undefined;
  logLevel: string;
  introspection: boolean;
  wsInitTimeoutMs: number;
  wsKeepAliveMs: number;
  shutdownGraceMs: number;
  pollers: PollerConfig;
};

export interface PollerConfig {
  arxiv: { categories: string[]; apiUrl: string; minIntervalMs: number; pageSize: number; maxResults: number };
  hf: { enabled: boolean; apiUrl: string; days: number };
  intervalMs: number;
  maxRetries: number;
  maxWaitMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset so `FOO= npm start` means "default".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    seedOnStart: e.SEED_ON_START,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    introspection: e.INTROSPECTION,
    wsInitTimeoutMs: e.WS_INIT_TIMEOUT * 1000,
    wsKeepAliveMs: e.WS_KEEPALIVE * 1000,
    shutdownGraceMs: e.SHUTDOWN_GRACE * 1000,
    pollers: {
      arxiv: {
        categories: (e.ARXIV_CATEGORIES ?? "").split(",").map((c) => c.trim()).filter(Boolean),
        apiUrl: e.ARXIV_API_URL,
        minIntervalMs: e.ARXIV_MIN_INTERVAL * 1000,
        pageSize: e.ARXIV_PAGE_SIZE,
        maxResults: e.ARXIV_MAX_RESULTS,
      },
      hf: { enabled: e.HF_DAILY, apiUrl: e.HF_API_URL.replace(/\/+$/, ""), days: e.HF_DAYS },
      intervalMs: e.POLL_INTERVAL * 1000,
      maxRetries: e.POLL_MAX_RETRIES,
      maxWaitMs: e.POLL_MAX_WAIT * 1000,
    },
  };
}
