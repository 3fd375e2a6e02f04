// A page of papers with their authors and topics costs the same few statements for 10 papers as
// for 100: relations are batched, never fetched per paper.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsFor, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const Feed = graphql(`
  query FeedPage($first: Int!) {
    papers(first: $first) {
      edges {
        node {
          title
          authors {
            name
            author {
              id
            }
          }
          topics {
            score
            topic {
              slug
              name
            }
          }
        }
      }
    }
  }
`);

const FeedWithSourceFields = graphql(`
  query FeedPageWithSourceFields($first: Int!) {
    papers(first: $first) {
      edges {
        node {
          title
          githubStars
          aiKeywords
          media
          organization {
            name
            displayName
          }
          sourceSubmitter {
            name
          }
          versions {
            version
            titleChanged
          }
          links {
            code
            codeSource
            discussion
          }
        }
      }
    }
  }
`);

const TopicsWithCounts = graphql(`
  query TopicsWithCounts {
    topics(first: 100) {
      edges {
        node {
          slug
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

describe.each(ENGINES)("statements per request on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
    await ingestRecords(
      app,
      Array.from({ length: 120 }, (_, i) =>
        syntheticPaper(i, {
          // Every other paper from Hugging Face, under one of three organizations.
          ...(i % 2 === 0
            ? {
                organization: { name: `org-${i % 3}`, displayName: `Org ${i % 3}` },
                sourceSubmitter: { name: "AK", handle: "akhaliq" },
                githubStars: i,
                codeUrl: `https://github.com/example/repo-${i}`,
                aiKeywords: ["graphs", "clustering"],
              }
            : {}),
        }),
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("is the same small number for 10, 50 and 100 papers with authors and topics", async () => {
    const counts: number[] = [];
    for (const first of [10, 50, 100]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(Feed, { first });
          expect(r.errors).toBeUndefined();
          expect(data(r).papers.edges).toHaveLength(first);
          expect(data(r).papers.edges.every((e) => e.node.authors.length === 3 && e.node.topics.length > 0)).toBe(true);
        }),
      );
    }
    expect(counts[0]).toBeLessThanOrEqual(5);
    expect(new Set(counts).size).toBe(1);
  });

  it("stays the same with the source fields, organizations and versions of each paper", async () => {
    const counts: number[] = [];
    for (const first of [10, 50, 100]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(FeedWithSourceFields, { first });
          expect(r.errors).toBeUndefined();
          const nodes = data(r).papers.edges.map((e) => e.node);
          expect(nodes.filter((n) => n.organization !== null).length).toBe(first / 2);
          expect(nodes.every((n) => n.versions.length === 1)).toBe(true);
        }),
      );
    }
    expect(new Set(counts).size).toBe(1);
  });

  it("counts every topic's papers in one statement", async () => {
    const n = await statementsFor(app, async () => {
      const r = await app.run(TopicsWithCounts);
      expect(data(r).topics.edges.length).toBeGreaterThan(20);
    });
    expect(n).toBeLessThanOrEqual(4);
  });
});
