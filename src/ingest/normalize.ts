// Text cleaning and identity keys shared by every source. Deterministic and pure.
import { createHash } from "node:crypto";

import { decodeHTMLStrict } from "entities";

import { stripXmlForbidden, type Tally } from "./characters.ts";

/**
 * Remove the characters XML forbids (counted in `tally`), collapse line wraps and runs of
 * whitespace, trim. Other Unicode is kept as is.
 */
export function cleanText(s: string, tally?: Tally): string {
  return stripXmlForbidden(s, tally).replace(/\s+/gu, " ").trim();
}

/**
 * Prose from any source: HTML/XML entities decoded (sources that escape twice leave "&amp;" in
 * JSON), then whitespace collapsed. Strict decoding: only entities with their ";", so "AT&T" and
 * "&copy2020" stay as written.
 */
export function cleanProse(s: string, tally?: Tally): string {
  // Decoded first: "&#1;" is as forbidden as the character itself.
  return cleanText(s.includes("&") ? decodeHTMLStrict(s) : s, tally);
}

// TeX accent commands as they appear in arXiv author lists: \'a, \"{o}, {\`e}, \c{c}, \v s ...
const TEX_ACCENTS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
};
const TEX_LETTERS: Record<string, string> = {
  ss: "ß",
  o: "ø",
  O: "Ø",
  l: "ł",
  L: "Ł",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  i: "ı",
  j: "ȷ",
};

/** Turn TeX accents and special letters into Unicode: Bal\'azs -> Balázs, G\"{o}del -> Gödel. */
export function texToUnicode(s: string): string {
  if (!s.includes("\\")) return s;
  let out = s
    // \'{a}, {\'a}, \'a, \c{c}, \v{s}; a letter-named accent needs braces or a space before its letter.
    .replace(/\{?\\(['`^"~=.])\s*\{?\\?([A-Za-z])\}?\}?/g, (_m, acc: string, ch: string) => (ch + TEX_ACCENTS[acc]).normalize("NFC"))
    .replace(/\{?\\([uvHckr])(?:\{\\?([A-Za-z])\}|\s+([A-Za-z]))\}?/g, (_m, acc: string, a?: string, b?: string) =>
      ((a ?? b ?? "") + TEX_ACCENTS[acc]).normalize("NFC"),
    )
    .replace(/\{?\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s?\}?/g, (_m, name: string) => TEX_LETTERS[name] ?? name);
  // Leftover grouping braces around plain text: {Smith} -> Smith.
  out = out.replace(/\{([^{}\\]*)\}/g, "$1");
  return out;
}

/** Fold case, accents, TeX, punctuation and whitespace: the key two spellings of one thing share. */
export function foldKey(s: string): string {
  return texToUnicode(s)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\$|\\[a-z]+/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export const titleKey = foldKey;

/** Author identity: folded name; "Smith, John" and "John Smith" are the same person. */
export function authorKey(name: string): string {
  const clean = texToUnicode(name);
  const comma = clean.indexOf(",");
  const ordered = comma > 0 && !clean.slice(comma + 1).includes(",") ? `${clean.slice(comma + 1)} ${clean.slice(0, comma)}` : clean;
  return foldKey(ordered);
}

export function sha256(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
