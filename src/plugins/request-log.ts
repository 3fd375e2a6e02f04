// A request id per HTTP request: the client's own `x-request-id` when it sends a sane one (a load
// balancer or a tracing client may), else a new UUID. It is echoed in the response's
// `x-request-id` header and put on every log line of the request (see src/logger.ts). One log line
// per request when it ends: method, path, GraphQL operation, status, milliseconds.
import { randomUUID } from "node:crypto";

import type { Plugin } from "graphql-yoga";

import { type Logger, requestScope } from "../logger.ts";

export const REQUEST_ID_HEADER = "x-request-id";
const SANE_ID = /^[\w.:-]{1,128}$/;
/** Probes and scrapes: logged at debug, not info, so they do not drown the rest. */
const QUIET_PATHS = new Set(["/health", "/ready", "/metrics"]);

interface Seen {
  id: string;
  started: number;
  operation?: string;
}

const seen = new WeakMap<Request, Seen>();

function seenOf(request: Request): Seen {
  let s = seen.get(request);
  if (!s) {
    const given = request.headers.get(REQUEST_ID_HEADER);
    s = { id: given && SANE_ID.test(given) ? given : randomUUID(), started: performance.now() };
    seen.set(request, s);
  }
  return s;
}

/** The id this request is logged under and answered with (x-request-id). */
export function requestIdOf(request: Request): string {
  return seenOf(request).id;
}

export function useRequestLog(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      const s = seenOf(request);
      const scope = requestScope.getStore();
      if (scope) scope.reqId = s.id;
    },
    onParams({ request, params }) {
      const s = seen.get(request);
      if (s && params.operationName) s.operation = params.operationName;
    },
    onResponse({ request, response }) {
      // Yoga answers CORS preflights and GraphiQL before any plugin's onRequest runs.
      const s = seenOf(request);
      response.headers.set(REQUEST_ID_HEADER, s.id);
      const url = new URL(request.url, "http://localhost");
      const line = {
        reqId: s.id,
        method: request.method,
        path: url.pathname,
        operation: s.operation,
        status: response.status,
        ms: Math.round((performance.now() - s.started) * 10) / 10,
      };
      if (QUIET_PATHS.has(url.pathname)) logger.debug(line, "request");
      else logger.info(line, "request");
    },
  };
}
