// Every cursor given as an argument is decoded here, so that a malformed, forged or out-of-range
// one (a tampered `papers` cursor, an id of 1e12 or 1.5, a day 2025-99-99, a cursor of another
// list) is BAD_USER_INPUT naming the argument, and never reaches the database, where it came back
// as INTERNAL_SERVER_ERROR. Two kinds:
//  - Prisma cursors (plugin-prisma's own format, written and read with its formatPrismaCursor and
//    parsePrismaCursor): the Relay connections that plugin-prisma pages (by one key column) and the
//    ingest cursor of Paper.cursor and paperIngested(after), which is a `papers` cursor. The plugin
//    decodes its own and hands the value to Prisma unchecked, so cursor-arguments.ts checks them with
//    decodePrismaCursor first.
//  - Keyset cursors (base64url JSON): ranked lists (listings, trending, search, related), carrying
//    the sort-key values of the last row and a fingerprint of the arguments that define the order,
//    so a cursor handed to a different list is refused instead of silently returning a wrong page.
import { createHash } from "node:crypto";

import { formatPrismaCursor, parsePrismaCursor } from "@pothos/plugin-prisma";

import type { KeyType, SortKey } from "../discovery/keyset.ts";
import { badInput } from "./ids.ts";

const INT4_MAX = 2 ** 31 - 1;
const INT8_MAX = 2n ** 63n - 1n;
/** Text keys are titles or slugs: far shorter than this. */
const MAX_TEXT = 10_000;
/** NUL and lone surrogates: PostgreSQL text cannot hold them. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const isText = (v: unknown): v is string => typeof v === "string" && v.length <= MAX_TEXT && !UNSTORABLE.test(v);
/** Integer keys are ids, positions and counts: never negative. */
const isInt4 = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= INT4_MAX;
/** A real calendar day: 2025-02-30 and 2025-99-99 are not. */
const isDay = (v: unknown) => {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
};

function notACursor(argumentName: string, message = "is not a cursor of this list"): never {
  throw badInput(argumentName, message);
}

// ---- Prisma cursors ----

/** The Prisma type of a connection's cursor column(s) (its `cursor` option). */
export type PrismaKey = "Int" | "BigInt" | "String" | readonly ("Int" | "BigInt" | "String")[];

function prismaValue(value: unknown, type: "Int" | "BigInt" | "String"): boolean {
  if (type === "String") return isText(value);
  if (type === "Int") return isInt4(value);
  const n = typeof value === "bigint" ? value : typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : undefined;
  return n !== undefined && n >= 0n && n <= INT8_MAX;
}

/** The decoded value of a Prisma cursor whose column(s) have the types `key`. */
export function decodePrismaCursor(cursor: string, key: PrismaKey, argumentName: string, message?: string): unknown {
  let value: unknown;
  try {
    value = parsePrismaCursor(cursor);
  } catch {
    notACursor(argumentName, message);
  }
  const ok =
    typeof key === "string"
      ? prismaValue(value, key)
      : Array.isArray(value) && value.length === key.length && key.every((k, i) => prismaValue(value[i], k));
  if (!ok) notACursor(argumentName, message);
  return value;
}

/** A paper's position in commit order (ingest_seq), as a `papers` cursor, so either can resume the other. */
export function ingestCursor(seq: bigint): string {
  return formatPrismaCursor({ ingestSeq: seq }, "ingestSeq");
}

export function parseIngestCursor(cursor: string, argumentName: string): bigint {
  const message = "is not a valid paper cursor: pass a cursor from a papers connection or an earlier delivery.";
  return BigInt(decodePrismaCursor(cursor, "BigInt", argumentName, message) as bigint | number);
}

// ---- Keyset cursors ----

export function fingerprint(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 12);
}

export function encodeCursor(fp: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([fp, ...values])).toString("base64url");
}

const keyValue: Record<KeyType, (v: unknown) => boolean> = {
  text: isText,
  int4: isInt4,
  date: isDay,
  float8: (v) => typeof v === "number" && Number.isFinite(v),
};

/** The key values in `cursor`, checked against the list's fingerprint and key types. */
export function decodeCursor(cursor: string, fp: string, keys: SortKey[], argumentName: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    notACursor(argumentName);
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 1) notACursor(argumentName);
  if (parsed[0] !== fp)
    throw badInput(argumentName, "belongs to a list with other arguments (sort, period, query or filter): start again without it");
  const values = parsed.slice(1);
  if (!keys.every((k, i) => keyValue[k.type](values[i]))) notACursor(argumentName);
  return values;
}
