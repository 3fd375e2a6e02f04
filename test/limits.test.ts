// The attack corpus: operations built to exhaust the server, each rejected with an error that says
// what was wrong and with ZERO resolver calls — counted by an instrumentation plugin that wraps
// every field resolver of the schema. Over HTTP and over WebSocket (same enveloped plugins).
import { useOnResolve } from "@envelop/on-resolve";
import { getNamedType, isInputObjectType, isObjectType } from "graphql";
import type { Plugin } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { schema } from "../src/schema/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { type LiveServer, startLiveServer, wsClient, wsRefusal } from "./helpers/server.ts";

// One plugin instance for the whole file: it wraps the (shared) schema's resolvers once.
let resolverCalls = 0;
const countResolvers = useOnResolve(() => {
  resolverCalls += 1;
}) as Plugin;

interface Reply {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(app: TestApp, body: string | object, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}

/** A chain paper → topics → paper → topics ... with `title` at the given depth. */
function deepQuery(depth: number): string {
  let inner = "title";
  for (let level = depth - 1; level >= 2; level--) inner = `${level % 2 === 0 ? "topics" : "paper"} { ${inner} }`;
  return `{ paper(arxivId: "2508.05629") { ${inner} } }`;
}

const WIDE_PAGES = /* GraphQL */ `
  query Wide($n: Int!) {
    topics(first: $n) {
      edges {
        node {
          slug
          papers(first: $n) {
            edges {
              node {
                title
                abstract
                authors {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** name, request body, what the error must say. */
const CORPUS: [string, object | string, RegExp][] = [
  ["depth one over the limit (7)", { query: deepQuery(7) }, /depth limit of 6 exceeded, found 7/],
  ["depth 40", { query: deepQuery(40) }, /depth limit of 6 exceeded, found 40/],
  [
    "depth 7 through connections and a fragment (edges and node add no depth, the rest does)",
    {
      query:
        '{ topic(slug: "clustering") { ...T } } fragment T on Topic { papers(first: 1) { edges { node { ' +
        "topics { topic { papers(first: 1) { edges { node { topics { score } } } } } } } } } }",
    },
    /depth limit of 6 exceeded, found 7/,
  ],
  [
    "16 aliases",
    { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: paper(arxivId: "2508.05629") { title }`).join(" ")} }` },
    /Aliases limit of 15 exceeded, found 16/,
  ],
  ["1,001 tokens", { query: `{ paper(arxivId: "2508.05629") { ${"title ".repeat(994)} } }` }, /Token limit of 1000 exceeded/],
  [
    "51 directives",
    { query: `{ paper(arxivId: "2508.05629") { ${"title @include(if: true) ".repeat(51)} } }` },
    /Directives limit of 50 exceeded, found 51/,
  ],
  [
    "cost over the limit with literal page sizes",
    { query: WIDE_PAGES.replace("($n: Int!)", "").replaceAll("$n", "100") },
    /Cost limit of 50000 exceeded, found \d+/,
  ],
  ["cost over the limit with page sizes in variables", { query: WIDE_PAGES, variables: { n: 100 } }, /Cost limit of 50000 exceeded/],
  [
    "cost over the limit by leaving page sizes out (counted as the largest page)",
    { query: WIDE_PAGES.replaceAll("(first: $n)", "").replace("($n: Int!)", "") },
    /Cost limit of 50000 exceeded/,
  ],
  [
    "a page of 101",
    { query: `{ papers(first: 101) { edges { node { title } } } }` },
    /"first" of field "papers" must be between 1 and 100, got 101/,
  ],
  [
    "a page size hidden in a variable's default",
    { query: `query ($n: Int = 5000) { papers(first: $n) { edges { node { title } } } }` },
    /must be between 1 and 100, got 5000/,
  ],
  [
    "101 ids for nodes, in a variable",
    { query: `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: Array.from({ length: 101 }, (_, i) => `id${i}`) } },
    /Argument "ids" of field "nodes" takes at most 100 items, got 101/,
  ],
  [
    "a batch of 1,000 operations in one request",
    JSON.stringify(Array.from({ length: 1000 }, () => ({ query: `{ paper(arxivId: "2508.05629") { title } }` }))),
    /Batching is not supported/,
  ],
  [
    "a field-suggestion probe",
    { query: `{ paper(arxivId: "2508.05629") { titl } }` },
    /^Cannot query field "titl" on type "Paper"\. \[Suggestion hidden\]$/,
  ],
  [
    "an argument-suggestion probe",
    { query: `{ papers(frist: 1) { edges { node { title } } } }` },
    /^Unknown argument "frist" on field "Query\.papers"\. \[Suggestion hidden\]$/,
  ],
  [
    "a deeply nested input object literal",
    {
      query:
        `{ papers(first: 1, filter: { topic: "x", ${"nested: { ".repeat(200)}a: 1${" }".repeat(200)} }) ` +
        "{ edges { node { title } } } }",
    },
    /Field "nested" is not defined by type "PaperFilter"/,
  ],
  [
    // Written out by hand: JSON.stringify itself overflows the stack on 10,000 levels.
    "a deeply nested input object in variables",
    '{"query": "query ($f: PaperFilter) { papers(first: 1, filter: $f) { edges { node { title } } } }", ' +
      `"variables": {"f": ${'{"topic": "x", "nested": '.repeat(10_000)}1${"}".repeat(10_000)}}}`,
    /^Variable "\$f" is nested more than 16 levels deep\.$/,
  ],
];

