// The response cache: a repeated anonymous query costs no SQL; what changes is visible on the very
// next request (ingested papers, updated papers), on this instance and, through the live events,
// on the others; a signed-in request is never answered from the cache nor stored in it.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashToken } from "../src/auth/tokens.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsFor, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { startInstance, type LiveServer } from "./helpers/server.ts";
import { HIGH_LIMITS, newUser } from "./helpers/users.ts";

const DayWithVotes = graphql(`
  query DayWithVotes {
    dailyPapers(date: "2025-08-08", first: 3) {
      edges {
        node {
          id
          upvoteCount
          viewerHasUpvoted
        }
      }
    }
  }
`);

const UpvoteQuietly = graphql(`
  mutation UpvoteQuietly($id: ID!) {
    upvotePaper(id: $id) {
      __typename
    }
  }
`);

const Newest = graphql(`
  query NewestTitles {
    papers(first: 3) {
      edges {
        node {
          title
          arxivVersion
        }
      }
    }
  }
`);


const titles = (r: Awaited<ReturnType<TestApp["run"]>>) =>
  (r.data as { papers: { edges: { node: { title: string } }[] } }).papers.edges.map((e) => e.node.title);

describe.each(ENGINES)("response cache on %s", (engine) => {
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    app = await createTestApp(engine, { ...HIGH_LIMITS, RESPONSE_CACHE_TTL: "600" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("answers a repeated anonymous query without touching the database", async () => {
    const first = await statementsFor(app, () => app.run(Newest));
    expect(first).toBeGreaterThan(0);
    let again: Awaited<ReturnType<TestApp["run"]>> | undefined;
    expect(await statementsFor(app, async () => (again = await app.run(Newest)))).toBe(0);
    expect(again!.errors).toBeUndefined();
  });

  it("shows a newly ingested paper on the very next request", async () => {
    await app.run(Newest);
    await ingestRecords(app, [syntheticPaper(n++, { title: "Fresh off the press" })]);
    expect(titles(await app.run(Newest))[0]).toBe("Fresh off the press");
  });

  it("shows a paper's new version on the very next request", async () => {
    const record = syntheticPaper(n++, { title: "First version" });
    await ingestRecords(app, [record]);
    // Keep a cached answer holding the paper; other papers are ingested after it, so it is not first.
    await ingestRecords(app, [syntheticPaper(n++)]);
    expect(titles(await app.run(Newest))).toContain("First version");
    expect(await statementsFor(app, () => app.run(Newest))).toBe(0);
    await ingestRecords(app, [{ ...record, arxivVersion: 2, title: "Second version" }]);
    const after = titles(await app.run(Newest));
    expect(after).toContain("Second version");
    expect(after).not.toContain("First version");
  });

  it("shows a new upvote on the very next anonymous request, though the mutation returned no paper", async () => {
    const voter = await newUser(app, `voter_${engine}`);
    const first = (await app.run(DayWithVotes)).data!.dailyPapers.edges[0]!.node;
    expect(await statementsFor(app, () => app.run(DayWithVotes))).toBe(0);
    const r = await app.run(UpvoteQuietly, { id: first.id }, { token: voter.token });
    expect(r.data?.upvotePaper.__typename).toBe("Paper");
    const after = (await app.run(DayWithVotes)).data!.dailyPapers.edges.find((e) => e.node.id === first.id)!.node;
    expect(after.upvoteCount).toBe(first.upvoteCount + 1);
  });

  it("never gives one user's view to another: viewerHasUpvoted is the asker's own", async () => {
    const [alice, bob] = [await newUser(app, `alice_${engine}`), await newUser(app, `bob_${engine}`)];
    const id = (await app.run(DayWithVotes)).data!.dailyPapers.edges[1]!.node.id;
    await app.run(UpvoteQuietly, { id }, { token: alice.token });
    const seen = async (token?: string) => (await app.run(DayWithVotes, undefined, { token })).data!.dailyPapers.edges.find((e) => e.node.id === id)!.node.viewerHasUpvoted;
    for (let round = 0; round < 2; round++) {
      expect(await seen(alice.token)).toBe(true);
      expect(await seen(bob.token)).toBe(false);
      expect(await seen()).toBe(false);
    }
  });

  it("never answers a signed-in request from the cache, nor stores one", async () => {
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "reader@paperboy.local" } });
    const secret = `pb_cache_test_${engine}`;
    await app.db.prisma.apiToken.create({ data: { userId: user.id, kind: "API", name: "cache test", tokenHash: hashToken(secret), prefix: "pb_cache" } });
    await app.run(Newest);
    expect(await statementsFor(app, () => app.run(Newest))).toBe(0);
    // Signed in: executed every time, though the anonymous answer is cached...
    expect(await statementsFor(app, () => app.run(Newest, undefined, { token: secret }))).toBeGreaterThan(0);
    expect(await statementsFor(app, () => app.run(Newest, undefined, { token: secret }))).toBeGreaterThan(0);
    // ...and what it got was not stored for anyone: the anonymous answer is still the cached one.
    expect(await statementsFor(app, () => app.run(Newest))).toBe(0);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("response cache across instances", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let a: LiveServer;
  let b: LiveServer;
  beforeAll(async () => {
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
    // No Redis: the instances reach each other through PostgreSQL NOTIFY.
    a = await startInstance(database.url, { RESPONSE_CACHE_TTL: "600" });
    b = await startInstance(database.url, { RESPONSE_CACHE_TTL: "600" });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  async function newestOn(server: LiveServer): Promise<string> {
    const res = await fetch(server.httpUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ papers(first: 1) { edges { node { title } } } }" }) });
    return ((await res.json()) as { data: { papers: { edges: { node: { title: string } }[] } } }).data.papers.edges[0]!.node.title;
  }

  it("drops an instance's cached answer when a paper is ingested through another", async () => {
    const before = await newestOn(a);
    expect(await newestOn(a)).toBe(before);
    await ingestRecords(b.app, [syntheticPaper(70_000, { title: "Ingested on B" })]);
    const deadline = Date.now() + 5_000;
    while ((await newestOn(a)) !== "Ingested on B") {
      if (Date.now() > deadline) throw new Error("A still serves its cached answer");
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});
