// paperIngested as a client sees it: filters, resumption without gap or duplicate (also across
// concurrent ingests that commit out of start order), paperUpdated, and a slow consumer that is
// cut off without hurting the others.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadTagger } from "../src/ingest/pipeline.ts";
import { writeBatch } from "../src/ingest/writer.ts";
import { graphql } from "./gql/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { RawClient } from "./helpers/raw-ws.ts";
import { Collector, type LiveServer, startLiveServer, until, watchIngested, wsClient } from "./helpers/server.ts";
import { HIGH_LIMITS, newUser } from "./helpers/users.ts";

const Ingested = graphql(`
  subscription Ingested($filter: PaperIngestedFilter, $after: String) {
    paperIngested(filter: $filter, after: $after) {
      cursor
      paper {
        title
        categories
      }
    }
  }
`);

const Updated = graphql(`
  subscription Updated($id: ID!) {
    paperUpdated(id: $id) {
      title
      arxivVersion
    }
  }
`);

const LatestPapers = graphql(`
  query LatestPapers {
    papers(first: 1) {
      edges {
        cursor
        node {
          id
          title
        }
      }
    }
  }
`);

type Delivery = { paperIngested: { cursor: string; paper: { title: string; categories: string[] } } };

describe.each(ENGINES)("paperIngested on %s", (engine) => {
  let live: LiveServer;
  let n = 0;
  const paper = (overrides: Parameters<typeof syntheticPaper>[1] = {}) =>
    syntheticPaper(engine === "pglite" ? 1000 + n++ : 5000 + n++, overrides);

  beforeAll(async () => {
    live = await startLiveServer(engine);
  });
  afterAll(async () => {
    await live?.close();
  });

  it("delivers to each filter exactly the papers that match all its kinds", async () => {
    await until(() => live.app.activeSubscriptions() === 0, "earlier subscriptions to close");
    const base = 0;
    const byTopic = watchIngested(live.wsUrl, Ingested, { filter: { topics: ["quantum-machine-learning"] } });
    const byCategory = watchIngested(live.wsUrl, Ingested, { filter: { categories: ["CS.CV"] } });
    const byKeyword = watchIngested(live.wsUrl, Ingested, { filter: { keywords: ["Neural Radiance"] } });
    const byAuthor = watchIngested(live.wsUrl, Ingested, { filter: { authors: ["Hinton"] } });
    const combined = watchIngested(live.wsUrl, Ingested, { filter: { categories: ["cs.CV"], authors: ["Yann LeCun"] } });
    const everything = watchIngested(live.wsUrl, Ingested, {});
    await until(() => live.app.activeSubscriptions() === base + 6, "six subscriptions");

    const generic = {
      title: "A plain study",
      abstract: "Nothing special here.",
      categories: ["math.OC"],
      authors: [{ name: "Someone Else" }],
    };
    await ingestRecords(live.app, [
      paper({ ...generic, title: "Quantum kernels", abstract: "Quantum feature maps.", categories: ["quant-ph"] }),
      paper({ ...generic, title: "Vision by LeCun", categories: ["cs.CV"], authors: [{ name: "Yann LeCun" }] }),
      paper({ ...generic, title: "Vision without LeCun", categories: ["cs.CV"] }),
      paper({ ...generic, title: "Scenes", abstract: "We fit neural radiance fields to scenes." }),
      paper({ ...generic, title: "Capsules", authors: [{ name: "Geoffrey E. Hinton" }] }),
      paper({ ...generic }),
    ]);
    await Promise.all([
      everything.got.waitFor(6),
      byCategory.got.waitFor(2),
      byTopic.got.waitFor(1),
      byKeyword.got.waitFor(1),
      byAuthor.got.waitFor(1),
      combined.got.waitFor(1),
    ]);
    // Nothing more arrives for anyone.
    await live.app.live.papers.catchUp();
    await new Promise((r) => setTimeout(r, 200));
    expect(byTopic.titles()).toEqual(["Quantum kernels"]);
    expect(byCategory.titles()).toEqual(["Vision by LeCun", "Vision without LeCun"]);
    expect(byKeyword.titles()).toEqual(["Scenes"]);
    expect(byAuthor.titles()).toEqual(["Capsules"]);
    expect(combined.titles()).toEqual(["Vision by LeCun"]);
    expect(everything.titles()).toHaveLength(6);
    for (const s of [byTopic, byCategory, byKeyword, byAuthor, combined, everything]) await s.close();
  });

  it("resumes after the last cursor: exactly the missed matches, in order, then live ones, nothing twice", async () => {
    await until(() => live.app.activeSubscriptions() === 0, "earlier subscriptions to close");
    const first = watchIngested(live.wsUrl, Ingested, { filter: { keywords: ["resumable"] } });
    await until(() => live.app.activeSubscriptions() === 1, "subscription");
    await ingestRecords(
      live.app,
      [1, 2, 3].map((i) => paper({ title: `Resumable paper ${i}` })),
    );
    const seen = await first.got.waitFor(3);
    await first.close();

    // 20 papers while disconnected, 5 of them matching.
    await ingestRecords(
      live.app,
      Array.from({ length: 20 }, (_, i) =>
        paper(i % 4 === 0 ? { title: `Resumable missed ${i / 4 + 1}` } : { title: `Unrelated ${i}`, abstract: "Other things." }),
      ),
    );
    const again = watchIngested(live.wsUrl, Ingested, { filter: { keywords: ["resumable"] }, after: seen[2]!.paperIngested.cursor });
    await again.got.waitFor(5);
    await ingestRecords(live.app, [paper({ title: "Resumable live 1" })]);
    await again.got.waitFor(6);
    await live.app.live.papers.catchUp();
    await new Promise((r) => setTimeout(r, 200));
    expect(again.titles()).toEqual([
      "Resumable missed 1",
      "Resumable missed 2",
      "Resumable missed 3",
      "Resumable missed 4",
      "Resumable missed 5",
      "Resumable live 1",
    ]);
    await again.close();
  });

  it("resumes from a cursor of the papers connection", async () => {
    const latest = await live.app.run(LatestPapers);
    const edge = data(latest).papers.edges[0]!;
    await ingestRecords(live.app, [paper({ title: "After the list" })]);
    const s = watchIngested(live.wsUrl, Ingested, { after: edge.cursor });
    await s.got.waitFor(1);
    expect(s.titles()).toEqual(["After the list"]);
    await s.close();
  });

  it("never skips a paper whose transaction committed after a later-started one, for a client resuming in between", async () => {
    const latest = await live.app.run(LatestPapers);
    const cursor = data(latest).papers.edges[0]!.cursor;
    const tagger = await loadTagger(live.app.db);
    const ctx = { tagger, listedOn: "2026-01-15", today: "2026-01-15" };
    let releaseSlow!: () => void;
    const slowHeld = new Promise<void>((r) => (releaseSlow = r));
    const order: string[] = [];

    // The slow ingest takes its position first and holds its transaction open...
    let slowWrote!: () => void;
    const slowHasWritten = new Promise<void>((r) => (slowWrote = r));
    const slow = live.app.db.prisma.$transaction(
      async (tx) => {
        const out = await writeBatch(tx, [paper({ title: "Slow commit" })], ctx);
        slowWrote();
        await slowHeld;
        return out;
      },
      { timeout: 30_000 },
    );
    await slowHasWritten;
    // ...a second ingest starts meanwhile...
    const fast = live.app.db.prisma
      .$transaction((tx) => writeBatch(tx, [paper({ title: "Fast commit" })], ctx), { timeout: 30_000 })
      .then((out) => {
        order.push("fast committed");
        return out;
      });
    // ...and a client resumes while neither is visible.
    const resumed = watchIngested(live.wsUrl, Ingested, { after: cursor });
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual([]); // the second ingest waits for the first one's position to commit
    order.push("slow released");
    releaseSlow();
    const [slowOut, fastOut] = await Promise.all([slow, fast]);
    await live.app.onIngestCommit({ created: [...slowOut.created, ...fastOut.created], updated: [] });
    await resumed.got.waitFor(2);
    expect(order).toEqual(["slow released", "fast committed"]);
    expect(slowOut.created[0]!.ingestSeq).toBeLessThan(fastOut.created[0]!.ingestSeq);
    expect(resumed.titles()).toEqual(["Slow commit", "Fast commit"]);
    await resumed.close();
  });

  it("rejects a cursor that is not one, naming the argument", async () => {
    const client = wsClient(live.wsUrl);
    const got = new Collector<Delivery>();
    client.subscribe(
      { query: print(Ingested), variables: { after: "garbage" } },
      { next: (r) => (r.errors ? got.fail(r.errors) : got.push(r.data as Delivery)), error: got.fail, complete: got.complete },
    );
    await until(() => got.errors.length > 0, "an error");
    expect(JSON.stringify(got.errors)).toContain('Argument \\"after\\": is not a valid paper cursor');
    await client.dispose();
  });

  it("sends paperUpdated when a paper gets a new arXiv version", async () => {
    const original = paper({ title: "Versioned paper", arxivVersion: 1 });
    await ingestRecords(live.app, [original]);
    const row = await live.app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: original.arxivId! } });
    const id = encodeGlobalID("Paper", row.id);
    const client = wsClient(live.wsUrl);
    const got = new Collector<{ paperUpdated: { title: string; arxivVersion: number } }>();
    client.subscribe(
      { query: print(Updated), variables: { id } },
      { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete },
    );
    await until(() => live.app.live.subscriptionCount > 0, "subscription");
    await new Promise((r) => setTimeout(r, 100));
    await ingestRecords(live.app, [{ ...original, arxivVersion: 2, title: "Versioned paper, revised" }]);
    const [update] = await got.waitFor(1);
    expect(update!.paperUpdated).toEqual({ title: "Versioned paper, revised", arxivVersion: 2 });
    await client.dispose();
  });
});