describe("the attack corpus over HTTP", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", {}, [countResolvers]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("counts the resolvers of an ordinary query (so that zero below means something)", async () => {
    resolverCalls = 0;
    const { body } = await post(app, { query: `{ dailyPapers(date: "2025-08-08", first: 5) { edges { node { title } } } }` });
    expect(body.errors).toBeUndefined();
    expect(resolverCalls).toBeGreaterThan(5);
  });

  it("counts depth as a reader does: a connection's edges and node add none", async () => {
    // 7 fields deep, 5 levels as written: a topic's papers with their topics.
    const { body } = await post(app, {
      query: `{ topic(slug: "clustering") { papers(first: 2) { edges { node { topics { topic { slug } } } } } } }`,
    });
    expect(body.errors).toBeUndefined();
    expect((body.data as { topic: { papers: { edges: unknown[] } } }).topic.papers.edges).toHaveLength(2);
  });

  it.each(CORPUS)("rejects %s with a clear error and no resolver call", async (_name, request, message) => {
    resolverCalls = 0;
    const { status, body } = await post(app, request);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.message).join("\n")).toMatch(message);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(resolverCalls).toBe(0);
  });

  it("takes the same wide query when its pages are small", async () => {
    resolverCalls = 0;
    const { body } = await post(app, { query: WIDE_PAGES, variables: { n: 2 } });
    expect(body.errors).toBeUndefined();
    expect(resolverCalls).toBeGreaterThan(0);
  });

  it("refuses a 10 MB body with 413 before reading it, whether or not it declares its length", async () => {
    const huge = JSON.stringify({ query: `query ($s: String) { __typename }`, variables: { s: "x".repeat(10 * 1024 * 1024) } });
    resolverCalls = 0;
    const declared = await post(app, huge, { "content-length": String(Buffer.byteLength(huge)) });
    expect(declared.status).toBe(413);
    expect(declared.body.errors?.[0]?.message).toBe("Request body too large");
    // Streamed without a length (chunked): cut off once the limit is crossed.
    const chunks = [Buffer.from(huge)];
    const res = await app.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()) : c.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(resolverCalls).toBe(0);
  });

  it("answers the full introspection query GraphiQL sends (introspection is on by default)", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const { body } = await post(app, {
      query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    });
    expect(body.errors).toBeUndefined();
    expect((body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
  });

  it("refuses a GET or a form post without a CSRF header, and takes them with one", async () => {
    const url = `http://paperboy.test/graphql?query=${encodeURIComponent("{ __typename }")}`;
    const bare = await app.yoga.fetch(url, { headers: { accept: "application/json" } });
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as Reply["body"]).errors?.[0]?.message).toBe("Required CSRF header(s) not present");
    const form = await app.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `query=${encodeURIComponent("{ __typename }")}`,
    });
    expect(form.status).toBe(403);
    for (const header of ["x-graphql-yoga-csrf", "apollo-require-preflight"]) {
      const ok = await app.yoga.fetch(url, { headers: { accept: "application/json", [header]: "1" } });
      expect(await ok.json()).toEqual({ data: { __typename: "Query" } });
    }
  });
});

