// notificationAdded over WebSocket and SSE with real clients: each signed-in user receives their own
// notifications only, anonymous clients are refused, and revoking the token that opened the
// subscription ends it on both transports (the socket closes with 4403; the SSE stream carries an
// UNAUTHENTICATED error and completes).
import { randomBytes } from "node:crypto";

import { encodeGlobalID } from "@pothos/plugin-relay";
import { EventSource } from "eventsource";
import { print } from "graphql";
import { CloseCode } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { seededPaperId } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { gql } from "./helpers/process.ts";
import { Collector, type LiveServer, startInstance, startLiveServer, wsClient, wsRefusal } from "./helpers/server.ts";
import { HIGH_LIMITS, newUser, TEST_PASSWORD, type TestUser } from "./helpers/users.ts";

const MyNotifications = graphql(`
  subscription MyNotifications {
    notificationAdded {
      kind
      comment {
        body
      }
      actor {
        handle
      }
    }
  }
`);

const MentionComment = graphql(`
  mutation LiveMentionComment($paperId: ID!, $body: String!) {
    addComment(paperId: $paperId, body: $body) {
      __typename
    }
  }
`);

const LogOutLive = graphql(`
  mutation LogOutLive {
    logOut {
      __typename
    }
  }
`);

type Added = { notificationAdded: { kind: string; comment: { body: string } | null; actor: { handle: string } | null } };

describe.each(ENGINES)("notificationAdded on %s", (engine) => {
  let live: LiveServer;
  let paperId: string;
  beforeAll(async () => {
    live = await startLiveServer(engine, HIGH_LIMITS);
    paperId = await seededPaperId(live.app);
  });
  afterAll(async () => {
    await live?.close();
  });

  const mention = async (by: TestUser, body: string) => {
    const r = data(await live.app.run(MentionComment, { paperId, body }, { token: by.token })).addComment;
    expect(r.__typename).toBe("Comment");
  };

  /** An SSE subscription signed in with `token`: what it delivers, and the errors and completion it ends with. */
  async function sse(token: string) {
    const got = new Collector<Added>();
    const errors: { extensions?: { code?: string } }[] = [];
    const source = new EventSource(`${live.httpUrl}?query=${encodeURIComponent(print(MyNotifications))}`, {
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...init.headers, "x-graphql-yoga-csrf": "1", authorization: `Bearer ${token}` } }),
    });
    source.addEventListener("next", (e) => {
      const r = JSON.parse(e.data) as { data?: Added; errors?: { extensions?: { code?: string } }[] };
      if (r.errors) errors.push(...r.errors);
      else got.push(r.data!);
    });
    source.addEventListener("complete", () => {
      got.complete();
      source.close();
    });
    await new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      source.onerror = (e) => reject(new Error(`SSE failed: ${JSON.stringify(e)}`));
    });
    return { got, errors, close: () => source.close() };
  }

  it("delivers each user's new notifications to them alone, over WebSocket and SSE", async () => {
    const ann = await newUser(live.app, `liveann${engine}`);
    const bob = await newUser(live.app, `livebob${engine}`);
    const cat = await newUser(live.app, `livecat${engine}`);
    const before = live.app.activeSubscriptions();

    const ws = wsClient(live.wsUrl, { authorization: `Bearer ${ann.token}` });
    const overWs = new Collector<Added>();
    const stopWs = ws.subscribe<Added>(
      { query: print(MyNotifications) },
      { next: (r) => (r.errors ? overWs.fail(r.errors) : overWs.push(r.data as Added)), error: overWs.fail, complete: overWs.complete },
    );
    const overSse = await sse(ann.token);
    const catSse = await sse(cat.token);
    await expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(before + 3);

    await mention(bob, `@liveann${engine} look at this`);
    for (const [n] of [await overWs.waitFor(1), await overSse.got.waitFor(1)]) {
      expect(n).toEqual({
        notificationAdded: { kind: "MENTION", comment: { body: `@liveann${engine} look at this` }, actor: { handle: `livebob${engine}` } },
      });
    }
    // Cat's stream saw nothing of Ann's: its first delivery is its own mention.
    await mention(bob, `@livecat${engine} and you`);
    expect((await catSse.got.waitFor(1)).map((n) => n.notificationAdded.comment?.body)).toEqual([`@livecat${engine} and you`]);
    expect(overWs.items).toHaveLength(1);
    expect(overSse.got.items).toHaveLength(1);

    stopWs();
    overSse.close();
    catSse.close();
    await ws.dispose();
    await expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(before);
  });

  it("refuses anonymous subscribers", async () => {
    expect(await wsRefusal(live.wsUrl, print(MyNotifications))).toMatch(/Sign in/);
  });

  it("ends it when its token is revoked: the socket closes with 4403, the SSE stream completes with UNAUTHENTICATED", async () => {
    const dan = await newUser(live.app, `livedan${engine}`);
    const before = live.app.activeSubscriptions();
    const closes: number[] = [];
    const ws = wsClient(live.wsUrl, { authorization: `Bearer ${dan.token}` });
    ws.on("closed", (e) => closes.push((e as CloseEvent).code));
    const overWs = new Collector<Added>();
    ws.subscribe<Added>(
      { query: print(MyNotifications) },
      { next: (r) => overWs.push(r.data as Added), error: overWs.fail, complete: overWs.complete },
    );
    const overSse = await sse(dan.token);
    await expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(before + 2);

    expect(data(await live.app.run(LogOutLive, {}, { token: dan.token })).logOut.__typename).toBe("ApiToken");
    await expect.poll(() => closes, { timeout: 5_000 }).toEqual([CloseCode.Forbidden]);
    await expect.poll(() => overSse.got.completed, { timeout: 5_000 }).toBe(true);
    expect(overSse.errors.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    await expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(before);
    await ws.dispose();
  });
});

