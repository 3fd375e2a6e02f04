// Author pages: paper count and listing days, co-authors and topics by shared papers, the names
// as written, and who claimed the author. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText, jsonl } from "./helpers/ingest.ts";

const FirstAuthor = graphql(`
  query FirstAuthorOf($arxivId: String!) {
    paper(arxivId: $arxivId) {
      authors {
        author {
          id
        }
      }
    }
  }
`);

const AuthorPageTest = graphql(`
  query AuthorPageTest($id: ID!, $first: Int, $after: String) {
    author(id: $id) {
      paperCount
      firstListedOn
      lastListedOn
      claimedBy {
        handle
      }
      names(first: 10) {
        edges {
          paperCount
          node {
            name
          }
        }
      }
      papers(first: 10) {
        edges {
          node {
            paper {
              arxivId
            }
          }
        }
      }
      coauthors(first: $first, after: $after) {
        edges {
          paperCount
          node {
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      topics(first: 50) {
        edges {
          paperCount
          node {
            slug
          }
        }
      }
    }
  }
`);

const CoauthorsAfter = graphql(`
  query CoauthorsAfter($id: ID!, $after: String) {
    author(id: $id) {
      coauthors(first: 2, after: $after) {
        edges {
          node {
            name
          }
        }
      }
    }
  }
`);

describe.each(ENGINES)("author pages on %s", (engine) => {
  let app: TestApp;
  let adaId: string;
  beforeAll(async () => {
    app = await createTestApp(engine);
    const paper = (id: string, day: string, authors: string[]) => ({
      id,
      title: `Quillfeather study ${id} of graph neural networks for clustering`,
      summary: "We study clustering on attributed graphs with graph neural networks and kernel methods.",
      published: `${day}T10:00:00Z`,
      categories: ["cs.LG"],
      authors,
    });
    await ingestText(
      app,
      "ada.jsonl",
      jsonl(
        paper("2508.32001", "2025-08-01", ["Ada Quillfeather", "Bo Byronson", "Cy Chenworth"]),
        paper("2508.32002", "2025-08-03", ["Ada Quillfeather", "Bo Byronson", "Di Deeworth"]),
        paper("2508.32003", "2025-08-05", ["Adá Quillfeather", "Di Deeworth", "Bo Byronson"]),
        paper("2508.32004", "2025-08-02", ["Bo Byronson", "Cy Chenworth"]),
      ),
    );
    const r = await app.run(FirstAuthor, { arxivId: "2508.32001" });
    adaId = data(r).paper!.authors[0]!.author.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("counts the author's papers and days, and lists their names as written, most used first", async () => {
    const r = await app.run(AuthorPageTest, { id: adaId, first: 10 });
    expect(r.errors).toBeUndefined();
    const a = data(r).author!;
    expect(a).toMatchObject({ paperCount: 3, firstListedOn: "2025-08-01", lastListedOn: "2025-08-05", claimedBy: null });
    expect(a.names.edges.map((e) => [e.node.name, e.paperCount])).toEqual([
      ["Ada Quillfeather", 2],
      ["Adá Quillfeather", 1],
    ]);
    expect(a.papers.edges.map((e) => e.node.paper.arxivId)).toEqual(["2508.32003", "2508.32002", "2508.32001"]);
  });

  it("ranks co-authors by shared papers and pages through them", async () => {
    const r = await app.run(AuthorPageTest, { id: adaId, first: 2 });
    const page = data(r).author!.coauthors;
    // Bo shares all three papers, Di two, Cy one (their paper without Ada does not count).
    expect(page.edges.map((e) => [e.node.name, e.paperCount])).toEqual([
      ["Bo Byronson", 3],
      ["Di Deeworth", 2],
    ]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await app.run(AuthorPageTest, { id: adaId, first: 2, after: page.pageInfo.endCursor });
    expect(data(next).author!.coauthors.edges.map((e) => [e.node.name, e.paperCount])).toEqual([["Cy Chenworth", 1]]);
    expect(data(next).author!.coauthors.pageInfo.hasNextPage).toBe(false);
  });

  it("counts the author's papers per topic as the tagger tagged them", async () => {
    const r = await app.run(AuthorPageTest, { id: adaId, first: 10 });
    const topics = data(r).author!.topics.edges.map((e) => [e.node.slug, e.paperCount]);
    // What the tagger wrote, counted independently of the API.
    const rows = await app.db.prisma.paperTopic.findMany({
      where: { paper: { arxivId: { in: ["2508.32001", "2508.32002", "2508.32003"] } } },
      select: { topic: { select: { slug: true } } },
    });
    const expected = new Map<string, number>();
    for (const row of rows) expected.set(row.topic.slug, (expected.get(row.topic.slug) ?? 0) + 1);
    expect(topics.length).toBeGreaterThan(0);
    expect(new Map(topics as [string, number][])).toEqual(expected);
    expect(topics.map((t) => t[1])).toEqual([...topics.map((t) => t[1])].sort((x, y) => Number(y) - Number(x)));
  });

  it("refuses a cursor of another author's list, naming the argument", async () => {
    const r = await app.run(AuthorPageTest, { id: adaId, first: 1 });
    const cursor = data(r).author!.coauthors.pageInfo.endCursor;
    const bo = await app.db.prisma.author.findFirstOrThrow({ where: { name: "Bo Byronson" }, select: { id: true } });
    const other = await app.run(CoauthorsAfter, { id: encodeGlobalID("Author", bo.id), after: cursor });
    expect(other.errors?.[0]?.message).toMatch(/after/);
  });
});
