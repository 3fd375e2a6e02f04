// Per-request (and per-WebSocket-operation) context.
import type { IncomingMessage } from "node:http";

import { GraphQLError } from "graphql";

import type { RateLimits } from "./auth/rate-limit.ts";
import { bearerSecret, viewerForToken } from "./auth/tokens.ts";
import type { Viewer, ViewerCache } from "./auth/viewer-cache.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db.ts";
import type { Recommender } from "./discovery/recommendations.ts";
import type { RelatedCache } from "./discovery/related-cache.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { ArxivLookup } from "./ingest/sources/arxiv-lookup.ts";
import type { CommitListener } from "./live/events.ts";
import type { LiveHub } from "./live/hub.ts";

export interface Context {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  live: LiveHub;
  viewer: Viewer | null;
  /** For WebSocket operations: true while the socket's send buffer is over its limit. */
  congested?: () => boolean;
  /** The client's address (for per-address rate limits). */
  clientIp: string;
  limits: RateLimits;
  /** Publishes what an ingestion committed: pass it to ingest(). */
  onIngestCommit: CommitListener;
  relatedCache: RelatedCache;
  /** Fetches a paper's metadata from arXiv (submitPaper by id alone). */
  arxiv: ArxivLookup;
  recommender: Recommender;
}

export interface AppServices {
  config: Config;
  db: Database;
  live: LiveHub;
  limits: RateLimits;
  onIngestCommit: CommitListener;
  relatedCache: RelatedCache;
  arxiv: ArxivLookup;
  recommender: Recommender;
  /** Sign-ins this instance remembers (auth/viewer-cache.ts). */
  viewers: ViewerCache;
}

/** What Yoga (HTTP) or our graphql-ws wiring hands the context factory. */
export interface InitialContext {
  request?: Request;
  /** The Node request (HTTP through the Node adapter, and the WebSocket's upgrade request). */
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
  /** The WebSocket, for operations that arrive over graphql-ws. */
  socket?: { bufferedAmount: number };
}

/** The Authorization value of an HTTP request, or of a WebSocket's connection_init payload. */
export function authorizationOf(input: { request?: Request; connectionParams?: Record<string, unknown> }): string | undefined {
  const fromParams = input.connectionParams?.authorization ?? input.connectionParams?.Authorization;
  if (typeof fromParams === "string") return fromParams;
  return input.request?.headers.get("authorization") ?? undefined;
}

export async function resolveViewer(prisma: PrismaClient, authorization: string | undefined, cache: ViewerCache): Promise<Viewer | null> {
  if (!authorization) return null;
  const secret = bearerSecret(authorization);
  const viewer = secret ? await viewerForToken(prisma, secret, cache) : null;
  if (!viewer) {
    throw new GraphQLError('The Authorization token is invalid, revoked or expired; send a valid "Bearer <token>" or none.', {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
  return viewer;
}

/** The socket's peer address, or behind a trusted proxy the last X-Forwarded-For hop (the one the proxy added). */
export function clientIpOf(input: InitialContext, trustProxy: boolean): string {
  if (trustProxy) {
    const header = input.request?.headers.get("x-forwarded-for") ?? input.req?.headers["x-forwarded-for"];
    const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1]!;
  }
  return input.req?.socket?.remoteAddress ?? "unknown";
}

export async function buildContext(services: AppServices, input: InitialContext): Promise<Context> {
  const viewer = await resolveViewer(services.db.prisma, authorizationOf(input), services.viewers);
  const socket = input.socket;
  const limit = services.config.wsSendBuffer;
  return {
    config: services.config,
    db: services.db,
    prisma: services.db.prisma,
    live: services.live,
    viewer,
    congested: socket ? () => socket.bufferedAmount > limit : undefined,
    clientIp: clientIpOf(input, services.config.trustProxy),
    limits: services.limits,
    onIngestCommit: services.onIngestCommit,
    relatedCache: services.relatedCache,
    arxiv: services.arxiv,
    recommender: services.recommender,
  };
}
