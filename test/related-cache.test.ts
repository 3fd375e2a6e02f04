// Related lists are computed once per instance and reused, and new papers show up in them at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const Related = graphql(`
  query RelatedOfPaper($arxivId: String!) {
    paper(arxivId: $arxivId) {
      related(first: 5) {
        edges {
          node {
            title
          }
          sharedTerms
        }
      }
    }
  }
`);

describe("related papers across requests", () => {
  let app: TestApp;
  const source = syntheticPaper(61_000, {
    title: "Spectral clustering of hypergraphs with kernels",
    abstract: "Hypergraph spectral clustering.",
  });
  beforeAll(async () => {
    // No response cache, so every request reaches the resolvers.
    app = await createTestApp("pglite", { RESPONSE_CACHE_TTL: "0" });
    await ingestRecords(app, [
      source,
      syntheticPaper(61_001, { title: "Hypergraph spectral clustering revisited", abstract: "On hypergraphs." }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const titles = async () => {
    const r = await app.run(Related, { arxivId: source.arxivId! });
    expect(r.errors).toBeUndefined();
    return data(r).paper!.related.edges.map((e) => e.node.title);
  };

  it("computes a list once, then answers from the instance's cache", async () => {
    let before = app.db.counter.statements;
    const first = await titles();
    const computed = app.db.counter.statements - before;
    expect(first[0]).toBe("Hypergraph spectral clustering revisited");
    before = app.db.counter.statements;
    expect(await titles()).toEqual(first);
    const cached = app.db.counter.statements - before;
    // The paper and the listed papers are still read; the related search (two statements) is not.
    expect(cached).toBe(computed - 2);
  });

  it("shows a newly ingested related paper on the very next request", async () => {
    await ingestRecords(app, [
      syntheticPaper(61_002, { title: "Spectral hypergraph clustering at scale", abstract: "Scaling hypergraph clustering." }),
    ]);
    expect(await titles()).toContain("Spectral hypergraph clustering at scale");
  });
});
