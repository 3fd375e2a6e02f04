// Per-request (and per-WebSocket-operation) context.
import { GraphQLError } from "graphql";
import { bearerSecret, viewerForToken, type Viewer } from "./auth/tokens.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { CommitListener } from "./ingest/pipeline.ts";
import type { LiveHub } from "./live/hub.ts";

export interface Context {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  live: LiveHub;
  /** Publishes what an ingestion chunk committed (the app's; see App.onIngestCommit). */
  onIngestCommit: CommitListener;
  viewer: Viewer | null;
  /** For WebSocket operations: true while the socket's send buffer is over its limit. */
  congested?: () => boolean;
}

export interface AppServices {
  config: Config;
  db: Database;
  live: LiveHub;
  onIngestCommit: CommitListener;
}

/** What Yoga (HTTP) or our graphql-ws wiring hands the context factory. */
export interface InitialContext {
  request?: Request;
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

export async function resolveViewer(prisma: PrismaClient, authorization: string | undefined): Promise<Viewer | null> {
  if (!authorization) return null;
  const secret = bearerSecret(authorization);
  const viewer = secret ? await viewerForToken(prisma, secret) : null;
  if (!viewer) {
    throw new GraphQLError("The Authorization token is invalid, revoked or expired; send a valid \"Bearer <token>\" or none.", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
  return viewer;
}

export async function buildContext(services: AppServices, input: InitialContext): Promise<Context> {
  const viewer = await resolveViewer(services.db.prisma, authorizationOf(input));
  const socket = input.socket;
  const limit = services.config.wsSendBuffer;
  return {
    config: services.config,
    db: services.db,
    prisma: services.db.prisma,
    live: services.live,
    onIngestCommit: services.onIngestCommit,
    viewer,
    congested: socket ? () => socket.bufferedAmount > limit : undefined,
  };
}
