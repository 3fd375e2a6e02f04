// GET /metrics in Prometheus' text format (@graphql-yoga/plugin-prometheus): GraphQL operations,
// their phases and durations, errors by phase, HTTP durations; plus Paperboy's own gauges and
// counters and the process' (CPU, memory, event loop lag). One registry per app, so several apps
// in one process (tests) keep apart.
// Labels never carry client-chosen text (operation names, URLs, result paths): a client sending a
// new name per request would otherwise grow the metrics without bound.
import { usePrometheus } from "@graphql-yoga/plugin-prometheus";
import type { Plugin } from "graphql-yoga";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";

import type { Route } from "./routes.ts";

export interface Metrics {
  plugin: Plugin;
  /** GET {endpoint}, when there is one: served through useRoutes like every route of ours. */
  route: Route | undefined;
  /** Open WebSocket connections (src/ws.ts counts them). */
  websocketConnections: Gauge;
  /** Papers this process ingested, by outcome (created, updated). */
  ingestedPapers: Counter<"outcome">;
}

export function createMetrics(opts: { endpoint: string | false; activeSubscriptions: () => number }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: "paperboy_active_subscriptions",
    help: "GraphQL subscriptions open on this instance (WebSocket and SSE)",
    registers: [registry],
    collect() {
      this.set(opts.activeSubscriptions());
    },
  });
  const websocketConnections = new Gauge({
    name: "paperboy_websocket_connections",
    help: "Open graphql-ws connections",
    registers: [registry],
  });
  const ingestedPapers = new Counter({
    name: "paperboy_ingested_papers_total",
    help: "Papers written by ingestion runs of this process, by outcome",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const plugin = usePrometheus({
    registry,
    endpoint: false,
    labels: { operationName: false, path: false, url: false },
    metrics: { graphql_envelop_request_time_summary: false },
  });
  const endpoint = opts.endpoint;
  const route: Route | undefined = endpoint
    ? {
        matches: (url) => url.pathname === endpoint,
        handle: async () => new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } }),
      }
    : undefined;
  return { plugin, route, websocketConnections, ingestedPapers };
}
