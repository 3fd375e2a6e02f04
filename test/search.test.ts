// search(query, filter): web-search syntax, ranking (title above abstract above authors, ties by
// date), highlights, matched fields, filters, paging, a bounded number of statements, and the
// same results on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { PaperRecord } from "../src/ingest/record.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, type Engine, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords } from "./helpers/papers.ts";

const Search = graphql(`
  query Search($query: String!, $filter: SearchFilter, $first: Int, $after: String) {
    search(query: $query, filter: $filter, first: $first, after: $after) {
      truncated
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        rank
        matchedFields
        titleHighlight {
          text
          html
          ranges {
            start
            length
          }
        }
        highlight {
          text
          html
          ranges {
            start
            length
          }
        }
        node {
          arxivId
          title
          listedOn
          authors {
            name
          }
          topics {
            topic {
              slug
            }
          }
        }
      }
    }
  }
`);

function paper(n: number, p: Partial<PaperRecord> & { title: string; abstract: string }): PaperRecord {
  return {
    arxivId: `2602.${String(n).padStart(5, "0")}`,
    authors: [{ name: "Grace Hopper" }],
    categories: ["cs.LG"],
    listedOn: "2026-02-10",
    ...p,
  };
}

// Words chosen not to occur in the seeded Daily Papers page.
const CORPUS: PaperRecord[] = [
  paper(1, {
    title: "Zeolite catalysts for cold fusion",
    abstract: "We report a zeolite lattice that hosts deuterium at room temperature. Results are preliminary.",
  }),
  paper(2, {
    title: "A survey of room temperature superconductors",
    abstract: "Zeolite frameworks appear in one section among many other materials and methods.",
  }),
  paper(3, {
    title: "Quasar lensing with machine learning",
    abstract: "We train a classifier on lensed quasar images from a large sky survey.",
    categories: ["astro-ph.CO"],
  }),
  paper(4, {
    title: "Neutrino oscillation counts",
    abstract: "Detector counts of neutrino flavours over a long baseline.",
    authors: [{ name: "Ada Zeolite" }],
    categories: ["hep-ex"],
  }),
  // Same text as 6, listed later: ranks equal, so the newer comes first.
  paper(5, { title: "Tidal bores of the Severn", abstract: "Tidal bores travel up the estuary twice a day.", listedOn: "2026-02-12" }),
  paper(6, {
    title: "Tidal bores of the Severn",
    abstract: "Tidal bores travel up the estuary twice a day.",
    listedOn: "2026-02-11",
    arxivId: "2602.00099",
  }),
  paper(7, {
    title: "Spectral clustering of tidal gauges",
    abstract: "Spectral clustering groups coastal tide gauges by their records.",
    listedOn: "2026-02-13",
  }),
  paper(8, {
    title: "Bores and gauges: a tidal dataset",
    abstract: "A dataset of gauges, bores & other tidal records (count < 10^6), released openly.",
    listedOn: "2026-02-14",
  }),
];

interface Hit {
  arxivId: string | null;
  rank: number;
  matchedFields: string[];
  highlight: string;
  titleHighlight: string;
}

const COMPARED = ["zeolite", '"tidal bores"', "tidal -spectral", "quasar OR neutrino", "gauges bores", "Zeolite catalysts"];

// One app with the corpus per engine, opened by the first case that needs it; no case writes to it.
const corpusApps = new Map<Engine, Promise<TestApp>>();
function corpusApp(engine: Engine): Promise<TestApp> {
  if (!corpusApps.has(engine)) {
    corpusApps.set(
      engine,
      (async () => {
        const app = await createTestApp(engine);
        const r = await ingestRecords(app, CORPUS);
        expect(r.rejected).toBe(0);
        return app;
      })(),
    );
  }
  return corpusApps.get(engine)!;
}
afterAll(async () => {
  for (const app of corpusApps.values()) await (await app).close();
});

async function searchOn(app: TestApp, query: string, extra: { filter?: object; first?: number; after?: string } = {}) {
  const r = await app.run(Search, { query, first: 20, ...extra });
  expect(r.errors).toBeUndefined();
  return data(r).search;
}

/** What the cross-engine comparison looks at: ids, ranks, matched fields and highlights. */
async function comparedHits(app: TestApp): Promise<Record<string, Hit[]>> {
  const hits: Record<string, Hit[]> = {};
  for (const q of COMPARED) {
    hits[q] = (await searchOn(app, q)).edges.map((e) => ({
      arxivId: e.node.arxivId,
      rank: e.rank,
      matchedFields: e.matchedFields,
      highlight: e.highlight.html,
      titleHighlight: e.titleHighlight.html,
    }));
  }
  return hits;
}