describe("a slow consumer", () => {
  let live: LiveServer;
  beforeAll(async () => {
    // Keep-alive pings every minute: a client that stops reading also stops answering pings,
    // and would be disconnected for that before its queue could overflow.
    live = await startLiveServer("pglite", { LIVE_QUEUE_SIZE: "20", LIVE_STALL_MS: "1000", WS_SEND_BUFFER: "65536", WS_KEEPALIVE: "60" });
  });
  afterAll(async () => {
    await live?.close();
  });

  // 40 kB results go out one write at a time; results under 16 kB are batched per socket turn and
  // acknowledged before they are written (src/ws.ts): both must still cut a stalled reader off.
  it.each([
    { size: "large", abstract: 40_000, total: 400, first: 20_000 },
    { size: "small", abstract: 12_000, total: 1_000, first: 30_000 },
  ])("is cut off with an error it can read, while a reading client gets everything ($size results)", async (c) => {
    const query = "subscription { paperIngested { cursor paper { title abstract } } }";
    const slow = await RawClient.open(live.wsUrl);
    await slow.init();
    slow.subscribe("slow", query);
    const healthy = await RawClient.open(live.wsUrl);
    await healthy.init();
    healthy.subscribe("ok", query);
    await until(() => live.app.activeSubscriptions() === 2, "two subscriptions");

    // The slow client stops reading from its socket.
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const big = "x".repeat(c.abstract);
    const total = c.total;
    for (let i = 0; i < total; i += 100) {
      await ingestRecords(
        live.app,
        Array.from({ length: 100 }, (_, j) => syntheticPaper(c.first + i + j, { abstract: `Paper ${i + j}. ${big}` })),
      );
    }
    await until(
      () => healthy.nexts("ok").length === total,
      `${total} deliveries to the healthy client ` +
        `(have ${healthy.nexts("ok").length}, slow ${slow.nexts("slow").length}, subs ${live.app.activeSubscriptions()})`,
      60_000,
    );
    // The slow subscription was ended on the server: it holds nothing any more.
    await until(() => live.app.activeSubscriptions() === 1, "the slow subscription to end", 30_000);

    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    // It reads what was already on its way, then the error, then the end of the subscription.
    await slow.waitFor((m) => m.type === "complete" && m.id === "slow", 30_000);
    const deliveries = slow.nexts("slow") as { errors?: { message: string; extensions: { code: string } }[] }[];
    const last = deliveries.at(-1)!;
    expect(last.errors?.[0]?.extensions.code).toBe("SUBSCRIPTION_OVERFLOW");
    expect(last.errors?.[0]?.message).toContain("fell 20 events behind because the client stopped reading");
    expect(deliveries.length).toBeLessThan(total);
    expect(
      healthy.messages.filter((m) => m.type === "error" || (m.type === "next" && (m.payload as { errors?: unknown }).errors)).length,
    ).toBe(0);
    slow.close();
    healthy.close();
  });
});

