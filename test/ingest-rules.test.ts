// The identity, merge, version, dedup and tagging rules, as a hub's users would see them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { retagAll } from "../src/ingest/retag.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { ingestFixture, ingestText, jsonl } from "./helpers/ingest.ts";

describe.each(ENGINES)("ingestion rules on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  const stored = (arxivId: string) =>
    app.db.prisma.paper.findUniqueOrThrow({
      where: { arxivId },
      include: { authors: { orderBy: { position: "asc" }, include: { author: true } }, topics: { include: { topic: true } } },
    });

  it("changes nothing when the same input comes twice", async () => {
    const first = await ingestFixture(app, "arxiv-query.atom.xml");
    expect(first.created).toBe(4);
    const papers = await app.db.prisma.paper.findMany({ orderBy: { id: "asc" } });
    const joins = await app.db.prisma.paperAuthor.count();
    const tags = await app.db.prisma.paperTopic.count();

    const second = await ingestFixture(app, "arxiv-query.atom.xml");
    expect(second).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await app.db.prisma.paper.findMany({ orderBy: { id: "asc" } })).toEqual(papers);
    expect(await app.db.prisma.paperAuthor.count()).toBe(joins);
    expect(await app.db.prisma.paperTopic.count()).toBe(tags);
  });

  it("updates a paper with a newer arXiv version and ignores an older one", async () => {
    const v1 = {
      id: "2506.00001v1",
      title: "Graph Clustering with Spectral Methods",
      summary: "A spectral method.",
      authors: ["Ana Souza"],
      categories: ["cs.LG"],
    };
    expect(await ingestText(app, "v1.jsonl", jsonl(v1))).toMatchObject({ created: 1 });
    const before = await stored("2506.00001");

    const v2 = {
      id: "2506.00002v2".replace("00002", "00001"),
      title: "Graph Clustering with Spectral and Kernel Methods",
      summary: "A spectral method, now with kernels.",
      authors: ["Ana Souza", "Bo Chen"],
      categories: ["cs.LG", "stat.ML"],
    };
    expect(await ingestText(app, "v2.jsonl", jsonl(v2))).toMatchObject({ created: 0, updated: 1 });
    const after = await stored("2506.00001");
    expect(after).toMatchObject({
      id: before.id,
      arxivVersion: 2,
      title: v2.title,
      abstract: v2.summary,
      categories: ["cs.LG", "stat.ML"],
    });
    expect(after.authors.map((a) => a.author.name)).toEqual(["Ana Souza", "Bo Chen"]);
    expect(after.ingestSeq).toBe(before.ingestSeq);

    // v1 again, even with other text: an older version changes nothing.
    expect(await ingestText(app, "v1-again.jsonl", jsonl({ ...v1, title: "Something else entirely" }))).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    expect((await stored("2506.00001")).title).toBe(v2.title);
  });

  it("counts a duplicate inside one file once, keeping its newest version, within and across chunks", async () => {
    const rec = (v: number) => ({ id: `2506.00010v${v}`, title: `Duplicated paper, version ${v}`, summary: "Text.", authors: ["Z. Dup"] });
    const r = await ingestText(app, "dups.jsonl", jsonl(rec(1), rec(3), rec(2)));
    expect(r).toMatchObject({ created: 1, updated: 0, unchanged: 2, rejected: 0 });
    expect(await stored("2506.00010")).toMatchObject({ arxivVersion: 3, title: "Duplicated paper, version 3" });

    const spread = await ingestText(app, "dups2.jsonl", jsonl(rec(4), { id: "2506.00011", title: "Filler" }, rec(4), rec(5)), {
      chunkSize: 2,
    });
    expect(spread).toMatchObject({ created: 1, updated: 2, unchanged: 1 });
    expect((await stored("2506.00010")).arxivVersion).toBe(5);
  });

  it("knows a paper without an id by its title, whatever its case, spacing, punctuation or TeX", async () => {
    const r = await ingestText(app, "titles.jsonl", jsonl({ title: 'On the G\\"odel Numbering of Proofs', abstract: "First." }));
    expect(r.created).toBe(1);
    const again = await ingestText(app, "titles2.jsonl", jsonl({ title: "on the  Gödel numbering of proofs!", abstract: "First." }));
    expect(again).toMatchObject({ created: 0, updated: 1 });
    expect(await app.db.prisma.paper.count({ where: { titleKey: "on the godel numbering of proofs" } })).toBe(1);
    // arXiv later brings the id: the same paper gets it.
    const withId = await ingestText(
      app,
      "titles3.jsonl",
      jsonl({ id: "2506.00020v1", title: "On the Gödel Numbering of Proofs", abstract: "First." }),
    );
    expect(withId).toMatchObject({ created: 0, updated: 1 });
    expect(await app.db.prisma.paper.count({ where: { titleKey: "on the godel numbering of proofs" } })).toBe(1);
  });

  it("keeps one Author per person however the name is written", async () => {
    await ingestText(
      app,
      "people.jsonl",
      jsonl(
        { id: "2506.00030", title: "Paper A", authors: ["Bal\\'azs K\\\"ov\\'er", "Ana Souza"] },
        { id: "2506.00031", title: "Paper B", authors: ["Balázs Kövér"] },
        { id: "2506.00032", title: "Paper C", authors: ["Kövér, Balázs"] },
        { id: "2506.00033", title: "Paper D", authors: [{ name: "BALÁZS   KÖVÉR" }] },
      ),
    );
    const authors = await app.db.prisma.author.findMany({ where: { key: "balazs kover" }, include: { papers: true } });
    expect(authors).toHaveLength(1);
    expect(authors[0]!.name).toBe("Balázs Kövér");
    const papers = await app.db.prisma.paper.findMany({
      where: { arxivId: { in: ["2506.00030", "2506.00031", "2506.00032", "2506.00033"] } },
    });
    expect(authors[0]!.papers.map((p) => p.paperId)).toEqual(expect.arrayContaining(papers.map((p) => p.id)));
    expect(papers).toHaveLength(4);
  });

  it("tags by category and keywords, deterministically, never twice, and never removes a curator's tag", async () => {
    const paper = {
      id: "2506.00040v1",
      title: "Fast k-means clustering for single-cell data",
      summary: "We propose a k-means clustering method for large single-cell datasets.",
      categories: ["cs.LG", "q-bio.GN"],
    };
    await ingestText(app, "tagging.jsonl", jsonl(paper));
    const tagged = await stored("2506.00040");
    const slugs = tagged.topics.map((t) => t.topic.slug).sort();
    expect(slugs).toContain("clustering");
    for (const t of tagged.topics) expect(t.score).toBeGreaterThan(0);
    expect(new Set(slugs).size).toBe(slugs.length);

    // A curator adds a topic the tagger would never give.
    const curated = await app.db.prisma.topic.findFirstOrThrow({ where: { slug: { notIn: slugs } } });
    await app.db.prisma.paperTopic.create({ data: { paperId: tagged.id, topicId: curated.id, score: 1, source: "CURATOR" } });

    // A new version changes the text: the tagger re-tags, the curator's topic stays.
    await ingestText(
      app,
      "tagging2.jsonl",
      jsonl({ ...paper, id: "2506.00040v2", summary: `${paper.summary} Also graph neural networks.` }),
    );
    const retagged = await stored("2506.00040");
    expect(retagged.topics.find((t) => t.topicId === curated.id)).toMatchObject({ source: "CURATOR", score: 1 });
    expect(retagged.topics.filter((t) => t.source === "TAGGER").map((t) => t.topic.slug)).toContain("clustering");
  });

  it("retags everything after the taxonomy changes, keeping curators' tags", async () => {
    const topic = await app.db.prisma.topic.findUniqueOrThrow({ where: { slug: "clustering" } });
    const paper = await stored("2506.00040");
    const curatorTags = paper.topics.filter((t) => t.source === "CURATOR");
    expect(curatorTags).toHaveLength(1);

    const unchanged = await retagAll(app.db);
    expect(unchanged.changed).toBe(0);
    expect(unchanged.papers).toBe(await app.db.prisma.paper.count());

    // "clustering" stops matching k-means papers: they lose it; the curator's tag stays. Each
    // changed paper is published as updated once, through the listener ingestion publishes with.
    await app.db.prisma.topic.update({ where: { id: topic.id }, data: { keywords: ["zzz-no-such-phrase"], categories: [] } });
    const updated: number[] = [];
    const result = await retagAll(app.db, {
      chunkSize: 7,
      onCommit: async (change) => {
        updated.push(...change.updated.map((u) => u.id));
        await app.onIngestCommit(change);
      },
    });
    expect(result.changed).toBeGreaterThan(0);
    expect(updated).toContain(paper.id);
    expect(updated).toHaveLength(result.changed);
    expect(new Set(updated).size).toBe(updated.length);
    const after = await stored("2506.00040");
    expect(after.topics.map((t) => t.topic.slug)).not.toContain("clustering");
    expect(after.topics.filter((t) => t.source === "CURATOR").map((t) => t.topicId)).toEqual(curatorTags.map((t) => t.topicId));
    await app.db.prisma.topic.update({ where: { id: topic.id }, data: { keywords: topic.keywords, categories: topic.categories } });
    expect((await retagAll(app.db)).changed).toBeGreaterThan(0);
    expect((await stored("2506.00040")).topics.map((t) => t.topic.slug)).toContain("clustering");
  });

  it("records every run with its source, format, counts and errors", async () => {
    const r = await ingestText(app, "audit.jsonl", jsonl({ id: "2506.00050", title: "Audited" }, { id: "2506.00051" }), {
      source: "cli:audit.jsonl",
    });
    const run = await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({
      source: "cli:audit.jsonl",
      format: "jsonl",
      status: "SUCCEEDED",
      created: 1,
      rejected: 1,
      errorCount: 1,
      strict: false,
      dryRun: false,
    });
    expect(run.errors).toEqual([{ location: "audit.jsonl:2", message: "no title" }]);
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
  });

  it("counts without writing in a dry run", async () => {
    const before = await app.db.prisma.paper.count();
    const r = await ingestText(
      app,
      "dry.jsonl",
      jsonl({ id: "2506.00060", title: "Dry A" }, { id: "2506.00061", title: "Dry B" }, { id: "2506.00050", title: "Audited, revised" }),
      { dryRun: true },
    );
    expect(r).toMatchObject({ dryRun: true, created: 2, updated: 1, unchanged: 0 });
    expect(await app.db.prisma.paper.count()).toBe(before);
    expect((await stored("2506.00050")).title).toBe("Audited");
    expect(await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({
      dryRun: true,
      created: 2,
      updated: 1,
    });
  });
});
