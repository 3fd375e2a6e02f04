// Every HTTP route besides /graphql (feeds, unsubscribe, /health, /ready, /metrics, the ingest
// hand-off) is answered through useRoutes, the one place that decides what a client sees when a route
// cannot answer:
//  - a URL that cannot be read (bad percent-encoding anywhere in path or query, control characters
//    such as NUL, longer than MAX_URL_LENGTH) is a 400 before the route runs, so no route decodes
//    what it cannot;
//  - an HttpError is its status and its message, as one line of text;
//  - anything else is logged with its stack and answered with a bare 500 carrying the request id,
//    in every NODE_ENV. Without this, the exception would reach the HTTP server adapter
//    (@whatwg-node/server), which answers 500 with the stack as the body.
import type { Plugin } from "graphql-yoga";

import { HttpError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { requestIdOf } from "./request-log.ts";

export interface Route {
  /** Whether this route answers the request (`url.pathname` is still percent-encoded). */
  matches(url: URL, request: Request): boolean;
  handle(request: Request, url: URL): Response | Promise<Response>;
}

/** Path and query, percent-encoded: room for a search feed's longest query (500 characters) in any script. */
export const MAX_URL_LENGTH = 8192;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Strict percent-decoding: undefined when an escape is malformed or the bytes are not UTF-8. */
function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function controlIn(what: string, s: string): string | undefined {
  const c = CONTROL.exec(s)?.[0];
  if (c === undefined) return undefined;
  return `${what} holds a control character (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}).`;
}

/** Why the URL cannot be read, naming the part, or undefined. */
export function urlProblem(url: URL): string | undefined {
  const length = url.pathname.length + url.search.length;
  if (length > MAX_URL_LENGTH) return `The URL is ${length} characters long (at most ${MAX_URL_LENGTH}).`;
  const path = decode(url.pathname);
  if (path === undefined) return "The URL path has bad percent-encoding (each %XX must form UTF-8).";
  const inPath = controlIn("The URL path", path);
  if (inPath) return inPath;
  for (const pair of url.search.slice(1).split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    // As URLSearchParams reads them ("+" is a space), but refusing what it would turn into U+FFFD.
    const name = decode((eq < 0 ? pair : pair.slice(0, eq)).replaceAll("+", " "));
    if (name === undefined) return "A query parameter's name has bad percent-encoding (each %XX must form UTF-8).";
    const inName = controlIn("A query parameter's name", name);
    if (inName) return inName;
    const label = `Query parameter ${JSON.stringify(name.slice(0, 40))}`;
    const value = decode((eq < 0 ? "" : pair.slice(eq + 1)).replaceAll("+", " "));
    if (value === undefined) return `${label} has bad percent-encoding (each %XX must form UTF-8).`;
    const inValue = controlIn(label, value);
    if (inValue) return inValue;
  }
  return undefined;
}

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  // One line, whatever a message quoted.
  return new Response(message.replace(/\s+/g, " ").trim(), {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

async function answer(route: Route, request: Request, url: URL, logger: Logger): Promise<Response> {
  try {
    const problem = urlProblem(url);
    if (problem) throw new HttpError(400, problem);
    return await route.handle(request, url);
  } catch (e) {
    if (e instanceof HttpError) return text(e.status, e.message, e.headers);
    const reqId = requestIdOf(request);
    logger.error({ err: e, reqId, method: request.method, path: url.pathname }, "route failed");
    return text(500, `Internal server error (request id ${reqId}).`);
  }
}

export function useRoutes(logger: Logger, routes: Route[]): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const route = routes.find((r) => r.matches(url, request));
      if (route) endResponse(await answer(route, request, url, logger));
    },
  };
}
