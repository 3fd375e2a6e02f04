// "With code": hasCode on dailyPapers, trending, search and the feeds; GITHUB_STARS ordering of
// listings and search; the organization filter. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestFixture, ingestText } from "./helpers/ingest.ts";

const Daily = graphql(`
  query DailyWithCode($hasCode: Boolean, $sort: PaperSort!, $organization: String, $first: Int, $after: String) {
    dailyPapers(date: "2025-08-08", hasCode: $hasCode, sort: $sort, organization: $organization, first: $first, after: $after) {
      edges {
        node {
          title
          githubStars
          links {
            code
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

const Trending = graphql(`
  query TrendingWithCode($hasCode: Boolean) {
    trending(window: WEEK, asOf: "2025-08-09T12:00:00Z", hasCode: $hasCode, first: 100) {
      edges {
        node {
          links {
            code
          }
        }
      }
    }
  }
`);

const Search = graphql(`
  query SearchWithCode($query: String!, $filter: SearchFilter, $sort: SearchSort!) {
    search(query: $query, filter: $filter, sort: $sort, first: 50) {
      edges {
        node {
          title
          githubStars
          links {
            code
          }
        }
      }
    }
  }
`);

describe.each(ENGINES)("papers with code on %s", (engine) => {
  let app: TestApp;
  const daily = async (vars: {
    hasCode?: boolean;
    sort?: "UPVOTES" | "GITHUB_STARS";
    organization?: string;
    first?: number;
    after?: string;
  }) => {
    const r = await app.run(Daily, { sort: "UPVOTES", first: 100, ...vars });
    expect(r.errors).toBeUndefined();
    return data(r).dailyPapers;
  };

  beforeAll(async () => {
    app = await createTestApp(engine);
    // 2508.05629 (128 stars, organization example-lab) and a paper of 500 stars, both listed on 2025-08-08.
    await ingestFixture(app, "hf-daily-2025-08-08.json");
    const starred = {
      paper: { id: "2508.05990", title: "Starred Clustering Toolkit", summary: "A clustering library.", githubStars: 500 },
      githubRepo: "https://github.com/example/starred",
      submittedOnDailyAt: "2025-08-08T02:00:00.000Z",
      upvotes: 1,
    };
    await ingestText(app, "starred.json", JSON.stringify([starred]));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("dailyPapers(hasCode) keeps the papers with a code link, or those without", async () => {
    const all = (await daily({})).edges;
    const withCode = (await daily({ hasCode: true })).edges;
    const without = (await daily({ hasCode: false })).edges;
    // The six seeded abstracts with GitHub URLs, the Hugging Face paper and the starred one.
    expect(withCode).toHaveLength(8);
    expect(withCode.every((e) => e.node.links.code !== null)).toBe(true);
    expect(without.every((e) => e.node.links.code === null)).toBe(true);
    expect(withCode.length + without.length).toBe(all.length);
  });

  it("sorts a listing by GITHUB_STARS, papers without a count last, across pages", async () => {
    const top = await daily({ sort: "GITHUB_STARS", first: 2 });
    expect(top.edges.map((e) => e.node.githubStars)).toEqual([500, 128]);
    const rest = await daily({ sort: "GITHUB_STARS", first: 100, after: top.pageInfo.endCursor! });
    expect(rest.edges.length).toBeGreaterThan(30);
    expect(rest.edges.every((e) => e.node.githubStars === null)).toBe(true);
    // A cursor of another order is refused.
    const mixed = await app.run(Daily, { sort: "UPVOTES", first: 2, after: top.pageInfo.endCursor! });
    expect(mixed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("trending(hasCode: true) is the trending papers with code", async () => {
    const r = await app.run(Trending, { hasCode: true });
    expect(r.errors).toBeUndefined();
    expect(data(r).trending.edges).toHaveLength(8);
    expect(data(r).trending.edges.every((e) => e.node.links.code !== null)).toBe(true);
  });

  it("search takes filter.hasCode and sorts by GITHUB_STARS", async () => {
    const r = await app.run(Search, { query: "clustering", filter: { hasCode: true }, sort: "GITHUB_STARS" });
    expect(r.errors).toBeUndefined();
    const edges = data(r).search.edges;
    expect(edges[0]!.node).toMatchObject({ title: "Starred Clustering Toolkit", githubStars: 500 });
    expect(edges.every((e) => e.node.links.code !== null)).toBe(true);
    const anyCode = await app.run(Search, { query: "clustering", sort: "RELEVANCE" });
    expect(data(anyCode).search.edges.length).toBeGreaterThan(edges.length);
  });

  it("filters listings and search by organization", async () => {
    expect((await daily({ organization: "example-lab" })).edges.map((e) => e.node.title)).toEqual([
      "Weak-to-Strong Reasoning with Multimodal Reward Models",
    ]);
    const unknown = await app.run(Daily, { sort: "UPVOTES", organization: "nobody" });
    expect(unknown.errors?.[0]?.message).toBe('Argument "organization": no organization has the name "nobody"');
    const r = await app.run(Search, { query: "reasoning", filter: { organizations: ["example-lab"] }, sort: "RELEVANCE" });
    expect(data(r).search.edges.map((e) => e.node.title)).toEqual(["Weak-to-Strong Reasoning with Multimodal Reward Models"]);
    const none = await app.run(Search, { query: "reasoning", filter: { organizations: ["nobody"] }, sort: "RELEVANCE" });
    expect(data(none).search.edges).toEqual([]);
  });

  it("the feeds take hasCode=true", async () => {
    const get = async (path: string) => app.yoga.fetch(`http://paperboy.test${path}`);
    const withCode = new Set((await daily({ hasCode: true })).edges.map((e) => e.node.title));
    for (const path of ["/feeds/daily.json?hasCode=true", "/feeds/search.json?q=clustering&hasCode=true"]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const feed = (await res.json()) as { feed_url: string; items: { title: string }[] };
      expect(feed.feed_url).toContain("hasCode=true");
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) expect(withCode).toContain(item.title);
    }
    const bad = await get("/feeds/daily.atom?hasCode=yes");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("hasCode must be true or false");
  });
});
