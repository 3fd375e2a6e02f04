// Accounts for tests, made through the real API (signUp / logIn), and limits high enough that
// tests which are not about rate limits never meet one.
import { graphql } from "../gql/index.ts";
import type { TestApp } from "./app.ts";

export const HIGH_LIMITS: Record<string, string> = {
  RATE_LIMIT_SIGNUP: "10000/60",
  RATE_LIMIT_LOGIN: "10000/60",
  RATE_LIMIT_LOGIN_FAILURES: "10000/60",
  RATE_LIMIT_UPVOTES: "10000/60",
  RATE_LIMIT_COMMENTS: "10000/60",
  RATE_LIMIT_SUBMISSIONS: "10000/60",
  RATE_LIMIT_WRITES: "10000/60",
};

const SignUpForTest = graphql(`
  mutation SignUpForTest($email: String!, $handle: String!, $name: String!, $password: String!) {
    signUp(email: $email, handle: $handle, name: $name, password: $password) {
      __typename
      ... on AuthPayload {
        token
        user {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const LogInForTest = graphql(`
  mutation LogInForTest($emailOrHandle: String!, $password: String!) {
    logIn(emailOrHandle: $emailOrHandle, password: $password) {
      __typename
      ... on AuthPayload {
        token
        user {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export interface TestUser {
  token: string;
  /** The user's global id. */
  id: string;
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function newUser(app: TestApp, handle: string, opts: { headers?: Record<string, string> } = {}): Promise<TestUser> {
  const r = await app.run(SignUpForTest, { email: `${handle}@example.org`, handle, name: `User ${handle}`, password: TEST_PASSWORD }, opts);
  const s = r.data?.signUp;
  if (s?.__typename !== "AuthPayload") throw new Error(`signUp ${handle} failed: ${JSON.stringify(r)}`);
  return { token: s.token, id: s.user.id };
}

/** A session of a seeded demo user: reader, curator or admin. */
export async function demoUser(app: TestApp, handle: "reader" | "curator" | "admin"): Promise<TestUser> {
  const r = await app.run(LogInForTest, { emailOrHandle: handle, password: `paperboy-${handle}` });
  const s = r.data?.logIn;
  if (s?.__typename !== "AuthPayload") throw new Error(`logIn ${handle} failed: ${JSON.stringify(r)}`);
  return { token: s.token, id: s.user.id };
}
