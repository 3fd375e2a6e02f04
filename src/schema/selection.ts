// Helpers for plugin-prisma's `query` argument (the Prisma selection a GraphQL selection asks for),
// and for resolvers that read the GraphQL selection themselves.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";

/**
 * The query with the id selected too. A selection can leave the id out (a client asking only for
 * `__typename`, or for an edge's reason and not its node), which makes the select empty (refused by
 * Prisma) or the row impossible to match (by id) to what the resolver found for it.
 */
export function withId<Q extends object>(query: Q): Q {
  return "select" in query ? { ...query, select: { ...(query.select as object), id: true } } : query;
}

/**
 * The names of the fields selected on `path` below the current field (e.g. ["edges"]: what each
 * edge is asked for), through fragments and whatever their @skip/@include say (a field that may be
 * asked counts as asked). For resolvers whose SQL computes costly columns only when asked.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: string[]): Set<string> {
  let level: readonly SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path) {
    level = fieldsOf(info, level).flatMap((f) => (f.name.value === name && f.selectionSet ? [f.selectionSet] : []));
  }
  return new Set(fieldsOf(info, level).map((f) => f.name.value));
}

function fieldsOf(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        const fragment = info.fragments[s.name.value];
        if (fragment) visit(fragment.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return out;
}
