// ingestPapers, ingestRuns and ingestRun over GraphQL: curators and admins only, typed errors,
// the same pipeline (and the same events) as every other source.
import { readFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { FIXTURES, snapshot } from "./helpers/ingest.ts";
import { demoUser } from "./helpers/users.ts";

const IngestPapers = graphql(`
  mutation IngestPapers($input: IngestPapersInput!) {
    ingestPapers(input: $input) {
      __typename
      ... on IngestPapersPayload {
        run {
          id
          source
          format
          status
          dryRun
          strict
          triggeredBy
          created
          updated
          unchanged
          rejected
          errorCount
          errors {
            location
            message
          }
          failure
        }
      }
      ... on Error {
        message
        code
      }
      ... on IngestRejected {
        location
        reason
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

const IngestPapersTypenameOnly = graphql(`
  mutation IngestPapersTypenameOnly($input: IngestPapersInput!) {
    ingestPapers(input: $input) {
      __typename
    }
  }
`);

const Runs = graphql(`
  query IngestRuns($first: Int, $after: String, $filter: IngestRunFilter) {
    ingestRuns(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          source
          status
          created
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Run = graphql(`
  query IngestRun($id: ID!) {
    ingestRun(id: $id) {
      id
      source
      startedAt
      finishedAt
      errors {
        location
      }
    }
    node(id: $id) {
      __typename
    }
  }
`);

const ByArxiv = graphql(`
  query IngestedByArxiv($arxivId: String!) {
    paper(arxivId: $arxivId) {
      title
      arxivVersion
      listedOn
      authors {
        name
        affiliation
      }
      links {
        code
      }
    }
  }
`);

describe.each(ENGINES)("ingestion over GraphQL on %s", (engine) => {
  let app: TestApp;
  let curator: string;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    [{ token: curator }, { token: admin }, { token: reader }] = await Promise.all([
      demoUser(app, "curator"),
      demoUser(app, "admin"),
      demoUser(app, "reader"),
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("ingests inline records for a curator, naming the rejected ones", async () => {
    const r = await app.run(
      IngestPapers,
      {
        input: {
          records: [
            {
              arxivId: "2509.00001v2",
              title: "Inline  Paper\nOne",
              abstract: "Sent over GraphQL.",
              authors: [{ name: "Ada Lovelace", affiliation: "Analytical Engines" }],
              categories: ["cs.LG"],
              links: { code: "https://github.com/example/one" },
            },
            { title: "", abstract: "No title." },
            { arxivId: "nonsense", title: "Bad id" },
          ],
          date: "2026-02-01",
        },
      },
      { token: curator },
    );
    expect(r.errors).toBeUndefined();
    const result = data(r).ingestPapers;
    expect(result.__typename).toBe("IngestPapersPayload");
    if (result.__typename !== "IngestPapersPayload") return;
    expect(result.run).toMatchObject({
      source: "graphql",
      format: "records",
      status: "SUCCEEDED",
      triggeredBy: "curator",
      created: 1,
      rejected: 2,
      errors: [
        { location: "records[1]", message: "no title" },
        { location: "records[2]", message: '"nonsense" is not an arXiv id (like 2503.11731v2 or hep-th/9901001)' },
      ],
    });
    const paper = await app.run(ByArxiv, { arxivId: "2509.00001" });
    expect(data(paper).paper).toEqual({
      title: "Inline Paper One",
      arxivVersion: 2,
      listedOn: "2026-02-01",
      authors: [{ name: "Ada Lovelace", affiliation: "Analytical Engines" }],
      links: { code: "https://github.com/example/one" },
    });
  });

  it("answers a client that asks only for __typename, whose papers are written", async () => {
    const record = { arxivId: "2509.00077", title: "Asked for nothing but the typename", abstract: "x", authors: [{ name: "Ty Pename" }] };
    const r = await app.run(IngestPapersTypenameOnly, { input: { records: [record] } }, { token: curator });
    expect(r).toEqual({ data: { ingestPapers: { __typename: "IngestPapersPayload" } } });
    expect(data(await app.run(ByArxiv, { arxivId: "2509.00077" })).paper?.title).toBe("Asked for nothing but the typename");
  });

  it("ingests a document in any format", async () => {
    const document = readFileSync(path.join(FIXTURES, "arxiv-query.atom.xml"), "utf8");
    const r = await app.run(IngestPapers, { input: { document } }, { token: admin });
    const result = data(r).ingestPapers;
    if (result.__typename !== "IngestPapersPayload") throw new Error(JSON.stringify(result));
    expect(result.run).toMatchObject({ format: "atom", created: 4, triggeredBy: "admin" });

    const hf = await app.run(
      IngestPapers,
      { input: { document: readFileSync(path.join(FIXTURES, "hf-daily-2025-08-08.json"), "utf8"), format: "HF" } },
      { token: curator },
    );
    expect(data(hf).ingestPapers).toMatchObject({ run: { format: "hf", created: 2, updated: 1 } });
  });

  it("returns a failed run for a document that cannot be read", async () => {
    const r = await app.run(IngestPapers, { input: { document: "just some words" } }, { token: curator });
    expect(data(r).ingestPapers).toMatchObject({
      run: { status: "FAILED", failure: expect.stringMatching(/^document is in no known format/), created: 0 },
    });
  });

  it("rejects a strict run at its first bad record, writing nothing at all", async () => {
    const before = await snapshot(app.db);
    const r = await app.run(
      IngestPapers,
      {
        input: {
          strict: true,
          records: [
            { arxivId: "2509.00010", title: "Fine" },
            { arxivId: "2509.00011", title: "Broken", links: { pdf: "ftp://nope" } },
          ],
        },
      },
      { token: curator },
    );
    expect(data(r).ingestPapers).toEqual({
      __typename: "IngestRejected",
      code: "INGEST_REJECTED",
      location: "records[1]",
      reason: "pdfUrl is not an http(s) URL",
      message: "records[1]: pdfUrl is not an http(s) URL (strict: nothing was written)",
    });
    expect(await snapshot(app.db)).toBe(before);
  });

  it("counts without writing on a dry run", async () => {
    const before = await app.db.prisma.paper.count();
    const r = await app.run(
      IngestPapers,
      { input: { dryRun: true, records: [{ arxivId: "2509.00020", title: "Only a rehearsal" }] } },
      { token: curator },
    );
    expect(data(r).ingestPapers).toMatchObject({ run: { dryRun: true, created: 1 } });
    expect(await app.db.prisma.paper.count()).toBe(before);
  });

  it("answers bad input with a ValidationError", async () => {
    const both = await app.run(IngestPapers, { input: { document: "x", records: [] } }, { token: curator });
    expect(data(both).ingestPapers).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["input"], message: "give exactly one of records and document" }],
    });
    const many = await app.run(
      IngestPapers,
      { input: { records: Array.from({ length: 1001 }, (_, i) => ({ title: `t${i}` })) } },
      { token: curator },
    );
    expect(data(many).ingestPapers).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["input", "records"] }] });
  });

  it("refuses readers and anonymous callers with typed errors", async () => {
    const anonymous = await app.run(IngestPapers, { input: { records: [{ title: "Sneaky" }] } });
    expect(data(anonymous).ingestPapers).toMatchObject({ __typename: "Unauthenticated", code: "UNAUTHENTICATED" });
    const asReader = await app.run(IngestPapers, { input: { records: [{ title: "Sneaky" }] } }, { token: reader });
    expect(data(asReader).ingestPapers).toMatchObject({ __typename: "Forbidden", code: "FORBIDDEN" });
    expect(await app.db.prisma.paper.count({ where: { title: "Sneaky" } })).toBe(0);
  });

  it("lists runs newest first, filtered, for curators only", async () => {
    const all = await app.run(Runs, { first: 100 }, { token: curator });
    expect(all.errors).toBeUndefined();
    const runs = data(all).ingestRuns.edges.map((e) => e.node);
    expect(runs[0]).toMatchObject({ source: "graphql" });
    expect(runs.at(-1)).toMatchObject({ source: "seed:daily-papers-2025-08-08.txt", status: "SUCCEEDED", created: 39 });
    const page = await app.run(Runs, { first: 2 }, { token: curator });
    expect(data(page).ingestRuns.pageInfo.hasNextPage).toBe(true);
    const next = await app.run(Runs, { first: 2, after: data(page).ingestRuns.pageInfo.endCursor }, { token: curator });
    expect(data(next).ingestRuns.edges.map((e) => e.node.id)).toEqual(runs.slice(2, 4).map((r) => r.id));
    const failed = await app.run(Runs, { first: 10, filter: { status: "FAILED" } }, { token: curator });
    expect(data(failed).ingestRuns.edges.map((e) => e.node.status)).toEqual(["FAILED"]);
    const seeds = await app.run(Runs, { first: 10, filter: { source: "seed:" } }, { token: curator });
    expect(data(seeds).ingestRuns.edges).toHaveLength(1);

    const one = await app.run(Run, { id: runs[0]!.id }, { token: curator });
    expect(one.data).toMatchObject({ ingestRun: { id: runs[0]!.id, source: "graphql" }, node: { __typename: "IngestRun" } });

    const denied = await app.run(Runs, { first: 10 }, { token: reader });
    expect(denied.data).toBeNull();
    expect(denied.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    const nodeDenied = await app.run(Run, { id: runs[0]!.id }, { token: reader });
    expect(nodeDenied.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN/);
  });
});
