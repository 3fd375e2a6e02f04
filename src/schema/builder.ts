// The Pothos schema builder: plugins, scalars, auth scopes. Every type file under src/schema/
// adds its types, queries, mutations and subscriptions to this builder; index.ts imports them.
import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin, { InputValidationError } from "@pothos/plugin-validation";
import { DateResolver, DateTimeResolver } from "graphql-scalars";

import type { Context } from "../context.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";
import type PrismaTypes from "../generated/pothos-prisma-types.ts";
import { getDatamodel } from "../generated/pothos-prisma-types.ts";
import { MAX_PAGE_SIZE } from "../plugins/input-limits.ts";
import InputLimitsPlugin from "./input-limits.ts";
import LoadedColumnsPlugin from "./loaded-columns.ts";
import SyncNodeIdsPlugin from "./sync-node-ids.ts";

export const DEFAULT_PAGE_SIZE = 20;

const ROOT_TYPES = new Set(["Query", "Mutation", "Subscription"]);

/** `signUp` on Mutation is "SignUp"; a field of an object type keeps its type's name ("PaperRelated"). */
function typePrefix(parentTypeName: string, fieldName: string): string {
  const field = fieldName[0]!.toUpperCase() + fieldName.slice(1);
  return ROOT_TYPES.has(parentTypeName) ? field : parentTypeName + field;
}

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    /** A calendar day, YYYY-MM-DD. */
    Date: { Input: Date; Output: Date | string };
    DateTime: { Input: Date; Output: Date };
  };
  AuthScopes: {
    signedIn: boolean;
    curator: boolean;
    admin: boolean;
  };
}>({
  // InputLimitsPlugin before ValidationPlugin: a field's bounds are reported before its own rules run.
  plugins: [
    ScopeAuthPlugin,
    ErrorsPlugin,
    // Before plugin-prisma: a plugin listed earlier wraps the resolvers of those after it, and this
    // one answers the columns a row already holds without plugin-prisma's per-row lookup.
    LoadedColumnsPlugin,
    PrismaPlugin,
    RelayPlugin,
    DataloaderPlugin,
    InputLimitsPlugin,
    ValidationPlugin,
    SyncNodeIdsPlugin,
  ],
  defaultFieldNullability: false,
  scopeAuth: {
    // A denial is a typed error: Unauthenticated for anonymous callers, Forbidden otherwise.
    unauthorizedError: (_parent, ctx, _info, result) => (ctx.viewer ? new ForbiddenError(result.message) : new UnauthenticatedError()),
    authScopes: (ctx) => ({
      signedIn: ctx.viewer !== null,
      curator: ctx.viewer?.role === "CURATOR" || ctx.viewer?.role === "ADMIN",
      admin: ctx.viewer?.role === "ADMIN",
    }),
  },
  prisma: {
    // Per request: tests run several apps, each on its own database, in one process.
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: null,
  },
  // The types and arguments plugin-relay generates, described once for every connection.
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false, description: "The items of this page, in the list's order." },
    nodeFieldOptions: { nullable: false, description: "The item." },
    cursorFieldOptions: { description: "Where this item is in the list: pass it as `after` to get the items that follow it." },
    pageInfoFieldOptions: { description: "Whether there are more items, and the cursors to get them." },
    nodeTypeOptions: { description: "An object with a global id: `node(id)` fetches it again." },
    idFieldOptions: { description: "The global id: opaque, stable, accepted by `node(id)` and by arguments naming this object." },
    pageInfoTypeOptions: { description: "Where a page is in its list." },
    hasNextPageFieldOptions: { description: "True when items follow this page: ask again with `after: endCursor`." },
    hasPreviousPageFieldOptions: { description: "True when items come before this page (for example, it was asked for with `after`)." },
    startCursorFieldOptions: { description: "The cursor of the page's first item; null when the page is empty." },
    endCursorFieldOptions: { description: "The cursor of the page's last item, to pass as `after` for the next page; null when empty." },
    defaultConnectionTypeOptions: { description: "One page of a list: its items (edges) and where it is in the list (pageInfo)." },
    defaultEdgeTypeOptions: { description: "One item of a page, with its cursor." },
    firstArgOptions: {
      description: `How many items, from the start or after \`after\` (default ${DEFAULT_PAGE_SIZE} unless the field says otherwise).`,
    },
    afterArgOptions: { description: "Start after this cursor (an edge's cursor or pageInfo.endCursor)." },
    lastArgOptions: { description: "How many items, from the end or before `before`." },
    beforeArgOptions: { description: "End before this cursor (an edge's cursor or pageInfo.startCursor)." },
    // `node` and `nodes` are ours (node.ts): ids decoded by ids.ts, a missing object is null.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  errors: {
    // Every field with `errors` takes arguments that can fail their validation.
    defaultTypes: [InputValidationError],
    // Result types named as a client says them: `signUp` returns the union SignUpResult; a wrapped
    // result is a Payload, like the ones written by hand (AuthPayload): UpdateDigestSettingsPayload.
    defaultUnionOptions: {
      name: ({ parentTypeName, fieldName }) => `${typePrefix(parentTypeName, fieldName)}Result`,
      description: "What the field returns: its result, or one of the expected failures listed (each an Error).",
    },
    defaultResultOptions: {
      name: ({ parentTypeName, fieldName }) => `${typePrefix(parentTypeName, fieldName)}Payload`,
      description: "The field's result when it succeeded; `data` holds it.",
    },
    // Validation failures of arguments become ValidationError results on fields that list it.
    unsafelyHandleInputErrors: true,
  },
});

builder.addScalarType("Date", DateResolver);
builder.addScalarType("DateTime", DateTimeResolver);

builder.queryType({
  description: "What can be read: papers, listings, search, topics, authors, users, your own settings and, for curators, ingestion runs.",
});
builder.mutationType({
  description:
    "What can be changed. Expected failures (invalid input, not signed in, not allowed, not found, rate limited) " +
    "are typed results, not GraphQL errors: select `... on Error { message code }`.",
});
builder.subscriptionType({ description: "Live events, over WebSocket (graphql-ws) or Server-Sent Events." });
