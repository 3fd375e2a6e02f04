// Remembered sign-ins (src/auth/viewer-cache.ts): a signed-in request looks its token up once per
// instance, and what would make the remembered sign-in wrong drops it at once, on every instance.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

import { fromPostgres } from "../src/db.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsWhere, type TestApp, testAppOver } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { demoUser, HIGH_LIMITS, newUser } from "./helpers/users.ts";

const Me = graphql(`
  query MeForCache {
    me {
      handle
    }
  }
`);

const LogOut = graphql(`
  mutation LogOutForCache {
    logOut {
      __typename
    }
  }
`);

const ShortToken = graphql(`
  mutation ShortToken($name: String!) {
    createApiToken(name: $name, expiresInDays: 1) {
      __typename
      ... on CreateApiTokenPayload {
        token
      }
    }
  }
`);

const MeProfile = graphql(`
  query MeProfileForCache {
    me {
      id
      handle
      name
      email
      role
      createdAt
    }
  }
`);

const MeWithFollows = graphql(`
  query MeWithFollowsForCache {
    me {
      handle
      followedTopics(first: 5) {
        edges {
          cursor
        }
      }
    }
  }
`);

const Rename = graphql(`
  mutation RenameForCache($name: String!) {
    updateProfile(name: $name) {
      __typename
      ... on User {
        name
      }
    }
  }
`);

/** Statements that read api_token, while `run` runs. */
const tokenReads = (app: TestApp, run: () => Promise<unknown>) =>
  statementsWhere(app, (sql) => /^\s*SELECT[\s\S]*FROM\s+"?(public"?\."?)?api_token/i.test(sql), run);

describe.each(ENGINES)("remembered sign-ins on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reads a token from the database once, then answers its requests from memory", async () => {
    const u = await newUser(app, `remembered${engine}`);
    // signUp started the session without reading the token back: the first request reads it.
    expect(await tokenReads(app, () => app.run(Me, {}, { token: u.token }))).toBe(1);
    const again = await tokenReads(app, async () => {
      for (let i = 0; i < 3; i++) expect(data(await app.run(Me, {}, { token: u.token })).me?.handle).toBe(`remembered${engine}`);
    });
    expect(again).toBe(0);
  });

  it("answers `me` from the remembered sign-in without a statement, and reads what it does not hold", async () => {
    const u = await newUser(app, `profile${engine}`);
    const first = data(await app.run(MeProfile, {}, { token: u.token })).me;
    expect(first).toMatchObject({ handle: `profile${engine}`, role: "READER" });
    const all = () => true;
    expect(
      await statementsWhere(app, all, async () => expect(data(await app.run(MeProfile, {}, { token: u.token })).me).toEqual(first)),
    ).toBe(0);
    // A relation is not in the profile: read, and right.
    let follows: unknown;
    expect(await statementsWhere(app, all, async () => (follows = data(await app.run(MeWithFollows, {}, { token: u.token })).me))).toBe(1);
    expect(follows).toEqual({ handle: `profile${engine}`, followedTopics: { edges: [] } });
  });

  it("shows a new name in `me` at once, on the instance that changed it", async () => {
    const u = await newUser(app, `renamed${engine}`);
    expect(data(await app.run(MeProfile, {}, { token: u.token })).me?.name).not.toBe("New Name");
    expect(data(await app.run(Rename, { name: "New Name" }, { token: u.token })).updateProfile).toEqual({
      __typename: "User",
      name: "New Name",
    });
    expect(data(await app.run(MeProfile, {}, { token: u.token })).me?.name).toBe("New Name");
  });

  it("refuses a remembered token the moment it is revoked", async () => {
    const u = await newUser(app, `revoked${engine}`);
    expect(data(await app.run(Me, {}, { token: u.token })).me).not.toBeNull();
    await app.run(LogOut, {}, { token: u.token });
    const after = await app.run(Me, {}, { token: u.token });
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a remembered token once it has expired", async () => {
    const u = await newUser(app, `expiring${engine}`);
    const created = data(await app.run(ShortToken, { name: "a day" }, { token: u.token })).createApiToken;
    if (created.__typename !== "CreateApiTokenPayload") throw new Error("create failed");
    expect(data(await app.run(Me, {}, { token: created.token })).me).not.toBeNull();
    // Two days later (only the clock moves: the token is still in memory).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 86_400_000 });
    try {
      const after = await app.run(Me, {}, { token: created.token });
      expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      vi.useRealTimers();
    }
  });
});

const SetRole = graphql(`
  mutation SetRoleForCache($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      __typename
      ... on User {
        role
      }
    }
  }
`);

describe.runIf(ENGINES.includes("postgres"))("remembered sign-ins across instances (PostgreSQL, no Redis)", () => {
  it("a role or name changed or a token revoked through instance A takes effect on instance B, which remembered the old", async () => {
    const database = await createDatabase(inject("postgresTemplate") ?? undefined);
    const [a, b] = [0, 1].map(() => testAppOver(fromPostgres(database.url, 2), { ...HIGH_LIMITS, DATABASE_URL: database.url })) as [
      TestApp,
      TestApp,
    ];
    try {
      const admin = await demoUser(a, "admin");
      const reader = await demoUser(a, "reader");
      const roleAsReader = async (role: "READER" | "ADMIN") =>
        data(await b.run(SetRole, { userId: reader.id, role }, { token: reader.token })).setUserRole.__typename;
      // B remembers the reader as a reader: setUserRole is an admin's.
      expect(await roleAsReader("READER")).toBe("Forbidden");

      const promoted = data(await a.run(SetRole, { userId: reader.id, role: "ADMIN" }, { token: admin.token })).setUserRole;
      expect(promoted).toEqual({ __typename: "User", role: "ADMIN" });
      // The event reaches B through PostgreSQL NOTIFY, a moment later.
      await expect.poll(() => roleAsReader("ADMIN"), { timeout: 5_000 }).toBe("User");

      // B remembers the reader's profile too: a new name given through A reaches B's `me`.
      expect(data(await b.run(MeProfile, {}, { token: reader.token })).me?.name).not.toBe("Renamed on A");
      await a.run(Rename, { name: "Renamed on A" }, { token: reader.token });
      await expect
        .poll(async () => data(await b.run(MeProfile, {}, { token: reader.token })).me?.name, { timeout: 5_000 })
        .toBe("Renamed on A");

      await a.run(LogOut, {}, { token: reader.token });
      await expect
        .poll(async () => (await b.run(Me, {}, { token: reader.token })).errors?.[0]?.extensions?.code, { timeout: 5_000 })
        .toBe("UNAUTHENTICATED");
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
