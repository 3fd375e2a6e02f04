// The one shape every source is turned into before it is written.
import { ARXIV_ID } from "../arxiv.ts";
import { isoDay } from "../discovery/periods.ts";
import { foldKey, texToUnicode } from "../text.ts";
import type { Tally } from "./characters.ts";
import { linksInText } from "./code-links.ts";
import { cleanProse, cleanText, sha256 } from "./normalize.ts";

export interface AuthorRecord {
  name: string;
  affiliation?: string;
}

/** An organization at the source (a Hugging Face organization). */
export interface OrganizationRecord {
  name: string;
  displayName?: string;
  avatarUrl?: string;
}

/** Who submitted the paper at the source. */
export interface SubmitterRecord {
  name?: string;
  handle?: string;
  avatarUrl?: string;
}

/** Where a code link came from: the source itself, or a URL found in the abstract or the comment. */
export type CodeSource = "SOURCE" | "ABSTRACT" | "COMMENT";

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
  /** Set by cleanRecord: SOURCE when the source gave codeUrl, else where in the text it was found (code-links.ts). */
  codeSource?: CodeSource;
  githubStars?: number;
  /** When githubStars was read; set by the writer, never by a parser. */
  githubStarsAt?: Date;
  aiSummary?: string;
  aiKeywords?: string[];
  thumbnailUrl?: string;
  mediaUrls?: string[];
  organization?: OrganizationRecord;
  sourceSubmitter?: SubmitterRecord;
  sourceCommentCount?: number;
  discussionUrl?: string;
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

/**
 * What the richer sources (Hugging Face) add. They enter the content hash after CONTENT_FIELDS, as
 * one object and only those present, so a paper without them hashes as it did before they existed.
 * organization and sourceSubmitter are no column of the same name (a joined row, three columns): the
 * writer maps those two itself. githubStarsAt is left out: when stars were read is no content.
 */
export const SOURCE_FIELDS = [
  "codeSource",
  "githubStars",
  "aiSummary",
  "aiKeywords",
  "thumbnailUrl",
  "mediaUrls",
  "organization",
  "sourceSubmitter",
  "sourceCommentCount",
  "discussionUrl",
] as const satisfies readonly (keyof PaperRecord)[];
// A field added to PaperRecord but not to CONTENT_FIELDS or SOURCE_FIELDS (or the other way) fails to compile here.
type Unlisted = Exclude<
  keyof PaperRecord,
  (typeof CONTENT_FIELDS)[number] | (typeof SOURCE_FIELDS)[number] | "arxivId" | "listedOn" | "githubStarsAt"
>;
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
  const abstract = prose(r.abstract);
  const comment = opt(r.comment, prose);
  const codeUrl = opt(r.codeUrl);
  const projectUrl = opt(r.projectUrl);
  // The paper's own words name its code when the source does not (code-links.ts has the rule).
  const inAbstract = codeUrl && projectUrl ? {} : linksInText(abstract);
  const inComment = codeUrl && projectUrl ? {} : linksInText(comment ?? "");
  const [foundCode, codeSource] = codeUrl
    ? [codeUrl, "SOURCE" as const]
    : inAbstract.code
      ? [inAbstract.code, "ABSTRACT" as const]
      : inComment.code
        ? [inComment.code, "COMMENT" as const]
        : [undefined, undefined];
  return {
    ...r,
    title: prose(r.title),
    abstract,
    authors: r.authors
      .map((a) => ({ name: prose(texToUnicode(a.name)), affiliation: opt(a.affiliation && texToUnicode(a.affiliation), prose) }))
      .filter((a) => a.name.length > 0),
    categories,
    primaryCategory: opt(r.primaryCategory) ?? categories[0],
    comment,
    journalRef: opt(r.journalRef, prose),
    doi: opt(r.doi),
    absUrl: opt(r.absUrl) ?? (r.arxivId ? `https://arxiv.org/abs/${r.arxivId}` : undefined),
    pdfUrl: opt(r.pdfUrl) ?? (r.arxivId ? `https://arxiv.org/pdf/${r.arxivId}` : undefined),
    codeUrl: foundCode,
    codeSource,
    projectUrl: projectUrl ?? inAbstract.project ?? inComment.project,
    // 0 and "not reported" are stored alike.
    sourceUpvotes: r.sourceUpvotes || undefined,
    // Stars belong to the repository the source named: without one they count nothing.
    githubStars: codeUrl ? r.githubStars : undefined,
    aiSummary: opt(r.aiSummary, prose),
    aiKeywords: list(r.aiKeywords, prose),
    thumbnailUrl: opt(r.thumbnailUrl),
    mediaUrls: list(r.mediaUrls, text),
    organization: r.organization && text(r.organization.name) ? cleanOrganization(r.organization, opt) : undefined,
    sourceSubmitter: cleanSubmitter(r.sourceSubmitter, opt),
    discussionUrl: opt(r.discussionUrl),
  };
}

