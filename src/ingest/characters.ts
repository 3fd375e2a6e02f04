// Characters a paper's text cannot carry, and what ingestion does about them. Pure.
//
// Two kinds, two rules:
// - NUL (U+0000) and lone surrogates cannot be stored at all: PostgreSQL text and jsonb refuse NUL,
//   and a lone surrogate has no UTF-8 encoding. Silently dropping them could change what a record
//   says, so a record carrying one is rejected, naming the field.
// - The other characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF)
//   are harmless in the database but make every Atom feed that shows them malformed XML, for
//   every reader. They carry no meaning in a title or an abstract: they are removed, and counted.

/** Counts the characters removed while cleaning a record. */
export interface Tally {
  removed: number;
}

const XML_FORBIDDEN = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** `s` without the characters XML 1.0 forbids (NUL and lone surrogates aside: see unstorable). */
export function stripXmlForbidden(s: string, tally?: Tally): string {
  const out = s.replace(XML_FORBIDDEN, "");
  if (tally) tally.removed += s.length - out.length;
  return out;
}

/** What makes `s` unstorable ("a NUL character (U+0000) at character 12"), or undefined. */
export function unstorableIn(s: string): string | undefined {
  const m = UNSTORABLE.exec(s);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const what = code === 0 ? "a NUL character (U+0000)" : `a lone surrogate (U+${code.toString(16).toUpperCase()})`;
  return `${what} at character ${m.index + 1}`;
}

/**
 * The first unstorable character in any string of a record (nested objects and arrays included),
 * as "<field> contains ...", with the field's path: "title", "authors[2].name".
 */
export function findUnstorable(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") {
    const problem = unstorableIn(value);
    return problem && `${path || "text"} contains ${problem}`;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const problem = findUnstorable(v, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const problem = findUnstorable(v, path ? `${path}.${k}` : k);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A message that quotes input, made storable: NUL and lone surrogates become U+FFFD. */
export function storableMessage(s: string): string {
  return s.replace(UNSTORABLE_ALL, "\uFFFD");
}
