// DataLoaders that live as long as one request: batched loads whose key a resolver chooses.
import DataLoader from "dataloader";

import type { Context } from "../context.ts";
import type { Author, Topic } from "../generated/prisma/client.ts";
import { withId } from "./selection.ts";

const loaders = new WeakMap<Context, Map<string, DataLoader<number, unknown>>>();

/** One DataLoader per request and key (rowsById: a model and a selection), where the plugin's per-field loaders do not fit. */
export function requestLoader<V>(ctx: Context, key: string, batch: (ids: readonly number[]) => Promise<V[]>): DataLoader<number, V> {
  let byKey = loaders.get(ctx);
  if (!byKey) loaders.set(ctx, (byKey = new Map()));
  let loader = byKey.get(key);
  if (!loader) byKey.set(key, (loader = new DataLoader<number, unknown>(batch)));
  return loader as DataLoader<number, V>;
}

interface Rows {
  topic: Topic;
  author: Author;
}

type FindById = { where: { id: { in: number[] } } };

/** Each model's findMany, shaped by a field's query: Prisma's delegates share no callable type. */
const finders: { [M in keyof Rows]: (ctx: Context, args: FindById) => Promise<Rows[M][]> } = {
  topic: (ctx, args) => ctx.prisma.topic.findMany(args),
  author: (ctx, args) => ctx.prisma.author.findMany(args),
};

/**
 * Rows by id, shaped by a field's Prisma query (plugin-prisma's `query` argument): for objects that
 * a side query found (a feed's reasons, related papers' shared topics), which would otherwise lack
 * what the selection needs (a count answered null: an internal error). One statement per request,
 * model and selection, however many parents ask; ids of rows that are gone are left out.
 */
export async function rowsById<M extends keyof Rows>(ctx: Context, model: M, query: object, ids: number[]): Promise<Rows[M][]> {
  // The rows are matched to their ids below.
  const shaped = withId(query);
  const loader = requestLoader<Rows[M] | undefined>(ctx, `${model}:${JSON.stringify(shaped)}`, async (keys) => {
    const rows = await finders[model](ctx, { ...shaped, where: { id: { in: [...keys] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return keys.map((id) => byId.get(id));
  });
  const rows = await loader.loadMany(ids);
  return rows.filter((r): r is Rows[M] => r !== undefined && !(r instanceof Error));
}
