/// <reference lib="dom" />
// The page's way to the API: typed operations over HTTP (fetch to /graphql) and over WebSocket
// (graphql-ws), with the session token this tab logged in with (sessionStorage: it ends with the tab).
import { type Client, createClient } from "graphql-ws";

import type { TypedDocumentString } from "./gql/graphql.ts";

const TOKEN_KEY = "paperboy.token";

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value: string | null) {
    if (value === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, value);
  },
};

const authorization = (): Record<string, string> => (session.token ? { authorization: `Bearer ${session.token}` } : {});

/** An operation over HTTP; a GraphQL error (not a typed result) or an HTTP failure throws with its message. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...authorization() },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  let body: { data?: R | null; errors?: { message: string }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new Error(`The server answered ${response.status}.`);
  }
  if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? `The server answered ${response.status}.`);
  return body.data;
}

/** A WebSocket connection that reports its end (the caller reconnects, resuming where it was). */
export function connect(onConnected: () => void, onClosed: (event: CloseEvent | Event) => void): Client {
  const client = createClient({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`,
    connectionParams: authorization(),
    lazy: false,
    // The page reconnects itself, so each new connection resumes from the latest cursor.
    retryAttempts: 0,
    keepAlive: 20_000,
    // A failed connection is reported through onClosed, not as an uncaught error.
    onNonLazyError: () => {},
    on: { connected: () => onConnected(), closed: (e) => onClosed(e as CloseEvent) },
  });
  return client;
}

/** Subscribes; `next` gets each result's data. Returns the function that ends it. */
export function subscribe<R, V>(client: Client, document: TypedDocumentString<R, V>, variables: V, next: (data: R) => void): () => void {
  return client.subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) next(result.data);
      },
      error: () => {
        // The connection's end is handled by connect's onClosed; an operation error ends only this one.
      },
      complete: () => {},
    },
  );
}
