// The response cache: a repeated anonymous query costs no SQL; what changes is visible on the very
// next request (ingested papers, updated papers), on this instance and, through the live events,
// on the others; a signed-in request is never answered from the cache nor stored in it. A 304 is
// only ever the answer to an anonymous query's own ETag, and ETags tell nothing about the queries.
import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { hashToken } from "../src/auth/tokens.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsFor, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { type LiveServer, startInstance } from "./helpers/server.ts";
import { demoUser, HIGH_LIMITS, newUser } from "./helpers/users.ts";

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
    const first = data(await app.run(DayWithVotes)).dailyPapers.edges[0]!.node;
    expect(await statementsFor(app, () => app.run(DayWithVotes))).toBe(0);
    const r = await app.run(UpvoteQuietly, { id: first.id }, { token: voter.token });
    expect(r.data?.upvotePaper.__typename).toBe("Paper");
    const after = data(await app.run(DayWithVotes)).dailyPapers.edges.find((e) => e.node.id === first.id)!.node;
    expect(after.upvoteCount).toBe(first.upvoteCount + 1);
  });

  it("never gives one user's view to another: viewerHasUpvoted is the asker's own", async () => {
    const [alice, bob] = [await newUser(app, `alice_${engine}`), await newUser(app, `bob_${engine}`)];
    const id = data(await app.run(DayWithVotes)).dailyPapers.edges[1]!.node.id;
    await app.run(UpvoteQuietly, { id }, { token: alice.token });
    const seen = async (token?: string) =>
      data(await app.run(DayWithVotes, undefined, { token })).dailyPapers.edges.find((e) => e.node.id === id)!.node.viewerHasUpvoted;
    for (let round = 0; round < 2; round++) {
      expect(await seen(alice.token)).toBe(true);
      expect(await seen(bob.token)).toBe(false);
      expect(await seen()).toBe(false);
    }
  });

  it("never answers a signed-in request from the cache, nor stores one", async () => {
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "reader@paperboy.local" } });
    const secret = `pb_cache_test_${engine}`;
    await app.db.prisma.apiToken.create({
      data: { userId: user.id, kind: "API", name: "cache test", tokenHash: hashToken(secret), prefix: "pb_cache" },
    });
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
    const res = await fetch(server.httpUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ papers(first: 1) { edges { node { title } } } }" }),
    });
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

describe("response cache revalidation (ETag, 304)", () => {
  let app: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    [app, other] = await Promise.all([
      createTestApp("pglite", { ...HIGH_LIMITS, RESPONSE_CACHE_TTL: "600" }),
      createTestApp("pglite", { ...HIGH_LIMITS, RESPONSE_CACHE_TTL: "600" }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await other?.close();
  });

  const NEWEST = "{ papers(first: 2) { edges { node { title } } } }";
  const DAY = `{ dailyPapers(date: "2025-08-08", first: 2) { edges { node { id title } } } }`;

  async function post(on: TestApp, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
    const res = await on.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as { data?: Record<string, any>; errors?: unknown[] }) : undefined;
    return { status: res.status, etag: res.headers.get("etag"), body };
  }

  /** An ETag the cache holds right now: the answer to NEWEST, asked twice (the second from the cache). */
  async function liveEtag(): Promise<string> {
    await post(app, NEWEST);
    const { etag } = await post(app, NEWEST);
    expect(etag).toBeTruthy();
    expect((await post(app, NEWEST, { "if-none-match": etag! })).status).toBe(304);
    return etag!;
  }

  it("answers 304 to a query's own ETag only while its answer is unchanged", async () => {
    const etag = await liveEtag();
    await ingestRecords(app, [syntheticPaper(80_000, { title: "A paper that changes the newest list" })]);
    // Someone asks first: the new answer is what the cache holds now.
    const fresh = await post(app, NEWEST);
    expect(data(fresh.body!).papers.edges[0].node.title).toBe("A paper that changes the newest list");
    const after = await post(app, NEWEST, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(data(after.body!).papers.edges[0].node.title).toBe("A paper that changes the newest list");
    expect(after.etag).not.toBe(etag);
    expect(after.etag).toBe(fresh.etag);
    expect((await post(app, NEWEST, { "if-none-match": `"other", W/${after.etag}` })).status).toBe(304);
  });

  it("runs a different query that carries a live ETag", async () => {
    const etag = await liveEtag();
    const r = await post(app, DAY, { "if-none-match": etag });
    expect(r.status).toBe(200);
    expect(data(r.body!).dailyPapers.edges).toHaveLength(2);
  });

  it("never answers 304 to a signed-in request: { me { email } }, nor the very query the ETag is for", async () => {
    const etag = await liveEtag();
    const reader = await demoUser(app, "reader");
    const auth = { authorization: `Bearer ${reader.token}`, "if-none-match": etag };
    const me = await post(app, "{ me { email } }", auth);
    expect(me.status).toBe(200);
    expect(data(me.body!).me.email).toBe("reader@paperboy.local");
    const same = await post(app, NEWEST, auth);
    expect(same.status).toBe(200);
    expect(data(same.body!).papers.edges).toHaveLength(2);
    // Nor does a signed-in answer carry an ETag of its own to come back with.
    expect(same.etag).toBeNull();
  });

  it("runs a mutation that carries a live ETag", async () => {
    const etag = await liveEtag();
    const voter = await newUser(app, "etag_voter");
    const paperId = data((await post(app, DAY)).body!).dailyPapers.edges[0].node.id as string;
    const UPVOTE = "mutation ($id: ID!) { upvotePaper(id: $id) { __typename } }";
    const r = await post(app, UPVOTE, { authorization: `Bearer ${voter.token}`, "if-none-match": etag }, { id: paperId });
    expect(r.status).toBe(200);
    expect(data(r.body!).upvotePaper.__typename).toBe("Paper");
    const user = await app.db.prisma.user.findUniqueOrThrow({
      where: { email: "etag_voter@example.org" },
      select: { _count: { select: { upvotes: true } } },
    });
    expect(user._count.upvotes).toBe(1);
    // Anonymous, too: it runs, and is refused for what it is (not signed in), not answered 304.
    const anonymous = await post(app, UPVOTE, { "if-none-match": etag }, { id: paperId });
    expect(anonymous.status).not.toBe(304);
    expect(anonymous.body!.errors ?? data(anonymous.body!).upvotePaper).toBeTruthy();
  });

  it("never answers 304 to a subscription", async () => {
    const etag = await liveEtag();
    const res = await app.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", "if-none-match": etag },
      body: JSON.stringify({ query: "subscription { paperIngested { cursor } }" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(":\n\n");
    await reader.cancel();
  });

  it("gives ETags that cannot be predicted from the query text", async () => {
    const etag = (await post(app, NEWEST)).etag!;
    // What the plugin's default would be: SHA-256 of the document, operation name, variables, session.
    const guessed = createHash("sha256").update(`${NEWEST}||{}|`).digest("hex");
    expect(etag).not.toContain(guessed);
    // Another instance with the same data and the same query: another ETag (a secret of its own).
    const elsewhere = (await post(other, NEWEST)).etag!;
    expect(elsewhere).toBeTruthy();
    expect(elsewhere).not.toBe(etag);
    // And neither is answered 304 by the other.
    expect((await post(other, NEWEST, { "if-none-match": etag })).status).toBe(200);
  });
});