describe.each(ENGINES)("search on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await corpusApp(engine);
  });

  const search = (query: string, extra: { filter?: object; first?: number; after?: string } = {}) => searchOn(app, query, extra);
  const ids = async (query: string, filter?: object) => (await search(query, { filter })).edges.map((e) => e.node.arxivId);

  it("ranks a title match above an abstract match, and an abstract match above an author match", async () => {
    const s = await search("zeolite");
    expect(s.edges.map((e) => e.node.arxivId)).toEqual(["2602.00001", "2602.00002", "2602.00004"]);
    expect(s.edges.map((e) => e.matchedFields)).toEqual([["TITLE", "ABSTRACT"], ["ABSTRACT"], ["AUTHORS"]]);
    const ranks = s.edges.map((e) => e.rank);
    expect(ranks[0]).toBeGreaterThan(ranks[1]!);
    expect(ranks[1]).toBeGreaterThan(ranks[2]!);
    expect(s.truncated).toBe(false);
  });

  it("breaks rank ties by the newer listing day", async () => {
    const s = await search('"tidal bores" estuary');
    expect(s.edges.map((e) => [e.node.arxivId, e.node.listedOn])).toEqual([
      ["2602.00005", "2026-02-12"],
      ["2602.00099", "2026-02-11"],
    ]);
    expect(s.edges[0]!.rank).toBe(s.edges[1]!.rank);
  });

  it("supports quoted phrases, OR and -exclusion", async () => {
    // "tidal bores" as a phrase: paper 8 has both words but not adjacent.
    expect(await ids('"tidal bores"')).toEqual(["2602.00005", "2602.00099"]);
    expect((await ids("tidal bores")).sort()).toEqual(["2602.00005", "2602.00008", "2602.00099"]);
    expect((await ids("tidal -spectral")).sort()).toEqual(["2602.00005", "2602.00008", "2602.00099"]);
    expect((await ids("quasar OR neutrino")).sort()).toEqual(["2602.00003", "2602.00004"]);
  });

  it("highlights the matches in the title and the best abstract passage, as text ranges and escaped HTML", async () => {
    const [hit] = (await search("gauges bores")).edges.filter((e) => e.node.arxivId === "2602.00008");
    expect(hit!.titleHighlight.text).toBe("Bores and gauges: a tidal dataset");
    expect(hit!.titleHighlight.html).toBe("<mark>Bores</mark> and <mark>gauges</mark>: a tidal dataset");
    const marked = hit!.highlight.ranges.map((r) => hit!.highlight.text.slice(r.start, r.start + r.length).toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    expect(new Set(marked)).toEqual(new Set(["gauges", "bores"]));
    // The abstract's "&" and "<" are escaped in HTML, never passed through.
    expect(hit!.highlight.html).toContain("<mark>bores</mark> &amp; other tidal records (count &lt; 10^6)");
    expect(hit!.highlight.text).toContain("bores & other tidal records (count < 10^6)");
  });

  it("gives the same hits whether or not highlights and matched fields are asked, and them through fragments", async () => {
    // The statement computes highlights and matched fields only when the selection has them.
    const post = async (query: string) => {
      const res = await app.yoga.fetch("http://paperboy.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables: { q: "gauges bores" } }),
      });
      const body = (await res.json()) as { data: { search: { edges: Record<string, unknown>[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data.search.edges;
    };
    const full = (await search("gauges bores")).edges;
    const bare = await post(`query S($q: String!) { search(query: $q) { edges { rank node { arxivId } } } }`);
    expect(bare.map((e) => [(e.node as { arxivId: string }).arxivId, e.rank])).toEqual(full.map((e) => [e.node.arxivId, e.rank]));
    const viaFragments = await post(`query S($q: String!) { search(query: $q) { ...Page } }
      fragment Page on SearchConnection { edges { node { arxivId } ... on SearchResultEdge { matchedFields } ...Marks } }
      fragment Marks on SearchResultEdge { titleHighlight { html } }`);
    const hit = viaFragments.find((e) => (e.node as { arxivId: string }).arxivId === "2602.00008")!;
    expect(hit.titleHighlight).toEqual({ html: "<mark>Bores</mark> and <mark>gauges</mark>: a tidal dataset" });
    expect(viaFragments.map((e) => e.matchedFields)).toEqual(full.map((e) => e.matchedFields));
  });

  it("answers a query of only stop words with no results, and an empty one with an error naming the argument", async () => {
    const s = await search("the of and");
    expect(s.edges).toEqual([]);
    expect(s.pageInfo.hasNextPage).toBe(false);
    for (const query of ["", "   \t "]) {
      const r = await app.run(Search, { query });
      expect(r.data).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.message).toMatch(/Argument "query": is empty/);
    }
  });

  it("filters by topics, categories, authors and listing days", async () => {
    expect(await ids("quasar OR neutrino", { categories: ["hep-ex"] })).toEqual(["2602.00004"]);
    expect(await ids("zeolite", { authors: ["ada ZEOLITE"] })).toEqual(["2602.00004"]);
    expect(await ids("zeolite", { authors: ["Nobody Known"] })).toEqual([]);
    expect((await ids("tidal", { from: "2026-02-12", to: "2026-02-13" })).sort()).toEqual(["2602.00005", "2602.00007"]);
    // The tagger puts the spectral clustering paper in "clustering", a subtopic of "machine-learning".
    expect(await ids("tidal", { topics: ["clustering"] })).toEqual(["2602.00007"]);
    expect(await ids("tidal", { topics: ["machine-learning"] })).toContain("2602.00007");
    const r = await app.run(Search, { query: "tidal", filter: { topics: ["no-such-topic"] } });
    expect(r.errors?.[0]?.message).toBe('Argument "filter.topics": no topic has the slug "no-such-topic"');
    const backwards = await app.run(Search, { query: "tidal", filter: { from: "2026-02-13", to: "2026-02-12" } });
    expect(backwards.errors?.[0]?.message).toMatch(/filter\.to.*before from/);
  });

  it("pages through results without gaps or repeats, and refuses a cursor of another query", async () => {
    const all = await ids("tidal OR zeolite OR quasar");
    expect(all).toHaveLength(8);
    const seen: (string | null)[] = [];
    let after: string | undefined;
    for (;;) {
      const s = await search("tidal OR zeolite OR quasar", { first: 3, after });
      seen.push(...s.edges.map((e) => e.node.arxivId));
      if (!s.pageInfo.hasNextPage) break;
      after = s.pageInfo.endCursor!;
    }
    expect(seen).toEqual(all);
    const first = await search("tidal OR zeolite OR quasar", { first: 3 });
    const r = await app.run(Search, { query: "zeolite", after: first.pageInfo.endCursor });
    expect(r.errors?.[0]?.message).toMatch(/Argument "after": belongs to a list with other arguments/);
  });

  it("costs the same statements for 2 results as for 8, authors and topics included", async () => {
    const counts: number[] = [];
    for (const first of [2, 8]) {
      const before = app.db.counter.statements;
      const s = await search("tidal OR zeolite OR quasar", { first });
      expect(s.edges).toHaveLength(first);
      expect(s.edges.every((e) => e.node.authors.length > 0)).toBe(true);
      counts.push(app.db.counter.statements - before);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(6);
  });

  it("finds results for every query compared across engines", async () => {
    for (const [q, hits] of Object.entries(await comparedHits(app))) expect(hits.length, q).toBeGreaterThan(0);
  });
});

if (ENGINES.length === 2) {
  describe("search on both engines", () => {
    it("gives identical results, ranks and highlights on PGlite and PostgreSQL", async () => {
      const pglite = await comparedHits(await corpusApp("pglite"));
      expect(Object.values(pglite).every((hits) => hits.length > 0)).toBe(true);
      expect(await comparedHits(await corpusApp("postgres"))).toEqual(pglite);
    });
  });
}

describe("bounded ranking of a very common term", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite");
    // 520 papers that all contain "lighthouse", listed over 26 days (20 a day).
    const days = (i: number) => `2026-03-${String(1 + Math.floor(i / 20)).padStart(2, "0")}`;
    await ingestRecords(
      app,
      Array.from({ length: 520 }, (_, i) =>
        paper(10_000 + i, {
          title: `Lighthouse keeping log ${i}`,
          abstract: `Notes on lighthouse number ${i} and its lamp.`,
          listedOn: days(i),
        }),
      ),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("ranks only the 500 most recently listed matches, says so, and reaches older ones through the date filter", async () => {
    const seen = new Set<string>();
    let after: string | undefined;
    let truncated = false;
    for (;;) {
      const r = await app.run(Search, { query: "lighthouse", first: 100, after });
      expect(r.errors).toBeUndefined();
      const s = data(r).search;
      truncated = s.truncated;
      for (const e of s.edges) {
        seen.add(e.node.arxivId!);
        // The 20 papers of the first day (2026-03-01) are the oldest: outside the 500.
        expect(e.node.listedOn > "2026-03-01").toBe(true);
      }
      if (!s.pageInfo.hasNextPage) break;
      after = s.pageInfo.endCursor!;
    }
    expect(seen.size).toBe(500);
    expect(truncated).toBe(true);
    const older = await app.run(Search, { query: "lighthouse", first: 100, filter: { to: "2026-03-01" } });
    expect(data(older).search.edges).toHaveLength(20);
    expect(data(older).search.truncated).toBe(false);
  });
});
