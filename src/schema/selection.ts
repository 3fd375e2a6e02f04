// Helpers for plugin-prisma's `query` argument (the Prisma selection a GraphQL selection asks for).

/**
 * The query with the id selected too. A selection can leave the id out (a client asking only for
 * `__typename`, or for an edge's reason and not its node), which makes the select empty (refused by
 * Prisma) or the row impossible to match (by id) to what the resolver found for it.
 */
export function withId<Q extends object>(query: Q): Q {
  return "select" in query ? { ...query, select: { ...(query.select as object), id: true } } : query;
}
