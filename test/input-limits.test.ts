// Bounds and text rules on every input (src/plugins/input-limits.ts): the schema states a bound for
// every list, String, ID and page size, at any depth; an operation over one is refused before any
// resolver runs, whether the value is a literal or a variable, over HTTP, SSE or WebSocket; NUL and
// lone surrogates are refused naming the argument (as the field's ValidationError when it has one);
// other characters XML 1.0 forbids are removed; ingestion records are left to the pipeline.
import { useOnResolve } from "@envelop/on-resolve";
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { schema } from "../src/schema/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { type LiveServer, startLiveServer, wsRefusal } from "./helpers/server.ts";
import { demoUser, HIGH_LIMITS, type TestUser } from "./helpers/users.ts";

let resolverCalls = 0;
const countResolvers = useOnResolve(() => {
  resolverCalls += 1;
}) as Plugin;

interface GqlError {
  message: string;
  extensions?: { code?: string; argumentName?: string };
}
interface Reply {
  status: number;
  body: {
    data?: Record<string, { __typename?: string; issues?: { path: string[]; message: string }[] } & Record<string, unknown>> | null;
    errors?: GqlError[];
  };
}

async function post(app: TestApp, query: string, variables?: Record<string, unknown>, token?: string): Promise<Reply> {
  const res = await app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}

/** The bounds the schema states: the `inputLimits` extension (README "Limits and security"). */
interface Limits {
  maxItems?: number;
  maxLength?: number;
  range?: [number, number];
}
const limitsOf = (def: GraphQLArgument | GraphQLInputField) => (def.extensions?.inputLimits ?? {}) as Limits;
const fmt = (n: number) => n.toLocaleString("en");

const slugs = (n: number) => Array.from({ length: n }, (_, i) => `topic-${i}`);
const SEARCH = `query ($f: SearchFilter) { search(query: "graph", filter: $f) { edges { cursor } } }`;

describe("the schema", () => {
  it("states a bound for every list, String, ID and Int input, arguments and input object fields alike, in its description", () => {
    const unbounded: string[] = [];
    const seen = new Set<string>();
    let checked = 0;
    const check = (where: string, def: GraphQLArgument | GraphQLInputField) => {
      checked += 1;
      const limits = limitsOf(def);
      for (let type: GraphQLInputType = def.type; isNonNullType(type) || isListType(type); type = type.ofType) {
        if (isListType(type) && !(limits.maxItems! > 0)) unbounded.push(`${where}: a list without maxItems`);
      }
      const named = getNamedType(def.type);
      if ((named.name === "String" || named.name === "ID") && !(limits.maxLength! > 0))
        unbounded.push(`${where}: a ${named.name} without maxLength`);
      if (named.name === "Int" && !limits.range) unbounded.push(`${where}: an Int without range`);
      const stated = [
        limits.maxItems && `${fmt(limits.maxItems)} items`,
        limits.maxLength && `${fmt(limits.maxLength)} characters`,
        limits.range && `from ${fmt(limits.range[0])} to ${fmt(limits.range[1])}`,
      ];
      for (const bound of stated)
        if (bound && !def.description?.toLowerCase().includes(bound)) unbounded.push(`${where}: "${bound}" missing from its description`);
      if (isInputObjectType(named) && !seen.has(named.name)) {
        seen.add(named.name);
        for (const field of Object.values(named.getFields())) check(`${named.name}.${field.name}`, field);
      }
    };
    // Every field with arguments: the roots (Query, Mutation, Subscription) and nested ones (Topic.papers...).
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !isObjectType(type)) continue;
      for (const field of Object.values(type.getFields()))
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg);
    }
    expect(checked).toBeGreaterThan(100);
    expect(unbounded).toEqual([]);
    // The bounds README's table names.
    const fieldLimits = (typeName: string, field: string) => {
      const type = schema.getType(typeName);
      if (!isInputObjectType(type)) throw new Error(`${typeName} is not an input type`);
      return limitsOf(type.getFields()[field]!);
    };
    expect(fieldLimits("IngestPapersInput", "records").maxItems).toBe(1_000);
    expect(fieldLimits("IngestRecordInput", "authors").maxItems).toBe(5_000);
    expect(fieldLimits("PaperIngestedFilter", "keywords")).toEqual({ maxItems: 100, maxLength: 100 });
    expect(
      limitsOf(
        schema
          .getMutationType()!
          .getFields()
          .addComment!.args.find((a) => a.name === "body")!,
      ).maxLength,
    ).toBe(5_000);
  });
});

