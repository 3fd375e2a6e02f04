// Recommendations: a user's (and a collection's) papers teach the ranking; edges name the terms and
// papers behind them; too few signals give trending, said so; a new upvote changes the list on
// every instance; a private collection's recommendations stay private; a page's statements do not
// grow with its size.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsFor, type TestApp, testAppOver } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { HIGH_LIMITS, newUser, type TestUser } from "./helpers/users.ts";

const Recommended = graphql(`
  query Recommended($first: Int, $after: String) {
    me {
      recommended(first: $first, after: $after) {
        reason
        signalCount
        lastDay
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          reason
          explanation
          terms
          score
          because {
            id
            title
          }
          node {
            id
            title
            authors {
              name
            }
          }
        }
      }
    }
  }
`);

const CollectionRecommended = graphql(`
  query CollectionRecommended($id: ID!) {
    collection(id: $id) {
      recommended(first: 3) {
        reason
        edges {
          terms
          because {
            title
          }
          node {
            title
          }
        }
      }
    }
  }
`);

const UpvoteForRecommendations = graphql(`
  mutation UpvoteForRecommendations($id: ID!) {
    upvotePaper(id: $id) {
      __typename
    }
  }
`);

const NewCollection = graphql(`
  mutation NewCollectionForRecommendations($name: String!, $visibility: CollectionVisibility) {
    createCollection(name: $name, visibility: $visibility) {
      __typename
      ... on Collection {
        id
      }
    }
  }
`);

const AddToCollection = graphql(`
  mutation AddToCollectionForRecommendations($id: ID!, $paperId: ID!) {
    addPaperToCollection(id: $id, paperId: $paperId) {
      __typename
    }
  }
`);

// Three fields with words of their own; each paper draws a different few so no two are alike.
const FIELDS = {
  protein: {
    category: "q-bio.BM",
    words: ["protein", "folding", "residue", "enzyme", "binding", "peptide", "conformation", "ligand", "docking", "amino"],
  },
  galaxy: {
    category: "astro-ph.GA",
    words: ["galaxy", "stellar", "redshift", "halo", "cluster", "telescope", "dwarf", "spectroscopy", "quasar", "nebula"],
  },
  robot: {
    category: "cs.RO",
    words: ["robot", "gripper", "manipulation", "locomotion", "legged", "grasping", "actuator", "trajectory", "teleoperation", "arm"],
  },
} as const;
type Field = keyof typeof FIELDS;
const PER_FIELD = 12;

function paperOf(field: Field, i: number, n: number) {
  const { category, words } = FIELDS[field];
  const pick = (k: number) => words[(i * 3 + k) % words.length]!;
  return syntheticPaper(n, {
    title: `On ${pick(0)} ${pick(1)} and ${pick(2)} number ${n}`,
    abstract:
      `We study ${pick(0)} ${pick(1)} with ${pick(3)} and ${pick(4)}. ` +
      `Our ${pick(2)} ${pick(5)} analysis of ${pick(6)} improves on prior work.`,
    categories: [category],
    listedOn: "2026-01-15",
  });
}

