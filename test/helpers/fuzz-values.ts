// fast-check arbitraries for the schema-wide fuzz test: values for any input type of the schema.
// Hostile ones are boundary values (empty, NUL, lone surrogates, 100,000 characters, -1, 2^31,
// 2^53, 1.5, ids of the wrong type, of missing objects, forged ids and cursors, impossible dates,
// 101-item and deeply nested lists); plausible ones are valid here (existing ids, real cursors,
// topic slugs). A case mostly gives one argument (or one field of an input object) a hostile value
// and the others plausible ones, so that the bad value is not hidden behind another's refusal.
import { encodeGlobalID } from "@pothos/plugin-relay";
import fc from "fast-check";
import {
  getNullableType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";

/** What the fuzz test found in the database before it started: the pools of plausible values. */
export interface Pools {
  /** Global ids of existing objects, by type name. */
  ids: Record<string, string[]>;
  /** Real cursors, by the name of the field that returned them ("papers", "related", ...). */
  cursors: Record<string, string[]>;
  slugs: string[];
  handles: string[];
  emails: string[];
  passwords: string[];
  arxivIds: string[];
}

const LONG = 100_000;
const b64 = (s: string) => Buffer.from(s).toString("base64");
const b64url = (s: string) => Buffer.from(s).toString("base64url");

/** Strings that break careless code: empty, NUL, lone surrogates, controls, quoting, huge. */
const BOUNDARY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "a\uD83Db",
  "\u0001\u001F\u007F",
  "\uFFFE\uFFFF",
  "\u202E\uFEFF",
  "😀",
  "e\u0301",
  "\\",
  "'",
  '"',
  "%",
  "_",
  "' OR '1'='1",
  '1); DROP TABLE "Paper"; --',
  "<b>&amp;</b>]]>",
  "-1",
  "0",
  "2147483648",
  "9007199254740993",
  "1.5",
  "NaN",
  "null",
  "[]",
  ":*",
  "a & b | !c",
  "((",
  '"unterminated',
  "-",
  "OR",
  "\t\r\n",
  "x".repeat(LONG),
  "é".repeat(LONG),
  "😀".repeat(LONG / 2),
  "a ".repeat(LONG / 2),
  "\u0000".repeat(1000),
];

const INTS = [1, 0, -1, 2, 20, 99, 100, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1.5, -0.5, 1e21];

const DATES = [
  "2025-08-08",
  "2025-03-18",
  "2026-04-30",
  "1970-01-01",
  "0001-01-01",
  "9999-12-31",
  "2024-02-29",
  "2025-02-29",
  "2025-04-31",
  "2025-99-99",
  "2025-13-01",
  "2025-00-10",
  "0000-00-00",
  "-002025-01-01",
  "+275760-09-13",
  "20250808",
  "2025-8-8",
  "2025-08-08T00:00:00Z",
  "today",
];

const DATE_TIMES = [
  "2025-08-08T12:00:00Z",
  "2025-08-08T12:00:00.123Z",
  "2025-08-08T12:00:00+14:00",
  "1970-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2025-02-30T00:00:00Z",
  "2025-13-45T25:61:61Z",
  "2025-08-08T24:00:00Z",
  "+275760-09-13T00:00:00Z",
  "-271821-04-20T00:00:00Z",
  "2025-08-08",
  "2025-08-08T12:00:00",
  "1754654400000",
];

/** Values of the wrong JSON type, for any input. */
const WRONG_TYPES: unknown[] = [null, true, 1, "1", [], {}, [[["x"]]], { a: { b: {} } }];

/** A list nested `depth` levels around `leaf`. */
function nestedList(leaf: unknown, depth: number): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function nestedObject(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = { nested: v };
  return v;
}

/** Ids that are well-formed base64 but name nothing, or a wrong type, or a number out of range. */
function forgedIds(typename: string): string[] {
  const parts = ["1", "99999999999", "2147483647", "2147483648", "9007199254740993", "0", "-1", "1.5", "1e3", "abc", "", " 1", "0x10"];
  parts.push("1:2", "\u0000");
  return parts.map((p) => b64(`${typename}:${p}`));
}

