// createApp: the Yoga instance over a database and a pub/sub. The HTTP server (server.ts) and
// tests (through yoga.fetch) both use it.
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { Config } from "./config.ts";
import { buildContext, type Context } from "./context.ts";
import type { Database } from "./db.ts";
import { useIngestHandoff } from "./ingest/handoff/endpoint.ts";
import type { CommitListener } from "./ingest/pipeline.ts";
import { useHealth } from "./plugins/health.ts";
import { usePageSizeLimit } from "./plugins/page-size.ts";
import { createInProcessPubSub, trackSubscriptions, type PubSub } from "./pubsub.ts";
import { schema } from "./schema/index.ts";

export type Yoga = YogaServerInstance<Record<string, unknown>, Context>;

export interface App {
  yoga: Yoga;
  db: Database;
  pubsub: PubSub;
  config: Config;
  /** Publishes what an ingestion chunk committed: pass it to ingest(). */
  onIngestCommit: CommitListener;
  /** Subscriptions currently open on this instance. */
  activeSubscriptions(): number;
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

export function createApp(opts: { config: Config; db: Database; pubsub?: PubSub; handoffSecret?: string }): App {
  const { config, db } = opts;
  const pubsub = trackSubscriptions(opts.pubsub ?? createInProcessPubSub());
  const onIngestCommit: CommitListener = ({ created, updated }) => {
    for (const c of created) pubsub.publish("paperIngested", { paperId: c.id, seq: c.ingestSeq.toString() });
    for (const u of updated) pubsub.publish("paperUpdated", u.id, { paperId: u.id });
  };
  const services = { config, db, pubsub, onIngestCommit };
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    context: (initial) => buildContext(services, initial as { request?: Request; connectionParams?: Record<string, unknown> }),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    renderGraphiQL,
    graphiql: { title: "Paperboy", subscriptionsProtocol: "WS", defaultQuery: DEFAULT_QUERY },
    maskedErrors: true,
    logging: config.env === "test" ? false : config.logLevel === "silent" ? false : (config.logLevel as "info"),
    plugins: [
      useHealth(db),
      usePageSizeLimit(),
      // The ingest CLI's way in when this process owns the embedded database (src/ingest/handoff/).
      ...(opts.handoffSecret ? [useIngestHandoff({ secret: opts.handoffSecret, db, onCommit: onIngestCommit })] : []),
    ],
  });
  return { yoga, db, pubsub, config, onIngestCommit, activeSubscriptions: pubsub.activeSubscriptions };
}
