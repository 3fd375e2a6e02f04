// API tokens: shown once, stored as a hash, listed without the secret, revocable at once over
// HTTP and on WebSockets that are already open; lastUsedAt written at most once a minute.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { CloseCode } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";

import { createApp } from "../src/app.ts";
import { hashToken } from "../src/auth/tokens.ts";
import { fromPostgres } from "../src/db.ts";
import { listen } from "../src/http.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsWhere, type TestApp, testConfig } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { Collector, type LiveServer, startLiveServer, wsClient } from "./helpers/server.ts";
import { HIGH_LIMITS, newUser } from "./helpers/users.ts";

const CreateApiToken = graphql(`
  mutation CreateApiToken($name: String!, $expiresInDays: Int) {
    createApiToken(name: $name, expiresInDays: $expiresInDays) {
      __typename
      ... on CreateApiTokenPayload {
        token
        apiToken {
          id
          name
          kind
          prefix
          expiresAt
          revokedAt
        }
      }
      ... on Error {
        message
      }
      ... on AlreadyExists {
        field
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on ApiToken {
        name
        revokedAt
      }
      ... on Error {
        message
      }
    }
  }
`);

const MyTokens = graphql(`
  query MyTokens($kind: TokenKind, $includeInactive: Boolean) {
    me {
      handle
      apiTokens(first: 50, kind: $kind, includeInactive: $includeInactive) {
        edges {
          node {
            id
            name
            kind
            prefix
            lastUsedAt
            revokedAt
            current
          }
        }
      }
    }
  }
`);

const WhoAmI = graphql(`
  query WhoAmI {
    me {
      handle
    }
  }
`);

