// The response cache (@graphql-yoga/plugin-response-cache) for anonymous queries. Results are
// stored only for requests without an Authorization header, so nothing a signed-in user sees is
// ever served to anyone else; signed-in requests are keyed by their own token and never stored.
// Entries are dropped as soon as what they show changes:
//  - a mutation drops every entry that holds an entity its result returns (type + id; the plugin
//    adds `id` to the selections itself);
//  - live events from any instance (LiveHub.onEvent): a paper updated, upvoted or commented drops
//    the entries that hold that paper, a collection changed those that hold that collection; newly
//    ingested papers drop everything, since any list may now include them (ingestion commits in
//    chunks, so this is a few times per run);
//  - RESPONSE_CACHE_TTL bounds the rest (trending's time decay; a ranking that a changed paper
//    not on the cached page has just entered).
// WebSocket operations bypass it (no HTTP request to key them by).
//
// Revalidation: an entry's ETag is an HMAC of its key and content under a secret of this process, so
// it tells nothing about the query or about other requests, and changes when the content does. A
// 304 is answered only to an anonymous request whose own entry has that ETag (onResultProcess below).
import { createHmac, randomBytes } from "node:crypto";

import { type Cache, createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";

import type { LiveEvent } from "../live/events.ts";

export interface ResponseCache {
  /** In this order: which executions skip the cache, then the cache. */
  plugins: Plugin[];
  /** Drops what a live event makes stale. */
  invalidate(event: LiveEvent): void;
}

/** Keys of signed-in requests start with this: they are never stored (shouldCacheResult). */
const SIGNED_IN = "signed-in:";

type HeaderMap = Record<string, string>;
const headersOf = (result: { extensions?: Record<string, unknown> | null }): HeaderMap | undefined =>
  (result.extensions?.http as { headers?: HeaderMap } | undefined)?.headers;

/** If-None-Match names this ETag (a list, weak or strong). "*" is not honoured: it would tell anyone whether a query is cached. */
function namesEtag(ifNoneMatch: string | null, etag: string): boolean {
  return ifNoneMatch !== null && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export function createResponseCache(opts: { ttlMs: number; maxEntries: number }): ResponseCache {
  // Per process, like the cache itself: an ETag from another instance simply does not match.
  const secret = randomBytes(32);
  const sign = (...parts: unknown[]) => createHmac("sha256", secret).update(JSON.stringify(parts)).digest("base64url");
  let inner = createInMemoryCache({ max: opts.maxEntries });
  // The plugin holds one cache object; "drop everything" swaps what it delegates to.
  const cache: Cache = {
    get: (key) => inner.get(key),
    set(key, result, entities, ttl) {
      // The plugin sets ETag to the key (constant while the content changes across invalidations) and
      // Last-Modified to when someone first asked: both replaced by a validator of this content only.
      const headers = headersOf(result);
      if (headers) {
        headers.ETag = `"${sign(key, result.data)}"`;
        delete headers["Last-Modified"];
      }
      return inner.set(key, result, entities, ttl);
    },
    invalidate: (entities) => inner.invalidate(entities),
  };
  const keyOf = new WeakMap<Request, string>();
  // A signed-in query is never stored nor answered from the cache, yet the plugin would still add
  // ids to its selections and copy its result to collect entities: about 40% of the throughput of
  // the signed-in daily feed (a') in `npm run bench`. Such executions skip it; signed-in mutations
  // keep it, since they drop the entries their results hold.
  const bypass = new WeakSet<object>();
  const markBypass: Plugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request?.headers.has("authorization") && getOperationAST(args.document, args.operationName)?.operation !== "mutation") {
        bypass.add(args.contextValue as object);
      }
    },
  };
  const { onRequest: _answersAnyEntry, ...plugin } = useResponseCache({
    cache,
    ttl: opts.ttlMs,
    // HTTP only: graphql-ws operations carry no Request.
    enabled: (request, context) => request !== undefined && !(context && bypass.has(context)),
    session: (request) => {
      const authorization = request.headers.get("authorization");
      return authorization ? sign("session", authorization) : null;
    },
    buildResponseCacheKey({ documentString, operationName, variableValues, sessionId, request }) {
      // Variables in another key order make another key: a miss, never a wrong hit.
      const signature = sign(documentString, operationName ?? null, variableValues ?? {}, sessionId ?? null);
      const key = `${sessionId ? SIGNED_IN : "anonymous:"}${signature}`;
      keyOf.set(request, key);
      return key;
    },
    // Signed-in answers are never stored (nor given an ETag): what they hold may be the viewer's own.
    shouldCacheResult: ({ cacheKey, result }) => !cacheKey.startsWith(SIGNED_IN) && !result.errors?.length,
    // Outside production the plugin would add extensions.responseCache.hit: whether others asked the same.
    includeExtensionMetadata: false,
  });
  /** The ETag of this request's own entry when it is an anonymous query with one. */
  async function ownEtag(request: Request): Promise<string | undefined> {
    const key = keyOf.get(request);
    if (!key || request.headers.has("authorization")) return undefined;
    // Only query results are ever stored, so a mutation or subscription has no entry.
    const entry = await cache.get(key);
    return entry ? headersOf(entry)?.ETag : undefined;
  }
  return {
    // The plugin's own onRequest (left out above) answers 304 to any request whose If-None-Match names
    // any live entry, before reading what the request asks: another query, a signed-in request, a
    // mutation that then never runs. No option turns it off; this hook replaces it, once the request's
    // own key is known.
    plugins: [
      markBypass,
      {
        ...plugin,
        async onResultProcess({ request, setResultProcessor }) {
          const etag = await ownEtag(request);
          if (etag && namesEtag(request.headers.get("if-none-match"), etag)) {
            setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: { etag } }), "application/json");
          }
        },
      },
    ],
    invalidate(event) {
      if (event.kind === "paperIngested") inner = createInMemoryCache({ max: opts.maxEntries });
      else if (event.kind === "paperUpdated" || event.kind === "commentAdded") {
        inner.invalidate([{ typename: "Paper", id: encodeGlobalID("Paper", event.payload.paperId) }]);
      } else if (event.kind === "collectionUpdated") {
        // Also from other instances: a collection made private must leave their caches at once.
        inner.invalidate([{ typename: "Collection", id: encodeGlobalID("Collection", event.payload.collectionId) }]);
      } else if (event.kind === "authorClaimReviewed") {
        // An approved claim changes the author's claimedBy and the claimant's profile (claimedAuthors).
        inner.invalidate([
          { typename: "Author", id: encodeGlobalID("Author", event.payload.authorId) },
          { typename: "User", id: encodeGlobalID("User", event.payload.userId) },
        ]);
      }
    },
  };
}
