// Keyset ("seek") pagination over a computed ordering: a cursor carries the sort-key values of the
// last row, and the next page is the rows strictly after it in the same order. Unlike OFFSET, a
// deep page costs the same as the first, and rows inserted meanwhile do not shift the pages.
//
// The cursor also carries a fingerprint of the arguments that define the ordering (sort, period,
// query, trending instant), so a cursor handed to a different list is refused instead of silently
// returning a wrong page.
import { createHash } from "node:crypto";
import { Prisma } from "../generated/prisma/client.ts";
import { isoDay } from "./periods.ts";

export type KeyType = "float8" | "text" | "int4" | "date";

export interface SortKey {
  /** A column alias of the ranked subquery (trusted: written in code, never from input). */
  column: string;
  type: KeyType;
  desc: boolean;
}

export class CursorError extends Error {}

export function fingerprint(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 12);
}

export function encodeCursor(fp: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([fp, ...values])).toString("base64url");
}

/** The key values in `cursor`, checked against the list's fingerprint and key types. */
export function decodeCursor(cursor: string, fp: string, keys: SortKey[]): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new CursorError("is not a cursor of this list");
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 1) throw new CursorError("is not a cursor of this list");
  if (parsed[0] !== fp) throw new CursorError("belongs to a list with other arguments (sort, period, query or filter): start again without it");
  const values = parsed.slice(1);
  keys.forEach((k, i) => {
    const v = values[i];
    const ok =
      k.type === "text" ? typeof v === "string" : k.type === "date" ? typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) : typeof v === "number" && Number.isFinite(v);
    if (!ok) throw new CursorError("is not a cursor of this list");
  });
  return values;
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
