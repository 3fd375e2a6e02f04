// arXiv API responses (Atom XML), streamed through a real XML parser (saxes: well-formedness
// checked, entities and CDATA decoded, namespaces resolved). Each <entry> becomes a record as
// soon as it closes, so a response of any size is read in constant memory.
//
// A hostile document is refused early by the limits below, before it costs much: saxes resolves an
// element's namespace by walking every open element, so its time grows with the square of the
// nesting depth (100,000 nested elements, 300 KB, took minutes); and it holds a text, tag or
// comment in memory whole until it ends. No Atom feed comes near any of these limits.
import { StringDecoder } from "node:string_decoder";

import { SaxesParser, type SaxesTagNS } from "saxes";

import { parseArxivId } from "../../arxiv.ts";
import { InputError } from "../input.ts";
import { type AuthorRecord, type ParsedItem } from "../record.ts";
import { parseDate } from "./json-record.ts";

const ATOM = "http://www.w3.org/2005/Atom";
const ARXIV = "http://arxiv.org/schemas/atom";
const OPENSEARCH = /^http:\/\/a9\.com\/-\/spec\/opensearch/;

/** Open elements at once; an arXiv feed needs 4, XHTML content a few more. */
const MAX_XML_DEPTH = 64;
const MAX_ATTRIBUTES = 256;
/** A text, tag, comment or element content of more characters (an abstract has at most 50,000). */
const MAX_XML_TOKEN_CHARS = 1024 * 1024;
/** Elements in one entry (5,000 authors with names and affiliations are ~15,000) and outside all entries. */
const MAX_ENTRY_ELEMENTS = 100_000;
const MAX_FEED_ELEMENTS = 10_000;
/** Entries in one document: an arXiv API page holds a few thousand; millions of empty ones are a flood. */
const MAX_FEED_ENTRIES = 100_000;

export interface AtomResult {
  /** opensearch:totalResults of an arXiv API page. */
  totalResults?: number;
  /** Entries seen, good or bad. */
  entries: number;
}

interface Draft {
  line: number;
  id?: string;
  title?: string;
  summary?: string;
  published?: string;
  updated?: string;
  authors: (AuthorRecord & { affiliations: string[] })[];
  categories: string[];
  primaryCategory?: string;
  comment?: string;
  journalRef?: string;
  doi?: string;
  absUrl?: string;
  pdfUrl?: string;
}

// Leaf elements whose text we keep, by namespace and local name.
/** Draft's fields that hold an element's text as it is. */
type DraftText = "id" | "title" | "summary" | "published" | "updated" | "comment" | "journalRef" | "doi";
const ENTRY_FIELDS: Record<string, Record<string, DraftText>> = {
  [ATOM]: { id: "id", title: "title", summary: "summary", published: "published", updated: "updated" },
  [ARXIV]: { comment: "comment", journal_ref: "journalRef", doi: "doi" },
};

export async function* parseAtom(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  name: string,
  result: AtomResult = { entries: 0 },
): AsyncGenerator<ParsedItem> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const reader = new EntryReader(parser, name, result);
  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    parser.write(decoder.write(chunk));
    reader.checkPending();
    yield* reader.ready.splice(0);
  }
  parser.write(decoder.end());
  parser.close();
  yield* reader.ready.splice(0);
}

/** The element whose text is being gathered (text of its descendants included, for type="xhtml"). */
interface Capture {
  depth: number;
  text: string;
  set: (text: string) => void;
}

/** Follows the parser's events: each <entry> becomes an item in `ready` as it closes; the limits refuse a hostile document. */
class EntryReader {
  readonly ready: ParsedItem[] = [];
  private depth = 0;
  private entry: Draft | undefined;
  private entryDepth = 0;
  private author: Draft["authors"][number] | undefined;
  private capture: Capture | undefined;
  // Where the parser last reported something: the text, tag or comment it is in started there.
  private lastEvent = 0;
  private attributes = 0;
  private feedElements = 0;
  private entryElements = 0;

  constructor(
    private readonly parser: SaxesParser<{ xmlns: true; position: true }>,
    private readonly name: string,
    private readonly result: AtomResult,
  ) {
    parser.on("error", (e) => {
      throw new InputError(`${name}: not well-formed XML (${e.message})`);
    });
    parser.on("opentagstart", () => {
      this.lastEvent = parser.position;
      this.attributes = 0;
      if (this.depth >= MAX_XML_DEPTH) this.refuse(`elements nested more than ${MAX_XML_DEPTH} deep`);
    });
    parser.on("attribute", () => {
      this.lastEvent = parser.position;
      if (++this.attributes > MAX_ATTRIBUTES) this.refuse(`an element with more than ${MAX_ATTRIBUTES} attributes`);
    });
    parser.on("opentag", (tag) => this.open(tag));
    parser.on("text", (text) => this.text(text));
    parser.on("cdata", (text) => this.text(text));
    parser.on("closetag", () => this.close());
  }

  /** saxes reports a text, tag or comment once it ends, holding it whole until then: bounded here, between chunks. */
  checkPending(): void {
    if (this.parser.position - this.lastEvent > MAX_XML_TOKEN_CHARS) {
      this.refuse(`a text, tag or comment of more than ${MAX_XML_TOKEN_CHARS.toLocaleString("en")} characters`);
    }
  }

  private refuse(what: string): never {
    throw new InputError(`${this.name}: ${what} at line ${this.parser.line}: not an Atom feed`);
  }

