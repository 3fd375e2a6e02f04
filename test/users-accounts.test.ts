// Accounts: sign-up, log-in, log-out, password change, roles, and the rate limits around them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword, NO_USER_HASH, PASSWORD_RULES } from "../src/auth/passwords.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { demoUser, HIGH_LIMITS, newUser, TEST_PASSWORD } from "./helpers/users.ts";

const SignUp = graphql(`
  mutation SignUp($email: String!, $handle: String!, $name: String!, $password: String!) {
    signUp(email: $email, handle: $handle, name: $name, password: $password) {
      __typename
      ... on AuthPayload {
        token
        expiresAt
        user {
          handle
          name
          role
          email
        }
      }
      ... on Error {
        message
        code
      }
      ... on AlreadyExists {
        field
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on RateLimited {
        retryAfter
      }
    }
  }
`);

const LogIn = graphql(`
  mutation LogIn($emailOrHandle: String!, $password: String!) {
    logIn(emailOrHandle: $emailOrHandle, password: $password) {
      __typename
      ... on AuthPayload {
        token
        user {
          handle
        }
      }
      ... on Error {
        message
        code
      }
      ... on RateLimited {
        retryAfter
      }
    }
  }
`);

const Me = graphql(`
  query Me {
    me {
      id
      handle
      email
      role
    }
  }
`);

