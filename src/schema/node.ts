// `node(id)` and `nodes(ids)`, the Relay way to refetch any object by its global id. Written here
// rather than taken from plugin-relay so that ids go through the one decoder (ids.ts): a forged or
// malformed id is BAD_USER_INPUT naming the argument, and a well-formed id of an object that does
// not exist (or no longer does) is null, the others of `nodes` still returned. Each Node type's
// prismaNode is `nullable: true`, so that its loader answers null instead of throwing.
import { resolveNodes } from "@pothos/plugin-relay";
import { assertInterfaceType, type GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import { builder } from "./builder.ts";
import { type DecodedId, decodeId } from "./ids.ts";

function decodeNodeId(value: string, info: GraphQLResolveInfo, argumentName: string): DecodedId {
  const nodeTypes = info.schema.getImplementations(assertInterfaceType(info.schema.getType("Node"))).objects.map((t) => t.name);
  return decodeId(value, (t) => nodeTypes.includes(t), `Node (${nodeTypes.join(", ")})`, argumentName);
}

function load(ctx: Context, info: GraphQLResolveInfo, ids: DecodedId[]) {
  return resolveNodes(builder, ctx, info, ids);
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: "Any object by its global id; null when there is no such object.",
    args: { id: t.arg.id({ required: true, description: "A global id, of any Node type." }) },
    resolve: async (_root, args, ctx, info) => (await load(ctx, info, [decodeNodeId(String(args.id), info, "id")]))[0],
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: "Objects by global id, in the order asked; null for each that does not exist.",
    args: { ids: t.arg.idList({ required: true, description: "Global ids, of any Node types." }) },

    resolve: (_root, args, ctx, info) =>
      load(
        ctx,
        info,
        args.ids.map((id) => decodeNodeId(String(id), info, "ids")),
      ),
  }),
}));
