// AI keywords (Hugging Face's ai_keywords) in search: weighted like the title, told apart from it
// in matchedFields, and a filter. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText } from "./helpers/ingest.ts";

const KeywordSearch = graphql(`
  query KeywordSearch($query: String!, $filter: SearchFilter) {
    search(query: $query, filter: $filter, first: 10) {
      edges {
        matchedFields
        node {
          title
          aiKeywords
        }
      }
    }
  }
`);

const record = (title: string, summary: string, keywords?: string[]) =>
  JSON.stringify({ paper: { id: "", title, summary, ...(keywords ? { ai_keywords: keywords } : {}) } });

describe.each(ENGINES)("AI keywords in search on %s", (engine) => {
  let app: TestApp;
  const search = async (query: string, filter?: { keywords?: string[] }) => {
    const r = await app.run(KeywordSearch, { query, filter });
    expect(r.errors).toBeUndefined();
    return data(r).search.edges;
  };

  beforeAll(async () => {
    app = await createTestApp(engine);
    const lines = [
      JSON.parse(record("Tagged By Keywords", "A paper whose text says nothing of fish.", ["Zebrafish", "larval imaging"])),
      JSON.parse(record("Fish In The Abstract", "We image zebrafish larvae.")),
    ].map((l: { paper: Record<string, unknown> }, i) => JSON.stringify({ ...l, paper: { ...l.paper, id: `2508.0800${i}` } }));
    await ingestText(app, "keywords.jsonl", lines.join("\n"));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("finds a paper by its AI keywords, ranked like a title match and said so", async () => {
    const edges = await search("zebrafish");
    expect(edges.map((e) => [e.node.title, e.matchedFields])).toEqual([
      ["Tagged By Keywords", ["KEYWORDS"]],
      ["Fish In The Abstract", ["ABSTRACT"]],
    ]);
  });

  it("filters by AI keyword, case ignored", async () => {
    const edges = await search("fish OR zebrafish", { keywords: ["ZEBRAFISH"] });
    expect(edges.map((e) => e.node.title)).toEqual(["Tagged By Keywords"]);
    expect(await search("zebrafish", { keywords: ["no such keyword"] })).toEqual([]);
  });

  it("searches the keywords a paper gets on a later ingest", async () => {
    // No paper says "tomography" before (not searched here: the response cache would keep that empty answer for its TTL).
    const run = await ingestText(
      app,
      "later.jsonl",
      JSON.stringify({
        paper: { id: "2508.08001", title: "Fish In The Abstract", summary: "We image zebrafish larvae.", ai_keywords: ["tomography"] },
      }),
    );
    expect(run).toMatchObject({ updated: 1, rejected: 0 });
    expect((await search("tomography")).map((e) => [e.node.title, e.matchedFields])).toEqual([["Fish In The Abstract", ["KEYWORDS"]]]);
  });
});
