// Every input format, from real-shaped fixtures, through the one ingestion path; what a client
// then reads over GraphQL. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { memoryFile, textFile } from "../src/ingest/input.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { FIXTURES, ingestFixture, ingestInput } from "./helpers/ingest.ts";

const PaperDetails = graphql(`
  query IngestedPaper($arxivId: String!) {
    paper(arxivId: $arxivId) {
      arxivId
      arxivVersion
      title
      abstract
      authors {
        name
        affiliation
        author {
          id
        }
      }
      categories
      primaryCategory
      publishedAt
      sourceUpdatedAt
      listedOn
      links {
        abstract
        pdf
        code
        project
      }
      comment
      journalRef
      doi
      sourceUpvotes
      topics {
        source
        topic {
          slug
        }
      }
    }
  }
`);

describe.each(ENGINES)("ingestion formats on %s", (engine) => {
  let app: TestApp;
  const paper = async (arxivId: string) => {
    const r = await app.run(PaperDetails, { arxivId });
    expect(r.errors).toBeUndefined();
    return data(r).paper;
  };

  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reads a recorded arXiv API response: versions, old-style ids, multi-line titles, affiliations, TeX names", async () => {
    const run = await ingestFixture(app, "arxiv-query.atom.xml");
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 4, updated: 0, rejected: 0, formats: ["atom"] });

    const p = await paper("2503.11731v2");
    expect(p).toMatchObject({
      arxivId: "2503.11731",
      arxivVersion: 2,
      title:
        "Industrial-Grade Sensor Simulation via Gaussian Splatting: A Modular Framework for Scalable Editing and Full-Stack Validation",
      categories: ["cs.CV", "cs.RO"],
      primaryCategory: "cs.CV",
      publishedAt: "2025-03-14T17:59:58.000Z",
      sourceUpdatedAt: "2025-03-20T09:12:44.000Z",
      comment: "15 pages, 9 figures; v2: typos fixed",
      journalRef: "IEEE Robotics and Automation Letters 10 (2025) 4021-4028",
      doi: "10.48550/arXiv.2503.11731",
      links: { abstract: "http://arxiv.org/abs/2503.11731v2", pdf: "http://arxiv.org/pdf/2503.11731v2", code: null, project: null },
    });
    expect(p!.abstract).toMatch(/^Sensor simulation is pivotal for scalable validation of autonomous driving systems, yet/);
    expect(p!.abstract).toContain("challenges & reduces");
    expect(p!.authors.map((a) => [a.name, a.affiliation])).toEqual([
      ["Xianming Zeng", "Zhejiang University"],
      ["Sicong Du", "Zhejiang University; Udeer.ai"],
      ["Qifeng Chen", null],
    ]);
    // Listed on its published day when the input names no listing day.
    expect(p!.listedOn).toBe("2025-03-14");

    const old = await paper("hep-th/9901001");
    expect(old).toMatchObject({
      arxivVersion: 1,
      title: "Vacuum Polarization in Non-Commutative Gauge Theories and the Conformal Anomaly",
      journalRef: "Phys.Lett. B450 (1999) 97-104",
      primaryCategory: "hep-th",
    });
    expect(old!.abstract).toContain("with \\theta < 1 and");
    expect(old!.authors.map((a) => [a.name, a.affiliation])).toEqual([
      ["Balázs Kövér", "Eötvös University, Budapest"],
      ["J. M. Gömez", null],
    ]);

    // A title the API escaped twice, and the same person written in TeX and in Unicode: one author.
    const kmeans = await paper("2503.11900");
    expect(kmeans!.title).toBe("K-Means Clustering at Scale: Streaming & Mini-Batch Methods");
    expect(kmeans!.authors[1]!.author.id).toBe(old!.authors[0]!.author.id);
    expect(kmeans!.topics.map((t) => t.topic.slug)).toContain("clustering");
  });

  it("reads a Hugging Face daily papers day and a single /api/papers object", async () => {
    const before = await app.db.prisma.paper.findFirstOrThrow({
      where: { title: "Lie Group Decompositions for Equivariant Neural Networks" },
    });
    const day = await ingestFixture(app, "hf-daily-2025-08-08.json");
    // The seeded page paper is found by its title (case-insensitively) and gains its arXiv id.
    expect(day).toMatchObject({ status: "SUCCEEDED", created: 2, updated: 1, rejected: 0, formats: ["hf"] });
    const lie = await paper("2310.11366");
    expect(lie).toMatchObject({
      title: "Lie group decompositions for equivariant neural networks",
      sourceUpvotes: 14,
      listedOn: "2025-08-08",
    });
    expect(await app.db.prisma.paper.count({ where: { id: before.id, arxivId: "2310.11366" } })).toBe(1);

    const weak = await paper("2508.05629");
    expect(weak).toMatchObject({
      title: "Weak-to-Strong Reasoning with Multimodal Reward Models",
      sourceUpvotes: 36,
      listedOn: "2025-08-08",
      publishedAt: "2025-08-07T17:59:58.000Z",
      links: { code: "https://github.com/example-lab/weak-to-strong-mm", abstract: "https://arxiv.org/abs/2508.05629" },
    });
    expect(weak!.abstract).toContain("vision-language model & find");
    expect(weak!.authors.map((a) => a.name)).toEqual(["Yiyang Zhou", "Haoqin Tu", "Zijun Wang"]);
    expect((await paper("2508.05711"))!.links.project).toBe("https://example.org/sae-dit");

    const single = await ingestFixture(app, "hf-paper-2508.05629.json");
    expect(single).toMatchObject({ created: 0, updated: 1, unchanged: 0, formats: ["hf"] });
    expect((await paper("2508.05629"))!.sourceUpvotes).toBe(41);
  });

  it("reads a JSON Lines slice of the shared corpus, and the same bytes gzipped under any name", async () => {
    const run = await ingestFixture(app, "corpus-slice.jsonl");
    // Its first two papers came in with the arXiv response above: the corpus's text replaces theirs.
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 48, updated: 2, rejected: 0, formats: ["jsonl"] });
    const first = JSON.parse(readFileSync(path.join(FIXTURES, "corpus-slice.jsonl"), "utf8").split("\n")[5]!);
    const p = await paper(first.id);
    expect(p).toMatchObject({ listedOn: first.date, categories: first.categories, links: { abstract: first.abs, pdf: first.pdf } });
    expect(p!.authors).toHaveLength(first.authors.length);

    const gz = gzipSync(readFileSync(path.join(FIXTURES, "corpus-slice.jsonl")));
    const again = await ingestInput(app, memoryFile("slice.data", gz));
    expect(again).toMatchObject({ status: "SUCCEEDED", created: 0, unchanged: 50, formats: ["jsonl"] });
  });

  it("reads the Kaggle arXiv snapshot's shape: author strings, space-separated categories, version lists", async () => {
    const run = await ingestFixture(app, "kaggle-snapshot.jsonl");
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 3, rejected: 0 });
    expect(await paper("0704.0001")).toMatchObject({
      arxivVersion: 2,
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      categories: ["hep-ph"],
      doi: "10.1103/PhysRevD.76.013009",
      journalRef: "Phys.Rev.D76:013009,2007",
      comment: "37 pages, 15 figures; published version",
      publishedAt: "2007-04-02T19:18:42.000Z",
      sourceUpdatedAt: "2008-11-13T00:00:00.000Z",
      authors: [
        expect.objectContaining({ name: "C. Balázs" }),
        expect.objectContaining({ name: "E. L. Berger" }),
        expect.objectContaining({ name: "P. M. Nadolsky" }),
        expect.objectContaining({ name: "C. -P. Yuan" }),
      ],
    });
    expect(await paper("0704.0002")).toMatchObject({
      categories: ["math.CO", "cs.CG"],
      authors: [{ name: "Ileana Streinu" }, { name: "Louis Theran" }],
    });
    expect((await paper("math/0701001"))!.authors.map((a) => a.name)).toEqual(["J. Dupont", "M. Müller", "K. Ng"]);
  });

  it("reads a JSON array of records with the field names people use", async () => {
    const run = await ingestFixture(app, "records.json");
    expect(run).toMatchObject({ status: "SUCCEEDED", rejected: 0, formats: ["json"] });
    expect(await paper("2504.00001")).toMatchObject({
      abstract: "We survey retrieval-augmented generation for large language models.",
      authors: [{ name: "Kim Lee" }, { name: "Maria Rossi" }, { name: "Omar Haddad" }],
      categories: ["cs.CL", "cs.IR"],
      links: { code: "https://github.com/example/rag-survey" },
      sourceUpvotes: 7,
      publishedAt: "2025-04-01T00:00:00.000Z",
    });
    const untitled = await app.db.prisma.paper.findFirstOrThrow({ where: { title: "Notes on a Paper Without an Identifier" } });
    expect(untitled.arxivId).toBeNull();
  });

  it("reads a Daily Papers page, completing its date line with --date", async () => {
    const run = await ingestFixture(app, "page-2025-08-09.txt", { date: "2025-08-09" });
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 1, rejected: 0, formats: ["page"] });
    const moe = await app.db.prisma.paper.findFirstOrThrow({
      where: { title: "Scaling Laws for Sparse Mixture-of-Experts Language Models" },
    });
    expect(moe.listedOn.toISOString().slice(0, 10)).toBe("2025-08-09");
  });

  it("honours --format over detection", async () => {
    const asText = await ingestInput(app, textFile("notes.txt", '{"title": "A record in a .txt file", "id": "2507.00001"}\n'), {
      format: "jsonl",
    });
    expect(asText).toMatchObject({ status: "SUCCEEDED", created: 1 });
    const wrong = await ingestFixture(app, "records.json", { format: "atom" });
    expect(wrong.status).toBe("FAILED");
    expect(wrong.failure).toMatch(/records\.json: not well-formed XML/);
  });
});
