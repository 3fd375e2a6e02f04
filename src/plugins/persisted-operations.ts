// PERSISTED_OPERATIONS=<file>: only the operations listed in the file run. The file is a JSON
// object { "<id>": "<GraphQL document>" } (graphql-codegen's persisted-documents.json has this
// shape; the id is usually the document's sha256). Clients send the id the Automatic Persisted
// Queries way: `extensions: { persistedQuery: { version: 1, sha256Hash: "<id>" } }` with no query.
// HTTP goes through Yoga's plugin; WebSocket operations through operationText (src/ws.ts).
import { readFileSync } from "node:fs";

import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { GraphQLError, parse } from "graphql";
import type { Plugin } from "graphql-yoga";

export type PersistedOperations = ReadonlyMap<string, string>;

const ONLY =
  "This server runs only persisted operations: send extensions.persistedQuery.sha256Hash (the operation's id) instead of a query.";

function notListed(id: string): GraphQLError {
  return new GraphQLError(`Persisted operation "${id}" is not in this server's list.`, {
    extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
  });
}

/** Reads and checks the file; throws one message naming the file and the bad entry. */
export function loadPersistedOperations(file: string): PersistedOperations {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`PERSISTED_OPERATIONS ${file}: ${(e as Error).message}`);
  }
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) {
    throw new Error(`PERSISTED_OPERATIONS ${file}: expected a JSON object { "<id>": "<document>" }`);
  }
  const operations = new Map<string, string>();
  for (const [id, document] of Object.entries(entries)) {
    if (typeof document !== "string") throw new Error(`PERSISTED_OPERATIONS ${file}: the value of "${id}" is not a string`);
    try {
      parse(document);
    } catch (e) {
      throw new Error(`PERSISTED_OPERATIONS ${file}: "${id}" is not a GraphQL document: ${(e as Error).message}`);
    }
    operations.set(id, document);
  }
  return operations;
}

function persistedId(extensions: unknown): string | undefined {
  const pq = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return pq?.version === 1 && typeof pq.sha256Hash === "string" ? pq.sha256Hash : undefined;
}

export function usePersistedOperationsList(operations: PersistedOperations): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(id) ?? null,
    allowArbitraryOperations: false,
    customErrors: {
      persistedQueryOnly: { message: ONLY, extensions: { code: "PERSISTED_QUERY_ONLY" } },
      keyNotFound: { message: ONLY, extensions: { code: "PERSISTED_QUERY_ID_REQUIRED" } },
      notFound: (payload) => notListed(persistedId(payload.params.extensions) ?? ""),
    },
  }) as Plugin;
}

/** The document a WebSocket subscribe message asks to run, under the same rules as HTTP. */
export function operationText(
  operations: PersistedOperations | undefined,
  payload: { query?: string | null; extensions?: unknown },
): string {
  if (!operations) return payload.query ?? "";
  if (payload.query) throw new GraphQLError(ONLY, { extensions: { code: "PERSISTED_QUERY_ONLY" } });
  const id = persistedId(payload.extensions);
  if (id === undefined) throw new GraphQLError(ONLY, { extensions: { code: "PERSISTED_QUERY_ID_REQUIRED" } });
  const document = operations.get(id);
  if (document === undefined) throw notListed(id);
  return document;
}