describe("the attack corpus over WebSocket", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", {}, [countResolvers]);
  });
  afterAll(async () => {
    await live?.close();
  });

  const overWs = (query: string, variables?: Record<string, unknown>) => wsRefusal(live.wsUrl, query, variables);

  it.each([
    ["a query too deep", deepQuery(7), undefined, /depth limit of 6 exceeded, found 7/],
    [
      "a subscription too deep",
      `subscription { paperIngested { paper { topics { paper { topics { paper { title } } } } } } }`,
      undefined,
      /depth limit of 6 exceeded, found 7/,
    ],
    [
      "16 aliases",
      `subscription { ${Array.from({ length: 16 }, (_, i) => `a${i}: paperIngested { cursor }`).join(" ")} }`,
      undefined,
      /Aliases limit of 15 exceeded/,
    ],
    ["1,001 tokens", `subscription { paperIngested { ${"cursor ".repeat(996)} } }`, undefined, /Token limit of 1000 exceeded/],
    [
      "51 directives",
      `subscription { paperIngested { ${"cursor @include(if: true) ".repeat(51)} } }`,
      undefined,
      /Directives limit of 50 exceeded/,
    ],
    ["cost over the limit with page sizes in variables", WIDE_PAGES, { n: 100 }, /Cost limit of 50000 exceeded/],
    [
      "a page of 101",
      `subscription { paperIngested { paper { topics { topic { papers(first: 101) { edges { cursor } } } } } } }`,
      undefined,
      /must be between 1 and 100, got 101/,
    ],
    [
      "a field-suggestion probe",
      `subscription { paperIngested { cursr } }`,
      undefined,
      /^Cannot query field "cursr" on type "PaperIngested"\. \[Suggestion hidden\]$/,
    ],
  ])("rejects %s with no resolver call", async (_name, query, variables, message) => {
    resolverCalls = 0;
    expect(await overWs(query, variables)).toMatch(message);
    expect(resolverCalls).toBe(0);
  });
});

describe("page sizes", () => {
  it("every argument that sizes a list is first or last, which the page-size limit checks on every field", () => {
    // An Int argument by another name (limit, take, count...) would escape the 1..100 check.
    const intArgs: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) if (getNamedType(arg.type).name === "Int") intArgs.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (getNamedType(field.type).name === "Int") intArgs.push(`${type.name}.${field.name}`);
      }
    }
    // Int arguments that size no list, each bounded by its own validation.
    const notSizes = new Set(["Mutation.createApiToken(expiresInDays)"]);
    expect(intArgs.length).toBeGreaterThan(0);
    expect(intArgs.filter((a) => !/\((first|last)\)$/.test(a) && !notSizes.has(a))).toEqual([]);
  });
});

describe("configuration", () => {
  it("INTROSPECTION=0 refuses __schema and __type over HTTP and WebSocket, and keeps __typename", async () => {
    const live = await startLiveServer("pglite", { INTROSPECTION: "0" });
    try {
      const refused = await post(live.app, { query: `{ __schema { types { name } } }` });
      expect(refused.body.errors?.[0]?.message).toBe(
        'GraphQL introspection has been disabled, but the requested query contained the field "__schema".',
      );
      const type = await post(live.app, { query: `{ __type(name: "Paper") { fields { name } } }` });
      expect(type.body.errors?.[0]?.message).toMatch(/introspection has been disabled.*"__type"/);
      expect((await post(live.app, { query: `{ __typename }` })).body).toEqual({ data: { __typename: "Query" } });
      const client = wsClient(live.wsUrl);
      const message = await new Promise<string>((resolve) => {
        client.subscribe(
          { query: `{ __schema { queryType { name } } }` },
          { next: () => resolve("executed"), error: (e) => resolve(JSON.stringify(e)), complete: () => undefined },
        );
      });
      await client.dispose();
      expect(message).toMatch(/introspection has been disabled/);
    } finally {
      await live.close();
    }
  });

  it("QUERY_MAX_DEPTH and QUERY_MAX_COST move the limits", async () => {
    const app = await createTestApp("pglite", { QUERY_MAX_DEPTH: "3", QUERY_MAX_COST: "100" });
    try {
      expect((await post(app, { query: deepQuery(4) })).body.errors?.[0]?.message).toMatch(/depth limit of 3 exceeded, found 4/);
      expect((await post(app, { query: `{ papers(first: 60) { edges { cursor } } }` })).body.errors?.[0]?.message).toMatch(
        /Cost limit of 100 exceeded/,
      );
      expect((await post(app, { query: `{ papers(first: 2) { edges { cursor } } }` })).body.errors).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