  private open(tag: SaxesTagNS): void {
    this.lastEvent = this.parser.position;
    this.depth += 1;
    if (this.depth === 1) {
      if (tag.local !== "feed")
        throw new InputError(`${this.name}: an XML document whose root element is <${tag.name}>, not an Atom <feed>`);
      return;
    }
    if (!this.entry) return this.openOutsideEntry(tag);
    if (++this.entryElements > MAX_ENTRY_ELEMENTS) this.refuse(`an entry of more than ${MAX_ENTRY_ELEMENTS.toLocaleString("en")} elements`);
    if (this.capture) return;
    if (this.depth === this.entryDepth + 1) this.openEntryChild(this.entry, tag);
    else if (this.author && this.depth === this.entryDepth + 2) this.openAuthorChild(this.author, tag);
  }

  private openOutsideEntry({ uri, local }: SaxesTagNS): void {
    const { depth, result } = this;
    if (depth === 2 && uri === ATOM && local === "entry") {
      if (result.entries >= MAX_FEED_ENTRIES) this.refuse(`more than ${MAX_FEED_ENTRIES.toLocaleString("en")} entries (split the feed)`);
      this.entry = { line: this.parser.line, authors: [], categories: [] };
      this.entryDepth = depth;
      this.entryElements = 0;
      return;
    }
    if (++this.feedElements > MAX_FEED_ELEMENTS)
      this.refuse(`more than ${MAX_FEED_ELEMENTS.toLocaleString("en")} elements outside entries`);
    if (depth === 2 && local === "totalResults" && OPENSEARCH.test(uri)) {
      this.capture = { depth, text: "", set: (t) => (result.totalResults = Number(t.trim())) };
    }
  }

  private openEntryChild(e: Draft, tag: SaxesTagNS): void {
    const { uri, local } = tag;
    const attr = (n: string) => tag.attributes[n]?.value;
    const field = ENTRY_FIELDS[uri]?.[local];
    if (field) {
      this.capture = { depth: this.depth, text: "", set: (t) => (e[field] = t) };
    } else if (uri === ATOM && local === "author") {
      this.author = { name: "", affiliations: [] };
    } else if (uri === ATOM && local === "category") {
      const term = attr("term");
      if (term) e.categories.push(term);
    } else if (uri === ARXIV && local === "primary_category") {
      e.primaryCategory = attr("term");
    } else if (uri === ATOM && local === "link") {
      const href = attr("href");
      if (href && attr("title") === "pdf") e.pdfUrl = href;
      else if (href && attr("rel") === "alternate") e.absUrl = href;
    }
  }

  private openAuthorChild(a: Draft["authors"][number], { uri, local }: SaxesTagNS): void {
    if (uri === ATOM && local === "name") this.capture = { depth: this.depth, text: "", set: (t) => (a.name = t) };
    else if (uri === ARXIV && local === "affiliation") this.capture = { depth: this.depth, text: "", set: (t) => a.affiliations.push(t) };
  }

  private text(text: string): void {
    this.lastEvent = this.parser.position;
    const capture = this.capture;
    if (!capture) return;
    // Comments between pieces of text make separate events: the whole is bounded too.
    if (capture.text.length + text.length > MAX_XML_TOKEN_CHARS) {
      this.refuse(`an element with more than ${MAX_XML_TOKEN_CHARS.toLocaleString("en")} characters of text`);
    }
    capture.text += text;
  }

  private close(): void {
    this.lastEvent = this.parser.position;
    const { depth, entry, author, capture } = this;
    if (capture && capture.depth === depth) {
      capture.set(capture.text);
      this.capture = undefined;
    }
    if (entry && author && depth === this.entryDepth + 1) {
      const affiliation = author.affiliations
        .map((s) => s.trim())
        .filter(Boolean)
        .join("; ");
      entry.authors.push({ name: author.name, affiliation: affiliation || undefined, affiliations: [] });
      this.author = undefined;
    }
    if (entry && depth === this.entryDepth) {
      this.result.entries += 1;
      this.ready.push(toItem(entry, `${this.name}: entry ${this.result.entries} (line ${entry.line})`));
      this.entry = undefined;
    }
    this.depth -= 1;
  }
}

function toItem(e: Draft, location: string): ParsedItem {
  const id = e.id?.trim() ?? "";
  // The arXiv API reports a bad query as a feed with one entry whose id is an errors URL.
  if (/arxiv\.org\/api\/errors/.test(id)) throw new InputError(`arXiv API error: ${e.summary?.trim() || id}`);
  const ref = parseArxivId(id) ?? (e.absUrl ? parseArxivId(e.absUrl) : undefined);
  try {
    return {
      location,
      record: {
        arxivId: ref?.id,
        arxivVersion: ref?.version,
        title: e.title ?? "",
        abstract: e.summary ?? "",
        authors: e.authors.map(({ name, affiliation }) => ({ name, affiliation })),
        categories: e.categories,
        primaryCategory: e.primaryCategory,
        publishedAt: e.published ? parseDate(e.published, "published") : undefined,
        sourceUpdatedAt: e.updated ? parseDate(e.updated, "updated") : undefined,
        absUrl: e.absUrl,
        pdfUrl: e.pdfUrl,
        comment: e.comment,
        journalRef: e.journalRef,
        doi: e.doi,
      },
    };
  } catch (err) {
    return { location, error: (err as Error).message };
  }
}
