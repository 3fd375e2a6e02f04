// organization(name): an organization's papers of every listing day, sorted and paged like
// listings. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const OrganizationPage = graphql(`
  query OrganizationPageTest($name: String!, $sort: PaperSort!, $first: Int, $after: String) {
    organization(name: $name) {
      name
      displayName
      paperCount
      papers(sort: $sort, first: $first, after: $after) {
        edges {
          node {
            arxivId
            listedOn
            githubStars
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

describe.each(ENGINES)("organization pages on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
    const org = { name: "acme-research", displayName: "Acme Research" };
    await ingestRecords(app, [
      syntheticPaper(80001, { organization: org, listedOn: "2025-08-01", codeUrl: "https://github.com/acme/a", githubStars: 50 }),
      syntheticPaper(80002, { organization: org, listedOn: "2025-08-09", codeUrl: "https://github.com/acme/b", githubStars: 900 }),
      syntheticPaper(80003, { organization: org, listedOn: "2025-07-20", codeUrl: "https://github.com/acme/c", githubStars: 7 }),
      syntheticPaper(80004, { organization: { name: "other-lab" }, listedOn: "2025-08-10" }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const page = async (sort: "NEWEST" | "GITHUB_STARS", first: number, after?: string | null) => {
    const r = await app.run(OrganizationPage, { name: "acme-research", sort, first, after });
    expect(r.errors).toBeUndefined();
    return data(r).organization!;
  };

  it("lists its papers of every day, newest first, page by page, and none of another organization", async () => {
    const first = await page("NEWEST", 2);
    expect(first).toMatchObject({ name: "acme-research", displayName: "Acme Research", paperCount: 3 });
    expect(first.papers.edges.map((e) => e.node.arxivId)).toEqual(["2601.90002", "2601.90001"]);
    expect(first.papers.pageInfo.hasNextPage).toBe(true);
    const second = await page("NEWEST", 2, first.papers.pageInfo.endCursor);
    expect(second.papers.edges.map((e) => e.node.arxivId)).toEqual(["2601.90003"]);
    expect(second.papers.pageInfo.hasNextPage).toBe(false);
  });

  it("sorts by stars like listings, refuses a cursor of another sort, and is null for an unknown name", async () => {
    const stars = await page("GITHUB_STARS", 3);
    expect(stars.papers.edges.map((e) => e.node.githubStars)).toEqual([900, 50, 7]);
    const newest = await page("NEWEST", 1);
    const mixed = await app.run(OrganizationPage, { name: "acme-research", sort: "GITHUB_STARS", after: newest.papers.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.message).toMatch(/after/);
    expect(data(await app.run(OrganizationPage, { name: "no-such-org", sort: "NEWEST" })).organization).toBeNull();
  });
});
