// Atom and JSON Feed endpoints, read with a real XML parser: required elements, the 50 newest
// entries, links to each paper and its PDF, and HTTP revalidation (ETag / Last-Modified -> 304).
// Rows whose text holds characters XML 1.0 forbids still give well-formed feeds, read by a strict
// XML 1.0 parser (saxes).
import { XMLParser } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newestPapers } from "../src/feeds/entries.ts";
import { atomFeed, jsonFeed } from "../src/feeds/render.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["entry", "link", "author", "category"].includes(name),
});

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
      Array.from({ length: 60 }, (_, i) =>
        syntheticPaper(i, {
          listedOn: `2026-01-${String(1 + Math.floor(i / 3)).padStart(2, "0")}`,
          title: `Synthetic study ${i} of <graph> clustering & kernels`,
        }),
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    app.yoga.fetch(`http://paperboy.test${path}`, { method, headers });

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
      items: {
        id: string;
        url: string;
        title: string;
        content_text?: string;
        content_html?: string;
        date_published: string;
        authors: { name: string }[];
        attachments: { url: string; mime_type: string }[];
      }[];
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
    expect(search.feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toBe(
      "http://localhost:4000/feeds/search.atom?q=%22neural+tangent%22",
    );
    const filtered = (await (await get("/feeds/search.json?q=clustering&from=2026-01-20")).json()) as { items: { title: string }[] };
    // Papers 57-59 are listed on 2026-01-20 (59 was retitled above; its abstract still matches).
    expect(filtered.items.map((i) => i.title).sort()).toEqual(
      ["A retitled synthetic study", ...[57, 58].map((i) => `Synthetic study ${i} of <graph> clustering & kernels`)].sort(),
    );
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

/** Errors a strict XML 1.0 parser (saxes: well-formedness and allowed characters) finds in a document. */
function xmlErrors(doc: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on("error", (e) => errors.push(e.message));
  parser.write(doc).close();
  return errors;
}

describe("feeds of rows stored before their text was cleaned", () => {
  let app: TestApp;
  // Every character XML 1.0 forbids that PostgreSQL can store (it refuses NUL and lone surrogates).
  const FORBIDDEN = [
    ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0),
    0xfffe,
    0xffff,
  ].map((c) => String.fromCharCode(c));
  /** The text with a forbidden character after each word (all of them, in turn). */
  let n = 0;
  const dirty = (text: string) => text.replace(/ /g, () => `${FORBIDDEN[n++ % FORBIDDEN.length]} `);

  const TITLE = "Hostile rows of graph clustering kernels";
  const ABSTRACT = "We study clustering\twith kernels.\nÜnïcödé, 𝔊𝔯𝔞𝔭𝔥𝔰 and 📰 stay, as do <tags> & ampersands.";
  const AUTHOR = "Ada Lövelace Byron";
  const TOPIC = "Clustering and community detection";
  let arxivId: string;

  beforeAll(async () => {
    app = await createTestApp("pglite");
    const record = syntheticPaper(500, { listedOn: "2026-02-01", title: TITLE, abstract: "We study clustering with kernels." });
    arxivId = record.arxivId!;
    await ingestRecords(app, [record]);
    // Written straight into the database, as rows stored before anything cleaned text were.
    const prisma = app.db.prisma;
    const paper = await prisma.paper.findUniqueOrThrow({
      where: { arxivId },
      include: { authors: { orderBy: { position: "asc" } }, topics: true },
    });
    await prisma.paper.update({
      where: { id: paper.id },
      data: {
        title: dirty(TITLE),
        abstract: ABSTRACT.replace("study ", `study ${FORBIDDEN.join("")}`),
        categories: [`cs.${FORBIDDEN[4]}LG${FORBIDDEN.at(-1)}`, "stat.ML"],
      },
    });
    await prisma.author.update({ where: { id: paper.authors[0]!.authorId }, data: { name: dirty(AUTHOR) } });
    // Feeds show the name as the paper wrote it (PaperAuthor.name).
    await prisma.paperAuthor.update({ where: { paperId_position: { paperId: paper.id, position: 0 } }, data: { name: dirty(AUTHOR) } });
    const clustering = await prisma.topic.findUniqueOrThrow({ where: { slug: "clustering" } });
    if (!paper.topics.some((t) => t.topicId === clustering.id)) {
      await prisma.paperTopic.create({ data: { paperId: paper.id, topicId: clustering.id, score: 1 } });
    }
    const description = dirty("Papers on clustering and communities.");
    await prisma.topic.update({ where: { id: clustering.id }, data: { name: dirty(TOPIC), description } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const FEEDS = ["/feeds/daily", "/feeds/topics/clustering", "/feeds/search"];
  const url = (feed: string, format: "atom" | "json") =>
    `http://paperboy.test${feed}.${format}${feed === "/feeds/search" ? "?q=hostile+kernels" : ""}`;

  it("keeps every Atom feed well-formed XML 1.0, with the text's other characters intact", async () => {
    for (const feed of FEEDS) {
      const res = await app.yoga.fetch(url(feed, "atom"));
      expect(res.status, feed).toBe(200);
      const doc = await res.text();
      expect(xmlErrors(doc), feed).toEqual([]);
      const entry = (xml.parse(doc) as AtomDoc).feed.entry!.find((e) => e.id === `https://arxiv.org/abs/${arxivId}`)!;
      expect(entry, feed).toBeDefined();
      expect(text(entry.title)).toBe(TITLE);
      expect(text(entry.summary)).toBe(ABSTRACT);
      expect(entry.author[0]!.name).toBe(AUTHOR);
      expect(entry.category!.map((c) => c["@term"])).toEqual(expect.arrayContaining(["clustering", "cs.LG", "stat.ML"]));
      const categories = entry.category as unknown as { "@term": string; "@label"?: string }[];
      expect(categories.find((c) => c["@term"] === "clustering")!["@label"]).toBe(TOPIC);
    }
    const topic = (xml.parse(await (await app.yoga.fetch(url("/feeds/topics/clustering", "atom"))).text()) as AtomDoc).feed;
    expect(text(topic.title as { "#text": string })).toBe(`Paperboy: ${TOPIC}`);
  });

  it("keeps every JSON Feed valid JSON without the forbidden characters, with the same text", async () => {
    for (const feed of FEEDS) {
      const res = await app.yoga.fetch(url(feed, "json"));
      expect(res.status, feed).toBe(200);
      type Item = { id: string; title: string; content_text: string; authors: { name: string }[]; tags: string[] };
      const parsed = (await res.json()) as { title: string; description: string; items: Item[] };
      const item = parsed.items.find((i) => i.id === `https://arxiv.org/abs/${arxivId}`)!;
      expect(item, feed).toBeDefined();
      expect(item.title).toBe(TITLE);
      expect(item.content_text).toBe(ABSTRACT);
      expect(item.authors[0]!.name).toBe(AUTHOR);
      expect(item.tags).toEqual(expect.arrayContaining(["clustering", "cs.LG", "stat.ML"]));
      for (const c of FORBIDDEN) expect(JSON.stringify(parsed), feed).not.toContain(JSON.stringify(c).slice(1, -1));
    }
    const topic = (await (await app.yoga.fetch(url("/feeds/topics/clustering", "json"))).json()) as { title: string; description: string };
    expect(topic.title).toBe(`Paperboy: ${TOPIC}`);
    expect(topic.description).toBe("Papers on clustering and communities.");
  });

  it("drops NUL and lone surrogates too, which no stored row can hold but a renderer may still be given", async () => {
    const [paper] = await newestPapers(app.db.prisma);
    const hostile = { ...paper!, title: `Broken\u0000 \uD800pairs\uDC00 and 𝔊 kept` };
    const urls = { atomUrl: "http://x/a", jsonUrl: "http://x/j", homeUrl: "http://x/" };
    const meta = { title: "Search \u0000\uDFFF", description: "d", ...urls, updated: new Date() };
    const atom = await atomFeed(meta, [hostile], "http://x");
    // No lone surrogate: encoding to UTF-8 would replace it with U+FFFD.
    expect(new TextDecoder().decode(new TextEncoder().encode(atom))).toBe(atom);
    expect(xmlErrors(atom)).toEqual([]);
    expect(atom).toContain("Broken pairs and 𝔊 kept");
    const json = await jsonFeed(meta, [hostile], "http://x");
    expect(JSON.parse(json).items[0].title).toBe("Broken pairs and 𝔊 kept");
    expect(json).not.toMatch(/\\u(0000|d800|dc00|dfff)/i);
  });
});
