// GET /feeds/daily.atom, /feeds/topics/{slug}.atom, /feeds/search.atom?q=...,
// /feeds/collections/{collection global id}.atom (public collections only) and the same as
// JSON Feed 1.1 at .json, served by the Yoga app itself (so yoga.fetch reaches them in tests).
// Responses carry an ETag and Last-Modified; a matching If-None-Match or If-Modified-Since gets 304.
// Refusals are HttpErrors: the route wrapper (src/plugins/routes.ts) answers them in one line.
import { createHash } from "node:crypto";

import { decodeGlobalID } from "@pothos/plugin-relay";

import type { Config } from "../config.ts";
import type { Database } from "../db.ts";
import { visibleTo } from "../discovery/collections.ts";
import { checkQuery, resolveSearchFilter } from "../discovery/search-input.ts";
import { topicSubtrees } from "../discovery/topics.ts";
import { ArgumentError, HttpError } from "../errors.ts";
import type { Route } from "../plugins/routes.ts";
import { type FeedPaper, newestInCollection, newestPapers, newestSearchResults } from "./entries.ts";
import { atomFeed, type FeedMeta, jsonFeed } from "./render.ts";

const CONTENT_TYPES = { atom: "application/atom+xml; charset=utf-8", json: "application/feed+json; charset=utf-8" } as const;
type Format = keyof typeof CONTENT_TYPES;

interface Feed {
  meta: Omit<FeedMeta, "updated">;
  papers: FeedPaper[];
  /** When what the feed lists last changed, if its papers' own dates do not say it (a collection's additions). */
  changedAt?: Date;
}

function dateParam(url: URL, name: string): Date | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()))
    throw new HttpError(400, `Query parameter ${name} must be a day like 2025-08-08, got "${v.slice(0, 40)}".`);
  return d;
}

/** hasCode=true keeps the papers with a code link, hasCode=false those without; absent, all. */
function hasCodeParam(url: URL): boolean | undefined {
  const v = url.searchParams.get("hasCode");
  if (v === null || v === "") return undefined;
  if (v !== "true" && v !== "false") throw new HttpError(400, `Query parameter hasCode must be true or false, got "${v.slice(0, 40)}".`);
  return v === "true";
}

/** A feed's own URLs, and the page it is about (GraphiQL). */
function feedUrls(config: Config, path: string, query = ""): { atomUrl: string; jsonUrl: string; homeUrl: string } {
  const q = query ? `?${query}` : "";
  return {
    atomUrl: `${config.publicUrl}/feeds/${path}.atom${q}`,
    jsonUrl: `${config.publicUrl}/feeds/${path}.json${q}`,
    homeUrl: `${config.publicUrl}/graphql`,
  };
}

function noFeed(url: URL): HttpError {
  return new HttpError(
    404,
    `No feed at ${url.pathname}. Feeds: /feeds/daily.atom, /feeds/topics/{slug}.atom, /feeds/search.atom?q=..., ` +
      "/feeds/collections/{id}.atom (or .json).",
  );
}

