// The `after`/`before` cursors of plugin-prisma's connections, checked before execution. The plugin
// decodes them itself, while planning the query of the field's parent (a relatedConnection's rows
// are loaded with its parent), and hands the value to Prisma unchecked: a tampered cursor reached
// the database and failed the parent field with INTERNAL_SERVER_ERROR. Here every such argument in
// the operation, literal or variable, goes through cursors.ts with its connection's key type first.
import {
  type DocumentNode,
  type FieldNode,
  getArgumentValues,
  type GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";

import { perDocument } from "../plugins/per-document.ts";
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

interface CursorField {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  key: PrismaKey;
}

/** The Prisma connection fields of a document that are given a cursor (most documents: none). */
function cursorFields(schema: GraphQLSchema, document: DocumentNode): CursorField[] {
  const typeInfo = new TypeInfo(schema);
  const found: CursorField[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const key = parent && field ? PRISMA_CONNECTIONS[`${parent.name}.${field.name}`] : undefined;
        if (key && field && node.arguments?.some((a) => CURSOR_ARGS.includes(a.name.value))) found.push({ field, node, key });
      },
    }),
  );
  return found;
}

const CURSOR_ARGS = ["after", "before"];

function firstBadCursor(fields: CursorField[], variables: Record<string, unknown>): GraphQLError | undefined {
  for (const { field, node, key } of fields) {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      continue; // a variable of the wrong type: execution reports it
    }
    for (const name of CURSOR_ARGS) {
      const cursor = args[name];
      if (typeof cursor !== "string") continue;
      try {
        decodePrismaCursor(cursor, key, name);
      } catch (e) {
        return e as GraphQLError;
      }
    }
  }
  return undefined;
}

export function useCursorArguments(schema: GraphQLSchema): Plugin {
  checkCoverage(schema);
  const plan = perDocument((document) => cursorFields(schema, document));
  const check = (args: { document: unknown; variableValues?: unknown }) => {
    const fields = plan(args.document as DocumentNode);
    return fields.length === 0 ? undefined : firstBadCursor(fields, (args.variableValues ?? {}) as Record<string, unknown>);
  };
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