type Opt = (s: string | undefined, clean?: (s: string) => string) => string | undefined;

/** Cleaned, without empties and repeats; undefined when nothing is left. */
function list(values: string[] | undefined, clean: (s: string) => string): string[] | undefined {
  const out = [...new Set((values ?? []).map(clean).filter(Boolean))];
  return out.length > 0 ? out : undefined;
}

function cleanOrganization(o: OrganizationRecord, opt: Opt): OrganizationRecord {
  return { name: opt(o.name)!, displayName: opt(o.displayName, cleanProse), avatarUrl: opt(o.avatarUrl) };
}

function cleanSubmitter(s: SubmitterRecord | undefined, opt: Opt): SubmitterRecord | undefined {
  if (!s) return undefined;
  const out = { name: opt(s.name, cleanProse), handle: opt(s.handle), avatarUrl: opt(s.avatarUrl) };
  return out.name || out.handle ? out : undefined;
}

/** Identity inside and across ingests: the arXiv id, else the folded title. */
export function identityOf(r: PaperRecord): string {
  return r.arxivId ? `arxiv:${r.arxivId}` : `title:${foldKey(r.title)}`;
}

export function contentHashOf(r: PaperRecord): string {
  const content = CONTENT_FIELDS.map((field) => {
    if (field === "authors") return r.authors.map((a) => [a.name, a.affiliation ?? null]);
    const value = r[field];
    return value instanceof Date ? value.toISOString() : (value ?? null);
  });
  const extras = Object.fromEntries(
    SOURCE_FIELDS.flatMap((field) => {
      // Where a code link came from matters only when it is not the source itself.
      const value = field === "codeSource" && r.codeSource === "SOURCE" ? undefined : r[field];
      return value === undefined ? [] : [[field, value]];
    }),
  );
  return sha256(Object.keys(extras).length > 0 ? [...content, extras] : content);
}

/** What a parser yields for each entry: a record, or the reason the entry was rejected. */
export type ParsedItem =
  { location: string; record: PaperRecord; error?: undefined } | { location: string; record?: undefined; error: string };

/** Whether an incoming arXiv version is older than the stored one (which it then never replaces). */
export function isOlderVersion(incoming: number | undefined, stored: number | null | undefined): boolean {
  return incoming !== undefined && stored != null && incoming < stored;
}

const LIMITS = {
  title: 1_000,
  abstract: 50_000,
  authors: 5_000,
  authorName: 300,
  categories: 50,
  url: 2_000,
  text: 5_000,
  keywords: 50,
  keyword: 200,
  media: 20,
  name: 300,
};

const isUrl = (v: string) => v.length <= LIMITS.url && /^https?:\/\/\S+$/.test(v);

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
  for (const field of ["absUrl", "pdfUrl", "codeUrl", "projectUrl", "thumbnailUrl", "discussionUrl"] as const) {
    const v = r[field];
    if (v !== undefined && !isUrl(v)) return `${field} is not an http(s) URL`;
  }
  if (r.organization?.avatarUrl !== undefined && !isUrl(r.organization.avatarUrl)) return "organization.avatarUrl is not an http(s) URL";
  if (r.sourceSubmitter?.avatarUrl !== undefined && !isUrl(r.sourceSubmitter.avatarUrl)) return "submitter avatarUrl is not an http(s) URL";
  for (const [field, value] of [
    ["organization name", r.organization?.name],
    ["organization display name", r.organization?.displayName],
    ["submitter name", r.sourceSubmitter?.name],
    ["submitter handle", r.sourceSubmitter?.handle],
  ] as const) {
    if (value !== undefined && value.length > LIMITS.name) return `${field} is ${value.length} characters (at most ${LIMITS.name})`;
  }
  const media = r.mediaUrls ?? [];
  if (media.length > LIMITS.media) return `${media.length} media URLs (at most ${LIMITS.media})`;
  if (media.some((m) => !isUrl(m))) return "mediaUrls holds something other than an http(s) URL";
  const keywords = r.aiKeywords ?? [];
  if (keywords.length > LIMITS.keywords) return `${keywords.length} AI keywords (at most ${LIMITS.keywords})`;
  const longKeyword = keywords.find((k) => k.length > LIMITS.keyword);
  if (longKeyword) return `AI keyword of ${longKeyword.length} characters (at most ${LIMITS.keyword})`;
  for (const field of ["comment", "journalRef", "doi", "aiSummary"] as const) {
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