const LogOut = graphql(`
  mutation LogOut {
    logOut {
      __typename
      ... on ApiToken {
        kind
        revokedAt
      }
      ... on Error {
        message
      }
    }
  }
`);

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      __typename
      ... on ChangePasswordPayload {
        revokedSessions
        user {
          handle
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

const SetUserRole = graphql(`
  mutation SetUserRole($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      __typename
      ... on User {
        handle
        role
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

const Profile = graphql(`
  query Profile($handle: String!) {
    user(handle: $handle) {
      handle
      name
      role
      email
    }
  }
`);

const PublicProfile = graphql(`
  query PublicProfile($handle: String!) {
    user(handle: $handle) {
      handle
      name
      role
    }
  }
`);

const signUpVars = (handle: string, over: Partial<{ email: string; password: string; name: string }> = {}) => ({
  email: `${handle}@example.org`,
  handle,
  name: `Name of ${handle}`,
  password: TEST_PASSWORD,
  ...over,
});

describe("accounts", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("signs up a reader, whose token works at once", async () => {
    const r = await app.run(SignUp, signUpVars("Grace_H", { email: " Grace@Example.ORG " }));
    const s = data(r).signUp;
    expect(s.__typename).toBe("AuthPayload");
    if (s.__typename !== "AuthPayload") return;
    expect(s.user).toEqual({ handle: "Grace_H", name: "Name of Grace_H", role: "READER", email: "grace@example.org" });
    expect(s.token).toMatch(/^pb_[A-Za-z0-9_-]{40,}$/);
    expect(new Date(s.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const me = await app.run(Me, {}, { token: s.token });
    expect(data(me).me).toMatchObject({ handle: "Grace_H", email: "grace@example.org", role: "READER" });
    expect(data(await app.run(Me)).me).toBeNull();
  });

  it("refuses a taken email or handle, ignoring case, naming the field", async () => {
    await newUser(app, "taken_one");
    const byEmail = data(await app.run(SignUp, signUpVars("other_handle", { email: "TAKEN_ONE@example.org" }))).signUp;
    expect(byEmail).toMatchObject({ __typename: "AlreadyExists", field: "email", code: "ALREADY_EXISTS" });
    const byHandle = data(await app.run(SignUp, signUpVars("Taken_One", { email: "fresh@example.org" }))).signUp;
    expect(byHandle).toMatchObject({ __typename: "AlreadyExists", field: "handle" });
  });

  it("names each invalid field and states the password rules", async () => {
    const r = data(await app.run(SignUp, { email: "not-an-email", handle: "1x", name: "  ", password: "short" })).signUp;
    expect(r.__typename).toBe("ValidationError");
    if (r.__typename !== "ValidationError") return;
    const paths = r.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["email", "handle", "name"]));

    const weak = data(await app.run(SignUp, signUpVars("dora", { password: "short" }))).signUp;
    expect(weak).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["password"], message: PASSWORD_RULES }] });
    const containsHandle = data(await app.run(SignUp, signUpVars("dorothea", { password: "my-name-is-dorothea" }))).signUp;
    expect(containsHandle).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["password"] }] });
    expect(await app.db.prisma.user.count({ where: { handleKey: { in: ["dora", "dorothea", "1x"] } } })).toBe(0);
  });

  it("stores the password only as a salted scrypt hash", async () => {
    await newUser(app, "hashcheck");
    const row = await app.db.prisma.user.findUniqueOrThrow({ where: { handleKey: "hashcheck" } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
    await newUser(app, "hashcheck2");
    const other = await app.db.prisma.user.findUniqueOrThrow({ where: { handleKey: "hashcheck2" } });
    expect(other.passwordHash).not.toBe(row.passwordHash);
  });

  it("logs in by email or handle, ignoring case", async () => {
    await newUser(app, "Linus");
    for (const id of ["linus@EXAMPLE.org", "LINUS", " linus "]) {
      const r = data(await app.run(LogIn, { emailOrHandle: id, password: TEST_PASSWORD })).logIn;
      expect(r).toMatchObject({ __typename: "AuthPayload", user: { handle: "Linus" } });
    }
  });

  it("answers a wrong password and an unknown account identically", async () => {
    await newUser(app, "victim");
    const wrong = data(await app.run(LogIn, { emailOrHandle: "victim", password: "not the password at all" })).logIn;
    const unknown = data(await app.run(LogIn, { emailOrHandle: "nobody-here", password: "not the password at all" })).logIn;
    const unknownEmail = data(await app.run(LogIn, { emailOrHandle: "nobody@example.org", password: TEST_PASSWORD })).logIn;
    expect(wrong).toEqual({ __typename: "Unauthenticated", message: "Wrong email, handle or password.", code: "UNAUTHENTICATED" });
    expect(unknown).toEqual(wrong);
    expect(unknownEmail).toEqual(wrong);
  });

  it("verifies unknown accounts against a hash as costly as a real one", async () => {
    // Same scheme and parameters as a fresh hash: the same scrypt work, so the same time.
    const fresh = await hashPassword("whatever password");
    expect(NO_USER_HASH.split("$").slice(0, 4)).toEqual(fresh.split("$").slice(0, 4));
  });

  it("logs out: the token stops working at once", async () => {
    const u = await newUser(app, "leaver");
    const out = data(await app.run(LogOut, {}, { token: u.token })).logOut;
    expect(out).toMatchObject({ __typename: "ApiToken", kind: "SESSION" });
    const after = await app.run(Me, {}, { token: u.token });
    expect(after.data?.me ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const anonymous = data(await app.run(LogOut)).logOut;
    expect(anonymous.__typename).toBe("Unauthenticated");
  });

  it("changes a password: the old one stops working, other sessions are logged out", async () => {
    const u = await newUser(app, "changer");
    const other = data(await app.run(LogIn, { emailOrHandle: "changer", password: TEST_PASSWORD })).logIn;
    if (other.__typename !== "AuthPayload") throw new Error("log-in failed");

    const wrong = data(
      await app.run(ChangePassword, { currentPassword: "not it at all!", newPassword: "a brand new secret" }, { token: u.token }),
    ).changePassword;
    expect(wrong).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["currentPassword"] }] });

    const ok = data(
      await app.run(ChangePassword, { currentPassword: TEST_PASSWORD, newPassword: "a brand new secret" }, { token: u.token }),
    ).changePassword;
    expect(ok).toEqual({ __typename: "ChangePasswordPayload", revokedSessions: 1, user: { handle: "changer" } });
    expect(data(await app.run(Me, {}, { token: u.token })).me?.handle).toBe("changer");
    expect((await app.run(Me, {}, { token: other.token })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(data(await app.run(LogIn, { emailOrHandle: "changer", password: TEST_PASSWORD })).logIn.__typename).toBe("Unauthenticated");
    expect(data(await app.run(LogIn, { emailOrHandle: "changer", password: "a brand new secret" })).logIn.__typename).toBe("AuthPayload");
  });

  it("keeps email private to the user and admins", async () => {
    const reader = await demoUser(app, "reader");
    const admin = await demoUser(app, "admin");
    const asOther = await app.run(Profile, { handle: "curator" }, { token: reader.token });
    expect(asOther.data?.user ?? null).toBeNull();
    expect(asOther.errors?.[0]).toMatchObject({ path: ["user", "email"], extensions: { code: "FORBIDDEN" } });
    expect(data(await app.run(Profile, { handle: "CURATOR" }, { token: admin.token })).user).toMatchObject({
      email: "curator@paperboy.local",
    });
    expect(data(await app.run(PublicProfile, { handle: "curator" })).user).toEqual({
      handle: "curator",
      name: "Cora Curator",
      role: "CURATOR",
    });
  });

  it("lets only admins change roles, and never removes the last admin", async () => {
    const reader = await demoUser(app, "reader");
    const admin = await demoUser(app, "admin");
    const target = await newUser(app, "promoted");
    expect(data(await app.run(SetUserRole, { userId: target.id, role: "CURATOR" })).setUserRole.__typename).toBe("Unauthenticated");
    expect(data(await app.run(SetUserRole, { userId: target.id, role: "CURATOR" }, { token: reader.token })).setUserRole.__typename).toBe(
      "Forbidden",
    );
    expect(data(await app.run(SetUserRole, { userId: target.id, role: "CURATOR" }, { token: admin.token })).setUserRole).toEqual({
      __typename: "User",
      handle: "promoted",
      role: "CURATOR",
    });
    // The new role applies to the very next request with the same token.
    expect(data(await app.run(Me, {}, { token: target.token })).me?.role).toBe("CURATOR");

    const adminId = data(await app.run(Me, {}, { token: admin.token })).me!.id;
    const lastAdmin = data(await app.run(SetUserRole, { userId: adminId, role: "READER" }, { token: admin.token })).setUserRole;
    expect(lastAdmin).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["role"] }] });
    const badId = data(await app.run(SetUserRole, { userId: "nonsense", role: "READER" }, { token: admin.token })).setUserRole;
    expect(badId).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["userId"] }] });
  });
});

describe("rate limits on sign-up and log-in", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", {
      ...HIGH_LIMITS,
      TRUST_PROXY: "1",
      RATE_LIMIT_SIGNUP: "2/3600",
      RATE_LIMIT_LOGIN: "1000/60",
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  const from = (ip: string) => ({ headers: { "x-forwarded-for": `203.0.113.99, ${ip}` } });

  it("limits sign-ups per client address, with the time to wait", async () => {
    expect(data(await app.run(SignUp, signUpVars("ip_a1"), from("198.51.100.1"))).signUp.__typename).toBe("AuthPayload");
    expect(data(await app.run(SignUp, signUpVars("ip_a2"), from("198.51.100.1"))).signUp.__typename).toBe("AuthPayload");
    const third = data(await app.run(SignUp, signUpVars("ip_a3"), from("198.51.100.1"))).signUp;
    expect(third).toMatchObject({ __typename: "RateLimited", code: "RATE_LIMITED" });
    if (third.__typename === "RateLimited") expect(third.retryAfter).toBeGreaterThan(3500);
    expect(await app.db.prisma.user.count({ where: { handleKey: "ip_a3" } })).toBe(0);
    // The forged first hop is ignored: only the proxy's hop counts, so another client is unaffected.
    expect(data(await app.run(SignUp, signUpVars("ip_b1"), from("198.51.100.2"))).signUp.__typename).toBe("AuthPayload");
  });

  // Failed log-ins (lock-out per address, back-off per account): test/login-lockout.test.ts.
});

describe("rate limit on log-in attempts per address", () => {
  it("refuses attempts past the limit from one address", async () => {
    const app = await createTestApp("pglite", { ...HIGH_LIMITS, TRUST_PROXY: "1", RATE_LIMIT_LOGIN: "2/60" });
    try {
      const from = { headers: { "x-forwarded-for": "198.51.100.7" } };
      const kinds = [];
      for (let i = 0; i < 3; i++)
        kinds.push(data(await app.run(LogIn, { emailOrHandle: "reader", password: "paperboy-reader" }, from)).logIn.__typename);
      expect(kinds).toEqual(["AuthPayload", "AuthPayload", "RateLimited"]);
      const elsewhere = { headers: { "x-forwarded-for": "198.51.100.8" } };
      expect(data(await app.run(LogIn, { emailOrHandle: "reader", password: "paperboy-reader" }, elsewhere)).logIn.__typename).toBe(
        "AuthPayload",
      );
    } finally {
      await app.close();
    }
  });
});

// With REDIS_URL, instances behind one load balancer count against the same limits.
describe.runIf(process.env.TEST_REDIS_URL)("rate limits shared through Redis", () => {
  const attempt = (app: TestApp, ip: string) =>
    app
      .run(LogIn, { emailOrHandle: "reader", password: "paperboy-reader" }, { headers: { "x-forwarded-for": ip } })
      .then((r) => data(r).logIn.__typename);

  it("counts attempts from one address on every instance together", async () => {
    const env = {
      ...HIGH_LIMITS,
      TRUST_PROXY: "1",
      RATE_LIMIT_LOGIN: "2/60",
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_PREFIX: `test-limits-${Date.now()}:`,
    };
    const [a, b] = [await createTestApp("pglite", env), await createTestApp("pglite", env)];
    try {
      expect([
        await attempt(a, "198.51.100.20"),
        await attempt(b, "198.51.100.20"),
        await attempt(a, "198.51.100.20"),
        await attempt(b, "198.51.100.20"),
      ]).toEqual(["AuthPayload", "AuthPayload", "RateLimited", "RateLimited"]);
      expect(await attempt(b, "198.51.100.21")).toBe("AuthPayload");
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("still limits, on each instance alone, while Redis cannot be reached", async () => {
    // Nothing listens on port 1.
    const app = await createTestApp("pglite", {
      ...HIGH_LIMITS,
      TRUST_PROXY: "1",
      RATE_LIMIT_LOGIN: "2/60",
      REDIS_URL: "redis://127.0.0.1:1",
    });
    try {
      const kinds = [];
      for (let i = 0; i < 3; i++) kinds.push(await attempt(app, "198.51.100.22"));
      expect(kinds).toEqual(["AuthPayload", "AuthPayload", "RateLimited"]);
    } finally {
      await app.close();
    }
  });
});
