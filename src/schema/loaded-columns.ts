// plugin-prisma gives every exposed column of a type declared with `select` (Paper, Notification)
// a selection of its own, `{ title: true }`, and so wraps its resolver with the per-row lookup of
// the plan that loaded the row (getLoaderMapping over the response path): on a page of 50 papers
// that is hundreds of lookups for values already on the row. A column has nothing below it to plan,
// so when the row holds it (it was selected: Prisma leaves out what it did not select), this plugin
// answers with it directly; a row that lacks it still takes plugin-prisma's path, which loads it.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}

/** The column an exposed Prisma field reads, when its selection is that column alone. */
function exposedColumn(field: PothosOutputFieldConfig<SchemaTypes>): string | undefined {
  const ext = field.extensions as { pothosPrismaVariant?: unknown; pothosPrismaSelect?: unknown; pothosPrismaRelationField?: unknown };
  const column = ext?.pothosPrismaVariant;
  const select = ext?.pothosPrismaSelect;
  if (typeof column !== "string" || ext.pothosPrismaRelationField || !select || typeof select !== "object") return undefined;
  const keys = Object.keys(select);
  return keys.length === 1 && keys[0] === column && (select as Record<string, unknown>)[column] === true ? column : undefined;
}

export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    field: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (field.kind !== "PrismaObject") return resolver;
    const column = exposedColumn(field as PothosOutputFieldConfig<SchemaTypes>);
    if (column === undefined) return resolver;
    return (parent, args, context, info) => {
      const value = (parent as Record<string, unknown>)[column];
      return value === undefined ? resolver(parent, args, context, info) : value;
    };
  }
}

SchemaBuilder.registerPlugin("loadedColumns", LoadedColumnsPlugin);

export default "loadedColumns" as const;
