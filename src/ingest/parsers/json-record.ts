// One JSON object -> a PaperRecord, with the field names people actually use: our own records,
// the Kaggle arXiv metadata snapshot, the shared daily corpus, a Hugging Face /api/papers/{id}
// object, and an /api/daily_papers item ({ paper: {...}, title, summary, submittedOnDailyAt, ... }).
import { parseArxivId } from "../../arxiv.ts";
import { isoDay } from "../../discovery/periods.ts";
import { type AuthorRecord, type OrganizationRecord, type PaperRecord, type SubmitterRecord } from "../record.ts";

/** Hugging Face gives avatars as paths ("/avatars/ak.svg") on its own site. */
const HF_SITE = "https://huggingface.co";

type Json = Record<string, unknown>;

export type Mapped = { record: PaperRecord; error?: undefined } | { record?: undefined; error: string };

class FieldError extends Error {}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describeJson(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** The first of `names` present (not null/undefined) in `o`, with the name it was found under. */
function pick(o: Json, names: string[]): [string, unknown] | undefined {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return [n, o[n]];
  return undefined;
}

function str(o: Json, names: string[]): string | undefined {
  const found = pick(o, names);
  if (!found) return undefined;
  const [name, v] = found;
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new FieldError(`${name} must be a string, not ${describeJson(v)}`);
}

// ISO 8601 (a day, or a day and time) and RFC 2822 ("Mon, 2 Apr 2007 19:18:42 GMT", Kaggle's
// version dates). Date.parse alone accepts too much ("1" is the year 2001).
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC|[+-]\d{4}|[A-Z]{3})?$/;

export function parseDate(text: string, field: string): Date {
  const t = text.trim();
  const d = ISO.test(t) ? new Date(t.length === 10 ? `${t}T00:00:00Z` : t.replace(" ", "T")) : RFC2822.test(t) ? new Date(t) : undefined;
  if (!d || Number.isNaN(d.getTime()))
    throw new FieldError(`${field} "${t.slice(0, 60)}" is not a date (expected YYYY-MM-DD or an ISO 8601 time)`);
  return d;
}

function date(o: Json, names: string[]): { field: string; value: Date } | undefined {
  const found = pick(o, names);
  if (!found) return undefined;
  const [name, v] = found;
  if (typeof v !== "string") throw new FieldError(`${name} must be a date string, not ${describeJson(v)}`);
  return { field: name, value: parseDate(v, name) };
}

/** "A, B and C", "A, B, and C", "A and B"; newlines as in the Kaggle snapshot. */
function splitAuthorList(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function authors(o: Json): AuthorRecord[] {
  const found = pick(o, ["authors", "author"]);
  if (!found) return [];
  const [name, v] = found;
  if (typeof v === "string") {
    // Kaggle's authors_parsed ([last, first, suffix]) is exact where splitting a string guesses.
    const parsed = o.authors_parsed;
    if (Array.isArray(parsed) && parsed.every((p) => Array.isArray(p) && p.every((x) => typeof x === "string"))) {
      return (parsed as string[][]).map(([last = "", first = "", suffix = ""]) => ({
        name: [first, last, suffix].filter(Boolean).join(" "),
      }));
    }
    return splitAuthorList(v).map((n) => ({ name: n }));
  }
  if (!Array.isArray(v)) throw new FieldError(`${name} must be an array or a string, not ${describeJson(v)}`);
  return v.map((a, i) => {
    if (typeof a === "string") return { name: a };
    if (isObject(a) && typeof a.name === "string") {
      const aff = a.affiliation ?? a.affiliations;
      return {
        name: a.name,
        affiliation: typeof aff === "string" ? aff : Array.isArray(aff) ? aff.filter((x) => typeof x === "string").join("; ") : undefined,
      };
    }
    throw new FieldError(`${name}[${i}] must be a name or an object with a name, not ${describeJson(a)}`);
  });
}

function categories(o: Json): string[] {
  const found = pick(o, ["categories", "category"]);
  if (!found) return [];
  const [name, v] = found;
  if (typeof v === "string") return v.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(v) && v.every((c) => typeof c === "string")) return v;
  throw new FieldError(`${name} must be an array of strings or a space-separated string`);
}

function count(o: Json, names: string[]): number | undefined {
  const found = pick(o, names);
  if (!found) return undefined;
  const [name, v] = found;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 1e9) throw new FieldError(`${name} must be a non-negative integer`);
  return v;
}

function stringList(o: Json, names: string[]): string[] | undefined {
  const found = pick(o, names);
  if (!found) return undefined;
  const [name, v] = found;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v;
  throw new FieldError(`${name} must be an array of strings`);
}

function hfUrl(v: unknown): string | undefined {
  if (typeof v !== "string" || v === "") return undefined;
  return v.startsWith("/") ? `${HF_SITE}${v}` : v;
}

/** Hugging Face's organization object ({ name, fullname, avatarUrl }), or a name alone. */
function organization(o: Json): OrganizationRecord | undefined {
  const v = o.organization;
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return { name: v };
  if (!isObject(v) || typeof v.name !== "string")
    throw new FieldError(`organization must be a name or an object with a name, not ${describeJson(v)}`);
  return {
    name: v.name,
    displayName: typeof v.fullname === "string" ? v.fullname : undefined,
    avatarUrl: hfUrl(v.avatarUrl),
  };
}

