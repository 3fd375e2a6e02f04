// The response cache (@graphql-yoga/plugin-response-cache) for anonymous queries. Results are
// stored only for requests without an Authorization header, so nothing a signed-in user sees is
// ever served to anyone else; signed-in requests are keyed by their own token and never stored.
// Entries are dropped as soon as what they show changes:
//  - a mutation drops every entry that holds an entity its result returns (type + id; the plugin
//    adds `id` to the selections itself);
//  - live events from any instance (LiveHub.onEvent): a paper updated, upvoted or commented drops
//    the entries that hold that paper; newly ingested papers drop everything, since any list may
//    now include them (ingestion commits in chunks, so this is a few times per run);
//  - RESPONSE_CACHE_TTL bounds the rest (trending's time decay; a ranking that a changed paper
//    not on the cached page has just entered).
// WebSocket operations bypass it (no HTTP request to key them by).
import { createHash } from "node:crypto";
import { createInMemoryCache, useResponseCache, type Cache } from "@graphql-yoga/plugin-response-cache";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Plugin } from "graphql-yoga";
import type { LiveEvent } from "../pubsub.ts";

export interface ResponseCache {
  plugin: Plugin;
  /** Drops what a live event makes stale. */
  invalidate(event: LiveEvent): void;
}

export function createResponseCache(opts: { ttlMs: number; maxEntries: number }): ResponseCache {
  let inner = createInMemoryCache({ max: opts.maxEntries });
  // The plugin holds one cache object; "drop everything" swaps what it delegates to.
  const cache: Cache = {
    get: (key) => inner.get(key),
    set: (...args) => inner.set(...args),
    invalidate: (entities) => inner.invalidate(entities),
  };
  const plugin = useResponseCache({
    cache,
    ttl: opts.ttlMs,
    // HTTP only: graphql-ws operations carry no Request.
    enabled: (request) => request !== undefined,
    session: (request) => {
      const authorization = request.headers.get("authorization");
      return authorization ? createHash("sha256").update(authorization).digest("base64url") : null;
    },
    onTtl: ({ ttl, context }) => ((context as { request?: Request }).request?.headers.has("authorization") ? 0 : ttl),
  });
  return {
    plugin,
    invalidate(event) {
      if (event.kind === "paperIngested") inner = createInMemoryCache({ max: opts.maxEntries });
      else if (event.kind === "paperUpdated" || event.kind === "commentAdded") {
        inner.invalidate([{ typename: "Paper", id: encodeGlobalID("Paper", event.payload.paperId) }]);
      }
    },
  };
}
