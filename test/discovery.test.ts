// Listings by day, ISO week and month; trending; topic pages; related papers. On PGlite and
// (with TEST_DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { PaperRecord } from "../src/ingest/record.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords } from "./helpers/papers.ts";

const Daily = graphql(`
  query Daily($date: Date, $week: String, $month: String, $sort: PaperSort, $submitter: String, $first: Int, $after: String) {
    dailyPapers(date: $date, week: $week, month: $month, sort: $sort, submitter: $submitter, first: $first, after: $after) {
      period {
        kind
        label
        firstDay
        lastDay
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        score
        votes
        node {
          arxivId
          listedOn
        }
      }
    }
  }
`);

const Trending = graphql(`
  query Trending($window: TrendingWindow, $topic: String, $asOf: DateTime, $first: Int, $after: String) {
    trending(window: $window, topic: $topic, asOf: $asOf, first: $first, after: $after) {
      asOf
      firstDay
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        score
        votes
        node {
          arxivId
          title
          listedOn
        }
      }
    }
  }
`);

const TopicPage = graphql(`
  query TopicPage($slug: String!, $asOf: DateTime) {
    topic(slug: $slug) {
      name
      paperCount
      followerCount
      children {
        slug
      }
      feeds {
        atom
        json
      }
      trending(window: MONTH, asOf: $asOf, first: 10) {
        edges {
          node {
            arxivId
          }
        }
      }
    }
    topicTree {
      slug
      children {
        slug
      }
    }
  }
`);

const Related = graphql(`
  query Related($arxivId: String!, $first: Int) {
    paper(arxivId: $arxivId) {
      related(first: $first) {
        edges {
          score
          sharedTerms
          sharedTopics {
            slug
          }
          node {
            arxivId
            authors {
              name
            }
          }
        }
      }
    }
  }
`);

const RelatedTopicCounts = graphql(`
  query RelatedTopicCounts($arxivId: String!, $slug: String!) {
    paper(arxivId: $arxivId) {
      related(first: 10) {
        edges {
          sharedTopics {
            slug
            followerCount
            paperCount
          }
        }
      }
    }
    topic(slug: $slug) {
      followerCount
      paperCount
    }
  }
`);

const DayWithRelated = graphql(`
  query DayWithRelated($date: Date!, $first: Int) {
    dailyPapers(date: $date, first: $first, sort: NEWEST) {
      edges {
        node {
          arxivId
          related(first: 3) {
            edges {
              sharedTerms
              node {
                arxivId
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
    }
  }
`);

function paper(n: number, listedOn: string, p: Partial<PaperRecord> = {}): PaperRecord {
  return {
    arxivId: `2601.${String(n).padStart(5, "0")}`,
    title: `Observation ${n} of migrating starlings`,
    abstract: `Field notes number ${n} on starling flocks.`,
    authors: [{ name: `Observer ${n}` }],
    categories: ["q-bio.PE"],
    listedOn,
    ...p,
  };
}

// ISO week 2026-W03 is Monday 2026-01-12 to Sunday 2026-01-18.
const CORPUS: PaperRecord[] = [
  paper(1, "2026-01-11"),
  paper(2, "2026-01-12"),
  paper(3, "2026-01-14"),
  paper(4, "2026-01-18"),
  paper(5, "2026-01-19"),
  paper(6, "2026-01-01"),
  paper(7, "2026-01-31"),
  paper(8, "2026-02-01"),
  paper(9, "2026-01-14", { title: "Zebra observation of migrating starlings" }),
  // For related papers: three about graph clustering of tidal gauges, one unrelated.
  paper(20, "2026-01-20", {
    title: "Spectral clustering of tidal gauge networks",
    abstract: "Spectral clustering groups tidal gauge records by similarity.",
    categories: ["stat.ML"],
  }),
  paper(21, "2026-01-20", {
    title: "Tidal gauge clustering with kernels",
    abstract: "Kernel clustering of tidal gauge series.",
    categories: ["stat.ML"],
  }),
  paper(22, "2026-01-20", {
    title: "Robust spectral clustering for tidal gauges",
    abstract: "A robust variant of spectral clustering, tested on gauge data.",
    categories: ["stat.ML"],
  }),
  paper(23, "2026-01-20", {
    title: "Bread baking at altitude",
    abstract: "Dough rises faster where the air is thin.",
    categories: ["physics.pop-ph"],
  }),
];

