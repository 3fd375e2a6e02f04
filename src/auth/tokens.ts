// Opaque bearer tokens: random secrets shown once; only their sha256 is stored.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";

export interface Viewer {
  id: number;
  role: "READER" | "CURATOR" | "ADMIN";
  tokenId: number;
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newTokenSecret(): string {
  return `pb_${randomBytes(32).toString("base64url")}`;
}

/** "Bearer <secret>" -> the secret, or undefined when the header is absent or of another scheme. */
export function bearerSecret(header: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/** The user a token belongs to, if the token exists, is not revoked and has not expired. */
export async function viewerForToken(prisma: PrismaClient, secret: string): Promise<Viewer | null> {
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { id: true, revokedAt: true, expiresAt: true, user: { select: { id: true, role: true } } },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < new Date())) return null;
  return { id: token.user.id, role: token.user.role, tokenId: token.id };
}