describe("API tokens", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("creates a named token, shown once and stored only as its hash", async () => {
    const u = await newUser(app, "botmaker");
    const r = data(await app.run(CreateApiToken, { name: "  nightly bot " }, { token: u.token })).createApiToken;
    if (r.__typename !== "CreateApiTokenPayload") throw new Error(JSON.stringify(r));
    expect(r.apiToken).toMatchObject({ name: "nightly bot", kind: "API", revokedAt: null, expiresAt: null });
    expect(r.token.startsWith(r.apiToken.prefix)).toBe(true);
    expect(r.apiToken.prefix.length).toBeLessThan(12);

    const row = await app.db.prisma.apiToken.findFirstOrThrow({ where: { name: "nightly bot" } });
    expect(row.tokenHash).toBe(hashToken(r.token));
    expect(JSON.stringify(row)).not.toContain(r.token);

    // The bot uses it.
    expect(data(await app.run(WhoAmI, {}, { token: r.token })).me?.handle).toBe("botmaker");
    const list = data(await app.run(MyTokens, {}, { token: u.token })).me!.apiTokens.edges.map((e) => e.node);
    expect(list).toEqual([expect.objectContaining({ name: "nightly bot", kind: "API", prefix: r.apiToken.prefix, current: false })]);
    expect(JSON.stringify(list)).not.toContain(r.token);
  });

  it("refuses a duplicate active name, an empty name, anonymous callers and API tokens minting tokens", async () => {
    const u = await newUser(app, "picky");
    await app.run(CreateApiToken, { name: "ci" }, { token: u.token });
    expect(data(await app.run(CreateApiToken, { name: "ci" }, { token: u.token })).createApiToken).toMatchObject({
      __typename: "AlreadyExists",
      field: "name",
    });
    expect(data(await app.run(CreateApiToken, { name: "   " }, { token: u.token })).createApiToken.__typename).toBe("ValidationError");
    expect(data(await app.run(CreateApiToken, { name: "x" })).createApiToken.__typename).toBe("Unauthenticated");
    const api = data(await app.run(CreateApiToken, { name: "bot" }, { token: u.token })).createApiToken;
    if (api.__typename !== "CreateApiTokenPayload") throw new Error("create failed");
    expect(data(await app.run(CreateApiToken, { name: "child" }, { token: api.token })).createApiToken.__typename).toBe("Forbidden");
  });

  it("revokes a token at once; another user's token is not found", async () => {
    const owner = await newUser(app, "owner");
    const stranger = await newUser(app, "stranger");
    const created = data(await app.run(CreateApiToken, { name: "to revoke", expiresInDays: 30 }, { token: owner.token })).createApiToken;
    if (created.__typename !== "CreateApiTokenPayload") throw new Error("create failed");
    expect(new Date(created.apiToken.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    expect(data(await app.run(RevokeApiToken, { id: created.apiToken.id }, { token: stranger.token })).revokeApiToken.__typename).toBe(
      "NotFound",
    );
    expect(data(await app.run(WhoAmI, {}, { token: created.token })).me?.handle).toBe("owner");

    const revoked = data(await app.run(RevokeApiToken, { id: created.apiToken.id }, { token: owner.token })).revokeApiToken;
    expect(revoked).toMatchObject({ __typename: "ApiToken", name: "to revoke" });
    const refused = await app.run(WhoAmI, {}, { token: created.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // Revoking again changes nothing; the list hides it unless asked.
    const again = data(await app.run(RevokeApiToken, { id: created.apiToken.id }, { token: owner.token })).revokeApiToken;
    expect(again).toEqual(revoked);
    expect(data(await app.run(MyTokens, {}, { token: owner.token })).me!.apiTokens.edges).toEqual([]);
    const all = data(await app.run(MyTokens, { includeInactive: true }, { token: owner.token })).me!.apiTokens.edges;
    expect(all.map((e) => e.node.name)).toEqual(["to revoke"]);
  });

  it("lists sessions too, marking the current one", async () => {
    const u = await newUser(app, "sessions");
    const sessions = data(await app.run(MyTokens, { kind: "SESSION" }, { token: u.token })).me!.apiTokens.edges.map((e) => e.node);
    expect(sessions).toEqual([expect.objectContaining({ kind: "SESSION", current: true })]);
  });

  it("records lastUsedAt, writing it at most once a minute", async () => {
    const u = await newUser(app, "lastused");
    const created = data(await app.run(CreateApiToken, { name: "watch" }, { token: u.token })).createApiToken;
    if (created.__typename !== "CreateApiTokenPayload") throw new Error("create failed");
    const lastUsed = () =>
      app.db.prisma.apiToken.findFirstOrThrow({ where: { tokenHash: hashToken(created.token) } }).then((t) => t.lastUsedAt);
    expect(await lastUsed()).toBeNull();

    await app.run(WhoAmI, {}, { token: created.token });
    const first = await lastUsed();
    expect(first).not.toBeNull();

    const tokenWrites = () =>
      statementsWhere(
        app,
        (sql) => /^\s*UPDATE\s+"?(public"?\."?)?api_token/i.test(sql),
        () => app.run(WhoAmI, {}, { token: created.token }),
      );
    expect(await tokenWrites()).toBe(0);
    expect(await lastUsed()).toEqual(first);
    // A minute later (only the clock moves, rather than waiting), the next use writes again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      expect(await tokenWrites()).toBe(1);
      expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 5_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

const PaperUpdates = graphql(`
  subscription PaperUpdates($id: ID!) {
    paperUpdated(id: $id) {
      upvoteCount
    }
  }
`);

describe("revocation on open WebSockets", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", HIGH_LIMITS);
  });
  afterAll(async () => {
    await live?.close();
  });

  it("closes a socket signed in with a token the moment it is revoked (4403), and refuses it afterwards", async () => {
    const owner = await newUser(live.app, "socketeer");
    const created = data(await live.app.run(CreateApiToken, { name: "dashboard" }, { token: owner.token })).createApiToken;
    if (created.__typename !== "CreateApiTokenPayload") throw new Error("create failed");
    await ingestRecords(live.app, [syntheticPaper(1)]);
    const paper = await live.app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: syntheticPaper(1).arxivId } });
    const paperId = encodeGlobalID("Paper", paper.id);

    const closes: { code: number; reason: string }[] = [];
    const client = wsClient(live.wsUrl, { authorization: `Bearer ${created.token}` });
    client.on("closed", (e) => closes.push({ code: (e as CloseEvent).code, reason: (e as CloseEvent).reason }));
    // A query over the socket works while the token is valid ...
    const me = await new Promise((resolve, reject) =>
      client.subscribe({ query: print(WhoAmI) }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(me).toEqual({ data: { me: { handle: "socketeer" } } });
    // ... and a subscription stays open on it.
    const updates = new Collector<unknown>();
    client.subscribe(
      { query: print(PaperUpdates), variables: { id: paperId } },
      { next: updates.push, error: updates.fail, complete: updates.complete },
    );
    await expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(1);

    await live.app.run(RevokeApiToken, { id: created.apiToken.id }, { token: owner.token });
    await expect.poll(() => closes.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(closes[0]?.code).toBe(CloseCode.Forbidden);
    expect(closes[0]?.reason).toMatch(/revoked/);
    await expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(0);
    await client.dispose();

    // Reconnecting with the revoked token is refused at connection_init.
    const again = wsClient(live.wsUrl, { authorization: `Bearer ${created.token}` });
    const refused = await new Promise<number>((resolve) => {
      again.on("closed", (e) => resolve((e as CloseEvent).code));
      again.subscribe({ query: print(WhoAmI) }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(refused).toBe(CloseCode.Forbidden);
    await again.dispose();
  });

  it("leaves sockets of other tokens open", async () => {
    const a = await newUser(live.app, "keeper");
    const b = await newUser(live.app, "revoker");
    const client = wsClient(live.wsUrl, { authorization: `Bearer ${a.token}` });
    const ask = () =>
      new Promise((resolve, reject) =>
        client.subscribe({ query: print(WhoAmI) }, { next: resolve, error: reject, complete: () => undefined }),
      );
    expect(await ask()).toEqual({ data: { me: { handle: "keeper" } } });
    const sessions = data(await live.app.run(MyTokens, { kind: "SESSION" }, { token: b.token })).me!.apiTokens.edges;
    await live.app.run(RevokeApiToken, { id: sessions[0]!.node.id }, { token: b.token });
    expect(await ask()).toEqual({ data: { me: { handle: "keeper" } } });
    await client.dispose();
  });
});

describe.runIf(ENGINES.includes("postgres"))("revocation across instances (PostgreSQL, no Redis)", () => {
  it("closes a socket on instance B when the token is revoked through instance A", async () => {
    const database = await createDatabase(inject("postgresTemplate") ?? undefined);
    const instances = [0, 1].map(() => {
      const db = fromPostgres(database.url, 2);
      return { db, app: createApp({ config: testConfig({ ...HIGH_LIMITS, DATABASE_URL: database.url }), db }) };
    });
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const serverB = await listen(b.app, { host: "127.0.0.1", port: 0 });
    const post = async (query: string, token?: string) => {
      const res = await a.app.yoga.fetch("http://a.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data: Record<string, Record<string, unknown>> };
    };
    try {
      const login = await post('mutation { logIn(emailOrHandle: "reader", password: "paperboy-reader") { ... on AuthPayload { token } } }');
      const token = login.data.logIn!.token as string;
      const client = wsClient(`ws://127.0.0.1:${serverB.port}/graphql`, { authorization: `Bearer ${token}` });
      // A subscription keeps the (lazy) client's socket open.
      const paper = await a.db.prisma.paper.findFirstOrThrow({ select: { id: true } });
      const updates = new Collector<unknown>();
      client.subscribe(
        { query: print(PaperUpdates), variables: { id: encodeGlobalID("Paper", paper.id) } },
        { next: updates.push, error: updates.fail, complete: updates.complete },
      );
      await expect.poll(() => b.app.activeSubscriptions(), { timeout: 5_000 }).toBe(1);
      const closed = new Promise<number>((resolve) => client.on("closed", (e) => resolve((e as CloseEvent).code)));

      const out = await post("mutation { logOut { __typename } }", token);
      expect(out.data.logOut).toEqual({ __typename: "ApiToken" });
      expect(await closed).toBe(CloseCode.Forbidden);
      await client.dispose();
    } finally {
      await serverB.close(1_000);
      for (const i of instances) {
        await i.app.stop();
        await i.db.close();
      }
      await database.drop();
    }
  });
});
