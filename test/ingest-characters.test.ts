// Characters in ingested text. NUL and lone surrogates cannot be stored: the record that carries
// one is rejected, naming the field, and the run goes on with the next record (a strict run stops
// and writes nothing). The other characters XML 1.0 forbids would make every feed showing the
// paper malformed: they are removed from every text field, and the run counts them.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { StrictIngestError } from "../src/ingest/pipeline.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { FIXTURES, ingestText, jsonl, snapshot } from "./helpers/ingest.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { ROOT } from "./helpers/process.ts";
import { demoUser } from "./helpers/users.ts";

const IngestRecords = graphql(`
  mutation IngestWithCharacters($input: IngestPapersInput!) {
    ingestPapers(input: $input) {
      __typename
      ... on IngestPapersPayload {
        run {
          status
          created
          rejected
          charactersRemoved
          errors {
            location
            message
          }
          failure
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const StoredPaper = graphql(`
  query StoredWithCharacters($arxivId: String!) {
    paper(arxivId: $arxivId) {
      title
      abstract
      categories
      comment
      journalRef
      doi
      authors {
        name
        affiliation
      }
      links {
        abstract
        pdf
        code
        project
      }
    }
  }
`);

/** The characters XML 1.0 allows: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, and astral planes. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** Every string in a value, however nested. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return typeof value === "object" && value !== null ? Object.values(value).flatMap(strings) : [];
}

/** A thousand records, the one at `line` (1-based) carrying `bad` in its title. */
function thousandLines(line: number, bad: string, prefix: string): string {
  return jsonl(
    ...Array.from({ length: 1000 }, (_, i) => ({
      id: `${prefix}.${String(10000 + i)}`,
      title: i + 1 === line ? `A paper with ${bad} in its title` : `A good paper number ${i + 1}`,
      summary: "An abstract long enough to push the line well past the part of the file that is sniffed for its format.",
      authors: ["Ada Lovelace", "Alan Turing"],
      categories: "cs.LG",
    })),
  );
}

describe.each(ENGINES)("characters in ingested records on %s", (engine) => {
  let app: TestApp;
  let curator: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    ({ token: curator } = await demoUser(app, "curator"));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("rejects the one JSON Lines record with a NUL, naming line 701 and the field, and stores the other 999", async () => {
    const r = await ingestText(app, "papers.jsonl", thousandLines(701, "\u0000", "2601"));
    expect(r).toMatchObject({ status: "SUCCEEDED", created: 999, rejected: 1, errorCount: 1 });
    expect(r.errors).toEqual([
      { location: "papers.jsonl:701", message: "title contains a NUL character (U+0000) at character 14, which cannot be stored" },
    ]);
    expect(await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({
      status: "SUCCEEDED",
      created: 999,
      rejected: 1,
      errors: r.errors,
    });
    expect(await app.db.prisma.paper.count({ where: { arxivId: { startsWith: "2601." } } })).toBe(999);
    expect(await app.db.prisma.paper.count({ where: { arxivId: "2601.10700" } })).toBe(0);
  });

  it("names a lone surrogate's field, and the line of a raw NUL byte, and reads on", async () => {
    const r = await ingestText(
      app,
      "mixed.jsonl",
      jsonl(
        { id: "2602.00001", title: "First good paper" },
        { id: "2602.00002", title: "Lone high surrogate", authors: ["Ada Lovelace", "Alan \uD800 Turing"] },
        // A raw NUL byte inside a JSON string: not JSON at all.
        `{"id": "2602.00003", "title": "Raw \u0000 byte"}`,
        { id: "2602.00004", title: "Lone low surrogate", summary: "ends with \uDC00" },
        { id: "2602.00005", title: "Unpaired at the start of a link", github: "\uDBFFhttps://github.com/x/y" },
        { id: "2602.00006", title: "Last good paper" },
      ),
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", created: 2, rejected: 4 });
    expect(r.errors).toEqual([
      { location: "mixed.jsonl:2", message: "authors[1].name contains a lone surrogate (U+D800) at character 6, which cannot be stored" },
      { location: "mixed.jsonl:3", message: "malformed JSON (a raw NUL character at column 36)" },
      { location: "mixed.jsonl:4", message: "abstract contains a lone surrogate (U+DC00) at character 11, which cannot be stored" },
      { location: "mixed.jsonl:5", message: "codeUrl contains a lone surrogate (U+DBFF) at character 1, which cannot be stored" },
    ]);
  });

  it("stops a strict run at the record with a NUL, writing nothing", async () => {
    const before = await snapshot(app.db);
    const err = await ingestText(app, "strict.jsonl", thousandLines(701, "\u0000", "2603"), { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StrictIngestError);
    expect(err).toMatchObject({
      location: "strict.jsonl:701",
      reason: "title contains a NUL character (U+0000) at character 14, which cannot be stored",
    });
    expect(await snapshot(app.db)).toBe(before);
  });

  it("ingestPapers writes the good records and reports the one with a NUL", async () => {
    const r = await app.run(
      IngestRecords,
      {
        input: {
          records: [
            { arxivId: "2604.00001", title: "Good before" },
            { arxivId: "2604.00002", title: "Bad \u0000 title" },
            { arxivId: "2604.00003", title: "Good after", authors: [{ name: "Grace Hopper", affiliation: "Navy \uDFFF" }] },
            { arxivId: "2604.00004", title: "Good at the end" },
          ],
        },
      },
      { token: curator },
    );
    expect(r.errors).toBeUndefined();
    expect(data(r).ingestPapers).toEqual({
      __typename: "IngestPapersPayload",
      run: {
        status: "SUCCEEDED",
        created: 2,
        rejected: 2,
        charactersRemoved: 0,
        failure: null,
        errors: [
          { location: "records[1]", message: "title contains a NUL character (U+0000) at character 5, which cannot be stored" },
          {
            location: "records[2]",
            message: "authors[0].affiliation contains a lone surrogate (U+DFFF) at character 6, which cannot be stored",
          },
        ],
      },
    });
    expect(data(await app.run(StoredPaper, { arxivId: "2604.00004" })).paper!.title).toBe("Good at the end");
  });

  it("reads Atom, HF JSON and page documents with NUL or lone surrogates inside: a clear error or a rejected record", async () => {
    const atom = readFileSync(path.join(FIXTURES, "arxiv-query.atom.xml"), "utf8");
    // &#0;, &#xD800; and &#1; are no XML 1.0 characters: the document is malformed, said so, and nothing crashes.
    for (const reference of ["&#0;", "&#xD800;", "&#1;"]) {
      const r = await ingestText(app, "feed.xml", atom.replace("<title>", `<title>${reference}`), { dryRun: true });
      expect(r).toMatchObject({
        status: "FAILED",
        created: 0,
        failure: expect.stringMatching(/^feed\.xml: not well-formed XML \(14:\d+: malformed character entity\.\)$/),
      });
    }

    const hf = JSON.parse(readFileSync(path.join(FIXTURES, "hf-daily-2025-08-08.json"), "utf8")) as {
      paper: { title: string; summary: string };
    }[];
    hf[0]!.paper.title = "Nul\u0000 in a title";
    hf[1]!.paper.summary = "A lone \uD83D in an abstract";
    const daily = await ingestText(app, "daily.json", JSON.stringify(hf), { dryRun: true });
    expect(daily).toMatchObject({ status: "SUCCEEDED", rejected: 2 });
    expect(daily.errors).toEqual([
      { location: "daily.json: entry 1", message: "title contains a NUL character (U+0000) at character 4, which cannot be stored" },
      { location: "daily.json: entry 2", message: "abstract contains a lone surrogate (U+D83D) at character 8, which cannot be stored" },
    ]);

    const page = readFileSync(path.join(FIXTURES, "page-2025-08-09.txt"), "utf8");
    const lines = page.split("\n");
    const firstAbstract = lines.findIndex((l) => l.startsWith("We fit scaling laws"));
    lines[firstAbstract] = `${lines[firstAbstract]!.slice(0, 10)}\u0000${lines[firstAbstract]!.slice(10)}`;
    const withNul = await ingestText(app, "page.txt", lines.join("\n"), { dryRun: true });
    expect(withNul.status).toBe("SUCCEEDED");
    expect(withNul.rejected).toBe(1);
    expect(withNul.errors[0]!.message).toBe("abstract contains a NUL character (U+0000) at character 11, which cannot be stored");
    // The page's other paper (the seed has it) is read on.
    expect(withNul.created + withNul.updated).toBe(1);
  });

  it("removes the characters XML forbids from every text field, and counts them in the run", async () => {
    const r = await ingestText(
      app,
      "controls.jsonl",
      jsonl({
        id: "2605.00001",
        title: "Bell\u0007 and\u000B vertical tab",
        summary: "Form\u000Cfeed, escape\u001B, and an encoded &#1; too; tab\tand newline\nstay whitespace.",
        authors: [{ name: "Ada\u0001 Lovelace", affiliation: "Analytical\u001F Engines\uFFFE" }],
        categories: ["cs.LG\u0002", "stat.ML"],
        comment: "10 pages\uFFFF",
        "journal-ref": "J. Chars\u0010 1 (2026)",
        doi: "10.1000/xyz\u0011",
        abs: "https://arxiv.org/abs/2605.00001\u0012",
        pdf: "https://arxiv.org/pdf/2605.00001\u0013",
        github: "https://github.com/example/repo\u0014",
        projectPage: "https://example.org/project\u0015",
      }),
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", created: 1, rejected: 0, charactersRemoved: 16 });
    expect(await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({ charactersRemoved: 16 });
    const paper = data(await app.run(StoredPaper, { arxivId: "2605.00001" })).paper!;
    expect(paper).toEqual({
      title: "Bell and vertical tab",
      abstract: "Formfeed, escape, and an encoded too; tab and newline stay whitespace.",
      categories: ["cs.LG", "stat.ML"],
      comment: "10 pages",
      journalRef: "J. Chars 1 (2026)",
      doi: "10.1000/xyz",
      authors: [{ name: "Ada Lovelace", affiliation: "Analytical Engines" }],
      links: {
        abstract: "https://arxiv.org/abs/2605.00001",
        pdf: "https://arxiv.org/pdf/2605.00001",
        code: "https://github.com/example/repo",
        project: "https://example.org/project",
      },
    });
    for (const s of strings(paper)) expect(s).toMatch(XML_CHARS);
  });

  it("ingestPapers reports the characters it removed", async () => {
    const r = await app.run(
      IngestRecords,
      {
        input: {
          records: [
            {
              arxivId: "2606.00001",
              title: "Control\u0001 in a title",
              abstract: "And\u0008 two\u0019 here.",
              authors: [{ name: "Alan\u0003 Turing" }],
            },
            { arxivId: "2606.00002", title: "Clean title" },
          ],
        },
      },
      { token: curator },
    );
    expect(data(r).ingestPapers).toMatchObject({ run: { status: "SUCCEEDED", created: 2, rejected: 0, charactersRemoved: 4 } });
    const paper = data(await app.run(StoredPaper, { arxivId: "2606.00001" })).paper!;
    expect(paper).toMatchObject({ title: "Control in a title", abstract: "And two here.", authors: [{ name: "Alan Turing" }] });
  });
});

describe.runIf(ENGINES.includes("postgres"))("the ingest CLI's summary", () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createDatabase>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-chars-"));
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it("names the record with a NUL at line 701, counts 999 created, and the characters removed", async () => {
    const file = path.join(dir, "papers.jsonl");
    // Escaped in the JSON text, as JSON requires: two characters to remove.
    writeFileSync(file, thousandLines(701, "\u0000", "2607").replace("A good paper number 3", "A good\\u0001 paper\\u0002 number 3"));
    const done = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "src/ingest/cli.ts"), "papers.jsonl"], {
        cwd: dir,
        env: { ...process.env, NODE_ENV: "test", DATABASE_URL: database.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(done.stderr).toBe("");
    expect(done.code).toBe(2);
    const lines = done.stdout.split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(/^papers\.jsonl: 999 created, 0 updated, 0 unchanged, 1 rejected · 2 characters XML forbids removed · /),
    );
    expect(lines).toContain("  rejected papers.jsonl:701: title contains a NUL character (U+0000) at character 14, which cannot be stored");
  });
});
