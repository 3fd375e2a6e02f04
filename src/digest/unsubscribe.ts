// Signed unsubscribe links: /digest/unsubscribe?token=<user id>.<HMAC>. GET shows a page with a
// button (mail scanners follow links, and must not unsubscribe anyone); POST turns the digest off,
// also as RFC 8058 one-click unsubscribe from the List-Unsubscribe-Post header.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import type { Config } from "../config.ts";
import type { Database } from "../db.ts";
import { escapeHtml } from "../discovery/highlight.ts";
import { HttpError } from "../errors.ts";
import type { Route } from "../plugins/routes.ts";

export const UNSUBSCRIBE_PATH = "/digest/unsubscribe";

/** DIGEST_SECRET, else a random secret kept in DATA_DIR (created once, shared by server and CLI). */
export async function digestSecret(config: Config): Promise<string> {
  if (config.digestSecret) return config.digestSecret;
  const file = path.join(config.dataDir, "digest-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    await writeFile(file, secret, { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return (await readFile(file, "utf8")).trim();
  }
}

function signature(secret: string, userId: number): string {
  return createHmac("sha256", secret).update(`unsubscribe:${userId}`).digest("base64url");
}

export function unsubscribeToken(secret: string, userId: number): string {
  return `${userId}.${signature(secret, userId)}`;
}

export function unsubscribeUrl(config: Config, secret: string, userId: number): string {
  return `${config.publicUrl}${UNSUBSCRIBE_PATH}?token=${unsubscribeToken(secret, userId)}`;
}

/** The user id a token was signed for, or null. */
export function verifyToken(secret: string, token: string): number | null {
  const m = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(signature(secret, Number(m[1])));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? Number(m[1]) : null;
}

function page(status: number, title: string, body: string): Response {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:36em;margin:3em auto">${body}</body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export function unsubscribeRoute(db: Database, config: Config): Route {
  // Read (or created) once, on the first unsubscribe, not from disk on every one.
  let secret: Promise<string> | undefined;
  return {
    matches: (url) => url.pathname === UNSUBSCRIBE_PATH,
    async handle(request, url) {
      const token = url.searchParams.get("token") ?? "";
      secret ??= digestSecret(config).catch((e: unknown) => {
        secret = undefined; // tried again by the next request
        throw e;
      });
      const userId = verifyToken(await secret, token);
      if (userId === null)
        return page(400, "Invalid link", "<h1>This unsubscribe link is not valid</h1><p>Use the link from your latest digest email.</p>");
      const user = await db.prisma.user.findUnique({ where: { id: userId }, select: { email: true, digestFrequency: true } });
      if (!user) return page(404, "Unknown account", "<h1>This account no longer exists</h1>");
      if (request.method === "POST") {
        await db.prisma.user.update({ where: { id: userId }, data: { digestFrequency: "OFF" } });
        return page(200, "Unsubscribed", `<h1>Unsubscribed</h1><p>${escapeHtml(user.email)} will get no more Paperboy digests.</p>`);
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        throw new HttpError(405, "Unsubscribe links answer GET and POST.", { allow: "GET, POST" });
      }
      const state = user.digestFrequency === "OFF" ? "<p>Digests are already off for this address.</p>" : "";
      return page(
        200,
        "Unsubscribe",
        `<h1>Stop Paperboy digests?</h1><p>For ${escapeHtml(user.email)}.</p>${state}` +
          `<form method="post" action="${UNSUBSCRIBE_PATH}?token=${escapeHtml(token)}"><button type="submit">Unsubscribe</button></form>`,
      );
    },
  };
}
