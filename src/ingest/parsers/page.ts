// The Daily Papers page as text: a header ("Daily Papers", "Subscribe", a date such as "Aug 8"),
// then for each paper a title line, a blank line, and its abstract paragraph.
import { type Line, overlongLine } from "../lines.ts";
import type { ParsedItem } from "../record.ts";

const HEADER_LINES = new Set([
  "new",
  "get trending papers in your email inbox!",
  "subscribe",
  "daily papers",
  "byak and the research community",
  "by ak and the research community",
]);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DATE_LINE = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/;
/** Longer than this, a "title" is really an abstract whose title is missing. */
const MAX_TITLE = 400;
/** A paragraph is held whole until its blank line: beyond this (an abstract has at most 50,000), it is skipped. */
const MAX_PARAGRAPH_CHARS = 1024 * 1024;

/** "Aug 8" -> { month: 8, day: 8 }; with a year, the full date. */
export function parseDateLine(line: string): { month: number; day: number; year?: number } | undefined {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const day = Number(m[2]);
  if (month === 0 || day < 1 || day > 31) return undefined;
  return { month, day, year: m[3] ? Number(m[3]) : undefined };
}

export function looksLikePage(head: string): boolean {
  const lines = head
    .split(/\r?\n/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  return lines.slice(0, 12).some((l) => l === "daily papers");
}

export interface PageOptions {
  /** Name used in error locations ("page.txt:12"). */
  source: string;
  /** The listing date when the page's date line has no year (YYYY-MM-DD); its year completes "Aug 8". */
  date?: string;
}

export interface PageResult {
  /** The date the page says it lists, as YYYY-MM-DD, once known. */
  listedOn?: string;
}

/**
 * Parse a page line by line (constant memory). `result.listedOn` is filled when the date line is
 * read, before the first paper is yielded, so callers can use it for every record.
 */
export async function* parsePage(lines: AsyncIterable<Line>, opts: PageOptions, result: PageResult = {}): AsyncGenerator<ParsedItem> {
  let inHeader = true;
  let paragraph: string[] = [];
  let paragraphStart = 0;
  let paragraphChars = 0;
  let overlong = false;
  let title: { text: string; line: number } | undefined;

  const flush = function* (): Generator<ParsedItem> {
    if (overlong) {
      // Its title, if one is waiting, goes with it.
      const at = title?.line ?? paragraphStart;
      title = undefined;
      paragraph = [];
      paragraphChars = 0;
      overlong = false;
      const error = `a paragraph of more than ${MAX_PARAGRAPH_CHARS.toLocaleString("en")} characters (line ${paragraphStart}): skipped`;
      yield { location: `${opts.source}:${at}`, error };
      return;
    }
    if (paragraph.length === 0) return;
    const text = paragraph.join(" ");
    const startedAt = paragraphStart;
    paragraph = [];
    paragraphChars = 0;
    const chrome = HEADER_LINES.has(text.trim().toLowerCase());
    // The page's own furniture ("Subscribe", ...) can also close the page, after the last paper.
    if (chrome && (inHeader || !title)) return;
    if (inHeader) {
      const d = parseDateLine(text);
      if (d) {
        const year = d.year ?? (opts.date ? Number(opts.date.slice(0, 4)) : new Date().getUTCFullYear());
        result.listedOn = `${year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
        return;
      }
      inHeader = false;
    }
    if (!title) {
      if (text.length > MAX_TITLE) {
        yield {
          location: `${opts.source}:${startedAt}`,
          error: `expected a title line, found a ${text.length}-character paragraph (is the title missing?)`,
        };
        return;
      }
      title = { text, line: startedAt };
      return;
    }
    const t = title;
    title = undefined;
    yield {
      location: `${opts.source}:${t.line}`,
      record: { title: t.text, abstract: text, authors: [], categories: [], listedOn: result.listedOn ?? opts.date },
    };
  };

  for await (const { lineNo, text, bytes } of lines) {
    if (text === undefined) {
      yield* flush();
      yield { location: `${opts.source}:${lineNo}`, error: overlongLine(bytes) };
      continue;
    }
    const line = text.trim();
    if (line === "") {
      yield* flush();
      continue;
    }
    if (paragraph.length === 0 && !overlong) paragraphStart = lineNo;
    paragraphChars += line.length + 1;
    if (paragraphChars > MAX_PARAGRAPH_CHARS) {
      overlong = true;
      paragraph = [];
    }
    if (!overlong) paragraph.push(line);
  }
  yield* flush();
  if (title) yield { location: `${opts.source}:${title.line}`, error: `title "${title.text.slice(0, 80)}" has no abstract` };
}
