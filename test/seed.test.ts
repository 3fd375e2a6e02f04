// The seed: the Daily Papers page parsed into 39 papers, each tagged with topics; seeding twice
// changes nothing.
import { createReadStream, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_WEEK_FILE, DEMO_WEEK_FIRST_DAY, DEMO_WEEK_LAST_DAY } from "../seed/demo-week.ts";
import { firstStartSeed, SEED_PAGE, seedDatabase } from "../seed/seed.ts";
import { TOPICS } from "../seed/topics.ts";
import type { Database } from "../src/db.ts";
import { type Line, splitLines } from "../src/ingest/lines.ts";
import { type PageResult, parsePage } from "../src/ingest/parsers/page.ts";
import type { ParsedItem } from "../src/ingest/record.ts";
import { Tagger } from "../src/ingest/tagger.ts";
import { pgliteFrom, testConfig } from "./helpers/app.ts";

async function* asLines(texts: string[]): AsyncGenerator<Line> {
  for (const [i, text] of texts.entries()) yield { lineNo: i + 1, text };
}

async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const out: ParsedItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}

describe("the Daily Papers page parser", () => {
  it("reads 39 papers with title and abstract, skipping the header, dated by the page", async () => {
    const result: PageResult = {};
    const items = await collect(parsePage(splitLines(createReadStream(SEED_PAGE)), { source: "page.txt", date: "2025-08-08" }, result));
    expect(items.every((i) => i.record)).toBe(true);
    expect(items).toHaveLength(39);
    expect(result.listedOn).toBe("2025-08-08");
    const first = items[0]!;
    expect(first.location).toBe("page.txt:13");
    expect(first.record!.title).toBe(
      "Achieving Sample and Computational Efficient Reinforcement Learning by Action Space Reduction via Grouping",
    );
    expect(first.record!.abstract).toMatch(/^Reinforcement learning often needs to deal with/);
    const titles = items.map((i) => i.record!.title);
    for (const header of [
      "Daily Papers",
      "Subscribe",
      "new",
      "Aug 8",
      "Get trending papers in your email inbox!",
      "byAK and the research community",
    ]) {
      expect(titles).not.toContain(header);
    }
  });

  it("takes the year from the page when it has one, else from the given date", async () => {
    const page = ["Daily Papers", "", "Mar 3, 2026", "", "A title", "", "An abstract."];
    const withYear: PageResult = {};
    const items = await collect(parsePage(asLines(page), { source: "p", date: "2025-01-01" }, withYear));
    expect(withYear.listedOn).toBe("2026-03-03");
    expect(items[0]!.record!.listedOn).toBe("2026-03-03");
  });

  it("names a paper without abstract and a missing title by line", async () => {
    const long = "x".repeat(600);
    const items = await collect(
      parsePage(asLines(["Daily Papers", "", "Aug 8", "", long, "", "Title one", "", "Abstract one.", "", "Dangling title"]), {
        source: "p.txt",
        date: "2025-08-08",
      }),
    );
    expect(items.map((i) => [i.location, i.error ?? i.record?.title])).toEqual([
      ["p.txt:5", "expected a title line, found a 600-character paragraph (is the title missing?)"],
      ["p.txt:7", "Title one"],
      ["p.txt:11", 'title "Dangling title" has no abstract'],
    ]);
  });
});

describe("the tagger", () => {
  const tagger = new Tagger(TOPICS.map((t, i) => ({ id: i + 1, ...t })));

  it("tags by title and abstract phrases, best first, deterministically", () => {
    const paper = {
      title: "Fast and Eager k-Medoids Clustering",
      abstract: "We speed up k-medoids clustering. Clustering is everywhere.",
      categories: [],
    };
    const tags = tagger.tag(paper);
    expect(tags[0]!.slug).toBe("clustering");
    expect(tags[0]!.score).toBeGreaterThan(0);
    expect(tags[0]!.score).toBeLessThan(1);
    expect(tagger.tag(paper)).toEqual(tags);
  });

  it("maps arXiv categories to topics", () => {
    const tags = tagger.tag({
      title: "On something",
      abstract: "Nothing specific.",
      categories: ["quant-ph"],
      primaryCategory: "quant-ph",
    });
    expect(tags.map((t) => t.slug)).toEqual(["quantum-machine-learning"]);
  });

  it("matches plurals and hyphenated spellings", () => {
    const tags = tagger.tag({ title: "Self-supervised learning of equivariant networks", abstract: "", categories: [] });
    expect(tags.map((t) => t.slug)).toEqual(expect.arrayContaining(["self-supervised-learning", "equivariant-networks"]));
  });

  it("gives no topic to a text that matches none", () => {
    expect(tagger.tag({ title: "Medieval pottery", abstract: "Shards.", categories: [] })).toEqual([]);
  });
});

