// The checks that run before execution (cost limit, input limits, cursor arguments) keep what they
// learn from a query's text beside its parsed document (src/plugins/per-document.ts), and Yoga
// hands every request with the same text the same document. What they decide must still follow
// each request's variables: the same query text, sent again and again with different variables,
// is answered or refused by those variables alone, in any order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";

interface Reply {
  status: number;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  data?: Record<string, unknown>;
}

async function post(app: TestApp, query: string, variables: Record<string, unknown>): Promise<Reply> {
  const res = await app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<Reply, "status">;
  return { status: res.status, ...body };
}

const WIDE = `query Wide($n: Int!) { topics(first: $n) { edges { node { slug
  papers(first: $n) { edges { node { title abstract authors { name } } } } } } } }`;
const PAGE = `query Page($c: String) { papers(first: 2, after: $c) { edges { node { id } } pageInfo { endCursor } } }`;

describe.each(ENGINES)("one query text, checked per request on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(() => app?.close());

  it("the cost limit follows the page sizes of each request's variables", async () => {
    for (const n of [2, 100, 2, 100, 3]) {
      const reply = await post(app, WIDE, { n });
      if (n === 100) {
        expect(reply.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
        expect(reply.errors?.[0]?.message).toMatch(/Cost limit of \d+ exceeded/);
        expect(reply.data).toBeUndefined();
      } else {
        expect(reply.errors).toBeUndefined();
        expect((reply.data?.topics as { edges: unknown[] }).edges.length).toBeLessThanOrEqual(n);
      }
    }
  });

  it("a cursor variable is checked on every request: real ones page, tampered and overlong ones are refused", async () => {
    const first = await post(app, PAGE, {});
    expect(first.errors).toBeUndefined();
    const cursor = (first.data?.papers as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const tampered = Buffer.from(`${Buffer.from(cursor, "base64").toString()}5x`).toString("base64");
    const cases: [string | null, string | undefined][] = [
      [cursor, undefined],
      [tampered, "BAD_USER_INPUT"],
      [cursor, undefined],
      ["c".repeat(201), "BAD_USER_INPUT"],
      [null, undefined],
    ];
    for (const [c, code] of cases) {
      const reply = await post(app, PAGE, { c });
      if (code) {
        expect(reply.errors?.[0]?.extensions?.code).toBe(code);
        expect(reply.errors?.[0]?.message).toMatch(/after/);
      } else {
        expect(reply.errors).toBeUndefined();
        expect((reply.data?.papers as { edges: unknown[] }).edges).toHaveLength(2);
      }
    }
  });
});
