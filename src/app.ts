// createApp: the Yoga instance over a database and a pub/sub. The HTTP server (server.ts) and
// tests (through yoga.fetch) both use it.
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";

import { createRateLimits } from "./auth/rate-limit.ts";
import { ViewerCache } from "./auth/viewer-cache.ts";
import type { Config } from "./config.ts";
import { buildContext, type Context, type InitialContext } from "./context.ts";
import type { Database } from "./db.ts";
import { unsubscribeRoute } from "./digest/unsubscribe.ts";
import { Recommender } from "./discovery/recommendations.ts";
import { RelatedCache } from "./discovery/related-cache.ts";
import { maskError } from "./errors.ts";
import { feedRoute } from "./feeds/plugin.ts";
import { ingestHandoffRoute } from "./ingest/handoff/endpoint.ts";
import { ArxivLookup } from "./ingest/sources/arxiv-lookup.ts";
import { type CommitListener, ingestEvents } from "./live/events.ts";
import { LiveHub } from "./live/hub.ts";
import { createInProcessPubSub, createRedisPubSub, type PubSubHandle } from "./live/pubsub.ts";
import { createLogger, type Logger } from "./logger.ts";
import { useArmor } from "./plugins/armor.ts";
import { useBodyLimit } from "./plugins/body-limit.ts";
import { useCostLimit } from "./plugins/cost-limit.ts";
import { useDepthLimit } from "./plugins/depth-limit.ts";
import { useEndOnRevocation } from "./plugins/end-on-revocation.ts";
import { useExecutionTimeout } from "./plugins/execution-timeout.ts";
import { healthRoutes } from "./plugins/health.ts";
import { useInputLimits } from "./plugins/input-limits.ts";
import { useNoIntrospection } from "./plugins/introspection.ts";
import { createMetrics, type Metrics } from "./plugins/metrics.ts";
import { loadPersistedOperations, type PersistedOperations, usePersistedOperationsList } from "./plugins/persisted-operations.ts";
import { useRequestLog } from "./plugins/request-log.ts";
import { createResponseCache, type ResponseCache } from "./plugins/response-cache.ts";
import { type Route, useRoutes } from "./plugins/routes.ts";
import { useSharedSubscriptionResults } from "./plugins/shared-subscription-results.ts";
import { useVariablesDepthLimit } from "./plugins/variables-depth.ts";
import { readerRoute } from "./reader/plugin.ts";
import { useCursorArguments } from "./schema/cursor-arguments.ts";
import { schema } from "./schema/index.ts";

export type Yoga = YogaServerInstance<Record<string, unknown>, Context>;

export interface App {
  yoga: Yoga;
  db: Database;
  live: LiveHub;
  config: Config;
  metrics: Metrics;
  /** The allowlist of PERSISTED_OPERATIONS, when set. */
  persistedOperations: PersistedOperations | undefined;
  /** Publishes what an ingestion chunk committed: pass it to ingest(). */
  onIngestCommit: CommitListener;
  /** Recommendations and their caches (computed: how many lists it ranked). */
  recommender: Recommender;
  /** Sign-ins this instance remembers (auth/viewer-cache.ts). */
  viewers: ViewerCache;
  /** Subscriptions currently open on this instance. */
  activeSubscriptions(): number;
  /** Stops live delivery and closes the pub/sub connections (not the database). */
  stop(): Promise<void>;
}

const DEFAULT_QUERY = /* GraphQL */ `
  # Welcome to Paperboy. The papers of the Daily Papers page of Aug 8, 2025:
  query DailyPapers {
    dailyPapers(date: "2025-08-08", first: 50) {
      edges {
        node {
          title
          authors {
            name
          }
          topics {
            topic {
              slug
              name
            }
            score
          }
          upvoteCount
          links {
            abstract
            pdf
            code
          }
        }
      }
    }
  }

  # Run this one, then ingest a paper, and watch it arrive:
  subscription NewPapers {
    paperIngested {
      cursor
      paper {
        title
        topics {
          topic {
            slug
          }
        }
      }
    }
  }
`;

/**
 * Headers that mark a request as sent by a script, not by a cross-site form or link (Yoga's CSRF
 * prevention refuses GET and form-encoded requests without one). GraphiQL posts JSON, which needs
 * none; an EventSource or `curl` GET must send one.
 */
export const CSRF_HEADERS = ["x-graphql-yoga-csrf", "apollo-require-preflight"];