const MALFORMED_IDS = ["", "not base64!", b64("Paper"), b64(":1"), "=", "\u0000", "\uD800", "1", "UGFwZXI6MQ", "x".repeat(LONG)];

/** A cursor with its values replaced: a forged position, of any kind the connections use. */
function tamperedCursors(cursor: string): string[] {
  const out: string[] = [];
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const chunk = /^(\w+):([A-Z]):/.exec(text);
  if (chunk) {
    // Pothos: "GPC:N:12" (a number), "GPC:S:slug", "GPC:I:12" (a bigint), ...
    const tails = ["N:1000000000000", "N:1.5", "N:-1", "N:1e999", "I:99999999999999999999999", "S:", "S:\u0000", "D:abc", "Z:", "T:[]"];
    tails.push("nonsense");
    for (const tail of tails) {
      out.push(b64(`${chunk[1]}:${tail}`));
    }
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed)) {
      // Keyset cursors: [fingerprint, ...sort keys]; the fingerprint kept, the keys forged.
      for (const forged of [1e12, 1.5, -1, "2025-99-99", "\u0000", "x".repeat(1000), null, true, [1], 1e308]) {
        out.push(b64url(JSON.stringify([parsed[0], ...parsed.slice(1).map(() => forged)])));
      }
      out.push(b64url(JSON.stringify(parsed.slice(0, 1))), b64url(JSON.stringify([...parsed, 1])));
    }
  } catch {
    // not JSON: the Pothos kind above
  }
  out.push(cursor.slice(0, -2), `${cursor}x`, cursor.toLowerCase());
  return out;
}

const GENERIC_CURSORS = [
  "",
  "abc",
  "!!!",
  "\u0000",
  b64("GPC:N:1000000000000"),
  b64("GPC:N:1.5"),
  b64("GPC:N:-1"),
  b64("GPC:S:x"),
  b64("GPC:I:1"),
  b64("GPC:"),
  b64url(JSON.stringify(["x", 1e12, 1])),
  b64url(JSON.stringify(["x", "2025-99-99", 1])),
  b64url("[]"),
  b64url("{}"),
  b64url("null"),
  "x".repeat(LONG),
];

/**
 * The values of a String input, by its name: `valid` ones a careful client sends, and `odd` ones
 * that are well-formed enough to get past the first checks (a month 13, an unknown slug).
 */
function stringsFor(name: string, pools: Pools): { valid: string[]; odd: string[] } {
  const n = name.toLowerCase();
  if (n === "slug" || n === "topic" || n === "topics") return { valid: pools.slugs, odd: ["no-such-topic", "Machine-Learning"] };
  if (n === "handle" || n === "submitter") return { valid: pools.handles, odd: ["nobody", "READER"] };
  if (n === "emailorhandle") return { valid: [...pools.handles, ...pools.emails], odd: ["nobody@example.org", "READER"] };
  if (n === "email") return { valid: ["fuzz@example.org"], odd: [...pools.emails, "not-an-email", "a@b", "@example.org"] };
  if (n.includes("password")) return { valid: [...pools.passwords, "correct horse battery staple 2"], odd: ["short"] };
  if (n === "arxivid") {
    return {
      valid: [...pools.arxivIds, "2508.99999", "2508.01234v2", "hep-th/9901001"],
      odd: ["9999.99999v999999999999", "2508.0123", "arXiv:2508.01234", "2508.01234v0"],
    };
  }
  if (n === "query") {
    const valid = ["transformer", "diffusion model", '"vision language"', "learning OR vision", "-learning"];
    return { valid, odd: ["the", "a:*", "!!", "&", "(x", "'"] };
  }
  if (n === "month") return { valid: ["2025-08", "2025-03"], odd: ["2025-13", "2025-00", "0000-01", "99999-01", "2025-8"] };
  if (n === "week") return { valid: ["2025-W32", "2026-W53"], odd: ["2025-W53", "2025-W00", "2025-W99", "2025-w32", "2025-32"] };
  if (n === "categories" || n === "category") return { valid: ["cs.LG", "cs.CV", "stat.ML", "hep-th"], odd: ["cs.XX", "cs", "CS.LG"] };
  if (["code", "project", "pdf", "abstract", "codeurl", "projecturl"].includes(n)) {
    const odd = ["javascript:alert(1)", "ftp://x", "http://[::1", "//evil.example"];
    return { valid: ["https://github.com/fuzz/repo", "https://arxiv.org/abs/2508.01234"], odd };
  }
  if (n === "source") return { valid: ["graphql", "cli:", "poller:", "seed:"], odd: ["%", "_"] };
  if (n === "document") return documents();
  return { valid: ["fuzz", "Fuzz title", "learning"], odd: [] };
}