async function buildFeed(db: Database, config: Config, url: URL, kind: string): Promise<Feed> {
  const hasCode = hasCodeParam(url);
  const codeQuery = hasCode === undefined ? "" : `hasCode=${hasCode}`;
  const withCode = hasCode ? " with code" : "";
  if (kind === "daily") {
    return {
      meta: {
        title: `Paperboy: daily papers${withCode}`,
        description: `The newest papers${withCode} on the daily listing.`,
        ...feedUrls(config, "daily", codeQuery),
      },
      papers: await newestPapers(db.prisma, undefined, hasCode),
    };
  }
  if (kind.startsWith("topics/")) {
    // Cannot throw: the route wrapper has refused paths that do not decode.
    const slug = decodeURIComponent(kind.slice("topics/".length));
    const topic = await db.prisma.topic.findUnique({ where: { slug }, select: { name: true, description: true } });
    if (!topic) throw new HttpError(404, `No topic has the slug "${slug.slice(0, 60)}".`);
    const ids = (await topicSubtrees(db.prisma, [slug])).get(slug)!;
    return {
      meta: {
        title: `Paperboy: ${topic.name}${withCode}`,
        description: topic.description,
        ...feedUrls(config, `topics/${encodeURIComponent(slug)}`, codeQuery),
      },
      papers: await newestPapers(db.prisma, ids, hasCode),
    };
  }
  if (kind.startsWith("collections/")) {
    const ref = decodeURIComponent(kind.slice("collections/".length));
    const missing = new HttpError(404, `No public collection has the id "${ref.slice(0, 60)}".`);
    let id = 0;
    try {
      const decoded = decodeGlobalID(ref);
      if (decoded.typename === "Collection" && /^[1-9][0-9]{0,8}$/.test(decoded.id)) id = Number(decoded.id);
    } catch {
      // not a global id: answered as a missing collection below
    }
    if (id === 0) throw missing;
    // Anonymous: a private collection has no feed, exactly as one that does not exist.
    const collection = await db.prisma.collection.findFirst({
      where: { id, ...visibleTo(null) },
      select: { name: true, description: true, updatedAt: true, owner: { select: { handle: true } } },
    });
    if (!collection) throw missing;
    return {
      meta: {
        title: `Paperboy: ${collection.name}${withCode} (a collection by ${collection.owner.handle})`,
        description: collection.description || `Papers${withCode} in the collection ${collection.name}.`,
        ...feedUrls(config, `collections/${encodeURIComponent(ref)}`, codeQuery),
      },
      papers: await newestInCollection(db.prisma, id, hasCode),
      changedAt: collection.updatedAt,
    };
  }
  if (kind === "search") {
    const raw = url.searchParams.get("q");
    if (raw === null) throw new HttpError(400, "Query parameter q is required: /feeds/search.atom?q=graph+clustering");
    const list = (name: string) => url.searchParams.getAll(name).filter((v) => v.trim() !== "");
    let query: string;
    let filter;
    try {
      query = checkQuery(raw, "q");
      filter = await resolveSearchFilter(
        db.prisma,
        {
          topics: list("topic"),
          categories: list("category"),
          authors: list("author"),
          from: dateParam(url, "from"),
          to: dateParam(url, "to"),
          hasCode,
        },
        "search",
      );
    } catch (e) {
      if (e instanceof ArgumentError) throw new HttpError(400, e.message);
      throw e;
    }
    // The feed's own URL keeps the parameters that define it, in a stable order.
    const params = new URLSearchParams(
      [...url.searchParams].filter(([k]) => ["q", "topic", "category", "author", "from", "to", "hasCode"].includes(k)).sort(),
    );
    return {
      meta: {
        title: `Paperboy: search "${query}"`,
        description: `The newest papers matching ${query}.`,
        ...feedUrls(config, "search", params.toString()),
      },
      papers: filter ? await newestSearchResults(db.prisma, query, filter) : [],
    };
  }
  throw noFeed(url);
}

/** HTTP dates have second precision: compare at that precision. */
function notModifiedSince(request: Request, lastModified: Date): boolean {
  const since = request.headers.get("if-modified-since");
  if (!since) return false;
  const t = Date.parse(since);
  return !Number.isNaN(t) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(t / 1000);
}

function etagMatches(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  return header.trim() === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag.replace(/^W\//, ""));
}

async function serveFeed(db: Database, config: Config, request: Request, url: URL): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") throw new HttpError(405, "Feeds answer GET and HEAD.", { allow: "GET, HEAD" });
  const m = /^\/feeds\/(.+)\.(atom|json)$/.exec(url.pathname);
  if (!m) throw noFeed(url);
  const format = m[2] as Format;
  const feed = await buildFeed(db, config, url, m[1]!);
  const lastModified = new Date(Math.max(0, feed.changedAt?.getTime() ?? 0, ...feed.papers.map((p) => p.updatedAt.getTime())));
  const meta = { ...feed.meta, updated: lastModified };
  // The validator covers what the document shows: which papers, in which order, and their versions.
  const etag = `"${createHash("sha256")
    .update(JSON.stringify([meta.atomUrl, format, feed.changedAt?.getTime(), feed.papers.map((p) => [p.id, p.updatedAt.getTime()])]))
    .digest("base64url")
    .slice(0, 27)}"`;
  const headers = {
    etag,
    "last-modified": lastModified.toUTCString(),
    "cache-control": "public, max-age=300",
    "content-type": CONTENT_TYPES[format],
  };
  if (etagMatches(request, etag) || (!request.headers.has("if-none-match") && notModifiedSince(request, lastModified))) {
    return new Response(null, {
      status: 304,
      headers: { etag, "last-modified": headers["last-modified"], "cache-control": headers["cache-control"] },
    });
  }
  const body = await (format === "atom" ? atomFeed(meta, feed.papers, config.publicUrl) : jsonFeed(meta, feed.papers, config.publicUrl));
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}

export function feedRoute(db: Database, config: Config): Route {
  return {
    matches: (url) => url.pathname === "/feeds" || url.pathname.startsWith("/feeds/"),
    handle: (request, url) => serveFeed(db, config, request, url),
  };
}