/**
 * Hugging Face's submitter ({ user, fullname, avatarUrl }): a daily item's submittedBy, else the
 * paper's submittedOnDailyBy (the same person; only the latter carries the avatar).
 */
function submitter(o: Json): SubmitterRecord | undefined {
  const people = [o.submittedBy, o.submittedOnDailyBy].filter(isObject);
  if (people.length === 0) return undefined;
  const first = (field: string) => people.map((p) => p[field]).find((v) => typeof v === "string" && v !== "") as string | undefined;
  return { name: first("fullname"), handle: first("user"), avatarUrl: hfUrl(first("avatarUrl")) };
}

/** Kaggle's versions list: the highest "vN", and when v1 was created (the published date). */
function kaggleVersions(o: Json): { version: number; firstCreated?: string } | undefined {
  const versions = o.versions;
  if (!Array.isArray(versions) || versions.length === 0) return undefined;
  let best: number | undefined;
  let firstCreated: string | undefined;
  for (const v of versions) {
    const label = isObject(v) ? v.version : v;
    const n = typeof label === "string" ? Number(/^v(\d+)$/.exec(label)?.[1]) : NaN;
    if (!Number.isInteger(n)) continue;
    if (best === undefined || n > best) best = n;
    if (n === 1 && isObject(v) && typeof v.created === "string") firstCreated = v.created;
  }
  return best === undefined ? undefined : { version: best, firstCreated };
}

export function recordFromJson(value: unknown): Mapped {
  if (!isObject(value)) return { error: `expected a paper object, found ${describeJson(value)}` };
  try {
    // A daily_papers item wraps the paper: the paper's fields win, the item's fill the gaps
    // (submittedOnDailyAt, githubRepo, projectPage).
    const inner = isObject(value.paper) ? value.paper : undefined;
    const o: Json = inner ? { ...stripNulls(value), paper: undefined, ...stripNulls(inner) } : value;

    let arxivId: string | undefined;
    let arxivVersion: number | undefined;
    const rawId = str(o, ["arxivId", "arxiv_id", "id", "paper_id", "paperId"]);
    if (rawId !== undefined) {
      const parsed = parseArxivId(rawId);
      if (!parsed) return { error: `"${rawId.slice(0, 60)}" is not an arXiv id (like 2503.11731v2 or hep-th/9901001)` };
      arxivId = parsed.id;
      arxivVersion = parsed.version;
    }
    const explicitVersion = count(o, ["version", "arxivVersion", "arxiv_version"]);
    const kaggle = kaggleVersions(o);
    arxivVersion = explicitVersion ?? arxivVersion ?? kaggle?.version;

    const title = str(o, ["title"]);
    const listed = date(o, ["listedOn", "listed_on", "date", "submittedOnDailyAt"]);
    const published =
      date(o, ["publishedAt", "published", "published_at"]) ??
      (kaggle?.firstCreated ? { field: "versions", value: parseDate(kaggle.firstCreated, "versions[0].created") } : undefined);
    const updated = date(o, ["updatedAt", "updated", "update_date"]);

    return {
      record: {
        arxivId,
        arxivVersion,
        title: title ?? "",
        abstract: str(o, ["summary", "abstract"]) ?? "",
        authors: authors(o),
        categories: categories(o),
        primaryCategory: str(o, ["primaryCategory", "primary_category"]),
        publishedAt: published?.value,
        sourceUpdatedAt: updated?.value,
        listedOn: listed ? isoDay(listed.value) : undefined,
        absUrl: str(o, ["abs", "url", "absUrl", "abs_url"]),
        pdfUrl: str(o, ["pdf", "pdf_url", "pdfUrl"]),
        codeUrl: str(o, ["githubRepo", "github", "github_url", "code_url", "codeUrl"]),
        projectUrl: str(o, ["projectPage", "project_page", "project_url", "projectUrl"]),
        comment: str(o, ["comment", "comments"]),
        journalRef: str(o, ["journal-ref", "journal_ref", "journalRef"]),
        doi: str(o, ["doi"]),
        sourceUpvotes: count(o, ["upvotes"]),
        githubStars: count(o, ["githubStars", "github_stars"]),
        aiSummary: str(o, ["ai_summary", "aiSummary"]),
        aiKeywords: stringList(o, ["ai_keywords", "aiKeywords"]),
        thumbnailUrl: str(o, ["thumbnail", "thumbnailUrl"]),
        mediaUrls: stringList(o, ["mediaUrls", "media_urls"]),
        organization: organization(o),
        sourceSubmitter: submitter(o),
        sourceCommentCount: count(o, ["numComments", "num_comments"]),
        // A Hugging Face paper's discussion is the community tab of its page.
        discussionUrl:
          str(o, ["discussionUrl", "discussion_url"]) ??
          (o.discussionId !== undefined && arxivId ? `${HF_SITE}/papers/${arxivId}#community` : undefined),
      },
    };
  } catch (e) {
    if (e instanceof FieldError) return { error: e.message };
    throw e;
  }
}

function stripNulls(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