describe("bounds", () => {
  let app: TestApp;
  let reader: TestUser;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS, [countResolvers]);
    reader = await demoUser(app, "reader");
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    [
      "a list inside an input object, as a literal",
      `{ search(query: "graph", filter: { topics: ${JSON.stringify(slugs(51))} }) { edges { cursor } } }`,
      undefined,
      "filter.topics",
      /takes at most 50 items, got 51/,
    ],
    [
      "a list inside an input object, in a variable",
      SEARCH,
      { f: { authors: Array.from({ length: 51 }, (_, i) => `Author ${i}`) } },
      "filter.authors",
      /takes at most 50 items, got 51/,
    ],
    [
      "a string inside a list inside an input object",
      SEARCH,
      { f: { authors: ["x".repeat(301)] } },
      "filter.authors.0",
      /takes at most 300 characters, got 301/,
    ],
    [
      "a string argument",
      `query ($q: String!) { search(query: $q) { edges { cursor } } }`,
      { q: "graph ".repeat(100) },
      "query",
      /takes at most 500 characters, got 600/,
    ],
    [
      "a string in a variable's default",
      `query ($slug: String! = "${"x".repeat(101)}") { topic(slug: $slug) { name } }`,
      undefined,
      "slug",
      /takes at most 100 characters, got 101/,
    ],
    ["an ID", `{ node(id: "${"A".repeat(101)}") { id } }`, undefined, "id", /takes at most 100 characters, got 101/],
  ])("refuses %s before any resolver, naming the argument and the bound", async (_name, query, variables, argumentName, message) => {
    resolverCalls = 0;
    const { status, body } = await post(app, query, variables);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.errors?.[0]?.message).toContain(`Argument "${argumentName}"`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(resolverCalls).toBe(0);
  });

  it("takes values at their bounds, counting characters as code points, and refuses one more", async () => {
    const atBound = await post(app, SEARCH, { f: { authors: ["😀".repeat(300)], categories: Array.from({ length: 50 }, () => "cs.LG") } });
    expect(atBound.body.errors).toBeUndefined();
    const over = await post(app, SEARCH, { f: { authors: ["😀".repeat(301)] } });
    expect(over.body.errors?.[0]?.message).toBe('Argument "filter.authors.0" of field "search" takes at most 300 characters, got 301.');
  });

  it("answers a field with typed errors with its ValidationError, naming the path", async () => {
    const r = await post(
      app,
      `mutation ($f: SearchFilter) {
        saveSearch(name: "many", query: "graph", filter: $f) { __typename ... on ValidationError { issues { path message } } }
      }`,
      { f: { topics: slugs(51) } },
      reader.token,
    );
    expect(r.body.data?.saveSearch).toEqual({
      __typename: "ValidationError",
      issues: [{ path: ["filter", "topics"], message: "At most 50 items." }],
    });
  });

  it("refuses an over-long filter of a subscription over SSE", async () => {
    const res = await app.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({
        query: `subscription ($k: [String!]) { paperIngested(filter: { keywords: $k }) { cursor } }`,
        variables: { k: ["x".repeat(101)] },
      }),
    });
    const accepted = new Promise<string>((resolve) => setTimeout(() => resolve("accepted: still open after 10 s"), 10_000));
    expect(await Promise.race([res.text(), accepted])).toContain(
      'Argument \\"filter.keywords.0\\" of field \\"paperIngested\\" takes at most 100 characters, got 101.',
    );
  });
});

