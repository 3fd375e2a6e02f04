// Bad ids and cursors are the client's mistake, never the server's (issue 11, item 9): for every
// argument that takes a global id or a cursor, malformed, forged, out-of-range and wrong-type
// values are BAD_USER_INPUT naming the argument (a ValidationError result naming it, for mutations
// that return one), and a well-formed id of an object that does not exist is null in node/nodes.
import { decodeBase64, encodeBase64 } from "@pothos/core";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { demoUser, HIGH_LIMITS, type TestUser } from "./helpers/users.ts";

interface Reply {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

type Role = "anonymous" | "reader" | "curator" | "admin";

/** Global ids that no server ever handed out, for an argument that takes ids of `type`. */
function badIds(type: string): [string, string][] {
  const other = type === "Node" ? "ApiToken" : type === "Topic" ? "Paper" : "Topic";
  const of = type === "Node" ? "Paper" : type;
  return [
    ["malformed", "not-an-id"],
    ["empty", ""],
    ["of an unknown type", encodeGlobalID("Nope", 1)],
    [`of another type (${other})`, encodeGlobalID(other, 1)],
    ["beyond int4", encodeGlobalID(of, "2147483648")],
    ["1e12", encodeGlobalID(of, "1e12")],
    ["1.5", encodeGlobalID(of, "1.5")],
    ["negative", encodeGlobalID(of, "-1")],
    ["zero", encodeGlobalID(of, "0")],
    ["not a number", encodeGlobalID(of, "abc")],
  ];
}

/** Forged cursors of plugin-prisma connections, by the type of their key. */
const gpc = (chunk: string) => encodeBase64(`GPC:${chunk}`);
const BAD_PRISMA_CURSORS: Record<"Int" | "BigInt" | "String" | "Tuple", [string, string][]> = {
  Int: [
    ["beyond int4", gpc("N:1e12")],
    ["1.5", gpc("N:1.5")],
    ["negative", gpc("N:-1")],
    ["a string", gpc("S:abc")],
    ["a bigint beyond int4", gpc("I:99999999999")],
  ],
  BigInt: [
    ["1.5", gpc("N:1.5")],
    ["beyond int8", gpc("I:99999999999999999999999")],
    ["a string (a topics cursor)", gpc("S:graph-learning")],
    ["negative", gpc("I:-5")],
  ],
  String: [
    ["a number (a papers cursor)", gpc("I:12")],
    ["with NUL", gpc("S:a\u0000b")],
  ],
  Tuple: [
    ["not a tuple", gpc("N:1")],
    ["of the wrong length", gpc('T:["N:1"]')],
    ["with a string key", gpc('T:["S:x","N:0"]')],
  ],
};
const MALFORMED_CURSORS: [string, string][] = [
  ["malformed", "not-a-cursor"],
  ["empty", ""],
  ["not base64", "%%%"],
];

/** Forged variants of a keyset cursor (base64url JSON [fingerprint, ...sort keys]), keeping its fingerprint. */
function forgedKeyset(cursor: string): [string, string][] {
  const [fp, ...values] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
  const encode = (vs: unknown[]) => Buffer.from(JSON.stringify([fp, ...vs])).toString("base64url");
  const withLast = (v: unknown) => encode([...values.slice(0, -1), v]);
  const forged: [string, string][] = [
    ["with id 1e12", withLast(1e12)],
    ["with id 1.5", withLast(1.5)],
    ["with a negative id", withLast(-1)],
    ["with a string id", withLast("7")],
    ["with a key missing", encode(values.slice(0, -1))],
    ["cut short", Buffer.from(Buffer.from(cursor, "base64url").toString().slice(0, -1)).toString("base64url")],
  ];
  const day = values.findIndex((v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v));
  if (day >= 0) forged.push(["with the day 2025-99-99", encode(values.map((v, i) => (i === day ? "2025-99-99" : v)))]);
  return forged;
}

describe.each(ENGINES)("bad ids and cursors on %s", (engine) => {
  let app: TestApp;
  const users = {} as Record<Exclude<Role, "anonymous">, TestUser>;
  let paperId: string;
  let authorId: string;
  const topicSlug = "computer-vision";

  async function post(query: string, variables: Record<string, unknown> = {}, as: Role = "anonymous"): Promise<Reply> {
    const res = await app.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        ...(as === "anonymous" ? {} : { authorization: `Bearer ${users[as].token}` }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Reply;
  }

  /** The first result of a subscription over SSE. */
  async function subscribeOnce(query: string, variables: Record<string, unknown>): Promise<Reply> {
    const res = await app.yoga.fetch("http://paperboy.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query, variables }),
    });
    const reader = res.body!.getReader();
    let text = "";
    for (;;) {
      const m = /data: (.*)\n/.exec(text);
      if (m) {
        await reader.cancel();
        return JSON.parse(m[1]!) as Reply;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended without a result: ${text}`);
      text += new TextDecoder().decode(value);
    }
  }

  function expectBadInput(r: Reply, argumentName: string): void {
    expect(JSON.stringify(r)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(r.errors?.[0]?.message).toContain(`Argument "${argumentName}"`);
  }

  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    for (const role of ["reader", "curator", "admin"] as const) users[role] = await demoUser(app, role);
    // The seed's papers have no authors: one that has.
    await ingestRecords(app, [syntheticPaper(1)]);
    const r = await post(
      `{ paper(arxivId: "2601.10001") { authors { author { id } } } dailyPapers(date: "2025-08-08", first: 1) { edges { node { id } } } }`,
    );
    const data = r.data as { paper: { authors: { author: { id: string } }[] }; dailyPapers: { edges: { node: { id: string } }[] } };
    authorId = data.paper.authors[0]!.author.id;
    paperId = data.dailyPapers.edges[0]!.node.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe("ids", () => {
    // [what, document, variables for the bad id, role, argument, the type it takes]
    const QUERIES: [string, string, (id: string) => Record<string, unknown>, Role, string, string][] = [
      ["node", `query Q($id: ID!) { node(id: $id) { id } }`, (id) => ({ id }), "anonymous", "id", "Node"],
      ["nodes", `query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }`, (id) => ({ ids: [paperId, id] }), "anonymous", "ids", "Node"],
      ["paper", `query Q($id: ID) { paper(id: $id) { title } }`, (id) => ({ id }), "anonymous", "id", "Paper"],
      ["author", `query Q($id: ID!) { author(id: $id) { name } }`, (id) => ({ id }), "anonymous", "id", "Author"],
      ["ingestRun", `query Q($id: ID!) { ingestRun(id: $id) { status } }`, (id) => ({ id }), "curator", "id", "IngestRun"],
    ];
    for (const [what, query, vars, as, argument, type] of QUERIES) {
      for (const [kind, bad] of badIds(type)) {
        it(`${what}(${argument}): an id ${kind} is BAD_USER_INPUT`, async () => {
          expectBadInput(await post(query, vars(bad), as), argument);
        });
      }
    }

    const RESULT = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }`;
    // [mutation, document, variables for the bad id, role, the ValidationError's path, the type it takes]
    const MUTATIONS: [string, string, (id: string) => Record<string, unknown>, Role, string[], string][] = [
      ["upvotePaper", `mutation M($id: ID!) { upvotePaper(id: $id) { ${RESULT} } }`, (id) => ({ id }), "reader", ["id"], "Paper"],
      ["removeUpvote", `mutation M($id: ID!) { removeUpvote(id: $id) { ${RESULT} } }`, (id) => ({ id }), "reader", ["id"], "Paper"],
      [
        "addComment",
        `mutation M($id: ID!) { addComment(paperId: $id, body: "hi") { ${RESULT} } }`,
        (id) => ({ id }),
        "reader",
        ["paperId"],
        "Paper",
      ],
      [
        "addComment",
        `mutation M($p: ID!, $id: ID) { addComment(paperId: $p, body: "hi", parentId: $id) { ${RESULT} } }`,
        (id) => ({ p: paperId, id }),
        "reader",
        ["parentId"],
        "Comment",
      ],
      ["deleteComment", `mutation M($id: ID!) { deleteComment(id: $id) { ${RESULT} } }`, (id) => ({ id }), "reader", ["id"], "Comment"],
      [
        "deleteSavedSearch",
        `mutation M($id: ID!) { deleteSavedSearch(id: $id) { ${RESULT} } }`,
        (id) => ({ id }),
        "reader",
        ["id"],
        "SavedSearch",
      ],
      ["followAuthor", `mutation M($id: ID!) { followAuthor(id: $id) { ${RESULT} } }`, (id) => ({ id }), "reader", ["id"], "Author"],
      ["unfollowAuthor", `mutation M($id: ID!) { unfollowAuthor(id: $id) { ${RESULT} } }`, (id) => ({ id }), "reader", ["id"], "Author"],
      ["revokeApiToken", `mutation M($id: ID!) { revokeApiToken(id: $id) { ${RESULT} } }`, (id) => ({ id }), "reader", ["id"], "ApiToken"],
      [
        "tagPaper",
        `mutation M($id: ID!, $t: String!) { tagPaper(paperId: $id, topic: $t) { ${RESULT} } }`,
        (id) => ({ id, t: topicSlug }),
        "curator",
        ["paperId"],
        "Paper",
      ],
      [
        "untagPaper",
        `mutation M($id: ID!, $t: String!) { untagPaper(paperId: $id, topic: $t) { ${RESULT} } }`,
        (id) => ({ id, t: topicSlug }),
        "curator",
        ["paperId"],
        "Paper",
      ],
      [
        "setUserRole",
        `mutation M($id: ID!) { setUserRole(userId: $id, role: READER) { ${RESULT} } }`,
        (id) => ({ id }),
        "admin",
        ["userId"],
        "User",
      ],
      [
        "updateDigestSettings",
        `mutation M($ids: [ID!]) { updateDigestSettings(frequency: DAILY, savedSearches: $ids) { ${RESULT} } }`,
        (id) => ({ ids: [id] }),
        "reader",
        ["savedSearches", "0"],
        "SavedSearch",
      ],
    ];
    for (const [what, query, vars, as, path, type] of MUTATIONS) {
      for (const [kind, bad] of badIds(type)) {
        it(`${what}(${path.join(".")}): an id ${kind} is a ValidationError naming it`, async () => {
          const r = await post(query, vars(bad), as);
          expect(r.errors).toBeUndefined();
          expect(r.data?.[what]).toMatchObject({ __typename: "ValidationError", code: "BAD_USER_INPUT", issues: [{ path }] });
        });
      }
    }

    const SUBSCRIPTIONS: [string, string, string][] = [
      ["paperUpdated", `subscription S($id: ID!) { paperUpdated(id: $id) { title } }`, "id"],
      ["commentAdded", `subscription S($id: ID!) { commentAdded(paperId: $id) { body } }`, "paperId"],
    ];
    for (const [what, query, argument] of SUBSCRIPTIONS) {
      for (const [kind, bad] of badIds("Paper")) {
        it(`${what}(${argument}): an id ${kind} is BAD_USER_INPUT`, async () => {
          expectBadInput(await subscribeOnce(query, { id: bad }), argument);
        });
      }
    }

    it("node and nodes: a well-formed id of a missing object is null, and the others are still returned", async () => {
      for (const type of ["Paper", "Author", "Topic", "Comment", "User", "IngestRun"]) {
        const missing = encodeGlobalID(type, 2_000_000_000);
        const one = await post(`query Q($id: ID!) { node(id: $id) { id } }`, { id: missing }, "admin");
        expect(one).toEqual({ data: { node: null } });
      }
      const missing = encodeGlobalID("Paper", 2_000_000_000);
      const many = await post(`query Q($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { title } } }`, {
        ids: [missing, paperId, encodeGlobalID("Topic", 2_000_000_000), authorId],
      });
      expect(many.errors).toBeUndefined();
      const nodes = (many.data as { nodes: ({ id: string } | null)[] }).nodes;
      expect(nodes.map((n) => n?.id ?? null)).toEqual([null, paperId, null, authorId]);
    });
  });

  describe("cursors of Prisma connections", () => {
    // [field, document with $c as its cursor, role, the key type]
    const CONNECTIONS: [string, string, Role, keyof typeof BAD_PRISMA_CURSORS][] = [
      ["papers", `query Q($c: String) { papers(after: $c, first: 2) { edges { node { id } } } }`, "anonymous", "BigInt"],
      ["papers (before)", `query Q($c: String) { papers(before: $c, last: 2) { edges { node { id } } } }`, "anonymous", "BigInt"],
      [
        "topic.papers",
        `query Q($c: String) { topic(slug: "computer-vision") { papers(after: $c) { edges { node { id } } } } }`,
        "anonymous",
        "BigInt",
      ],
      ["me.feed", `query Q($c: String) { me { feed(after: $c) { edges { node { id } } } } }`, "reader", "BigInt"],
      ["ingestRuns", `query Q($c: String) { ingestRuns(after: $c) { edges { node { id } } } }`, "curator", "Int"],
      ["topics", `query Q($c: String) { topics(after: $c) { edges { node { slug } } } }`, "anonymous", "String"],
      ["me.followedTopics", `query Q($c: String) { me { followedTopics(after: $c) { edges { node { slug } } } } }`, "reader", "String"],
      ["me.followedAuthors", `query Q($c: String) { me { followedAuthors(after: $c) { edges { node { name } } } } }`, "reader", "Int"],
      ["me.apiTokens", `query Q($c: String) { me { apiTokens(after: $c) { edges { node { name } } } } }`, "reader", "Int"],
      ["me.savedSearches", `query Q($c: String) { me { savedSearches(after: $c) { edges { node { name } } } } }`, "reader", "Int"],
      [
        "paper.comments",
        `query Q($c: String) { papers(first: 1) { edges { node { comments(after: $c) { edges { node { body } } } } } } }`,
        "anonymous",
        "Int",
      ],
      [
        "comment.replies",
        "query Q($c: String) { papers(first: 1) { edges { node { " +
          "comments { edges { node { replies(after: $c) { edges { node { body } } } } } } } } } }",
        "anonymous",
        "Int",
      ],
      [
        "author.papers",
        "query Q($c: String) { papers(first: 1) { edges { node { " +
          "authors { author { papers(after: $c) { edges { node { position } } } } } } } } }",
        "anonymous",
        "Tuple",
      ],
    ];
    for (const [what, query, as, key] of CONNECTIONS) {
      const argument = what.endsWith("(before)") ? "before" : "after";
      for (const [kind, bad] of [...MALFORMED_CURSORS, ...BAD_PRISMA_CURSORS[key]]) {
        it(`${what}(${argument}): a cursor ${kind} is BAD_USER_INPUT`, async () => {
          expectBadInput(await post(query, { c: bad }, as), argument);
        });
      }
    }

    it("a real cursor still pages, and a tampered one is refused", async () => {
      const first = await post(`{ papers(first: 2) { edges { node { id } } pageInfo { endCursor } } }`);
      const page = (first.data as { papers: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }).papers;
      const next = await post(`query Q($c: String) { papers(after: $c, first: 2) { edges { node { id } } } }`, {
        c: page.pageInfo.endCursor,
      });
      expect(next.errors).toBeUndefined();
      const ids = (next.data as { papers: { edges: { node: { id: string } }[] } }).papers.edges.map((e) => e.node.id);
      expect(ids).toHaveLength(2);
      expect(ids).not.toContain(page.edges[1]!.node.id);
      const tampered = encodeBase64(`${decodeBase64(page.pageInfo.endCursor)}5x`);
      expectBadInput(await post(`query Q($c: String) { papers(after: $c) { edges { node { id } } } }`, { c: tampered }), "after");
    });

    it("paperIngested(after): a malformed or forged cursor is BAD_USER_INPUT", async () => {
      for (const [, bad] of [...MALFORMED_CURSORS, ...BAD_PRISMA_CURSORS.BigInt]) {
        expectBadInput(await subscribeOnce(`subscription S($c: String) { paperIngested(after: $c) { cursor } }`, { c: bad }), "after");
      }
    });
  });

  describe("cursors of ranked lists", () => {
    // [list, document with $c as its cursor and `pageInfo { endCursor }`]
    const LISTS: [string, string][] = [
      ["dailyPapers", `query Q($c: String) { dailyPapers(date: "2025-08-08", first: 2, after: $c) { pageInfo { endCursor } } }`],
      [
        "dailyPapers (newest)",
        `query Q($c: String) { dailyPapers(date: "2025-08-08", sort: NEWEST, first: 2, after: $c) { pageInfo { endCursor } } }`,
      ],
      ["trending", `query Q($c: String) { trending(asOf: "2025-08-09T00:00:00Z", first: 2, after: $c) { pageInfo { endCursor } } }`],
      ["search", `query Q($c: String) { search(query: "learning", first: 2, after: $c) { pageInfo { endCursor } } }`],
      [
        "topic.trending",
        'query Q($c: String) { topic(slug: "computer-vision") { ' +
          'trending(asOf: "2025-08-09T00:00:00Z", first: 2, after: $c) { pageInfo { endCursor } } } }',
      ],
      [
        "paper.related",
        `query Q($c: String) { papers(first: 1) { edges { node { related(first: 2, after: $c) { pageInfo { endCursor } } } } } }`,
      ],
    ];
    const endCursor = (r: Reply): string | undefined => /"endCursor":"([^"]+)"/.exec(JSON.stringify(r))?.[1];

    for (const [what, query] of LISTS) {
      it(`${what}(after): malformed, forged and other lists' cursors are BAD_USER_INPUT`, async () => {
        const real = endCursor(await post(query));
        expect(real, "the list has a second page").toBeDefined();
        expect((await post(query, { c: real })).errors).toBeUndefined();
        const otherList = endCursor(await post(LISTS.find(([w]) => w !== what && !w.startsWith(what.split(" ")[0]!))![1]))!;
        for (const [, bad] of [...MALFORMED_CURSORS, ...forgedKeyset(real!), ["of another list", otherList] as [string, string]]) {
          expectBadInput(await post(query, { c: bad }), "after");
        }
      });
    }
  });
});
