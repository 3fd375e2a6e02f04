// The read API over the seeded Daily Papers page, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";

const DailyPapers = graphql(`
  query DailyPapers($date: Date!, $first: Int, $after: String) {
    dailyPapers(date: $date, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          abstract
          upvoteCount
          listedOn
          topics {
            score
            source
            topic {
              slug
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PaperById = graphql(`
  query PaperById($id: ID, $arxivId: String) {
    paper(id: $id, arxivId: $arxivId) {
      id
      title
      listedOn
      authors {
        name
      }
    }
  }
`);

const Papers = graphql(`
  query Papers($first: Int, $after: String, $filter: PaperFilter) {
    papers(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          title
          cursor
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Topics = graphql(`
  query Topics {
    topics {
      edges {
        node {
          slug
          name
          paperCount
          parent {
            slug
          }
          children {
            slug
          }
        }
      }
    }
  }
`);

const TopicBySlug = graphql(`
  query TopicBySlug($slug: String!) {
    topic(slug: $slug) {
      id
      name
      description
      paperCount
      papers(first: 100) {
        edges {
          node {
            title
            topics {
              topic {
                slug
              }
            }
          }
        }
      }
    }
  }
`);

const NodeLookup = graphql(`
  query NodeLookup($id: ID!, $ids: [ID!]!) {
    node(id: $id) {
      __typename
      id
      ... on Paper {
        title
      }
    }
    nodes(ids: $ids) {
      __typename
      id
    }
  }
`);

describe.each(ENGINES)("queries on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lists the 39 papers of 2025-08-08, each with a topic, most upvoted first then by title", async () => {
    const r = await app.run(DailyPapers, { date: "2025-08-08", first: 100 });
    expect(r.errors).toBeUndefined();
    const nodes = data(r).dailyPapers.edges.map((e) => e.node);
    expect(nodes).toHaveLength(39);
    for (const n of nodes) {
      expect(n.listedOn).toBe("2025-08-08");
      expect(n.topics.length).toBeGreaterThan(0);
      expect(n.abstract.length).toBeGreaterThan(100);
    }
    // Nobody has voted yet, so the order is by title.
    const titles = nodes.map((n) => n.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(titles).toContain("Neural Tangent Kernel: Convergence and Generalization in Neural Networks");
    // Topics come best-scored first.
    for (const n of nodes) {
      const scores = n.topics.map((t) => t.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it("puts an upvoted paper first", async () => {
    const all = await app.run(DailyPapers, { date: "2025-08-08", first: 100 });
    const last = data(all).dailyPapers.edges.at(-1)!.node;
    const numericId = Number(decodeGlobalID(last.id).id);
    await app.db.prisma.paper.update({ where: { id: numericId }, data: { upvoteCount: 3 } });
    const r = await app.run(DailyPapers, { date: "2025-08-08", first: 3 });
    expect(data(r).dailyPapers.edges[0]!.node.title).toBe(last.title);
    expect(data(r).dailyPapers.edges[0]!.node.upvoteCount).toBe(3);
    await app.db.prisma.paper.update({ where: { id: numericId }, data: { upvoteCount: 0 } });
  });

  it("pages through a day without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await app.run(DailyPapers, { date: "2025-08-08", first: 10, after });
      expect(r.errors).toBeUndefined();
      seen.push(...data(r).dailyPapers.edges.map((e) => e.node.title));
      if (!data(r).dailyPapers.pageInfo.hasNextPage) break;
      after = data(r).dailyPapers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(39);
    expect(new Set(seen).size).toBe(39);
  });

  it("returns an empty list for a day without papers", async () => {
    const r = await app.run(DailyPapers, { date: "2025-08-09" });
    expect(data(r).dailyPapers.edges).toEqual([]);
  });

  it("rejects a malformed date, naming it", async () => {
    const r = await app.run(DailyPapers, { date: "2025-13-45" });
    expect(r.errors?.[0]?.message).toMatch(/date/i);
    expect(r.data).toBeUndefined();
  });

  it("finds a paper by global id and returns null for unknown ids and arXiv ids", async () => {
    const list = await app.run(Papers, { first: 1 });
    const first = data(list).papers.edges[0]!.node;
    const byId = await app.run(PaperById, { id: first.id });
    expect(data(byId).paper?.title).toBe(first.title);

    const unknownId = encodeGlobalID("Paper", 999999);
    expect(data(await app.run(PaperById, { id: unknownId })).paper).toBeNull();
    const unknownArxiv = await app.run(PaperById, { arxivId: "2501.99999" });
    expect(unknownArxiv.errors).toBeUndefined();
    expect(data(unknownArxiv).paper).toBeNull();
  });

  it("finds a paper by arXiv id, with or without its version", async () => {
    const list = await app.run(Papers, { first: 1 });
    const numericId = Number(decodeGlobalID(data(list).papers.edges[0]!.node.id).id);
    await app.db.prisma.paper.update({ where: { id: numericId }, data: { arxivId: "2508.01234", arxivVersion: 2 } });
    expect(data(await app.run(PaperById, { arxivId: "2508.01234" })).paper?.id).toBe(data(list).papers.edges[0]!.node.id);
    expect(data(await app.run(PaperById, { arxivId: "2508.01234v2" })).paper?.id).toBe(data(list).papers.edges[0]!.node.id);
  });

  it("names the argument of a malformed global id", async () => {
    for (const id of ["not-an-id", encodeGlobalID("Topic", 1), encodeGlobalID("Paper", "abc")]) {
      const r = await app.run(PaperById, { id });
      expect(r.errors?.[0]?.message).toMatch(/Argument "id".*not a valid Paper id/);
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const none = await app.run(PaperById, {});
    expect(none.errors?.[0]?.message).toMatch(/exactly one of id and arxivId/);
  });

  it("bounds page sizes to 1..100 with an error naming the argument", async () => {
    for (const first of [0, -1, 101, 5000]) {
      const r = await app.run(Papers, { first });
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]?.message).toBe(`Argument "first" of field "papers" must be between 1 and 100, got ${first}.`);
    }
    const literal = await app.run(
      graphql(`
        query LiteralTooMany {
          topics(first: 101) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(literal.errors?.[0]?.message).toMatch(/"first" of field "topics" must be between 1 and 100/);
  });

  it("lists papers newest first, with cursors that resume the list", async () => {
    const page1 = await app.run(Papers, { first: 5 });
    const page2 = await app.run(Papers, { first: 5, after: data(page1).papers.pageInfo.endCursor });
    const ids = [...data(page1).papers.edges, ...data(page2).papers.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(10);
    // The paper's own cursor is its edge cursor (both are its place in ingestion order).
    for (const e of data(page1).papers.edges) expect(e.node.cursor).toBe(e.cursor);
    const all = await app.run(Papers, { first: 100 });
    expect(
      data(all)
        .papers.edges.slice(0, 10)
        .map((e) => e.node.id),
    ).toEqual(ids);
  });

  it("filters papers by topic and by listing day", async () => {
    const clustering = await app.run(Papers, { first: 100, filter: { topic: "clustering" } });
    const titles = data(clustering).papers.edges.map((e) => e.node.title);
    expect(titles).toContain("Fast and Eager k-Medoids Clustering: O(k) Runtime Improvement of the PAM, CLARA, and CLARANS Algorithms");
    expect(titles).not.toContain("Softmax-free Linear Transformers");
    const topic = await app.run(TopicBySlug, { slug: "clustering" });
    expect(titles).toHaveLength(data(topic).topic!.paperCount);

    expect(data(await app.run(Papers, { first: 100, filter: { listedOn: "2025-08-08" } })).papers.edges).toHaveLength(39);
    expect(data(await app.run(Papers, { first: 100, filter: { listedOn: "2024-01-01" } })).papers.edges).toHaveLength(0);
    expect(data(await app.run(Papers, { first: 100, filter: { topic: "no-such-topic" } })).papers.edges).toHaveLength(0);
  });

  it("lists the topic taxonomy as a tree with paper counts", async () => {
    const r = await app.run(Topics);
    const topics = data(r).topics.edges.map((e) => e.node);
    expect(topics.length).toBeGreaterThanOrEqual(20);
    const bySlug = new Map(topics.map((t) => [t.slug, t]));
    for (const slug of [
      "clustering",
      "kernel-methods",
      "semantic-segmentation",
      "self-supervised-learning",
      "equivariant-networks",
      "attention-transformers",
      "long-sequence-models",
      "graph-learning",
      "gaussian-processes-ntk",
      "sampling-density-estimation",
      "efficient-inference",
      "3d-vision",
    ]) {
      expect(bySlug.get(slug)?.paperCount, slug).toBeGreaterThan(0);
    }
    expect(bySlug.get("semantic-segmentation")?.parent?.slug).toBe("computer-vision");
    expect(bySlug.get("computer-vision")?.children.map((c) => c.slug)).toContain("semantic-segmentation");
  });

  it("shows a topic with its papers, and null for an unknown slug", async () => {
    const r = await app.run(TopicBySlug, { slug: "equivariant-networks" });
    const topic = data(r).topic!;
    expect(topic.name).toBe("Equivariant Networks");
    expect(topic.papers.edges.length).toBe(topic.paperCount);
    for (const e of topic.papers.edges) expect(e.node.topics.map((t) => t.topic.slug)).toContain("equivariant-networks");
    expect(topic.papers.edges.map((e) => e.node.title)).toContain("Lie Group Decompositions for Equivariant Neural Networks");
    const missing = await app.run(TopicBySlug, { slug: "no-such-topic" });
    expect(missing.errors).toBeUndefined();
    expect(data(missing).topic).toBeNull();
  });

  it("resolves nodes by global id", async () => {
    const list = await app.run(Papers, { first: 2 });
    const [a, b] = data(list).papers.edges.map((e) => e.node);
    const topic = await app.run(TopicBySlug, { slug: "clustering" });
    const r = await app.run(NodeLookup, { id: a!.id, ids: [b!.id, data(topic).topic!.id] });
    expect(data(r).node).toMatchObject({ __typename: "Paper", id: a!.id, title: a!.title });
    expect(data(r).nodes.map((n) => n?.__typename)).toEqual(["Paper", "Topic"]);
  });
});