describe("bounds over WebSocket", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite");
  });
  afterAll(async () => {
    await live?.close();
  });

  const refusal = (query: string, variables?: Record<string, unknown>) => wsRefusal(live.wsUrl, query, variables);

  it("refuses a subscription filter of 20,000 keywords, and one of 101", async () => {
    const query = `subscription ($k: [String!]) { paperIngested(filter: { keywords: $k }) { cursor } }`;
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`);
    expect(await refusal(query, { k: words(20_000) })).toBe(
      'Argument "filter.keywords" of field "paperIngested" takes at most 100 items, got 20,000.',
    );
    expect(await refusal(query, { k: words(101) })).toBe(
      'Argument "filter.keywords" of field "paperIngested" takes at most 100 items, got 101.',
    );
    expect(await refusal(`subscription { paperIngested(filter: { authors: ["${"a".repeat(301)}"] }) { cursor } }`)).toMatch(
      /^Argument "filter\.authors\.0" of field "paperIngested" takes at most 300 characters, got 301\.$/,
    );
  });

  it("refuses a NUL in a subscription filter, naming it", async () => {
    expect(
      await refusal(`subscription ($k: [String!]) { paperIngested(filter: { keywords: $k }) { cursor } }`, { k: ["ok", "bad\u0000"] }),
    ).toBe('Argument "filter.keywords.1" of field "paperIngested" contains a NUL character (U+0000), which text cannot hold.');
  });
});

describe("text", () => {
  let app: TestApp;
  let reader: TestUser;
  let curator: TestUser;
  let paperId: string;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
    reader = await demoUser(app, "reader");
    curator = await demoUser(app, "curator");
    const { body } = await post(app, `{ papers(first: 1) { edges { node { id } } } }`);
    paperId = (data(body).papers as unknown as { edges: { node: { id: string } }[] }).edges[0]!.node.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const issues = `__typename ... on ValidationError { issues { path message } }`;
  const NUL_ISSUE = "Contains a NUL character (U+0000), which text cannot hold.";

  it.each([
    [
      "submitPaper's title",
      `mutation ($t: String!) {
        submitPaper(input: { arxivId: "2509.99999", title: $t, abstract: "An abstract.", authors: ["A. Author"] }) { ${issues} }
      }`,
      { t: "A title\u0000" },
      "submitPaper",
      ["input", "title"],
    ],
    [
      "logIn's password",
      `mutation ($p: String!) { logIn(emailOrHandle: "reader", password: $p) { ${issues} } }`,
      { p: "paperboy\u0000" },
      "logIn",
      ["password"],
    ],
    [
      "signUp's name",
      `mutation ($n: String!) {
        signUp(email: "nul@example.org", handle: "nulname", name: $n, password: "a long passphrase") { ${issues} }
      }`,
      { n: "Nul\u0000" },
      "signUp",
      ["name"],
    ],
    [
      "an author of saveSearch's filter",
      `mutation ($a: String!) { saveSearch(name: "s", query: "graph", filter: { authors: ["ok", $a] }) { ${issues} } }`,
      { a: "x\u0000" },
      "saveSearch",
      ["filter", "authors", "1"],
    ],
    ["followTopic's slug", `mutation { followTopic(slug: "clustering\\u0000") { ${issues} } }`, undefined, "followTopic", ["slug"]],
    [
      "a keyword of updateTopic's input",
      `mutation ($k: [String!]) { updateTopic(slug: "clustering", input: { keywords: $k }) { ${issues} } }`,
      { k: ["k\u0000"] },
      "updateTopic",
      ["input", "keywords", "0"],
    ],
  ])("refuses a NUL in %s with its ValidationError naming the field", async (_name, query, variables, field, path) => {
    const token = field === "updateTopic" ? curator.token : field === "logIn" || field === "signUp" ? undefined : reader.token;
    const { body } = await post(app, query, variables, token);
    expect(body.errors).toBeUndefined();
    expect(body.data?.[field]).toEqual({ __typename: "ValidationError", issues: [{ path, message: NUL_ISSUE }] });
  });

  it("refuses a NUL or a lone surrogate in a query's arguments with BAD_USER_INPUT naming it", async () => {
    const nul = await post(app, `query ($q: String!) { search(query: $q) { edges { cursor } } }`, { q: "graph\u0000" });
    expect(nul.body.errors).toEqual([
      expect.objectContaining({
        message: 'Argument "query" of field "search" contains a NUL character (U+0000), which text cannot hold.',
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "query" }),
      }),
    ]);
    const lone = await post(app, `query ($f: PaperFilter) { papers(first: 1, filter: $f) { edges { cursor } } }`, {
      f: { topic: "a\ud800b" },
    });
    expect(lone.body.errors?.[0]?.message).toBe(
      'Argument "filter.topic" of field "papers" contains a lone surrogate (U+D800), which is not Unicode text.',
    );
    const comment = await post(
      app,
      `mutation ($b: String!) { addComment(paperId: "${paperId}", body: $b) { ${issues} } }`,
      { b: "\udc00 trailing half" },
      reader.token,
    );
    expect(comment.body.data?.addComment).toEqual({
      __typename: "ValidationError",
      issues: [{ path: ["body"], message: "Contains a lone surrogate (U+DC00), which is not Unicode text." }],
    });
    // A whole emoji (a surrogate pair) is text.
    const emoji = await post(
      app,
      `mutation ($b: String!) { addComment(paperId: "${paperId}", body: $b) { __typename } }`,
      { b: "Nice 😀" },
      reader.token,
    );
    expect(emoji.body.data?.addComment).toEqual({ __typename: "Comment" });
  });

  it("removes the other characters XML 1.0 forbids, from literals and variables, and keeps tab, LF and CR", async () => {
    const literal = await post(
      app,
      `mutation {
        addComment(paperId: "${paperId}", body: "Bell\\u0007 and form\\u000Cfeed\\uFFFF\\tkept\\nlines") { ... on Comment { body } }
      }`,
      undefined,
      reader.token,
    );
    expect(literal.body.data?.addComment).toEqual({ body: "Bell and formfeed\tkept\nlines" });
    const variable = await post(
      app,
      `mutation ($b: String!) { addComment(paperId: "${paperId}", body: $b) { ... on Comment { body } } }`,
      { b: "Escape\u001b[31m red\u0001\r\n" },
      reader.token,
    );
    expect(variable.body.data?.addComment).toEqual({ body: "Escape[31m red\r\n" });
    const renamed = await post(
      app,
      `mutation ($k: [String!]) { updateTopic(slug: "clustering", input: { keywords: $k }) { ... on Topic { keywords } } }`,
      { k: ["k\u0002-means"] },
      curator.token,
    );
    expect(renamed.body.data?.updateTopic).toEqual({ keywords: ["k-means"] });
  });

  it("leaves a NUL in an ingestion record to the pipeline: the request is not refused for it", async () => {
    const record = (title: string, id: string) => ({ arxivId: id, title, abstract: "An abstract.", authors: [{ name: "A. Author" }] });
    const r = await post(
      app,
      `mutation ($r: [IngestRecordInput!]) { ingestPapers(input: { records: $r }) { ${issues} } }`,
      { r: [record("Good one", "2509.90001"), record("Bad\u0000one", "2509.90002"), record("Good two", "2509.90003")] },
      curator.token,
    );
    const refusedHere = (r.body.data?.ingestPapers?.issues ?? []).filter((i) => i.path[0] === "input" && i.path[1] === "records");
    expect(refusedHere).toEqual([]);
    expect(JSON.stringify(r.body.errors ?? [])).not.toContain("BAD_USER_INPUT");
  });
});