/** Ingestible documents of each format, and hostile ones. */
function documents(): { valid: string[]; odd: string[] } {
  const entry =
    "<entry><id>http://arxiv.org/abs/2508.77777v1</id><title>Fuzz</title><summary>S</summary><author><name>A</name></author></entry>";
  const valid = [
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entry}</feed>`,
    JSON.stringify([{ title: "Fuzz JSON paper", abstract: "x", authors: ["A"], date: "2025-08-08", id: "2508.77778" }]),
    `{"title":"Fuzz JSONL paper","abstract":"x","authors":["A"]}\n{"title":"Another one","abstract":"y","authors":["B"]}\n`,
    "Daily Papers\nAug 8, 2025\nA title\nAn abstract.",
  ];
  const odd = [
    `{"title":"Fuzz JSONL paper","abstract":"x","authors":["A"]}\n{"title":"\\u0000"}\n`,
    // Entity expansion: 10^4 copies of a 10-character entity.
    `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">${["b", "c", "d", "e"]
      .map((e, i) => `<!ENTITY ${e} "${`&${"abcd"[i]};`.repeat(10)}">`)
      .join("")}]><feed>&e;</feed>`,
    `<feed>${"<a>".repeat(2000)}${"</a>".repeat(2000)}</feed>`,
    "{".repeat(5000),
    "[".repeat(5000),
    "<feed><entry>",
  ];
  return { valid, odd };
}

/**
 * The type an id argument most likely expects, among the types of the pools' ids: named by the
 * argument (paperId), else by the field (upvotePaper).
 */
function expectedType(name: string, fieldName: string, pools: Pools): string | undefined {
  const byLength = Object.keys(pools.ids).sort((a, b) => b.length - a.length);
  return [name, fieldName].map((n) => byLength.find((t) => n.toLowerCase().includes(t.toLowerCase()))).find(Boolean);
}

/**
 * Any code point, lone surrogates included. Built here: fast-check's own "binary" unit spends
 * seconds on its first use, which would block the server under test (same process).
 */
const anyCodeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const searchSyntaxUnit = fc.constantFrom("a", " ", "-", '"', ":", "*", "|", "&", "!", "\u0000", "é", "(", ")");

/** Limits lists are tested around: the page size, the ingest batch and a record's authors. */
const LIST_LENGTHS = [100, 101, 1000, 1001, 5001];

interface Input {
  name: string;
  type: GraphQLInputType;
}

/** What the values of one field's cases are drawn from. */
interface Scope {
  /** The field the arguments are for: it hints at what an id names (upvotePaper's is a Paper's). */
  fieldName: string;
  pools: Pools;
}

const isCursor = (name: string) => name === "after" || name === "before";

/** A value a careful client would send: an existing id, a real cursor of this list, a page of 5. */
function plausibleScalar(typeName: string, name: string, scope: Scope): fc.Arbitrary<unknown> {
  const { pools } = scope;
  switch (typeName) {
    case "Int":
      return fc.constantFrom(1, 5, 20);
    case "Float":
      return fc.constant(0.5);
    case "Boolean":
      return fc.boolean();
    case "ID": {
      const expected = expectedType(name, scope.fieldName, pools);
      const right = expected ? pools.ids[expected] : undefined;
      return fc.constantFrom(...(right ?? Object.values(pools.ids).flat()));
    }
    case "Date":
      return fc.constantFrom("2025-08-08", "2025-03-18");
    case "DateTime":
      return fc.constantFrom("2025-08-08T12:00:00Z", "2026-04-30T00:00:00Z");
    default: {
      // A cursor of a connection of the same name (Query.papers' for Topic.papers too), else none.
      if (isCursor(name)) return fc.constantFrom(undefined, ...(pools.cursors[scope.fieldName] ?? []));
      return fc.constantFrom(...stringsFor(name, pools).valid);
    }
  }
}

/** A value an attacker (or a buggy client) would send, mixed with plausible ones. */
function hostileScalar(typeName: string, name: string, scope: Scope): fc.Arbitrary<unknown> {
  const plausible = plausibleScalar(typeName, name, scope);
  const strings = fc.constantFrom(...BOUNDARY_STRINGS);
  switch (typeName) {
    case "Int":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...INTS) }, { weight: 1, arbitrary: fc.integer() });
    case "Float":
      return fc.oneof(fc.constantFrom(0.5, ...INTS, 1e308, -1e308, Number.MIN_VALUE), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "Boolean":
      return fc.boolean();
    case "ID": {
      const everyId = Object.values(scope.pools.ids).flat();
      return fc.oneof(
        { weight: 3, arbitrary: plausible },
        // Ids of existing objects of another type.
        { weight: 2, arbitrary: fc.constantFrom(...everyId) },
        { weight: 3, arbitrary: fc.constantFrom(...Object.keys(scope.pools.ids).flatMap(forgedIds), encodeGlobalID("Nope", 1)) },
        { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_IDS, ...BOUNDARY_STRINGS) },
      );
    }
    case "Date":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...DATES) }, { weight: 1, arbitrary: strings });
    case "DateTime":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...DATE_TIMES) }, { weight: 1, arbitrary: strings });
    default: {
      const everyCursor = Object.values(scope.pools.cursors).flat();
      // Cursors of other lists, forged ones and garbage.
      const cursors = isCursor(name) ? [...everyCursor, ...new Set(everyCursor.flatMap(tamperedCursors)), ...GENERIC_CURSORS] : [];
      const { odd } = stringsFor(name, scope.pools);
      return fc.oneof(
        { weight: 3, arbitrary: plausible },
        ...(odd.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...odd) }] : []),
        ...(cursors.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...cursors) }] : []),
        { weight: 3, arbitrary: strings },
        { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 30 }) },
        { weight: 1, arbitrary: fc.string({ unit: searchSyntaxUnit, maxLength: 30 }) },
      );
    }
  }
}

/**
 * A plausible value of any input type; `undefined` leaves an optional input out (its default).
 * Lists are short, input objects get plausible fields.
 */
function plausibleValues(input: Input, scope: Scope): fc.Arbitrary<unknown> {
  const type = getNullableType(input.type);
  let values: fc.Arbitrary<unknown>;
  if (isListType(type)) {
    values = fc.array(plausibleValues({ name: input.name, type: type.ofType as GraphQLInputType }, scope), { maxLength: 3 });
  } else if (isInputObjectType(type)) values = objectOf(Object.values(type.getFields()), -1, scope);
  else if (isEnumType(type)) values = fc.constantFrom(...type.getValues().map((v) => v.name));
  else if (isScalarType(type)) values = plausibleScalar(type.name, input.name, scope);
  else values = fc.constant(null);
  if (isNonNullType(input.type)) return values;
  return fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: values });
}

/** An input object whose field number `hostile` gets a hostile value and every other a plausible one. */
function objectOf(fields: GraphQLInputField[], hostile: number, scope: Scope): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((f, i) => [f.name, i === hostile ? hostileValues(f, scope) : plausibleValues(f, scope)])));
}

/**
 * Hostile values of any input type. An input object gets, in turn, one field hostile and the others
 * plausible (so that the bad value is not hidden behind another field's refusal), every field
 * hostile, an unknown field, or deep nesting; a list gets 100, 101, 1,000, 1,001 or 5,001 items,
 * or lists nested 20 and 200 deep.
 */
function hostileValues(input: Input, scope: Scope): fc.Arbitrary<unknown> {
  const required = isNonNullType(input.type);
  const type = getNullableType(input.type);
  let values: fc.Arbitrary<unknown>;
  if (isListType(type)) {
    const element = hostileValues({ name: input.name, type: type.ofType as GraphQLInputType }, scope);
    values = fc.oneof(
      { weight: 6, arbitrary: fc.array(element, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant([]) },
      // A single value where a list is expected (GraphQL coerces it to a list of one).
      { weight: 1, arbitrary: element },
      // Copies of one element: long lists without the cost of generating each item.
      { weight: 3, arbitrary: fc.tuple(element, fc.constantFrom(...LIST_LENGTHS)).map(([e, n]) => Array.from({ length: n }, () => e)) },
      { weight: 1, arbitrary: fc.tuple(element, fc.constantFrom(20, 200)).map(([e, depth]) => nestedList(e, depth)) },
    );
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const allHostile = fc.record(Object.fromEntries(fields.map((f) => [f.name, hostileValues(f, scope)])));
    values = fc.oneof(
      ...fields.map((_, i) => ({ weight: 2, arbitrary: objectOf(fields, i, scope) })),
      { weight: fields.length, arbitrary: allHostile },
      { weight: 1, arbitrary: allHostile.map((r) => ({ ...r, unknownField: 1 })) },
      { weight: 1, arbitrary: fc.constantFrom(20, 200).map(nestedObject) },
    );
  } else if (isEnumType(type)) {
    const names = type.getValues().map((v) => v.name);
    const unknown = fc.constantFrom("NOPE", names[0]!.toLowerCase(), "", "\u0000");
    values = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: unknown });
  } else if (isScalarType(type)) {
    values = hostileScalar(type.name, input.name, scope);
  } else {
    values = fc.constant(null);
  }
  // Left out: the default for an optional input, a coercion error for a required one. What a
  // shrunk case falls back to comes first: left out for an optional input, a value for a required one.
  const leftOut = { weight: required ? 1 : 4, arbitrary: fc.constant(undefined) };
  const given = { weight: 20, arbitrary: values };
  const nullOrWrong = [
    { weight: required ? 1 : 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  ];
  return fc.oneof({ withCrossShrink: true }, ...(required ? [given, leftOut] : [leftOut, given]), ...nullOrWrong);
}

/**
 * The arguments of a field's cases (undefined: left out): all plausible; one argument hostile and
 * the others plausible, for each argument in turn; or all hostile. fast-check shrinks towards the
 * first choice, the plausible one, so a shrunk failure keeps only what causes it.
 */
export function argumentValues(args: readonly GraphQLArgument[], fieldName: string, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const scope: Scope = { fieldName, pools };
  const argumentsOf = (hostile: (i: number) => boolean) =>
    fc.record(Object.fromEntries(args.map((a, i) => [a.name, hostile(i) ? hostileValues(a, scope) : plausibleValues(a, scope)])));
  if (args.length === 0) return fc.constant({});
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 1, arbitrary: argumentsOf(() => false) },
    ...args.map((_, i) => ({ weight: 6, arbitrary: argumentsOf((j) => j === i) })),
    ...(args.length > 1 ? [{ weight: 2 * args.length, arbitrary: argumentsOf(() => true) }] : []),
  );
}

/** A rough size of a value as JSON, counting shared (copied) elements as often as they occur. */
export function approximateSize(value: unknown, limit: number): number {
  let size = 0;
  const walk = (v: unknown) => {
    if (size > limit) return;
    if (typeof v === "string") size += v.length + 2;
    else if (Array.isArray(v)) for (const e of v) walk(e);
    else if (v && typeof v === "object")
      for (const [k, e] of Object.entries(v)) {
        size += k.length + 3;
        walk(e);
      }
    else size += 5;
  };
  walk(value);
  return size;
}
