// submitPaper with the arXiv id alone: the metadata comes from the arXiv API (here a local HTTP
// server replaying recorded-shape answers, test/fixtures/arxiv-api/), through the pollers' polite
// client. When arXiv cannot be reached (503 after the retries, connection refused, a timeout) the
// answer is SourceUnavailable with a retry hint, an id arXiv does not know is NotFound, and in
// every failing case nothing is written.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { SubmitPaperInput } from "./gql/graphql.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { demoUser, HIGH_LIMITS, newUser, type TestUser } from "./helpers/users.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "arxiv-api");
const recorded = (name: string) => readFileSync(path.join(fixtures, name), "utf8");

const SubmitById = graphql(`
  mutation SubmitById($input: SubmitPaperInput!) {
    submitPaper(input: $input) {
      __typename
      ... on SubmitPaperPayload {
        duplicate
        paper {
          arxivId
          arxivVersion
          title
          abstract
          listedOn
          categories
          primaryCategory
          comment
          authors {
            name
          }
          links {
            abstract
            code
            codeSource
          }
          topics {
            topic {
              slug
            }
          }
          submittedBy {
            handle
          }
        }
      }
      ... on SourceUnavailable {
        source
        retryAfter
      }
      ... on NotFound {
        what
        ref
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

/** What the fake arXiv does with the next requests. */
type Mode = "replay" | "503" | "503-then-replay" | "hang";

describe.each(ENGINES)("submitPaper by arXiv id on %s", (engine) => {
  let app: TestApp;
  let arxiv: Server;
  let mode: Mode = "replay";
  let requests: URL[] = [];
  let user: TestUser;

  beforeAll(async () => {
    arxiv = createServer((req, res) => {
      const url = new URL(req.url!, "http://arxiv.test");
      requests.push(url);
      if (mode === "hang") return; // never answers: the lookup's timeout ends it
      if (mode === "503" || (mode === "503-then-replay" && requests.length === 1)) {
        res.writeHead(503, { "retry-after": "1", "content-type": "text/plain" }).end("Service Unavailable");
        return;
      }
      const id = url.searchParams.get("id_list")?.replace(/v\d+$/, "");
      const file = id === "2508.01432" ? `${id}.atom.xml` : "not-found.atom.xml";
      res.writeHead(200, { "content-type": "application/atom+xml; charset=utf-8" }).end(recorded(file));
    });
    await new Promise<void>((r) => arxiv.listen(0, "127.0.0.1", r));
    app = await createTestApp(engine, {
      ...HIGH_LIMITS,
      ARXIV_API_URL: `http://127.0.0.1:${(arxiv.address() as AddressInfo).port}/api/query`,
      ARXIV_MIN_INTERVAL: "0",
      ARXIV_LOOKUP_RETRIES: "1",
      ARXIV_LOOKUP_TIMEOUT: "1",
    });
    user = await newUser(app, `submitter_${engine}`);
  });
  afterAll(async () => {
    arxiv?.closeAllConnections();
    await new Promise((r) => arxiv?.close(r));
    await app?.close();
  });
  beforeEach(() => {
    mode = "replay";
    requests = [];
  });

  /** Papers and submission runs: what a failed submission must leave as it was. */
  const written = async () => ({
    papers: await app.db.prisma.paper.count(),
    runs: await app.db.prisma.ingestRun.count({ where: { source: "graphql:submitPaper" } }),
  });

  const submit = async (input: SubmitPaperInput) => data(await app.run(SubmitById, { input }, { token: user.token })).submitPaper;

  it("503 from arXiv after the retries: SourceUnavailable with arXiv's Retry-After as the hint, nothing written", async () => {
    mode = "503";
    const before = await written();
    const r = await submit({ arxivId: "2508.01432" });
    expect(r.__typename).toBe("SourceUnavailable");
    if (r.__typename !== "SourceUnavailable") return;
    expect(r).toMatchObject({ source: "arXiv", retryAfter: 1, code: "SOURCE_UNAVAILABLE" });
    expect(r.message).toMatch(/arXiv cannot be reached .*503.*nothing was written/);
    // The first call and one retry (ARXIV_LOOKUP_RETRIES=1): polite, never a tight loop.
    expect(requests).toHaveLength(2);
    expect(await written()).toEqual(before);
  });

  it("connection refused: SourceUnavailable with the default hint, nothing written", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await createTestApp(engine, {
      ...HIGH_LIMITS,
      ARXIV_API_URL: `http://127.0.0.1:${port}/api/query`,
      ARXIV_MIN_INTERVAL: "0",
      ARXIV_LOOKUP_RETRIES: "0",
    });
    try {
      const u = await newUser(refused, `refused_${engine}`);
      const papers = await refused.db.prisma.paper.count();
      const r = data(await refused.run(SubmitById, { input: { arxivId: "2508.01432" } }, { token: u.token })).submitPaper;
      expect(r.__typename).toBe("SourceUnavailable");
      if (r.__typename !== "SourceUnavailable") return;
      expect(r.retryAfter).toBe(30);
      expect(r.message).toMatch(/network error/);
      expect(await refused.db.prisma.paper.count()).toBe(papers);
    } finally {
      await refused.close();
    }
  });

  it("arXiv too slow: SourceUnavailable after the timeout, nothing written", async () => {
    mode = "hang";
    const before = await written();
    const r = await submit({ arxivId: "2508.01432" });
    expect(r.__typename).toBe("SourceUnavailable");
    if (r.__typename === "SourceUnavailable") expect(r.message).toMatch(/timed out/);
    expect(await written()).toEqual(before);
  });

  it("an id arXiv does not know: NotFound naming it, nothing written", async () => {
    const before = await written();
    const r = await submit({ arxivId: "2508.99999v2" });
    expect(r).toMatchObject({ __typename: "NotFound", what: "arXiv paper", ref: "2508.99999v2", code: "NOT_FOUND" });
    expect(requests.map((u) => u.searchParams.get("id_list"))).toEqual(["2508.99999v2"]);
    expect(await written()).toEqual(before);
  });

  it("half a description (a title without abstract and authors) is refused by field, before arXiv is asked", async () => {
    const r = await submit({ arxivId: "2508.01432", title: "TripTailor" });
    expect(r.__typename).toBe("ValidationError");
    if (r.__typename !== "ValidationError") return;
    expect(r.issues.map((i) => i.path)).toEqual([
      ["input", "abstract"],
      ["input", "authors"],
    ]);
    expect(r.issues[0]!.message).toMatch(/leave out title, abstract and authors to fetch them from arXiv/);
    expect(requests).toHaveLength(0);
  });

  it("a description given in full: nothing is fetched", async () => {
    const r = await submit({
      arxivId: "2509.00001",
      title: "A paper described by hand",
      abstract: "Its abstract.",
      authors: ["A. Author"],
    });
    expect(r.__typename).toBe("SubmitPaperPayload");
    if (r.__typename === "SubmitPaperPayload") expect(r.paper.title).toBe("A paper described by hand");
    expect(requests).toHaveLength(0);
  });

  it("the id alone: the paper as arXiv has it, after a transient 503, submitted by the user and listed today", async () => {
    mode = "503-then-replay";
    const r = await submit({ arxivId: "arXiv:2508.01432" });
    expect(r.__typename).toBe("SubmitPaperPayload");
    if (r.__typename !== "SubmitPaperPayload") return;
    expect(r.duplicate).toBe(false);
    const p = r.paper;
    expect(p).toMatchObject({
      arxivId: "2508.01432",
      arxivVersion: 1,
      title: "TripTailor: A Real-World Benchmark for Personalized Travel Planning",
      listedOn: new Date().toISOString().slice(0, 10),
      categories: ["cs.AI"],
      primaryCategory: "cs.AI",
      comment: "Accepted to ACL 2025 Findings",
      submittedBy: { handle: `submitter_${engine}` },
      links: { abstract: "http://arxiv.org/abs/2508.01432v1", code: "https://github.com/swxkfm/TripTailor", codeSource: "ABSTRACT" },
    });
    expect(p.abstract).toMatch(/^The continuous evolution and enhanced reasoning capabilities of large language models/);
    expect(p.authors.map((a) => a.name)).toEqual(["Yuanzhe Shen", "Kaimin Wang", "Changze Lv", "Xiaoqing Zheng", "Xuanjing Huang"]);
    // Through the ingestion pipeline: tagged like any ingested paper.
    expect(p.topics.length).toBeGreaterThan(0);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.searchParams.get("id_list")).toBe("2508.01432");
  });

  it("a paper already known is returned as a duplicate without asking arXiv", async () => {
    const curator = await demoUser(app, "curator");
    const r = data(await app.run(SubmitById, { input: { arxivId: "2508.01432v3" } }, { token: curator.token })).submitPaper;
    expect(r).toMatchObject({ __typename: "SubmitPaperPayload", duplicate: true, paper: { arxivId: "2508.01432" } });
    expect(requests).toHaveLength(0);
  });
});