describe.each(ENGINES)("recommendations on %s", (engine) => {
  let app: TestApp;
  const ids: Record<Field, string[]> = { protein: [], galaxy: [], robot: [] };
  const titles = new Map<string, Field>();

  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    const records = (Object.keys(FIELDS) as Field[]).flatMap((field, f) =>
      Array.from({ length: PER_FIELD }, (_, i) => ({ field, record: paperOf(field, i, 500 + f * 100 + i) })),
    );
    await ingestRecords(
      app,
      records.map((r) => r.record),
    );
    // No background rebuild of the window's space in the middle of a statement count (tested below).
    app.recommender.stop();
    const rows = await app.db.prisma.paper.findMany({
      where: { arxivId: { in: records.map((r) => r.record.arxivId!) } },
      select: { id: true, arxivId: true, title: true },
    });
    for (const r of records) {
      const row = rows.find((x) => x.arxivId === r.record.arxivId)!;
      ids[r.field].push(encodeGlobalID("Paper", row.id));
      titles.set(row.title, r.field);
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  async function upvote(user: TestUser, paperIds: string[], via: { run: TestApp["run"] } = app) {
    for (const id of paperIds) {
      const r = await via.run(UpvoteForRecommendations, { id }, { token: user.token });
      expect(r.data?.upvotePaper.__typename).toBe("Paper");
    }
  }

  async function recommended(user: TestUser, first = 5, via: { run: TestApp["run"] } = app) {
    const r = await via.run(Recommended, { first }, { token: user.token });
    expect(r.errors).toBeUndefined();
    return r.data!.me!.recommended;
  }

  it("puts papers like the upvoted ones first and says why: the terms and the upvoted papers that weighed most", async () => {
    const user = await newUser(app, `rec_learn_${engine}`);
    await upvote(user, ids.protein.slice(0, 4));
    const list = await recommended(user, 6);
    expect(list.reason).toBe("LEARNED");
    expect(list.signalCount).toBe(4);
    expect(list.lastDay).toBe("2026-01-15");
    expect(list.edges).toHaveLength(6);
    for (const edge of list.edges) {
      expect(titles.get(edge.node.title)).toBe("protein");
      // Never one of the user's own papers.
      expect(ids.protein.slice(0, 4)).not.toContain(edge.node.id);
      expect(edge.reason).toBe("LEARNED");
      expect(edge.terms.length).toBeGreaterThan(0);
      expect(edge.terms.length).toBeLessThanOrEqual(3);
      expect(edge.because.length).toBeGreaterThan(0);
      for (const b of edge.because) expect(ids.protein.slice(0, 4)).toContain(b.id);
      expect(edge.explanation).toContain(edge.terms[0]);
    }
    // The category or field words weighed most, not filler.
    const named = new Set(list.edges.flatMap((e) => e.terms.flatMap((t) => t.split(" "))));
    expect([...named].some((t) => t === "q-bio.BM" || (FIELDS.protein.words as readonly string[]).includes(t))).toBe(true);
    const scores = list.edges.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("pages through the list without repeats", async () => {
    const user = await newUser(app, `rec_pages_${engine}`);
    await upvote(user, ids.galaxy.slice(0, 3));
    const first = await recommended(user, 4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const r = await app.run(Recommended, { first: 4, after: first.pageInfo.endCursor }, { token: user.token });
    const second = r.data!.me!.recommended.edges.map((e) => e.node.id);
    expect(second).toHaveLength(4);
    expect(second.filter((id) => first.edges.some((e) => e.node.id === id))).toEqual([]);
  });

  it("with fewer than 3 signals gives trending and says so", async () => {
    const user = await newUser(app, `rec_cold_${engine}`);
    await upvote(user, ids.robot.slice(0, 2));
    const list = await recommended(user, 5);
    expect(list.reason).toBe("COLD_START");
    expect(list.signalCount).toBe(2);
    expect(list.edges.length).toBe(5);
    for (const edge of list.edges) {
      expect(edge.reason).toBe("COLD_START");
      expect(edge.explanation).toBe("You have 2 papers to learn from (3 needed): trending overall.");
      expect(edge.terms).toEqual([]);
      expect(edge.because).toEqual([]);
    }
  });

  it("with no signals gives trending in the topics followed, and says so", async () => {
    // Three vision papers in the window: the computer-vision topic tags them by category.
    await ingestRecords(
      app,
      [0, 1, 2].map((i) =>
        syntheticPaper(900 + i, { title: `Vision paper ${i}`, abstract: "Images.", categories: ["cs.CV"], listedOn: "2026-01-15" }),
      ),
    );
    app.recommender.stop();
    const user = await newUser(app, `rec_topics_${engine}`);
    const topic = await app.db.prisma.topic.findUniqueOrThrow({ where: { slug: "computer-vision" }, select: { id: true } });
    await app.db.prisma.topicFollow.create({ data: { userId: Number(decodeGlobalID(user.id).id), topicId: topic.id } });
    const list = await recommended(user, 5);
    expect(list.reason).toBe("COLD_START");
    expect(list.edges.map((e) => e.node.title).sort()).toEqual(["Vision paper 0", "Vision paper 1", "Vision paper 2"]);
    for (const edge of list.edges) {
      expect(edge.explanation).toBe("You have 0 papers to learn from (3 needed): trending in the topics you follow.");
    }
  });

  it("changes with a new upvote, on another instance too (no shared memory)", async () => {
    // A second instance over the same database, with its own caches.
    // (stop(), not close(): the database is the first instance's.)
    const other = testAppOver(app.db, HIGH_LIMITS);
    const otherRun = other.run;
    try {
      const user = await newUser(app, `rec_fresh_${engine}`);
      await upvote(user, ids.robot.slice(0, 3));
      const before = await recommended(user, 5, { run: otherRun });
      expect(before.edges.every((e) => titles.get(e.node.title) === "robot")).toBe(true);
      const computed = other.recommender.computed;
      await recommended(user, 5, { run: otherRun });
      expect(other.recommender.computed).toBe(computed); // served from its cache
      // Upvotes through the first instance: the second's cached list must not be served.
      await upvote(user, ids.galaxy.slice(3, 9));
      const after = await recommended(user, 5, { run: otherRun });
      expect(other.recommender.computed).toBe(computed + 1);
      expect(after.signalCount).toBe(9);
      expect(after.edges.every((e) => titles.get(e.node.title) === "galaxy")).toBe(true);
    } finally {
      await other.stop();
    }
  });

  it("recommends for a collection, and a private collection's recommendations to no one else", async () => {
    const owner = await newUser(app, `rec_owner_${engine}`);
    const stranger = await newUser(app, `rec_stranger_${engine}`);
    const created = await app.run(NewCollection, { name: "Folding", visibility: "PRIVATE" }, { token: owner.token });
    const c = created.data!.createCollection;
    if (c.__typename !== "Collection") throw new Error(c.__typename);
    for (const paperId of ids.protein.slice(6, 9)) {
      const r = await app.run(AddToCollection, { id: c.id, paperId }, { token: owner.token });
      expect(r.data?.addPaperToCollection.__typename).toBe("Collection");
    }
    const mine = await app.run(CollectionRecommended, { id: c.id }, { token: owner.token });
    const list = mine.data!.collection!.recommended;
    expect(list.reason).toBe("LEARNED");
    expect(list.edges).toHaveLength(3);
    for (const e of list.edges) {
      expect(titles.get(e.node.title)).toBe("protein");
      expect(e.because.length).toBeGreaterThan(0);
    }
    const theirs = await app.run(CollectionRecommended, { id: c.id }, { token: stranger.token });
    expect(theirs.data?.collection ?? null).toBeNull();
    const anonymous = await app.run(CollectionRecommended, { id: c.id });
    expect(anonymous.data?.collection ?? null).toBeNull();
  });

  it("uses the window's space built ahead of requests (as after new papers) instead of reading the window again", async () => {
    const user = await newUser(app, `rec_warm_${engine}`);
    await upvote(user, ids.robot.slice(3, 6));
    app.recommender.clear(true);
    const building = await statementsFor(app, () => recommended(user, 5));
    app.recommender.clear(true);
    await app.recommender.warm(app.db.prisma);
    const computed = app.recommender.computed;
    const prebuilt = await statementsFor(app, () => recommended(user, 5));
    // One statement fewer (the window's texts), and still a freshly ranked list.
    expect(prebuilt).toBe(building - 1);
    expect(app.recommender.computed).toBe(computed + 1);
  });

  it("sends as many statements for a page of 2 as for a page of 10", async () => {
    const user = await newUser(app, `rec_n1_${engine}`);
    await upvote(user, [...ids.galaxy.slice(0, 2), ...ids.robot.slice(0, 2)]);
    await recommended(user, 2); // the cache miss: window and signal texts
    const small = await statementsFor(app, () => recommended(user, 2));
    const large = await statementsFor(app, () => recommended(user, 10));
    expect(large).toBe(small);
    // Also on a cache miss: another user, same work whatever the page size.
    const a = await newUser(app, `rec_n1a_${engine}`);
    const b = await newUser(app, `rec_n1b_${engine}`);
    await upvote(a, ids.protein.slice(0, 3));
    await upvote(b, ids.protein.slice(3, 6));
    expect(await statementsFor(app, () => recommended(b, 10))).toBe(await statementsFor(app, () => recommended(a, 2)));
  });
});
