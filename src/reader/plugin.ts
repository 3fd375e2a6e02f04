// GET / (the reader page, src/reader/page.ts) and its own assets under /assets/: the script, the
// style sheet and the icon. The page's Content-Security-Policy allows scripts, styles and
// connections from this origin only (no inline script or style, no CDN); images may come from any
// http(s) host, as paper thumbnails do. Only these responses carry it: GraphiQL at /graphql, which
// needs inline script, is unaffected. Refusals are HttpErrors, answered in one line by routes.ts.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

import type { Config } from "../config.ts";
import type { Database } from "../db.ts";
import { HttpError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Route } from "../plugins/routes.ts";
import { ICON, readerScript, STYLE } from "./bundle.ts";
import { readerPage } from "./page.ts";
import { readerListing } from "./papers.ts";
import { readView } from "./view.ts";

interface Asset {
  body: string;
  type: string;
  /** A hash of the body: the URL's ?v=, so a new version is a new URL and old ones cache for long. */
  version: string;
}

const version = (body: string) => createHash("sha256").update(body).digest("base64url").slice(0, 10);

const loaded = new Map<string, Promise<Record<string, Asset>>>();

/** Once per process and NODE_ENV: every app of a process serves the same files. */
function loadAssets(env: string, logger: Logger): Promise<Record<string, Asset>> {
  let p = loaded.get(env);
  if (!p) {
    p = readAssets(env, logger);
    loaded.set(env, p);
    // A failed load is retried by the next request, not served as a failure forever.
    p.catch(() => loaded.delete(env));
  }
  return p;
}

async function readAssets(env: string, logger: Logger): Promise<Record<string, Asset>> {
  const [script, style, icon] = await Promise.all([
    readerScript(env, (m) => logger.warn(m)),
    readFile(STYLE, "utf8"),
    readFile(ICON, "utf8"),
  ]);
  return {
    "/assets/reader.js": { body: script, type: "text/javascript; charset=utf-8", version: version(script) },
    "/assets/reader.css": { body: style, type: "text/css; charset=utf-8", version: version(style) },
    "/assets/icon.svg": { body: icon, type: "image/svg+xml", version: version(icon) },
  };
}

/** The page's policy; connect-src names this host's ws: and wss: too, which older browsers' 'self' does not cover. */
export function readerCsp(url: URL): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https: http:",
    `connect-src 'self' ws://${url.host} wss://${url.host}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function readerRoute(db: Database, config: Config, logger: Logger): Route {
  // Bundled at start, so a server's first page does not wait for esbuild; tests, which make many
  // apps and rarely open the page, bundle on the first request instead. A failure is logged and
  // answered as a 500 (routes.ts).
  if (config.env !== "test") loadAssets(config.env, logger).catch((err) => logger.error({ err }, "reader page assets failed to load"));
  return {
    matches: (url) => url.pathname === "/" || url.pathname.startsWith("/assets/"),
    async handle(request, url) {
      if (request.method !== "GET" && request.method !== "HEAD")
        throw new HttpError(405, "The reader page answers GET and HEAD.", { allow: "GET, HEAD" });
      const all = await loadAssets(config.env, logger);
      if (url.pathname !== "/") {
        const asset = all[url.pathname];
        if (!asset) throw new HttpError(404, `No asset at ${url.pathname}.`);
        return new Response(request.method === "HEAD" ? null : asset.body, {
          headers: {
            "content-type": asset.type,
            "cache-control": url.searchParams.get("v") === asset.version ? "public, max-age=31536000, immutable" : "no-cache",
            "x-content-type-options": "nosniff",
          },
        });
      }
      const view = readView(url);
      const listing = await readerListing(db.prisma, view);
      const at = (p: string) => `${p}?v=${all[p]!.version}`;
      const html = readerPage(view, listing, {
        script: at("/assets/reader.js"),
        style: at("/assets/reader.css"),
        icon: at("/assets/icon.svg"),
      });
      return new Response(request.method === "HEAD" ? null : html, {
        headers: {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-cache",
          "content-security-policy": readerCsp(url),
          "x-content-type-options": "nosniff",
          "referrer-policy": "strict-origin-when-cross-origin",
        },
      });
    },
  };
}