/** `plugins`: extra Yoga plugins, after ours (tests add instrumentation). */
export function createApp(opts: { config: Config; db: Database; handoffSecret?: string; plugins?: Plugin[] }): App {
  const { config, db } = opts;
  const bus: PubSubHandle = config.redisUrl ? createRedisPubSub(config.redisUrl, config.redisPrefix) : createInProcessPubSub();
  const live = new LiveHub(db, bus, {
    distributed: Boolean(config.redisUrl),
    // On PostgreSQL, other processes (the ingest CLI, instances without Redis) NOTIFY us.
    listenUrl: db.kind === "postgres" ? config.databaseUrl : undefined,
    pollIntervalMs: config.livePollMs,
    queue: { capacity: config.liveQueueSize, stallMs: config.liveStallMs },
  });
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics({
    endpoint: config.metrics ? "/metrics" : false,
    activeSubscriptions: () => live.subscriptionCount,
    schema,
  });
  const persistedOperations = config.persistedOperations ? loadPersistedOperations(config.persistedOperations) : undefined;
  const responseCache =
    config.responseCacheTtlMs > 0
      ? createResponseCache({ ttlMs: config.responseCacheTtlMs, maxEntries: config.responseCacheSize })
      : undefined;
  if (responseCache) live.onEvent((e) => responseCache.invalidate(e));
  // Resolvers that ingest (submitPaper) publish through the same listener as every other source.
  const onIngestCommit: CommitListener = (change) => {
    metrics.ingestedPapers.inc({ outcome: "created" }, change.created.length);
    metrics.ingestedPapers.inc({ outcome: "updated" }, change.updated.length);
    return live.publish(ingestEvents(change));
  };
  const relatedCache = new RelatedCache(config.relatedCacheSeconds);
  live.onEvent((e) => {
    if (e.kind === "paperIngested") relatedCache.clear();
  });
  const viewers = new ViewerCache(config.viewerCacheSeconds);
  live.onEvent((e) => viewers.onEvent(e));
  const limits = createRateLimits(config);
  const arxiv = new ArxivLookup(config.pollers);
  // Its cache keys change with the papers and the signals, on any instance: nothing to invalidate
  // here; new papers only start the week's space being rebuilt ahead of the next request.
  const recommender = new Recommender();
  live.onEvent((e) => {
    if (e.kind === "paperIngested" && config.recommendWarmMs > 0) recommender.scheduleWarm(db.prisma, config.recommendWarmMs);
  });
  const services = { config, db, live, limits, onIngestCommit, relatedCache, arxiv, recommender, viewers };
  // Every HTTP route besides /graphql, behind one wrapper (bad URLs, errors: src/plugins/routes.ts).
  const routes: Route[] = [
    ...healthRoutes(db, bus.ping ? { redis: bus.ping } : {}),
    ...(metrics.route ? [metrics.route] : []),
    feedRoute(db, config),
    // The reader page at / and its assets (src/reader/).
    readerRoute(db, config, logger),
    unsubscribeRoute(db, config),
    // The ingest CLI's way in when this process owns the embedded database (src/ingest/handoff/).
    ...(opts.handoffSecret
      ? [ingestHandoffRoute({ secret: opts.handoffSecret, db, onCommit: onIngestCommit, heartbeatMs: config.ingestHeartbeatMs })]
      : []),
  ];
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    context: (initial) => buildContext(services, initial as InitialContext),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // Yoga's built-in health check answers 200 to any URL that ends in "/health" (/feeds/%E0/health too)
    // before any plugin runs, and cannot be turned off: a suffix no request URL has (the HTTP parser
    // refuses a raw NUL) leaves /health to src/plugins/health.ts, behind the checks of every route.
    healthCheckEndpoint: "\0",
    // GraphiQL's page (its whole JavaScript bundle as one string, ~45 MB resident once loaded) is
    // loaded the first time someone opens it, not by every process that only serves the API.
    renderGraphiQL: async (options) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options),
    graphiql: { title: "Paperboy", subscriptionsProtocol: "WS", defaultQuery: DEFAULT_QUERY },
    // Unexpected errors become "Unexpected error."; only development adds the original message and stack.
    maskedErrors: { isDev: config.env === "development", maskError },
    // BODY_LIMIT is src/plugins/body-limit.ts's (Yoga's own streams every body through a counter).
    maxRequestBodySize: false,
    logging: logger,
    plugins: [...yogaPlugins(config, { logger, metrics, routes, persistedOperations, responseCache }), ...(opts.plugins ?? [])],
  });
  live.start();
  return {
    yoga,
    db,
    live,
    config,
    persistedOperations,
    metrics,
    onIngestCommit,
    recommender,
    viewers,
    activeSubscriptions: () => live.subscriptionCount,
    async stop() {
      recommender.stop();
      await live.stop();
      await bus.close();
      await limits.close();
    },
  };
}

/** Every request and operation passes these, in this order (over WebSocket, those that see operations). */
function yogaPlugins(
  config: Config,
  parts: {
    logger: Logger;
    metrics: Metrics;
    routes: Route[];
    persistedOperations: PersistedOperations | undefined;
    responseCache: ResponseCache | undefined;
  },
): Plugin[] {
  const { logger, metrics, routes, persistedOperations, responseCache } = parts;
  return [
    useRequestLog(logger),
    metrics.plugin,
    useRoutes(logger, routes),
    useCSRFPrevention({ requestHeaders: CSRF_HEADERS }),
    persistedOperations ? usePersistedOperationsList(persistedOperations) : {},
    useVariablesDepthLimit(config.limits.maxInputDepth),
    useArmor(config.limits),
    useDepthLimit(config.limits.maxDepth),
    config.introspection ? {} : useNoIntrospection(),
    useInputLimits(),
    useCursorArguments(schema),
    useSharedSubscriptionResults(),
    useEndOnRevocation(),
    useCostLimit(config.limits.maxCost),
    useExecutionTimeout(config.executionTimeoutMs),
    // After the persisted operations (it keys on the query they resolve) and after the limits
    // (they stop an execution it would wrap). A hit is answered before the limits run, but only
    // an operation that passed them was ever stored.
    ...(responseCache?.plugins ?? []),
    useBodyLimit(config.bodyLimit),
  ];
}
