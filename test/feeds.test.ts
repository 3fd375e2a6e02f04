// Atom and JSON Feed endpoints, read with a real XML parser: required elements, the 50 newest
// entries, links to each paper and its PDF, and HTTP revalidation (ETag / Last-Modified -> 304).
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "author", "category"].includes(name) });

type Link = { "@href": string; "@rel"?: string; "@type"?: string };
interface AtomEntry {
  id: string;
  title: { "#text": string } | string;
  updated: string;
  published?: string;
  author: { name: string }[];
  link: Link[];
  summary: { "#text": string } | string;
  category?: { "@term": string }[];
}
interface AtomDoc {
  feed: { "@xmlns": string; id: string; title: unknown; updated: string; author: { name: string }[]; link: Link[]; entry?: AtomEntry[] };
}

const text = (v: { "#text": string } | string) => (typeof v === "string" ? v : v["#text"]);

describe("feeds", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite");
    // 60 papers listed after the seeded day (2025-08-08): the daily feed shows the newest 50.
    await ingestRecords(
      app,
      Array.from({ length: 60 }, (_, i) => syntheticPaper(i, { listedOn: `2026-01-${String(1 + Math.floor(i / 3)).padStart(2, "0")}`, title: `Synthetic study ${i} of <graph> clustering & kernels` })),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}, method = "GET") => app.yoga.fetch(`http://paperboy.test${path}`, { method, headers });

  it("serves the daily Atom feed with every required element, the 50 newest entries first, and links to paper and PDF", async () => {
    const res = await get("/feeds/daily.atom");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const doc = xml.parse(await res.text()) as AtomDoc;
    const feed = doc.feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("http://localhost:4000/feeds/daily.atom");
    expect(feed.title).toBeTruthy();
    expect(new Date(feed.updated).toString()).not.toBe("Invalid Date");
    expect(feed.author[0]!.name).toBe("Paperboy");
    expect(feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toBe("http://localhost:4000/feeds/daily.atom");
    const entries = feed.entry!;
    expect(entries).toHaveLength(50);
    // Newest listing day first: the last synthetic papers (2026-01-20) lead, nothing from the seed day.
    expect(text(entries[0]!.title)).toBe("Synthetic study 59 of <graph> clustering & kernels");
    expect(entries.every((e) => text(e.title).startsWith("Synthetic study"))).toBe(true);
    for (const e of entries) {
      expect(e.id).toMatch(/^https:\/\/arxiv\.org\/abs\/2601\.\d{5}$/);
      expect(new Date(e.updated).toString()).not.toBe("Invalid Date");
      expect(e.author.map((a) => a.name)).toContain("Shared Coauthor");
      expect(text(e.summary)).toMatch(/^We study clustering/);
      const alternate = e.link.find((l) => l["@rel"] === "alternate")!;
      const pdf = e.link.find((l) => l["@type"] === "application/pdf")!;
      expect(alternate["@href"]).toBe(e.id);
      expect(pdf["@href"]).toBe(e.id.replace("/abs/", "/pdf/"));
      expect(pdf["@rel"]).toBe("related");
      expect(e.category?.map((c) => c["@term"])).toContain("cs.LG");
    }
  });

  it("serves the same as JSON Feed 1.1 with its required fields", async () => {
    const res = await get("/feeds/daily.json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = (await res.json()) as {
      version: string;
      title: string;
      feed_url: string;
      items: { id: string; url: string; title: string; content_text?: string; content_html?: string; date_published: string; authors: { name: string }[]; attachments: { url: string; mime_type: string }[] }[];
    };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(typeof feed.title).toBe("string");
    expect(feed.feed_url).toBe("http://localhost:4000/feeds/daily.json");
    expect(feed.items).toHaveLength(50);
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(item.content_text ?? item.content_html).toBeTruthy();
      expect(item.url).toMatch(/^https:\/\/arxiv\.org\/abs\//);
      expect(item.attachments).toEqual([{ url: item.url.replace("/abs/", "/pdf/"), mime_type: "application/pdf", title: "PDF" }]);
      expect(new Date(item.date_published).toString()).not.toBe("Invalid Date");
      expect(item.authors.length).toBeGreaterThan(0);
    }
    expect(feed.items[0]!.title).toBe("Synthetic study 59 of <graph> clustering & kernels");
  });

  it("answers a revalidation with 304 until a paper in the feed changes", async () => {
    const first = await get("/feeds/topics/clustering.atom");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(lastModified).toString()).not.toBe("Invalid Date");

    const byEtag = await get("/feeds/topics/clustering.atom", { "if-none-match": etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    const byDate = await get("/feeds/topics/clustering.atom", { "if-modified-since": lastModified });
    expect(byDate.status).toBe(304);
    // The JSON feed is another representation: its own validator.
    expect((await get("/feeds/topics/clustering.json", { "if-none-match": etag })).status).toBe(200);

    await new Promise((r) => setTimeout(r, 1100)); // Last-Modified has one-second precision.
    await app.db.prisma.paper.update({ where: { arxivId: "2601.10059" }, data: { title: "A retitled synthetic study" } });
    const changed = await get("/feeds/topics/clustering.atom", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("A retitled synthetic study");
    expect((await get("/feeds/topics/clustering.atom", { "if-modified-since": lastModified })).status).toBe(200);
  });

  it("serves a topic feed with its subtopics' papers, and a search feed with filters", async () => {
    const ml = xml.parse(await (await get("/feeds/topics/machine-learning.atom")).text()) as AtomDoc;
    expect(ml.feed.entry!.length).toBe(50);
    const search = xml.parse(await (await get("/feeds/search.atom?q=%22neural+tangent%22")).text()) as AtomDoc;
    const titles = search.feed.entry!.map((e) => text(e.title));
    expect(titles).toContain("Neural Tangent Kernel: Convergence and Generalization in Neural Networks");
    expect(search.feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toBe('http://localhost:4000/feeds/search.atom?q=%22neural+tangent%22');
    const filtered = (await (await get("/feeds/search.json?q=clustering&from=2026-01-20")).json()) as { items: { title: string }[] };
    // Papers 57-59 are listed on 2026-01-20 (59 was retitled above; its abstract still matches).
    expect(filtered.items.map((i) => i.title).sort()).toEqual(["A retitled synthetic study", ...[57, 58].map((i) => `Synthetic study ${i} of <graph> clustering & kernels`)].sort());
  });

  it("explains bad requests: missing or empty q, unknown topics, bad dates, unknown feeds, other methods", async () => {
    const cases: [string, number, RegExp, string?][] = [
      ["/feeds/search.atom", 400, /q is required/],
      ["/feeds/search.atom?q=%20", 400, /"q": is empty/],
      ["/feeds/search.atom?q=x&topic=nope", 400, /no topic has the slug "nope"/],
      ["/feeds/search.json?q=x&from=yesterday", 400, /from must be a day/],
      ["/feeds/topics/nope.atom", 404, /No topic has the slug "nope"/],
      ["/feeds/weekly.rss", 404, /No feed at \/feeds\/weekly\.rss/],
      ["/feeds/daily.atom", 405, /GET and HEAD/, "POST"],
    ];
    for (const [path, status, message, method] of cases) {
      const res = await get(path, {}, method);
      expect(res.status, path).toBe(status);
      expect(await res.text()).toMatch(message);
    }
    const head = await get("/feeds/daily.atom", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBeTruthy();
  });
});
