// A ts_headline result (matches between MARK_START and MARK_STOP) as plain text, the ranges of the
// matches in it, and safe HTML with <mark> around them.
import { MARK_START, MARK_STOP } from "./search.ts";

export interface Highlight {
  text: string;
  /** Offsets in UTF-16 code units of `text`, as JavaScript string indices. */
  ranges: { start: number; length: number }[];
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function parseHeadline(marked: string): Highlight {
  let text = "";
  let html = "";
  const ranges: Highlight["ranges"] = [];
  let start = -1;
  for (const part of marked.split(new RegExp(`([${MARK_START}${MARK_STOP}])`))) {
    if (part === MARK_START) {
      start = text.length;
      html += "<mark>";
    } else if (part === MARK_STOP) {
      if (start >= 0) ranges.push({ start, length: text.length - start });
      start = -1;
      html += "</mark>";
    } else {
      text += part;
      html += escapeHtml(part);
    }
  }
  return { text, ranges, html };
}
