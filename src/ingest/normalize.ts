// Text cleaning shared by every source (identity keys are in src/text.ts). Deterministic and pure.
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

export function sha256(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
