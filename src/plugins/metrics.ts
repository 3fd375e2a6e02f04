// GET /metrics in Prometheus' text format (@graphql-yoga/plugin-prometheus): GraphQL operations,
// their phases and durations, errors by phase, HTTP durations; plus Paperboy's own gauges and
// counters and the process' (CPU, memory, event loop lag). One registry per app, so several apps
// in one process (tests) keep apart.
// Labels never carry client-chosen text (operation names, URLs, result paths): a client sending a
// new name per request would otherwise grow the metrics without bound.
import { usePrometheus } from "@graphql-yoga/plugin-prometheus";
import { type GraphQLSchema, isEnumType, isInputObjectType, isIntrospectionType, isObjectType } from "graphql";
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

/** Whether anything in the schema is deprecated (a field, an argument, an input field or an enum value). */
function hasDeprecations(schema: GraphQLSchema): boolean {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isEnumType(type) && type.getValues().some((v) => v.deprecationReason != null)) return true;
    if (isInputObjectType(type) && Object.values(type.getFields()).some((f) => f.deprecationReason != null)) return true;
    if (!isObjectType(type)) continue; // interfaces' fields are their implementations' fields
    for (const field of Object.values(type.getFields())) {
      if (field.deprecationReason != null || field.args.some((a) => a.deprecationReason != null)) return true;
    }
  }
  return false;
}

export function createMetrics(opts: { endpoint: string | false; activeSubscriptions: () => number; schema: GraphQLSchema }): Metrics {
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
    // graphql_envelop_deprecated_field walks every executed document looking for deprecated
    // fields (a few % of a small request): only worth it when the schema has any.
    metrics: { graphql_envelop_request_time_summary: false, graphql_envelop_deprecated_field: hasDeprecations(opts.schema) },
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
