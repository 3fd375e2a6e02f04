// The `after`/`before` cursors of plugin-prisma's connections, checked before execution. The plugin
// decodes them itself, while planning the query of the field's parent (a relatedConnection's rows
// are loaded with its parent), and hands the value to Prisma unchecked: a tampered cursor reached
// the database and failed the parent field with INTERNAL_SERVER_ERROR. Here every such argument in
// the operation, literal or variable, goes through cursors.ts with its connection's key type first.
import {
  BREAK,
  type DocumentNode,
  getArgumentValues,
  type GraphQLError,
  type GraphQLSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";

import { decodePrismaCursor, type PrismaKey } from "./cursors.ts";

/** Each Prisma connection and the Prisma type of its `cursor` column(s). */
const PRISMA_CONNECTIONS: Record<string, PrismaKey> = {
  "Query.papers": "BigInt",
  "Topic.papers": "BigInt",
  "User.feed": "BigInt",
  "Query.ingestRuns": "Int",
  "Query.topics": "String",
  "User.followedTopics": "String",
  "User.followedAuthors": "Int",
  "User.apiTokens": "Int",
  "User.savedSearches": "Int",
  "Paper.comments": "Int",
  "Comment.replies": "Int",
  "Author.papers": ["Int", "Int"],
  "User.collections": "Int",
  "User.followedCollections": "Int",
  "Collection.papers": ["Int", "Int"],
  "Paper.viewerCollections": ["Int", "Int"],
  "User.notifications": "Int",
  "Query.authorClaims": "Int",
  "User.authorClaims": "Int",
  "Paper.linkEdits": "Int",
  "User.claimedAuthors": "Int",
  "User.submittedPapers": "Int",
  "User.comments": "Int",
  "User.upvotedPapers": "Int",
};

/** Fields whose own resolver decodes their cursor argument with cursors.ts (keyset and ingest cursors). */
const RESOLVER_DECODED = new Set([
  "Query.dailyPapers",
  "Query.trending",
  "Query.search",
  "Topic.trending",
  "Paper.related",
  "User.recommended",
  "Collection.recommended",
  "Author.coauthors",
  "Author.topics",
  "Author.names",
  "Organization.papers",
  "Subscription.paperIngested",
]);

/** Every field of `schema` with a cursor argument must be in one of the two lists above. */
function checkCoverage(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!("getFields" in type) || type.name.startsWith("__") || !("getInterfaces" in type)) continue;
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      const hasCursor = "args" in field && field.args.some((a) => a.name === "after" || a.name === "before");
      if (hasCursor && !(name in PRISMA_CONNECTIONS) && !RESOLVER_DECODED.has(name)) {
        throw new Error(`${name} takes a cursor that nothing decodes: add it to src/schema/cursor-arguments.ts`);
      }
    }
  }
}

function firstBadCursor(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): GraphQLError | undefined {
  const typeInfo = new TypeInfo(schema);
  let bad: GraphQLError | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const key = parent && field ? PRISMA_CONNECTIONS[`${parent.name}.${field.name}`] : undefined;
        if (!key || !field) return undefined;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(field, node, variables);
        } catch {
          return undefined; // a variable of the wrong type: execution reports it
        }
        for (const name of ["after", "before"]) {
          const cursor = args[name];
          if (typeof cursor !== "string") continue;
          try {
            decodePrismaCursor(cursor, key, name);
          } catch (e) {
            bad = e as GraphQLError;
            return BREAK;
          }
        }
        return undefined;
      },
    }),
  );
  return bad;
}

export function useCursorArguments(schema: GraphQLSchema): Plugin {
  checkCoverage(schema);
  const check = (args: { document: unknown; variableValues?: unknown }) =>
    firstBadCursor(schema, args.document as DocumentNode, (args.variableValues ?? {}) as Record<string, unknown>);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const bad = check(args);
      if (bad) setResultAndStopExecution({ errors: [bad] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const bad = check(args);
      if (bad) setResultAndStopExecution({ errors: [bad] });
    },
  };
}
