// plugin-relay resolves every Node's `id` with an async function, so each node in a list costs a
// promise, and graphql-js then completes every such object asynchronously (a promise per object,
// one more per list): a page of 50 papers spent about a tenth of its CPU there (bench/README.md,
// "Where the executed read path spends its time"). This plugin resolves `id` synchronously whenever the type's own id resolver is
// synchronous (every prismaNode's is: it reads a column), encoding the global id as plugin-relay does.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { GraphQLFieldResolver } from "graphql";

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      syncNodeIds: SyncNodeIdsPlugin<Types>;
    }
  }
}

type IdResolver = (parent: unknown, args: object, context: object, info: unknown) => unknown;

export class SyncNodeIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    field: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (field.name !== "id" || field.kind !== "Object" || this.builder.options.relay?.encodeGlobalID) return resolver;
    const type = this.buildCache.getTypeConfig(field.parentType);
    const rawId = (type.pothosOptions as { id?: { resolve?: IdResolver } }).id?.resolve;
    if (!rawId) return resolver;
    const typeName = type.name;
    return (parent, args, context, info) => {
      const id = rawId(parent, args, context, info);
      // A promise (or a missing id) takes the plugin's own path.
      if (id == null || typeof (id as { then?: unknown }).then === "function") return resolver(parent, args, context, info);
      return encodeGlobalID(typeName, String(id));
    };
  }
}

SchemaBuilder.registerPlugin("syncNodeIds", SyncNodeIdsPlugin);

export default "syncNodeIds" as const;
