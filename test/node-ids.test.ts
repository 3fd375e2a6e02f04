// The `id` of every Node: the global id node(id) takes back. It is resolved without a promise when
// the type's own id is a column (src/schema/sync-node-ids.ts): a page of 50 papers otherwise
// completed each paper asynchronously, a measurable share of the daily feed's CPU.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { type GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { schema } from "../src/schema/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";

async function post(app: TestApp, query: string, variables?: Record<string, unknown>) {
  const res = await app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe("Node ids", () => {
  it.each(["Paper", "Topic", "Author", "Comment"])("a %s row's id is its global id at once, not a promise", (type) => {
    const field = (schema.getType(type) as GraphQLObjectType).getFields().id!;
    const info = {
      parentType: schema.getType(type),
      fieldName: "id",
      path: { prev: undefined, key: "id" },
    } as unknown as GraphQLResolveInfo;
    const id = field.resolve!({ id: 7 }, {}, {}, info);
    expect(id).toBe(encodeGlobalID(type, "7"));
  });
});

describe.each(ENGINES)("ids of listed papers on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("are the ids node(id) returns the same papers for", async () => {
    const list = await post(app, `{ dailyPapers(date: "2025-08-08", first: 10) { edges { node { id title } } } }`);
    const papers = (list.data!.dailyPapers as { edges: { node: { id: string; title: string } }[] }).edges.map((e) => e.node);
    expect(papers).toHaveLength(10);
    const again = await post(app, `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { title } } }`, {
      ids: papers.map((p) => p.id),
    });
    expect(again.errors).toBeUndefined();
    expect(again.data!.nodes).toEqual(papers);
  });
});
