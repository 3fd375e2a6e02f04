// No response ever carries a password hash or a token hash: no field of the schema exposes such a
// column (checked over the whole introspected schema), and real responses that select every
// field reachable from `me` and from the token mutations contain none of the stored hashes.
import { encodeGlobalID } from "@pothos/plugin-relay";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashToken } from "../src/auth/tokens.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { HIGH_LIMITS, newUser, TEST_PASSWORD } from "./helpers/users.ts";

const SECRET_COLUMN = /hash|salt|password(?!s?Rules)/i;

/**
 * A selection of every field reachable within `depth` levels, skipping fields with required
 * arguments; with `only`, of that one field of `type`.
 */
function selectAll(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, only?: string): string {
  if (isLeafType(type)) return "";
  const parts = ["__typename"];
  if (isAbstractType(type)) {
    for (const t of schema.getPossibleTypes(type)) {
      const inner = selectAll(schema, t, depth);
      if (inner) parts.push(`... on ${t.name} { ${inner} }`);
    }
    return parts.join(" ");
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return "";
  for (const field of Object.values(type.getFields())) {
    if (only !== undefined && field.name !== only) continue;
    if (field.args.some((a) => a.type.toString().endsWith("!") && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} { ${selectAll(schema, named, depth - 1)} }`);
  }
  return parts.join(" ");
}

async function post(app: TestApp, query: string, token?: string, variables?: Record<string, unknown>): Promise<string> {
  const res = await app.yoga.fetch("http://paperboy.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

const AddComment = graphql(`
  mutation SecretsComment($paperId: ID!, $body: String!) {
    addComment(paperId: $paperId, body: $body) {
      __typename
    }
  }
`);

describe("no response contains a password hash or a token hash", () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
    const introspection = JSON.parse(await post(app, getIntrospectionQuery())) as { data: IntrospectionQuery };
    schema = buildClientSchema(introspection.data);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("has no field that exposes a hash, salt or password column", () => {
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      // Mutation fields are actions (changePassword), not data.
      if (type.name.startsWith("__") || type === schema.getMutationType() || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (SECRET_COLUMN.test(field.name)) offenders.push(`${type.name}.${field.name}`);
      }
    }
    expect(offenders).toEqual([]);
    // The only fields that carry a secret are the ones that hand out a new one.
    const secretCarriers = ["AuthPayload", "CreateApiTokenPayload"].map((t) =>
      Object.keys((schema.getType(t) as never as { getFields(): object }).getFields()),
    );
    expect(secretCarriers).toEqual([
      ["expiresAt", "token", "user"],
      ["apiToken", "token"],
    ]);
  });

  it("returns none of the stored hashes from every field reachable from me and from the token mutations", async () => {
    const u = await newUser(app, "secretive");
    const paper = await app.db.prisma.paper.findFirstOrThrow({ select: { id: true } });
    await app.run(AddComment, { paperId: encodeGlobalID("Paper", paper.id), body: "hello" }, { token: u.token });

    const mutation = schema.getMutationType()!.getFields();
    const created = await post(
      app,
      `mutation { createApiToken(name: "probe") { ${selectAll(schema, getNamedType(mutation.createApiToken!.type), 3)} } }`,
      u.token,
    );
    const secret = (JSON.parse(created) as { data: { createApiToken: { token: string } } }).data.createApiToken.token;
    // The user's fields three levels down outgrow the cost limit (its author pages): then two levels down.
    const logInFields = (depth: number) => selectAll(schema, getNamedType(mutation.logIn!.type), depth);
    const logIn = (depth: number) =>
      post(app, `mutation($p: String!) { logIn(emailOrHandle: "secretive", password: $p) { ${logInFields(depth)} } }`, undefined, {
        p: TEST_PASSWORD,
      });
    const firstLogIn = await logIn(3);
    const loggedIn = firstLogIn.includes("QUERY_TOO_COSTLY") ? await logIn(2) : firstLogIn;
    // One request per field of User: all of them in one request outgrow the cost limit as the schema grows.
    // A field whose every path three levels down outgrows the cost limit (an author's page) is read two levels down.
    const meParts = await Promise.all(
      Object.keys((schema.getType("User") as GraphQLObjectType).getFields()).map(async (name) => {
        const body = await post(app, `{ me { ${selectAll(schema, schema.getType("User")!, 3, name)} } }`, u.token);
        return body.includes("QUERY_TOO_COSTLY")
          ? post(app, `{ me { ${selectAll(schema, schema.getType("User")!, 2, name)} } }`, u.token)
          : body;
      }),
    );
    const me = meParts.join("\n");
    const tokens = await post(
      app,
      `{ me { apiTokens(kind: SESSION, includeInactive: true) { ${selectAll(schema, schema.getType("ApiTokenConnection")!, 3)} } } }`,
      u.token,
    );
    const revoked = await post(app, `mutation { logOut { ${selectAll(schema, getNamedType(mutation.logOut!.type), 3)} } }`, u.token);

    for (const body of [created, loggedIn, ...meParts, tokens, revoked]) expect(JSON.parse(body).errors).toBeUndefined();
    expect(me).toContain('"handle":"secretive"');
    expect(me).toContain('"apiTokens"');

    const users = await app.db.prisma.user.findMany({ select: { passwordHash: true } });
    const storedTokens = await app.db.prisma.apiToken.findMany({ select: { tokenHash: true } });
    const hashes = [...users.map((x) => x.passwordHash), ...storedTokens.map((t) => t.tokenHash)];
    expect(storedTokens.map((t) => t.tokenHash)).toContain(hashToken(secret));
    for (const body of [created, loggedIn, me, tokens, revoked]) {
      for (const h of hashes) expect(body).not.toContain(h);
      for (const h of users.map((x) => x.passwordHash.split("$").at(-1)!)) expect(body).not.toContain(h);
      expect(body).not.toContain(TEST_PASSWORD);
    }
    // The API token's secret appears once, in the response that created it, never in a listing.
    expect(created).toContain(secret);
    for (const body of [me, tokens, revoked]) expect(body).not.toContain(secret);
  });

  it("shows another user's profile without their email, hashes or private lists, field by field", async () => {
    const target = await newUser(app, "profiletarget");
    const visitor = await newUser(app, "profilevisitor");
    const paper = await app.db.prisma.paper.findFirstOrThrow({ select: { id: true } });
    await app.run(AddComment, { paperId: encodeGlobalID("Paper", paper.id), body: "public words" }, { token: target.token });
    const stored = await app.db.prisma.user.findFirstOrThrow({ where: { handle: "profiletarget" }, select: { passwordHash: true } });
    const tokens = await app.db.prisma.apiToken.findMany({ where: { user: { handle: "profiletarget" } }, select: { tokenHash: true } });
    const fields = Object.keys((schema.getType("User") as GraphQLObjectType).getFields());
    const bodies = await Promise.all(
      [undefined, visitor.token].flatMap((token) =>
        fields.map(async (name) => {
          const query = (depth: number) =>
            `{ user(handle: "profiletarget") { ${selectAll(schema, schema.getType("User")!, depth, name)} } }`;
          const body = await post(app, query(3), token);
          return body.includes("QUERY_TOO_COSTLY") ? post(app, query(2), token) : body;
        }),
      ),
    );
    const refused = new Set<string>();
    for (const [i, body] of bodies.entries()) {
      const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
      // A private field is refused, never answered.
      for (const e of parsed.errors ?? []) expect(["FORBIDDEN", "UNAUTHENTICATED"]).toContain(e.extensions?.code);
      if (parsed.errors) refused.add(fields[i % fields.length]!);
      expect(body).not.toContain("profiletarget@example.org");
      expect(body).not.toContain(stored.passwordHash);
      for (const t of tokens) expect(body).not.toContain(t.tokenHash);
      expect(body).not.toContain(target.token);
    }
    // The public profile is answered; what only the user may see is refused.
    expect(bodies.join("\n")).toContain("public words");
    for (const name of ["email", "apiTokens", "savedSearches", "feed", "authorClaims", "digestSettings"]) {
      if (fields.includes(name)) expect(refused.has(name), name).toBe(true);
    }
    for (const name of ["handle", "name", "claimedAuthors", "submittedPapers", "comments", "upvotedPapers"])
      expect(refused.has(name), name).toBe(false);
  });
});
