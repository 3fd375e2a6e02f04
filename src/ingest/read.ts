// From input files to ParsedItems: open (gunzip), sniff the format unless one is given, parse.
// Every entry point (CLI, handoff endpoint, GraphQL documents, pollers, seed) reads through here.
import { type ByteCounter, InputError, type InputFile, openFile } from "./input.ts";
import { splitLines } from "./lines.ts";
import { pacedParse } from "./pacing.ts";
import { parseAtom } from "./parsers/atom.ts";
import { parseJsonDocument, parseJsonLines } from "./parsers/json.ts";
import { looksLikePage, parsePage } from "./parsers/page.ts";
import type { ItemSource } from "./pipeline.ts";
import type { ParsedItem } from "./record.ts";

export const FORMATS = ["page", "atom", "hf", "json", "jsonl"] as const;
export type Format = (typeof FORMATS)[number];
export type FormatOption = Format | "auto";

export function isFormatOption(s: string): s is FormatOption {
  return s === "auto" || (FORMATS as readonly string[]).includes(s);
}

const KNOWN = "a Daily Papers page, arXiv Atom XML, Hugging Face daily papers JSON, a JSON array or JSON Lines of paper records";
// Fields only Hugging Face's daily papers API writes.
const HF_MARKERS = /"(submittedOnDailyAt|numComments|ai_keywords|discussionId|githubStars)"\s*:/;

/** The format of a file from its first bytes (decompressed), or an InputError saying what it is not. */
export function detectFormat(name: string, head: Buffer): Format {
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  const start = text.trimStart();
  if (start.startsWith("<")) {
    const root = /<(?!\?|!)([\w:.-]+)/.exec(start.replace(/<!--[\s\S]*?-->/g, ""))?.[1];
    if (root === "feed" || root?.endsWith(":feed")) return "atom";
    throw new InputError(`${name}: an XML or HTML document whose root element is <${root ?? "?"}>, not an Atom <feed> (expected ${KNOWN})`);
  }
  if (start.startsWith("[")) return HF_MARKERS.test(start) ? "hf" : "json";
  if (start.startsWith("{")) {
    const lines = start.split("\n");
    // A first line that is a whole JSON value means one record a line; otherwise one document.
    if (lines.length === 1 && start.length >= head.length - 1024) return "jsonl";
    if (parsesAsJson(lines[0]!) || (lines.length > 2 && parsesAsJson(lines[1]!) && lines[1]!.trim().startsWith("{"))) return "jsonl";
    return HF_MARKERS.test(start) ? "hf" : "json";
  }
  if (looksLikePage(text)) return "page";
  const preview = start.slice(0, 60).replace(/\s+/g, " ");
  throw new InputError(`${name} is in no known format (expected ${KNOWN}); it starts with "${preview}${start.length > 60 ? "..." : ""}"`);
}

function parsesAsJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export interface ReadOptions {
  format?: FormatOption;
  /** --date: completes a page's "Aug 8" and is the listing day of records that carry none. */
  date?: string;
  counter?: ByteCounter;
}

/** The items of one file; the detected format is reported once the file is open. */
export async function* readFile(file: InputFile, opts: ReadOptions, onFormat?: (f: Format) => void): AsyncGenerator<ParsedItem> {
  const opened = await openFile(file, opts.counter);
  const format = !opts.format || opts.format === "auto" ? detectFormat(file.name, opened.head) : opts.format;
  onFormat?.(format);
  yield* pacedParse(opened.chunks, (slices) => parse(format, slices, file.name, opts));
}

function parse(format: Format, chunks: AsyncIterable<Buffer>, name: string, opts: ReadOptions): AsyncIterable<ParsedItem> {
  switch (format) {
    case "page":
      return parsePage(splitLines(chunks), { source: name, date: opts.date });
    case "atom":
      return parseAtom(chunks, name);
    case "jsonl":
      return parseJsonLines(chunks, name);
    case "hf":
    case "json":
      return parseJsonDocument(chunks, name);
  }
}

/** An ItemSource over files read in order; it can be read again (strict mode reads twice). */
export function filesSource(
  files: () => AsyncIterable<InputFile> | Iterable<InputFile>,
  opts: ReadOptions = {},
): ItemSource & { formats: Set<Format> } {
  const formats = new Set<Format>();
  return {
    formats,
    async *items() {
      for await (const file of files()) yield* readFile(file, opts, (f) => formats.add(f));
    },
  };
}
