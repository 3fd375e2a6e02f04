// The one shape every source is turned into before it is written.
import { ARXIV_ID } from "../arxiv.ts";
import { isoDay } from "../discovery/periods.ts";
import { foldKey, texToUnicode } from "../text.ts";
import type { Tally } from "./characters.ts";
import { cleanProse, cleanText, sha256 } from "./normalize.ts";

export interface AuthorRecord {
  name: string;
  affiliation?: string;
}

export interface PaperRecord {
  /** arXiv id without version ("2503.11731", "hep-th/9901001"). */
  arxivId?: string;
  arxivVersion?: number;
  title: string;
  abstract: string;
  authors: AuthorRecord[];
  categories: string[];
  primaryCategory?: string;
  publishedAt?: Date;
  sourceUpdatedAt?: Date;
  /** The day the paper is listed on; defaults to the ingest's --date or the published day. */
  listedOn?: string;
  absUrl?: string;
  pdfUrl?: string;
  codeUrl?: string;
  projectUrl?: string;
  comment?: string;
  journalRef?: string;
  doi?: string;
  sourceUpvotes?: number;
}

/**
 * What a record says about a paper, in the order its content hash reads them: every field but its
 * identity (arxivId) and where it is listed (listedOn). Each is a column of the paper row under the
 * same name (authors through paper_author), so the writer reads stored papers back by this list.
 */
export const CONTENT_FIELDS = [
  "arxivVersion",
  "title",
  "abstract",
  "authors",
  "categories",
  "primaryCategory",
  "publishedAt",
  "sourceUpdatedAt",
  "absUrl",
  "pdfUrl",
  "codeUrl",
  "projectUrl",
  "comment",
  "journalRef",
  "doi",
  "sourceUpvotes",
] as const satisfies readonly (keyof PaperRecord)[];
// A field added to PaperRecord but not to CONTENT_FIELDS (or the other way) fails to compile here.
type Unlisted = Exclude<keyof PaperRecord, (typeof CONTENT_FIELDS)[number] | "arxivId" | "listedOn">;
const _everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** A record a parser produced, with where it came from (for error messages). */
export interface Located<T> {
  location: string;
  value: T;
}

/**
 * Apply the cleaning rules every source shares: whitespace, TeX in names, trimmed optionals, and
 * no character XML forbids in any text (the removals are counted in `tally`).
 */
export function cleanRecord(r: PaperRecord, tally?: Tally): PaperRecord {
  const text = (s: string) => cleanText(s, tally);
  const prose = (s: string) => cleanProse(s, tally);
  const opt = (s: string | undefined, clean: (s: string) => string = text) => {
    const c = s === undefined ? undefined : clean(s);
    return c ? c : undefined;
  };
  const categories = [...new Set(r.categories.map(text).filter(Boolean))];
  return {
    ...r,
    title: prose(r.title),
    abstract: prose(r.abstract),
    authors: r.authors
      .map((a) => ({ name: prose(texToUnicode(a.name)), affiliation: opt(a.affiliation && texToUnicode(a.affiliation), prose) }))
      .filter((a) => a.name.length > 0),
    categories,
    primaryCategory: opt(r.primaryCategory) ?? categories[0],
    comment: opt(r.comment, prose),
    journalRef: opt(r.journalRef, prose),
    doi: opt(r.doi),
    absUrl: opt(r.absUrl) ?? (r.arxivId ? `https://arxiv.org/abs/${r.arxivId}` : undefined),
    pdfUrl: opt(r.pdfUrl) ?? (r.arxivId ? `https://arxiv.org/pdf/${r.arxivId}` : undefined),
    codeUrl: opt(r.codeUrl),
    projectUrl: opt(r.projectUrl),
    // 0 and "not reported" are stored alike.
    sourceUpvotes: r.sourceUpvotes || undefined,
  };
}

/** Identity inside and across ingests: the arXiv id, else the folded title. */
export function identityOf(r: PaperRecord): string {
  return r.arxivId ? `arxiv:${r.arxivId}` : `title:${foldKey(r.title)}`;
}

export function contentHashOf(r: PaperRecord): string {
  return sha256(
    CONTENT_FIELDS.map((field) => {
      if (field === "authors") return r.authors.map((a) => [a.name, a.affiliation ?? null]);
      const value = r[field];
      return value instanceof Date ? value.toISOString() : (value ?? null);
    }),
  );
}

/** What a parser yields for each entry: a record, or the reason the entry was rejected. */
export type ParsedItem =
  { location: string; record: PaperRecord; error?: undefined } | { location: string; record?: undefined; error: string };

/** Whether an incoming arXiv version is older than the stored one (which it then never replaces). */
export function isOlderVersion(incoming: number | undefined, stored: number | null | undefined): boolean {
  return incoming !== undefined && stored != null && incoming < stored;
}

const LIMITS = { title: 1_000, abstract: 50_000, authors: 5_000, authorName: 300, categories: 50, url: 2_000, text: 5_000 };

/** Why a cleaned record cannot be stored, or undefined when it can. */
export function validateRecord(r: PaperRecord): string | undefined {
  if (!r.title) return "no title";
  if (r.title.length > LIMITS.title) return `title is ${r.title.length} characters (at most ${LIMITS.title})`;
  if (r.abstract.length > LIMITS.abstract) return `abstract is ${r.abstract.length} characters (at most ${LIMITS.abstract})`;
  if (r.authors.length > LIMITS.authors) return `${r.authors.length} authors (at most ${LIMITS.authors})`;
  const longName = r.authors.find((a) => a.name.length > LIMITS.authorName);
  if (longName) return `author name of ${longName.name.length} characters (at most ${LIMITS.authorName})`;
  if (r.categories.length > LIMITS.categories) return `${r.categories.length} categories (at most ${LIMITS.categories})`;
  if (r.arxivId !== undefined && !ARXIV_ID.test(r.arxivId)) return `"${r.arxivId.slice(0, 60)}" is not an arXiv id`;
  if (r.arxivVersion !== undefined && (!Number.isInteger(r.arxivVersion) || r.arxivVersion < 1 || r.arxivVersion > 1000)) {
    return `arXiv version ${r.arxivVersion} is not a positive integer`;
  }
  for (const [field, value] of [
    ["publishedAt", r.publishedAt],
    ["sourceUpdatedAt", r.sourceUpdatedAt],
  ] as const) {
    if (value !== undefined && (Number.isNaN(value.getTime()) || value.getUTCFullYear() < 1900 || value.getUTCFullYear() > 2200)) {
      return `${field} is not a valid date`;
    }
  }
  if (r.listedOn !== undefined && !isIsoDay(r.listedOn)) return `listing date "${r.listedOn}" is not a YYYY-MM-DD day`;
  for (const field of ["absUrl", "pdfUrl", "codeUrl", "projectUrl"] as const) {
    const v = r[field];
    if (v !== undefined && (v.length > LIMITS.url || !/^https?:\/\/\S+$/.test(v))) return `${field} is not an http(s) URL`;
  }
  for (const field of ["comment", "journalRef", "doi"] as const) {
    const v = r[field];
    if (v !== undefined && v.length > LIMITS.text) return `${field} is ${v.length} characters (at most ${LIMITS.text})`;
  }
  return undefined;
}

export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === s;
}