describe("seeding", () => {
  let db: Database;
  beforeAll(async () => {
    db = await pgliteFrom("pgliteMigratedDump");
  });
  afterAll(async () => {
    await db?.close();
  });

  it("is idempotent: twice gives 39 papers, not 78", async () => {
    expect(await seedDatabase(db, { demoUsers: true })).toMatch(/39 created/);
    expect(await seedDatabase(db, { demoUsers: true })).toMatch(/0 created, 0 updated, 39 unchanged/);
    expect(await db.prisma.paper.count()).toBe(39);
    expect(await db.prisma.topic.count()).toBe(TOPICS.length);
    expect(await db.prisma.user.count()).toBe(3);
    expect(await db.prisma.ingestRun.count({ where: { source: { startsWith: "seed:" }, status: "SUCCEEDED" } })).toBe(2);
  });

  it("gives every paper at least one topic and a search vector", async () => {
    expect(await db.prisma.paper.count({ where: { topics: { none: {} } } })).toBe(0);
    const [row] = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM paper WHERE search IS NULL`;
    expect(Number(row!.n)).toBe(0);
  });

  it("creates the three demo roles with hashed passwords", async () => {
    const users = await db.prisma.user.findMany({ orderBy: { id: "asc" }, select: { handle: true, role: true, passwordHash: true } });
    expect(users.map((u) => [u.handle, u.role])).toEqual([
      ["reader", "READER"],
      ["curator", "CURATOR"],
      ["admin", "ADMIN"],
    ]);
    for (const u of users) expect(u.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe("the demo week", () => {
  // The committed extract: one JSON record a line, each a distinct arXiv paper listed in 2025-W32.
  const records = gunzipSync(readFileSync(DEMO_WEEK_FILE))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; date: string; title: string });

  it("is the ISO week of the seed page, about 1,200 distinct papers, under 1 MB gzipped", () => {
    expect(records.length).toBeGreaterThan(1_000);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records.every((r) => r.date >= DEMO_WEEK_FIRST_DAY && r.date <= DEMO_WEEK_LAST_DAY)).toBe(true);
    expect(readFileSync(DEMO_WEEK_FILE).length).toBeLessThan(1024 * 1024);
  });

  it("is not in the tests' template: only the 39 papers of the seed page", async () => {
    const db = await pgliteFrom("pgliteDump");
    try {
      expect(await db.prisma.paper.count()).toBe(39);
      expect(await db.prisma.ingestRun.count({ where: { source: { contains: "arxiv-week" } } })).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("is seeded on a first start in development only: never in production or test, even when asked", () => {
    expect(testConfig({ NODE_ENV: "development" }).seedDemoWeek).toBe(true);
    expect(testConfig({ NODE_ENV: "development", SEED_DEMO_WEEK: "0" }).seedDemoWeek).toBe(false);
    expect(testConfig({ NODE_ENV: "test" }).seedDemoWeek).toBe(false);
    expect(testConfig({ NODE_ENV: "test", SEED_DEMO_WEEK: "1" }).seedDemoWeek).toBe(true);
    expect(testConfig({ NODE_ENV: "production", SEED_DEMO_WEEK: "1" }).seedDemoWeek).toBe(false);
  });

  it("a development first start seeds the whole week through the pipeline (topics, code links, authors), idempotently", async () => {
    const db = await pgliteFrom("pgliteMigratedDump");
    try {
      const seed = firstStartSeed(testConfig({ NODE_ENV: "development" }))!;
      expect(await seed(db)).toMatch(
        new RegExp(`39 created.*Demo week arxiv-week-2025-W32.jsonl.gz: ${records.length} created, 0 updated`),
      );
      expect(await db.prisma.paper.count()).toBe(39 + records.length);
      const inWeek = { listedOn: { gte: new Date(DEMO_WEEK_FIRST_DAY), lte: new Date(DEMO_WEEK_LAST_DAY) }, arxivId: { not: null } };
      expect(await db.prisma.paper.count({ where: inWeek })).toBe(records.length);
      // What a newcomer queries first shows real data: topics, code links found in abstracts, authors.
      expect(await db.prisma.paper.count({ where: { ...inWeek, topics: { some: {} } } })).toBeGreaterThan(records.length / 2);
      expect(await db.prisma.paper.count({ where: { ...inWeek, codeUrl: { startsWith: "https://github.com/" } } })).toBeGreaterThan(50);
      expect(await db.prisma.author.count()).toBeGreaterThan(3_000);
      const one = records.find((r) => r.id === "2508.01432")!;
      expect((await db.prisma.paper.findUniqueOrThrow({ where: { arxivId: one.id }, select: { title: true } })).title).toBe(one.title);

      expect(await seed(db)).toMatch(
        new RegExp(`Demo week arxiv-week-2025-W32.jsonl.gz: 0 created, 0 updated, ${records.length} unchanged`),
      );
      expect(await db.prisma.paper.count()).toBe(39 + records.length);
    } finally {
      await db.close();
    }
  });

  it("a production first start seeds the seed page only", async () => {
    const db = await pgliteFrom("pgliteMigratedDump");
    try {
      await firstStartSeed(testConfig({ NODE_ENV: "production", SEED_DEMO_WEEK: "1" }))!(db);
      expect(await db.prisma.paper.count()).toBe(39);
      expect(await db.prisma.user.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
