// Per-request (and per-WebSocket-operation) context.
import { GraphQLError } from "graphql";
import { bearerSecret, viewerForToken, type Viewer } from "./auth/tokens.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { CommitListener } from "./ingest/pipeline.ts";
import type { PubSub } from "./pubsub.ts";

export interface Context {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  pubsub: PubSub;
  /** Publishes what an ingestion chunk committed (the app's; see App.onIngestCommit). */
  onIngestCommit: CommitListener;
  viewer: Viewer | null;
}

export interface AppServices {
  config: Config;
  db: Database;
  pubsub: PubSub;
  onIngestCommit: CommitListener;
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

export async function buildContext(services: AppServices, input: { request?: Request; connectionParams?: Record<string, unknown> }): Promise<Context> {
  const viewer = await resolveViewer(services.db.prisma, authorizationOf(input));
  return { config: services.config, db: services.db, prisma: services.db.prisma, pubsub: services.pubsub, onIngestCommit: services.onIngestCommit, viewer };
}