describe.each(ENGINES)("discovery on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
    expect((await ingestRecords(app, CORPUS)).rejected).toBe(0);
    const votes: Record<string, [number, number]> = {
      "2601.00002": [3, 0],
      "2601.00003": [1, 4],
      "2601.00004": [2, 0],
      "2601.00009": [0, 5],
    };
    for (const [arxivId, [upvoteCount, sourceUpvotes]] of Object.entries(votes)) {
      await app.db.prisma.paper.update({ where: { arxivId }, data: { upvoteCount, sourceUpvotes } });
    }
    const reader = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "reader@paperboy.local" } });
    await app.db.prisma.paper.update({ where: { arxivId: "2601.00004" }, data: { submittedById: reader.id } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const ids = (edges: { node: { arxivId: string | null } }[]) => edges.map((e) => e.node.arxivId);

  describe("dailyPapers", () => {
    it("lists an ISO week from Monday to Sunday, most votes first (ours + Hugging Face's), then by title", async () => {
      const r = await app.run(Daily, { week: "2026-W03", sort: "UPVOTES" });
      expect(r.errors).toBeUndefined();
      expect(data(r).dailyPapers.period).toEqual({ kind: "WEEK", label: "2026-W03", firstDay: "2026-01-12", lastDay: "2026-01-18" });
      const edges = data(r).dailyPapers.edges;
      expect(ids(edges)).toEqual(["2601.00003", "2601.00009", "2601.00002", "2601.00004"]);
      expect(edges.map((e) => e.votes)).toEqual([5, 5, 3, 2]);
    });

    it("lists only four-digit years: a period or trending window beyond them is BAD_USER_INPUT naming the argument", async () => {
      const refused: [string, Record<string, string>][] = [
        ["date", { date: "9999-12-31" }],
        ["date", { date: "0000-06-01" }],
        ["month", { month: "9999-12" }],
        ["week", { week: "9999-W52" }],
      ];
      for (const [argumentName, args] of refused) {
        const r = await app.run(Daily, args);
        const message = expect.stringContaining("listing days run from 0001-01-01 to 9999-12-30");
        expect(r.errors).toEqual([expect.objectContaining({ message, extensions: { code: "BAD_USER_INPUT", argumentName } })]);
      }
      for (const [asOf, window] of [
        ["9999-12-31T23:59:59.999Z", "DAY"],
        ["0001-01-10T00:00:00Z", "MONTH"],
      ] as const) {
        const r = await app.run(Trending, { asOf, window });
        expect(r.errors).toEqual([expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", argumentName: "asOf" } })]);
      }
      // The years 0 to 99 are read as written, not as 1900 to 1999.
      const day = data(await app.run(Daily, { date: "0050-03-01" })).dailyPapers.period;
      expect(day).toEqual({ kind: "DAY", label: "0050-03-01", firstDay: "0050-03-01", lastDay: "0050-03-01" });
      const week = data(await app.run(Daily, { week: "0001-W01" })).dailyPapers.period;
      expect(week).toMatchObject({ label: "0001-W01", firstDay: "0001-01-01" });
      expect(data(await app.run(Daily, { date: "9999-12-30" })).dailyPapers.period.label).toBe("9999-12-30");
    });

    it("lists a month, and a day; with no period, the latest day with papers", async () => {
      const month = await app.run(Daily, { month: "2026-01", first: 100 });
      const listed = data(month).dailyPapers.edges.map((e) => e.node.listedOn);
      expect(listed).toContain("2026-01-01");
      expect(listed).toContain("2026-01-31");
      expect(listed.every((d) => d.startsWith("2026-01"))).toBe(true);
      const day = await app.run(Daily, { date: "2026-01-14", sort: "NEWEST" });
      expect(ids(data(day).dailyPapers.edges)).toEqual(["2601.00009", "2601.00003"]);
      const latest = await app.run(Daily, {});
      expect(data(latest).dailyPapers.period.label).toBe("2026-02-01");
      expect(ids(data(latest).dailyPapers.edges)).toEqual(["2601.00008"]);
    });

    it("sorts by trending: votes decayed by age at the end of the period", async () => {
      const r = await app.run(Daily, { week: "2026-W03", sort: "TRENDING" });
      const edges = data(r).dailyPapers.edges;
      const end = Date.parse("2026-01-19T00:00:00Z");
      const expected = (votes: number, day: string) => votes / Math.pow((end - Date.parse(`${day}T00:00:00Z`)) / 3_600_000 + 2, 1.8);
      for (const e of edges) expect(e.score).toBeCloseTo(expected(e.votes, e.node.listedOn), 12);
      // The Sunday paper's 2 votes are fresher than the Monday paper's 3; the two Wednesday papers
      // with 5 votes tie, and go by title ("Observation 3 ..." before "Zebra ...").
      expect(ids(edges)).toEqual(["2601.00004", "2601.00003", "2601.00009", "2601.00002"]);
    });

    it("filters by submitter handle, and names an unknown one", async () => {
      const r = await app.run(Daily, { month: "2026-01", submitter: "READER" });
      expect(ids(data(r).dailyPapers.edges)).toEqual(["2601.00004"]);
      const bad = await app.run(Daily, { month: "2026-01", submitter: "nobody" });
      expect(bad.errors?.[0]?.message).toBe('Argument "submitter": no user has the handle "nobody"');
    });

    it("rejects mixed and malformed periods with errors that name the argument", async () => {
      const cases: [object, RegExp][] = [
        [{ date: "2026-01-14", week: "2026-W03" }, /^Argument "week": give one of date, week and month, not date and week$/],
        [{ week: "2026-W03", month: "2026-01" }, /^Argument "month": give one of date, week and month, not week and month$/],
        [{ week: "2026-32" }, /^Argument "week": expected an ISO 8601 week like "2025-W32", got "2026-32"$/],
        [{ week: "2026-W54" }, /^Argument "week": 2026 has ISO weeks 01 to 53, got "2026-W54"$/],
        [{ week: "2025-W53" }, /^Argument "week": 2025 has ISO weeks 01 to 52/],
        [{ month: "2026-13" }, /^Argument "month": months run 01 to 12, got "2026-13"$/],
        [{ month: "2026/01" }, /^Argument "month": expected a month like "2025-08"/],
      ];
      for (const [vars, message] of cases) {
        const r = await app.run(Daily, vars);
        expect(r.data).toBeNull();
        expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(r.errors?.[0]?.message).toMatch(message);
      }
      const date = await app.run(Daily, { date: "2026-02-30" });
      expect(date.errors?.[0]?.message).toMatch(/date/i);
    });

    it("pages without gaps or repeats, and refuses a cursor made for another sort", async () => {
      const all = ids(data(await app.run(Daily, { month: "2026-01", sort: "TRENDING", first: 100 })).dailyPapers.edges);
      const seen: (string | null)[] = [];
      let after: string | undefined;
      for (;;) {
        const r = await app.run(Daily, { month: "2026-01", sort: "TRENDING", first: 3, after });
        seen.push(...ids(data(r).dailyPapers.edges));
        if (!data(r).dailyPapers.pageInfo.hasNextPage) break;
        after = data(r).dailyPapers.pageInfo.endCursor!;
      }
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(all.length);
      const r = await app.run(Daily, { month: "2026-01", sort: "UPVOTES", after });
      expect(r.errors?.[0]?.message).toMatch(/^Argument "after": belongs to a list with other arguments/);
      const garbage = await app.run(Daily, { month: "2026-01", after: "not-a-cursor" });
      expect(garbage.errors?.[0]?.message).toBe('Argument "after": is not a cursor of this list');
    });
  });

  describe("trending", () => {
    const asOf = "2026-01-19T12:00:00.000Z";

    it("ranks the window's papers by decayed votes at asOf, ties by title then id", async () => {
      const r = await app.run(Trending, { window: "WEEK", asOf, first: 100 });
      expect(r.errors).toBeUndefined();
      const t = data(r).trending;
      expect(t.asOf).toBe(asOf);
      expect(t.firstDay).toBe("2026-01-12");
      const listed = t.edges.map((e) => e.node.listedOn);
      expect(listed.every((d) => d >= "2026-01-12" && d <= "2026-01-19")).toBe(true);
      expect(ids(t.edges).slice(0, 4)).toEqual(["2601.00004", "2601.00003", "2601.00009", "2601.00002"]);
      const scores = t.edges.map((e) => e.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // Unvoted papers score 0 and follow in title order.
      const zero = t.edges.filter((e) => e.score === 0).map((e) => e.node.title);
      expect(zero).toEqual([...zero].sort());
      expect(ids(t.edges)).toContain("2601.00005");
    });

    it("keeps the first page's instant on later pages", async () => {
      const first = await app.run(Trending, { window: "MONTH", asOf, first: 2 });
      const next = await app.run(Trending, { window: "MONTH", first: 2, after: data(first).trending.pageInfo.endCursor });
      expect(next.errors).toBeUndefined();
      expect(data(next).trending.asOf).toBe(asOf);
      const all = await app.run(Trending, { window: "MONTH", asOf, first: 4 });
      expect([...ids(data(first).trending.edges), ...ids(data(next).trending.edges)]).toEqual(ids(data(all).trending.edges));
    });

    it("filters by topic, subtopics included, and names an unknown topic", async () => {
      const r = await app.run(Trending, { window: "WEEK", topic: "machine-learning", asOf: "2026-01-21T00:00:00Z", first: 100 });
      expect(ids(data(r).trending.edges).sort()).toEqual(["2601.00020", "2601.00021", "2601.00022"]);
      const bad = await app.run(Trending, { topic: "astrology" });
      expect(bad.errors?.[0]?.message).toBe('Argument "topic": no topic has the slug "astrology"');
    });
  });

  describe("topic pages", () => {
    it("shows followers, trending papers within, children, feeds, and the taxonomy as a tree", async () => {
      const users = await app.db.prisma.user.findMany({ select: { id: true } });
      const clustering = await app.db.prisma.topic.findUniqueOrThrow({ where: { slug: "clustering" } });
      await app.db.prisma.topicFollow.createMany({ data: users.slice(0, 2).map((u) => ({ userId: u.id, topicId: clustering.id })) });
      const r = await app.run(TopicPage, { slug: "clustering", asOf: "2026-01-21T00:00:00Z" });
      expect(r.errors).toBeUndefined();
      const topic = data(r).topic!;
      expect(topic.followerCount).toBe(2);
      expect(ids(topic.trending.edges).sort()).toEqual(["2601.00020", "2601.00021", "2601.00022"]);
      expect(topic.feeds).toEqual({
        atom: "http://localhost:4000/feeds/topics/clustering.atom",
        json: "http://localhost:4000/feeds/topics/clustering.json",
      });
      const tree = data(r).topicTree;
      const ml = tree.find((t) => t.slug === "machine-learning");
      expect(ml?.children.map((c) => c.slug)).toContain("clustering");
      expect(tree.some((t) => t.slug === "clustering")).toBe(false);
    });
  });

  describe("related papers", () => {
    it("finds papers sharing title words and topics, explains why, and never returns the paper itself", async () => {
      const r = await app.run(Related, { arxivId: "2601.00020", first: 10 });
      expect(r.errors).toBeUndefined();
      const edges = data(r).paper!.related.edges;
      expect(ids(edges)).not.toContain("2601.00020");
      expect(ids(edges)).not.toContain("2601.00023");
      expect(ids(edges).slice(0, 2).sort()).toEqual(["2601.00021", "2601.00022"]);
      const robust = edges.find((e) => e.node.arxivId === "2601.00022")!;
      expect(robust.sharedTerms).toEqual(expect.arrayContaining(["Spectral", "clustering", "tidal"]));
      expect(robust.sharedTopics.map((t) => t.slug)).toContain("clustering");
      expect(robust.node.authors).toEqual([{ name: "Observer 22" }]);
      const scores = edges.map((e) => e.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it("counts a shared topic's followers and papers as its own page does", async () => {
      const r = await app.run(RelatedTopicCounts, { arxivId: "2601.00020", slug: "clustering" });
      expect(r.errors).toBeUndefined();
      const shared = data(r)
        .paper!.related.edges.flatMap((e) => e.sharedTopics)
        .filter((t) => t.slug === "clustering");
      // Several related papers share the topic: each of them shows the same counts.
      expect(shared.length).toBeGreaterThan(1);
      for (const topic of shared) expect(topic).toEqual({ slug: "clustering", ...data(r).topic });
    });

    it("looks for related papers among titles, and through abstracts only when few titles share words", async () => {
      const sketching = { abstract: "Notes on sketches.", listedOn: "2025-06-02", categories: ["cs.DS"] };
      const records = [
        paper(40, "2025-06-01", { ...sketching, title: "Sparse tensor sketching for streaming recommendation" }),
        ...Array.from({ length: 11 }, (_, i) =>
          paper(41 + i, "2025-06-02", { ...sketching, title: `Sparse tensor sketching, part ${i + 1}` }),
        ),
        // Shares every word of the first title, but in its abstract only.
        paper(52, "2025-06-03", {
          ...sketching,
          title: "A field guide to bumblebees",
          abstract: "Sparse tensor sketching for streaming recommendation, again.",
        }),
        // A title no other title shares two words with; the abstract of 54 does.
        paper(53, "2025-06-01", { ...sketching, title: "Quantum walks on hexagonal lattices" }),
        paper(54, "2025-06-03", {
          ...sketching,
          title: "Honey production in cold winters",
          abstract: "Quantum walks on hexagonal lattices describe bee dances.",
        }),
      ];
      expect((await ingestRecords(app, records)).rejected).toBe(0);

      const sparse = await app.run(Related, { arxivId: "2601.00040", first: 20 });
      expect(sparse.errors).toBeUndefined();
      expect(ids(data(sparse).paper!.related.edges).sort()).toEqual(
        records
          .slice(1, 12)
          .map((r) => r.arxivId)
          .sort(),
      );
      expect(data(sparse).paper!.related.edges[0]!.sharedTerms).toEqual(expect.arrayContaining(["Sparse", "tensor", "sketching"]));

      const quantum = await app.run(Related, { arxivId: "2601.00053", first: 20 });
      expect(ids(data(quantum).paper!.related.edges)).toEqual(["2601.00054"]);
      expect(data(quantum).paper!.related.edges[0]!.sharedTerms).toEqual(["Quantum", "walks", "hexagonal", "lattices"]);
    });

    it("computes the related papers of a whole list in the same statements as for one paper", async () => {
      const counts: number[] = [];
      // NEWEST: the bread paper (no related papers) first, then the three tidal ones.
      for (const first of [2, 4]) {
        const before = app.db.counter.statements;
        const r = await app.run(DayWithRelated, { date: "2026-01-20", first });
        expect(r.errors).toBeUndefined();
        expect(data(r).dailyPapers.edges).toHaveLength(first);
        expect(data(r).dailyPapers.edges[1]!.node.related.edges.length).toBeGreaterThan(0);
        counts.push(app.db.counter.statements - before);
      }
      expect(counts[0]).toBe(counts[1]);
      expect(counts[0]).toBeLessThanOrEqual(11);
    });
  });
});
