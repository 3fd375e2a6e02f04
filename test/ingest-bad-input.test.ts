// Bad input: each bad record named by file:line (or entry) with its reason while the rest go in;
// each unreadable input one clear error; strict runs that leave the database exactly as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { localFile } from "../src/ingest/input.ts";
import { StrictIngestError } from "../src/ingest/pipeline.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { FIXTURES, ingestInput, ingestText, jsonl, pgDump, snapshot } from "./helpers/ingest.ts";

const good = (n: number) => ({ id: `2507.${String(10000 + n)}`, title: `A good paper number ${n}`, summary: "Fine." });

describe.each(ENGINES)("bad input on %s", (engine) => {
  let app: TestApp;
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return localFile(p, name);
  };

  beforeAll(async () => {
    app = await createTestApp(engine);
    dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-bad-"));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("rejects each bad record with its line and reason, and stores the rest", async () => {
    const r = await ingestText(
      app,
      "mixed.jsonl",
      jsonl(
        good(1),
        "{ this is not json",
        { id: "2507.10002", summary: "No title here." },
        { ...good(3), published: "last tuesday" },
        { ...good(4), title: "x".repeat(5000) },
        { ...good(5), authors: Array.from({ length: 6000 }, (_, i) => `Author ${i}`) },
        { ...good(6), summary: "y".repeat(60_000) },
        { ...good(7), authors: 5 },
        { ...good(8), id: "not-an-id" },
        { ...good(9), pdf: "javascript:alert(1)" },
        "[1, 2, 3]",
        "",
        good(12),
      ),
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", created: 2, rejected: 10, errorCount: 10 });
    expect(r.errors).toEqual([
      { location: "mixed.jsonl:2", message: expect.stringMatching(/^malformed JSON/) },
      { location: "mixed.jsonl:3", message: "no title" },
      { location: "mixed.jsonl:4", message: 'published "last tuesday" is not a date (expected YYYY-MM-DD or an ISO 8601 time)' },
      { location: "mixed.jsonl:5", message: "title is 5000 characters (at most 1000)" },
      { location: "mixed.jsonl:6", message: "6000 authors (at most 5000)" },
      { location: "mixed.jsonl:7", message: "abstract is 60000 characters (at most 50000)" },
      { location: "mixed.jsonl:8", message: "authors must be an array or a string, not a number" },
      { location: "mixed.jsonl:9", message: '"not-an-id" is not an arXiv id (like 2503.11731v2 or hep-th/9901001)' },
      { location: "mixed.jsonl:10", message: "pdfUrl is not an http(s) URL" },
      { location: "mixed.jsonl:11", message: "expected a paper object, found an array" },
    ]);
    const run = await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run.errors).toEqual(r.errors);
  });

  it("names bad entries of JSON documents and Atom feeds by index", async () => {
    const json = await ingestText(app, "day.json", JSON.stringify([good(20), { paper: { id: "2507.10021" } }, "text"]));
    expect(json.errors).toEqual([
      { location: "day.json: entry 2", message: "no title" },
      { location: "day.json: entry 3", message: "expected a paper object, found a string" },
    ]);
    const atom = readFileSync(path.join(FIXTURES, "arxiv-query.atom.xml"), "utf8").replace(
      "<published>2025-03-14T18:00:01Z</published>",
      "<published>soon</published>",
    );
    const feed = await ingestText(app, "feed.xml", atom);
    expect(feed.errors).toEqual([
      { location: "feed.xml: entry 2 (line 44)", message: 'published "soon" is not a date (expected YYYY-MM-DD or an ISO 8601 time)' },
    ]);
  });

  it("keeps the first 100 errors and counts them all", async () => {
    const r = await ingestText(app, "many.jsonl", jsonl(...Array.from({ length: 150 }, () => ({ summary: "untitled" })), good(30)));
    expect(r).toMatchObject({ created: 1, rejected: 150, errorCount: 150 });
    expect(r.errors).toHaveLength(100);
    expect(r.errors[99]!.location).toBe("many.jsonl:100");
  });

  it.each([
    ["an empty file", "empty.jsonl", "", /^empty\.jsonl is empty$/],
    ["a file of blank lines", "blank.txt", "\n\n   \n", /^blank\.txt is empty$/],
    [
      "binary garbage",
      "garbage.bin",
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
      /^garbage\.bin is binary data, not text/,
    ],
    [
      "text in no known format",
      "notes.txt",
      "Meeting notes\nWe should ingest more papers.\n",
      /^notes\.txt is in no known format \(expected .*\); it starts with "Meeting notes We should/,
    ],
    [
      "an HTML page",
      "page.html",
      "<!doctype html>\n<html><body>Daily Papers</body></html>",
      /^page\.html: an XML or HTML document whose root element is <html>, not an Atom <feed>/,
    ],
    [
      "a truncated Atom feed",
      "cut.xml",
      readFileSync(path.join(FIXTURES, "arxiv-query.atom.xml"), "utf8").slice(0, 2500),
      /^cut\.xml: not well-formed XML/,
    ],
    [
      "a JSON array with a 9 MB element",
      "big.json",
      `[{"title": "ok"}, {"title": "${"z".repeat(9 * 1024 * 1024)}"}]`,
      /^big\.json: entry 2 is larger than 8 MiB: not a paper record$/,
    ],
    [
      "a truncated JSON document",
      "cut.json",
      '[{"id": "2507.10040", "title": "Cut"}, {"id": "2507.1',
      /^cut\.json: the JSON document ends before it is complete/,
    ],
  ])("fails %s with one clear error", async (_what, name, content, message) => {
    const before = await app.db.prisma.paper.count();
    const r = await ingestInput(app, file(name, content));
    expect(r.status).toBe("FAILED");
    expect(r.failure).toMatch(message);
    expect(await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({
      status: "FAILED",
      failure: r.failure,
    });
    // What was read before a cut stays written (the truncated JSON has one whole record); the others write nothing.
    expect(await app.db.prisma.paper.count()).toBe(before + (name === "cut.json" || name === "big.json" ? 1 : 0));
  });

  it("fails a truncated or corrupt gzip with one clear error", async () => {
    const gz = gzipSync(readFileSync(path.join(FIXTURES, "corpus-slice.jsonl")));
    const truncated = await ingestInput(app, file("slice.jsonl.gz", gz.subarray(0, Math.floor(gz.length * 0.6))));
    expect(truncated).toMatchObject({
      status: "FAILED",
      failure: "slice.jsonl.gz: the gzip data is truncated (it ends before the compressed stream does)",
    });
    const corrupt = Buffer.concat([gz.subarray(0, 10), Buffer.alloc(200, 0xff)]);
    const bad = await ingestInput(app, file("corrupt.gz", corrupt));
    expect(bad.status).toBe("FAILED");
    expect(bad.failure).toMatch(/^corrupt\.gz: the gzip data is corrupt/);
  });

  it("skips a 20 MB line with one error and reads on; 20 MB of text on one line is no known format", async () => {
    const huge = `{"id": "2507.10051", "title": "${"x".repeat(20 * 1024 * 1024)}"}`;
    const r = await ingestInput(app, file("huge.jsonl", jsonl(good(50), huge, good(52))));
    expect(r).toMatchObject({ status: "SUCCEEDED", created: 2, rejected: 1 });
    expect(r.errors).toEqual([
      {
        location: "huge.jsonl:2",
        message: `the line is ${Buffer.byteLength(huge).toLocaleString("en")} bytes long (at most 1,048,576 per record): skipped`,
      },
    ]);

    const prose = await ingestInput(app, file("prose.txt", "lorem ipsum ".repeat(1_800_000)));
    expect(prose.status).toBe("FAILED");
    expect(prose.failure).toMatch(/^prose\.txt is in no known format/);
  });

  describe("strict", () => {
    const dump = async () => (engine === "postgres" ? `${await snapshot(app.db)}\n${await pgDump(app.db)}` : snapshot(app.db));

    it("stops at the first bad record and leaves the database byte-for-byte unchanged", async () => {
      const before = await dump();
      // 1200 good records first: more than two chunks would have been written by a non-strict run.
      const lines = [...Array.from({ length: 1200 }, (_, i) => good(100 + i)), { id: "2507.19999", summary: "no title" }, good(1400)];
      const err = await ingestText(app, "strict.jsonl", jsonl(...lines), { strict: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StrictIngestError);
      expect(err).toMatchObject({ location: "strict.jsonl:1201", reason: "no title" });
      expect((err as Error).message).toBe("strict.jsonl:1201: no title (strict mode: nothing was written)");
      expect(await dump()).toBe(before);
    });

    it("stops at an unreadable input too, and writes nothing", async () => {
      const before = await dump();
      const gz = gzipSync(Buffer.from(jsonl(...Array.from({ length: 900 }, (_, i) => good(2000 + i)))));
      const err = await ingestInput(app, file("strict.jsonl.gz", gz.subarray(0, gz.length - 20)), { strict: true }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StrictIngestError);
      expect((err as Error).message).toMatch(/^strict\.jsonl\.gz: the gzip data is truncated .* \(strict mode: nothing was written\)$/);
      expect(await dump()).toBe(before);
    });

    it("writes a clean input, recorded as strict", async () => {
      const r = await ingestText(app, "clean.jsonl", jsonl(good(3000), good(3001)), { strict: true });
      expect(r).toMatchObject({ status: "SUCCEEDED", created: 2 });
      expect(await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({ strict: true });
    });
  });
});
