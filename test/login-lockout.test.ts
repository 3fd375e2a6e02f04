// Failed log-ins (issue 11): a guesser must not be able to lock the real owner out. Failures lock
// out only the address they came from (per account and address); per account alone, failures in
// a row make every address wait 1 s, then 2, 4, ... up to LOGIN_BACKOFF_MAX, and a try within the
// wait is answered RateLimited at once with the seconds left.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { HIGH_LIMITS, newUser, TEST_PASSWORD } from "./helpers/users.ts";

const LogInAttempt = graphql(`
  mutation LogInAttempt($emailOrHandle: String!, $password: String!) {
    logIn(emailOrHandle: $emailOrHandle, password: $password) {
      __typename
      ... on RateLimited {
        retryAfter
      }
    }
  }
`);

const LIMITS = { ...HIGH_LIMITS, TRUST_PROXY: "1", RATE_LIMIT_LOGIN_FAILURES: "3/600", LOGIN_BACKOFF_MAX: "4" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  kind: string;
  retryAfter?: number;
  ms: number;
}

async function attempt(app: TestApp, handle: string, password: string, ip: string): Promise<Outcome> {
  const started = Date.now();
  const r = await app.run(LogInAttempt, { emailOrHandle: handle, password }, { headers: { "x-forwarded-for": ip } });
  const result = data(r).logIn;
  return {
    kind: result.__typename,
    retryAfter: result.__typename === "RateLimited" ? result.retryAfter : undefined,
    ms: Date.now() - started,
  };
}

/** Waits out the account's back-off (a RateLimited of a few seconds), then tries. */
async function attemptAfterWait(app: TestApp, handle: string, password: string, ip: string): Promise<Outcome> {
  for (;;) {
    const outcome = await attempt(app, handle, password, ip);
    if (outcome.kind !== "RateLimited" || outcome.retryAfter! > 4) return outcome;
    await sleep(outcome.retryAfter! * 1000 + 100);
  }
}

describe("failed log-ins", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", LIMITS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lock out only the address they came from: the owner still logs in from elsewhere", async () => {
    await newUser(app, "owner", { headers: { "x-forwarded-for": "10.0.0.1" } });
    const guesses = [];
    for (let i = 0; i < 3; i++) guesses.push((await attemptAfterWait(app, "owner", `guess number ${i}`, "192.0.2.66")).kind);
    expect(guesses).toEqual(["Unauthenticated", "Unauthenticated", "Unauthenticated"]);
    // The guesser's address is locked out for the window, even with the right password...
    const locked = await attemptAfterWait(app, "owner", TEST_PASSWORD, "192.0.2.66");
    expect(locked.kind).toBe("RateLimited");
    expect(locked.retryAfter).toBeGreaterThan(590);
    // ...the owner's is not.
    expect((await attemptAfterWait(app, "owner", TEST_PASSWORD, "198.51.100.5")).kind).toBe("AuthPayload");
  });

  it("make the account wait 1, 2, 4 s, capped, from any address, answered at once", async () => {
    await newUser(app, "slowed", { headers: { "x-forwarded-for": "10.0.0.2" } });
    let ip = 0;
    const next = () => `203.0.113.${++ip}`;
    // One wrong password costs nothing: the next try goes through.
    expect((await attempt(app, "slowed", "wrong 1", next())).kind).toBe("Unauthenticated");
    expect((await attempt(app, "slowed", "wrong 2", next())).kind).toBe("Unauthenticated");
    const waits: number[] = [];
    for (let i = 3; i <= 6; i++) {
      // Every address must wait, even with the right password; nothing is checked or counted.
      const refused = await attempt(app, "slowed", TEST_PASSWORD, next());
      expect(refused.kind).toBe("RateLimited");
      // Answered at once, not held open for the wait.
      expect(refused.ms).toBeLessThan(refused.retryAfter! * 1000);
      waits.push(refused.retryAfter!);
      await sleep(refused.retryAfter! * 1000 + 100);
      expect((await attempt(app, "slowed", `wrong ${i}`, next())).kind).toBe("Unauthenticated");
    }
    expect(waits).toEqual([1, 2, 4, 4]);
    // After the wait the owner logs in, and the count starts again.
    expect((await attemptAfterWait(app, "slowed", TEST_PASSWORD, next())).kind).toBe("AuthPayload");
    expect((await attempt(app, "slowed", "wrong again", next())).kind).toBe("Unauthenticated");
    expect((await attempt(app, "slowed", TEST_PASSWORD, next())).kind).toBe("AuthPayload");
  });

  it("treat an unknown account the same way, so the answers reveal nothing", async () => {
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await attempt(app, "ghost", `guess number ${i}`, "192.0.2.77")).kind);
    expect(kinds).toEqual(["Unauthenticated", "Unauthenticated", "RateLimited"]);
    expect((await attemptAfterWait(app, "ghost", "guess number 3", "192.0.2.77")).kind).toBe("Unauthenticated");
    expect((await attemptAfterWait(app, "ghost", "guess number 4", "192.0.2.77")).retryAfter).toBeGreaterThan(590);
  });
});

// With REDIS_URL every instance sees the same failures and waits.
describe.runIf(process.env.TEST_REDIS_URL)("failed log-ins through Redis", () => {
  it("make the account wait on every instance", async () => {
    const env = { ...LIMITS, REDIS_URL: process.env.TEST_REDIS_URL!, REDIS_PREFIX: `test-login-${Date.now()}:` };
    const [a, b] = [await createTestApp("pglite", env), await createTestApp("pglite", env)];
    try {
      expect((await attempt(a, "reader", "wrong 1", "198.51.100.30")).kind).toBe("Unauthenticated");
      expect((await attempt(b, "reader", "wrong 2", "198.51.100.31")).kind).toBe("Unauthenticated");
      expect(await attempt(a, "reader", "paperboy-reader", "198.51.100.32")).toMatchObject({ kind: "RateLimited", retryAfter: 1 });
      expect(await attempt(b, "reader", "paperboy-reader", "198.51.100.33")).toMatchObject({ kind: "RateLimited", retryAfter: 1 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
