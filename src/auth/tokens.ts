// Opaque bearer tokens: random secrets shown once; only their sha256 is stored.
import { createHash, randomBytes } from "node:crypto";

import type { Prisma, PrismaClient, TokenKind } from "../generated/prisma/client.ts";
import type { EventPublisher } from "../live/events.ts";
import { type Viewer, VIEWER_PROFILE, type ViewerCache, viewerOf } from "./viewer-cache.ts";

/** lastUsedAt is written at most this often per token, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newTokenSecret(): string {
  return `pb_${randomBytes(32).toString("base64url")}`;
}

/** Shown in token lists so a user can tell tokens apart; too short to help guess the secret. */
export function tokenPrefix(secret: string): string {
  return secret.slice(0, 10);
}

/** Creates a token and returns its secret: the only time the secret exists outside the client. */
export async function issueToken(
  prisma: PrismaClient,
  data: { userId: number; kind: TokenKind; name: string; expiresAt?: Date | null },
): Promise<{ secret: string; id: number }> {
  const secret = newTokenSecret();
  const row = await prisma.apiToken.create({
    data: { ...data, tokenHash: hashToken(secret), prefix: tokenPrefix(secret) },
    select: { id: true },
  });
  return { secret, id: row.id };
}

/** "Bearer <secret>" -> the secret, or undefined when the header is absent or of another scheme. */
export function bearerSecret(header: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/**
 * The user a token belongs to, if the token exists, is not revoked and has not expired: from
 * `cache` when it remembers the token (viewer-cache.ts says when it forgets), else from the database.
 */
export async function viewerForToken(prisma: PrismaClient, secret: string, cache: ViewerCache): Promise<Viewer | null> {
  const tokenHash = hashToken(secret);
  const now = Date.now();
  let signIn = cache.get(tokenHash, now);
  if (!signIn) {
    const mark = cache.mark;
    const token = await prisma.apiToken.findUnique({
      where: { tokenHash },
      select: { id: true, kind: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: VIEWER_PROFILE } },
    });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) return null;
    signIn = {
      viewer: viewerOf(token.user, token),
      expiresAt: token.expiresAt?.getTime() ?? null,
      lastUsedAt: token.lastUsedAt?.getTime() ?? null,
    };
    cache.set(tokenHash, signIn, mark);
  }
  if (signIn.lastUsedAt === null || now - signIn.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    signIn.lastUsedAt = now;
    // Conditional, so concurrent requests of one token (or other instances) write once.
    const stale = new Date(now - LAST_USED_RESOLUTION_MS);
    await prisma.apiToken.updateMany({
      where: { id: signIn.viewer.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return signIn.viewer;
}

/**
 * Revokes the matching tokens that are still active and publishes their ids (the hub tells every
 * instance), so WebSockets that signed in with them close at once. Returns the ids it revoked.
 */
export async function revokeTokens(prisma: PrismaClient, events: EventPublisher, where: Prisma.ApiTokenWhereInput): Promise<number[]> {
  const rows = await prisma.apiToken.updateManyAndReturn({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date() },
    select: { id: true },
  });
  const tokenIds = rows.map((r) => r.id);
  if (tokenIds.length > 0) await events.publish([{ kind: "tokensRevoked", payload: { tokenIds } }]);
  return tokenIds;
}
