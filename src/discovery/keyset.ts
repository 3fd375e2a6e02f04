// Keyset ("seek") pagination over a computed ordering: a cursor carries the sort-key values of the
// last row, and the next page is the rows strictly after it in the same order. Unlike OFFSET, a
// deep page costs the same as the first, and rows inserted meanwhile do not shift the pages.
//
// The cursors themselves (the key values of the last row, and a fingerprint of the arguments that
// define the ordering) are encoded and decoded with every other cursor in src/schema/cursors.ts.
import { Prisma } from "../generated/prisma/client.ts";
import { isoDay } from "./periods.ts";

export type KeyType = "float8" | "text" | "int4" | "date";

export interface SortKey {
  /** A column alias of the ranked subquery (trusted: written in code, never from input). */
  column: string;
  type: KeyType;
  desc: boolean;
}

function typed(value: unknown, type: KeyType): Prisma.Sql {
  return Prisma.sql`${value}::${Prisma.raw(type)}`;
}

function col(k: SortKey): Prisma.Sql {
  // text keys sort byte-wise on every engine and server locale, as JavaScript compares strings.
  return Prisma.raw(k.type === "text" ? `${k.column} COLLATE "C"` : k.column);
}

/** Rows strictly after `values` in the order of `keys` (mixed directions allowed). */
export function afterCondition(keys: SortKey[], values: unknown[]): Prisma.Sql {
  const alternatives = keys.map((k, i) => {
    const equalBefore = keys.slice(0, i).map((e, j) => Prisma.sql`${col(e)} = ${typed(values[j], e.type)}`);
    const beyond = Prisma.sql`${col(k)} ${Prisma.raw(k.desc ? "<" : ">")} ${typed(values[i], k.type)}`;
    return Prisma.sql`(${Prisma.join([...equalBefore, beyond], " AND ")})`;
  });
  return Prisma.sql`(${Prisma.join(alternatives, " OR ")})`;
}

export function orderBy(keys: SortKey[]): Prisma.Sql {
  return Prisma.join(
    keys.map((k) => Prisma.sql`${col(k)} ${Prisma.raw(k.desc ? "DESC" : "ASC")}`),
    ", ",
  );
}

/** The cursor values of a row (dates as YYYY-MM-DD). */
export function keyValues(row: Record<string, unknown>, keys: SortKey[]): unknown[] {
  return keys.map((k) => {
    const v = row[k.column];
    if (k.type === "date") return v instanceof Date ? isoDay(v) : String(v);
    return v;
  });
}