// A fan-out to 1,000 followers crosses instances in chunks (NOTIFY carries at most 8,000 bytes).
describe.runIf(process.env.TEST_DATABASE_URL)("notificationAdded across instances", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  const servers: LiveServer[] = [];
  beforeAll(async () => {
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const signUp = async (url: string, handle: string) => {
    const r = await gql<{ signUp: { token: string } }>(
      url,
      `mutation($h: String!, $e: String!, $p: String!) {
        signUp(handle: $h, email: $e, name: "N", password: $p) { ... on AuthPayload { token } }
      }`,
      { h: handle, e: `${handle}@example.org`, p: TEST_PASSWORD },
    );
    return data(r).signUp.token;
  };

  it.each([
    ["Redis", { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" }],
    ["PostgreSQL NOTIFY", {}],
  ] as const)("reaches the one follower subscribed on instance B when the paper is added through A, over %s", async (how, extra) => {
    const env = { ...HIGH_LIMITS, REDIS_PREFIX: `test-${randomBytes(4).toString("hex")}:`, ...extra };
    const [a, b] = [await startInstance(database.url, env), await startInstance(database.url, env)];
    servers.push(a, b);
    const tag = how === "Redis" ? "r" : "n";
    const url = (s: LiveServer) => s.httpUrl.replace(/\/graphql$/, "");
    const owner = await signUp(url(a), `xowner${tag}`);
    const made = await gql<{ createCollection: { id: string } }>(
      url(a),
      `mutation { createCollection(name: "Across", visibility: PUBLIC) { ... on Collection { id } } }`,
      {},
      owner,
    );
    const collection = data(made).createCollection.id;
    const collectionId = Number(Buffer.from(collection, "base64").toString().split(":")[1]);
    const prisma = a.app.db.prisma;
    await prisma.$executeRawUnsafe(
      `INSERT INTO app_user (handle, handle_key, email, name, password_hash)
       SELECT 'x' || i || '${tag}', 'x' || i || '${tag}', 'x' || i || '${tag}@example.org', 'Crowd', 'x' FROM generate_series(1, 999) AS i`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO collection_follow (user_id, collection_id)
       SELECT id, $1 FROM app_user WHERE handle_key LIKE 'x%${tag}' AND handle_key <> 'xowner${tag}'`,
      collectionId,
    );
    // Signed up last: the highest user id, so its notification is in the last chunk.
    const follower = await signUp(url(b), `xfollower${tag}`);
    await gql(url(b), `mutation($id: ID!) { followCollection(id: $id) { __typename } }`, { id: collection }, follower);

    const ws = wsClient(b.wsUrl, { authorization: `Bearer ${follower}` });
    const got = new Collector<Added>();
    ws.subscribe<Added>(
      { query: print(MyNotifications) },
      { next: (r) => got.push(r.data as Added), error: got.fail, complete: got.complete },
    );
    await expect.poll(() => b.app.activeSubscriptions(), { timeout: 5_000 }).toBe(1);

    const paper = await prisma.paper.findFirstOrThrow({ select: { id: true } });
    const added = await gql<{ addPaperToCollection: { __typename: string } }>(
      url(a),
      `mutation($id: ID!, $paperId: ID!) { addPaperToCollection(id: $id, paperId: $paperId) { __typename } }`,
      { id: collection, paperId: encodeGlobalID("Paper", paper.id) },
      owner,
    );
    expect(data(added).addPaperToCollection.__typename).toBe("Collection");
    expect(await got.waitFor(1)).toEqual([
      { notificationAdded: { kind: "COLLECTION_PAPER", comment: null, actor: { handle: `xowner${tag}` } } },
    ]);
    expect(await prisma.notification.count({ where: { collectionId } })).toBe(1000);
    await ws.dispose();
  });
});
