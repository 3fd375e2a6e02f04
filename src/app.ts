// createApp: the Yoga instance over a database and a pub/sub. The HTTP server (server.ts) and
// tests (through yoga.fetch) both use it.
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { Config } from "./config.ts";
import { createRateLimits } from "./auth/rate-limit.ts";
import { buildContext, type Context, type InitialContext } from "./context.ts";
import type { Database } from "./db.ts";
import { useIngestHandoff } from "./ingest/handoff/endpoint.ts";
import type { CommitListener } from "./ingest/pipeline.ts";
import { useUnsubscribe } from "./digest/unsubscribe.ts";
import { useFeeds } from "./feeds/plugin.ts";
import { ingestEvents, LiveHub } from "./live/hub.ts";
import { useHealth } from "./plugins/health.ts";
import { usePageSizeLimit } from "./plugins/page-size.ts";
import { useSharedSubscriptionResults } from "./plugins/shared-subscription-results.ts";
import { createInProcessPubSub, createRedisPubSub, type PubSubHandle } from "./pubsub.ts";
import { schema } from "./schema/index.ts";

export type Yoga = YogaServerInstance<Record<string, unknown>, Context>;

export interface App {
  yoga: Yoga;
  db: Database;
  live: LiveHub;
  config: Config;
  /** Publishes what an ingestion chunk committed: pass it to ingest(). */
  onIngestCommit: CommitListener;
  /** Subscriptions currently open on this instance. */
  activeSubscriptions(): number;
  /** Stops live delivery and closes the pub/sub connections (not the database). */
  stop(): Promise<void>;
}

const DEFAULT_QUERY = /* GraphQL */ `# Welcome to Paperboy. The papers of the Daily Papers page of Aug 8, 2025:
query DailyPapers {
  dailyPapers(date: "2025-08-08", first: 50) {
    edges {
      node {
        title
        authors { name }
        topics { topic { slug name } score }
        upvoteCount
        links { abstract pdf code }
      }
    }
  }
}

# Run this one, then ingest a paper, and watch it arrive:
subscription NewPapers {
  paperIngested {
    cursor
    paper { title topics { topic { slug } } }
  }
}
`;

export function createApp(opts: { config: Config; db: Database; handoffSecret?: string }): App {
  const { config, db } = opts;
  const bus: PubSubHandle = config.redisUrl ? createRedisPubSub(config.redisUrl, config.redisPrefix) : createInProcessPubSub();
  const live = new LiveHub(db, bus, {
    distributed: Boolean(config.redisUrl),
    // On PostgreSQL, other processes (the ingest CLI, instances without Redis) NOTIFY us.
    listenUrl: db.kind === "postgres" ? config.databaseUrl : undefined,
    pollIntervalMs: config.livePollMs,
  });
  // Resolvers that ingest (submitPaper) publish through the same listener as every other source.
  const onIngestCommit: CommitListener = (change) => live.publish(ingestEvents(change));
  const services = { config, db, live, limits: createRateLimits(config), onIngestCommit };
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    context: (initial) => buildContext(services, initial as InitialContext),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    renderGraphiQL,
    graphiql: { title: "Paperboy", subscriptionsProtocol: "WS", defaultQuery: DEFAULT_QUERY },
    maskedErrors: true,
    logging: config.env === "test" ? false : config.logLevel === "silent" ? false : (config.logLevel as "info"),
    plugins: [
      useHealth(db, bus.ping ? { redis: bus.ping } : {}),
      usePageSizeLimit(),
      useSharedSubscriptionResults(),
      useFeeds(db, config),
      useUnsubscribe(db, config),
      // The ingest CLI's way in when this process owns the embedded database (src/ingest/handoff/).
      ...(opts.handoffSecret ? [useIngestHandoff({ secret: opts.handoffSecret, db, onCommit: onIngestCommit })] : []),
    ],
  });
  live.start();
  return {
    yoga,
    db,
    live,
    config,
    onIngestCommit,
    activeSubscriptions: () => live.subscriptionCount,
    async stop() {
      await live.stop();
      await bus.close();
    },
  };
}
