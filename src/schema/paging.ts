// Forward-only cursor connections over ranked SQL (listings, trending, search, related): the
// ranking query returns the page's ids and sort keys; the papers themselves are then loaded in
// one Prisma query shaped by the GraphQL selection, so authors, topics etc. stay batched.
import { queryFromInfo } from "@pothos/plugin-prisma";
import type { GraphQLResolveInfo } from "graphql";

import type { Context } from "../context.ts";
import { keyValues, type SortKey } from "../discovery/keyset.ts";
import type { Paper } from "../generated/prisma/client.ts";
import { decodeCursor, encodeCursor } from "./cursors.ts";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  size: number;
  after?: unknown[];
}

/** The page size and decoded cursor, or an error naming the bad argument. */
export function readPage(args: PageArgs, defaultSize: number, fp: string, keys: SortKey[]): Page {
  const size = args.first ?? defaultSize;
  if (args.after == null) return { size };
  return { size, after: decodeCursor(args.after, fp, keys, "after") };
}

export type EdgeShape<Extra> = { cursor: string; node: Paper } & Extra;

export interface ConnectionShape<Extra> {
  edges: EdgeShape<Extra>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Turn ranked rows (page size + 1 of them) into a connection: cursors from the sort keys, nodes
 * loaded in one query for the selection under `edges.node`.
 */
export async function toConnection<Row extends { id: number }, Extra>(
  ctx: Context,
  info: GraphQLResolveInfo,
  rows: Row[],
  page: Page,
  fp: string,
  keys: SortKey[],
  extra: (row: Row) => Extra,
): Promise<ConnectionShape<Extra>> {
  const papers = await loadPapers(
    ctx,
    info,
    rows.slice(0, page.size).map((r) => r.id),
    ["edges", "node"],
  );
  return connectionOf(rows, page, fp, keys, papers, extra);
}

/** The connection of ranked rows (page size + 1 of them) whose papers are already loaded. */
export function connectionOf<Row extends { id: number }, Extra>(
  rows: Row[],
  page: Page,
  fp: string,
  keys: SortKey[],
  papers: Map<number, Paper>,
  extra: (row: Row) => Extra,
): ConnectionShape<Extra> {
  // Cursors are encoded when read: most pages ask for none, or only for pageInfo's endCursor.
  const edges = rows.slice(0, page.size).flatMap((row) => {
    const node = papers.get(row.id);
    // A paper deleted between the ranking and the load is left out rather than failing the page.
    return node
      ? [
          {
            ...extra(row),
            get cursor() {
              return encodeCursor(fp, keyValues(row as Record<string, unknown>, keys));
            },
            node,
          },
        ]
      : [];
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.size,
      hasPreviousPage: page.after !== undefined,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/** Papers by id with what the selection at `path` needs, in one query (plus one per relation). */
export async function loadPapers(ctx: Context, info: GraphQLResolveInfo, ids: number[], path: string[]): Promise<Map<number, Paper>> {
  if (ids.length === 0) return new Map();
  const query = queryFromInfo({ context: ctx, info, typeName: "Paper", path });
  const papers = (await ctx.prisma.paper.findMany({ ...(query as object), where: { id: { in: ids } } })) as Paper[];
  return new Map(papers.map((p) => [p.id, p]));
}