describe("one execution shared by identical subscribers", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", { ...HIGH_LIMITS });
  });
  afterAll(async () => {
    await live?.close();
  });

  it("writes each subscription's messages as graphql-ws does, under its own id, and none after it is completed", async () => {
    // Shared results skip graphql-ws's loop and are written by src/ws.ts: same text, same order.
    const client = await RawClient.open(live.wsUrl);
    const frames: string[] = [];
    client.socket.on("message", (data) => frames.push(data.toString()));
    await client.init();
    const query = "subscription { paperIngested { paper { title } } }";
    client.subscribe("first", query);
    client.subscribe("second", query);
    await until(() => live.app.activeSubscriptions() === 2, "two subscriptions");
    await ingestRecords(live.app, [syntheticPaper(70_101, { title: "Written once, sent twice" })]);
    await client.waitFor((m) => m.id === "first" && m.type === "next");
    await client.waitFor((m) => m.id === "second" && m.type === "next");
    const payload = JSON.stringify({ data: { paperIngested: { paper: { title: "Written once, sent twice" } } } });
    expect(frames.filter((f) => f.includes('"type":"next"'))).toEqual([
      `{"id":"first","type":"next","payload":${payload}}`,
      `{"id":"second","type":"next","payload":${payload}}`,
    ]);
    client.send({ type: "complete", id: "first" });
    await until(() => live.app.activeSubscriptions() === 1, "one subscription left");
    await ingestRecords(live.app, [syntheticPaper(70_102, { title: "Only for the second" })]);
    await client.waitFor((m) => m.id === "second" && JSON.stringify(m.payload).includes("Only for the second"));
    expect(client.nexts("first")).toHaveLength(1);
    expect(client.nexts("second")).toHaveLength(2);
    client.close();
  });

  it("still gives each viewer their own viewer-specific fields", async () => {
    const [ada, bob] = [await newUser(live.app, "ada"), await newUser(live.app, "bob")];
    await ingestRecords(live.app, [syntheticPaper(70_001, { title: "Watched by two viewers" })]);
    const row = await live.app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: syntheticPaper(70_001).arxivId! } });
    const id = encodeGlobalID("Paper", row.id);
    const query = "subscription($id: ID!) { paperUpdated(id: $id) { upvoteCount viewerHasUpvoted } }";
    const watch = (token: string) => {
      const client = wsClient(live.wsUrl, { authorization: `Bearer ${token}` });
      const got = new Collector<{ paperUpdated: { upvoteCount: number; viewerHasUpvoted: boolean } }>();
      client.subscribe({ query, variables: { id } }, { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete });
      return { client, got };
    };
    const [forAda, forBob, forAda2] = [watch(ada.token), watch(bob.token), watch(ada.token)];
    await until(() => live.app.activeSubscriptions() === 3, "three subscriptions");
    const upvote = await live.app.run(
      graphql(`
        mutation UpvoteForSharing($id: ID!) {
          upvotePaper(id: $id) {
            __typename
          }
        }
      `),
      { id },
      { token: ada.token },
    );
    expect(upvote.errors).toBeUndefined();
    const [a] = await forAda.got.waitFor(1);
    const [b] = await forBob.got.waitFor(1);
    const [a2] = await forAda2.got.waitFor(1);
    expect(a!.paperUpdated).toEqual({ upvoteCount: 1, viewerHasUpvoted: true });
    expect(a2!.paperUpdated).toEqual({ upvoteCount: 1, viewerHasUpvoted: true });
    expect(b!.paperUpdated).toEqual({ upvoteCount: 1, viewerHasUpvoted: false });
    for (const w of [forAda, forBob, forAda2]) await w.client.dispose();
  });
});
