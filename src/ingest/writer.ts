// Writes a chunk of cleaned records in the caller's transaction: papers, authors, joins, topics.
//
// Identity: a record with an arXiv id matches the paper with that id, else a paper without an id
// and the same folded title (so a paper first known by title gets its id when arXiv brings it).
// A record without an id matches any paper with the same folded title.
//
// Merge: the incoming record wins for what it carries; what it lacks (authors, categories, links)
// is kept. An older arXiv version changes nothing. "Unchanged" means the merged paper hashes the
// same as the stored one; a record that hashes like the stored paper is unchanged without loading
// the paper at all, which is what makes re-ingesting a file cheap.
//
// Speed: every statement carries the whole chunk as one JSON parameter unpacked by
// jsonb_to_recordset, so a chunk costs about ten statements whatever its size; Prisma's
// createMany/update would send one statement per updated paper and marshal every value itself.
//
// Concurrency: a chunk starts by locking the ingest_clock row, so writing chunks of concurrent
// runs (a poller, a handoff, a GraphQL mutation) take turns: identity matching never races, and a
// transaction that gets later ingest_seq values commits later, so seq order is commit order.
import { isoDay } from "../discovery/periods.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { IngestChange } from "../live/events.ts";
import { notifyAuthorPapers, notifyNewVersions } from "../notifications/fanout.ts";
import { authorKey, foldKey } from "../text.ts";
import { CONTENT_FIELDS, contentHashOf, identityOf, isOlderVersion, type PaperRecord, SOURCE_FIELDS } from "./record.ts";
import type { Tagger } from "./tagger.ts";

type Tx = Prisma.TransactionClient;
/** What planning needs: a transaction, or the client itself for a dry run. */
type Reader = Pick<PrismaClient, "$queryRawUnsafe" | "paper">;

export interface WriteContext {
  tagger: Tagger;
  /** --date: the listing day of records that carry none. */
  listedOn?: string;
  /** The listing day of records with neither a listing day nor a published date. */
  today: string;
  submittedById?: number;
}

export interface WriteOutcome extends IngestChange {
  unchanged: number;
}

interface Update {
  id: number;
  record: PaperRecord;
  contentChanged: boolean;
  authorsChanged: boolean;
  /** An arXiv version newer than the stored one, with what it changed. */
  newVersion?: { titleChanged: boolean; abstractChanged: boolean };
}

export interface Plan {
  create: PaperRecord[];
  update: Update[];
  /** Records that change nothing: duplicates within the chunk included. */
  unchanged: number;
}

interface StoredRow {
  id: number;
  arxiv_id: string | null;
  arxiv_version: number | null;
  title_key: string;
  content_hash: string;
}

/**
 * What a stored paper is read back into a record from: its identity, content and source columns, and
 * when its stars were read (authors through their join; organization and the submitter below).
 */
type RecordColumn =
  | "arxivId"
  | "githubStarsAt"
  | Exclude<(typeof CONTENT_FIELDS)[number] | (typeof SOURCE_FIELDS)[number], "authors" | "organization" | "sourceSubmitter">;
const RECORD_COLUMNS = ["arxivId" as const, ...CONTENT_FIELDS, ...SOURCE_FIELDS, "githubStarsAt" as const].filter(
  (f): f is RecordColumn => f !== "authors" && f !== "organization" && f !== "sourceSubmitter",
);
// Lists a source did not give are stored empty (categories are always given).
const OPTIONAL_LISTS = new Set<RecordColumn>(["aiKeywords", "mediaUrls"]);

const fullSelect = {
  id: true,
  ...(Object.fromEntries(RECORD_COLUMNS.map((c) => [c, true])) as Record<RecordColumn, true>),
  organization: { select: { name: true, displayName: true, avatarUrl: true } },
  sourceSubmitterName: true,
  sourceSubmitterHandle: true,
  sourceSubmitterAvatarUrl: true,
  authors: { orderBy: { position: "asc" }, select: { affiliation: true, name: true } },
} satisfies Prisma.PaperSelect;

type FullRow = Prisma.PaperGetPayload<{ select: typeof fullSelect }>;

function toRecord(p: FullRow): PaperRecord {
  // Nullable columns, and empty optional lists, are optional fields.
  const columns = Object.fromEntries(
    RECORD_COLUMNS.map((c): [RecordColumn, unknown] => {
      const value = p[c];
      return [c, OPTIONAL_LISTS.has(c) && Array.isArray(value) && value.length === 0 ? undefined : (value ?? undefined)];
    }),
  ) as Omit<PaperRecord, "authors">;
  return {
    ...columns,
    authors: p.authors.map((a) => ({ name: a.name, affiliation: a.affiliation ?? undefined })),
    // 0 and "not reported" are stored alike.
    sourceUpvotes: p.sourceUpvotes || undefined,
    organization: p.organization
      ? {
          name: p.organization.name,
          displayName: p.organization.displayName ?? undefined,
          avatarUrl: p.organization.avatarUrl ?? undefined,
        }
      : undefined,
    sourceSubmitter:
      p.sourceSubmitterName || p.sourceSubmitterHandle
        ? {
            name: p.sourceSubmitterName ?? undefined,
            handle: p.sourceSubmitterHandle ?? undefined,
            avatarUrl: p.sourceSubmitterAvatarUrl ?? undefined,
          }
        : undefined,
  };
}

/** The paper after `incoming` (never an older version: planBatch keeps those out) is applied to `stored`. */
function mergeRecords(stored: PaperRecord, incoming: PaperRecord): PaperRecord {
  // A field the incoming record leaves out keeps its stored value.
  const kept = Object.fromEntries(
    ["arxivId" as const, ...CONTENT_FIELDS, ...SOURCE_FIELDS].map((f) => [f, incoming[f] ?? stored[f]]),
  ) as Partial<PaperRecord>;
  return {
    ...kept,
    title: incoming.title,
    abstract: incoming.abstract || stored.abstract,
    authors: incoming.authors.length > 0 ? incoming.authors : stored.authors,
    categories: incoming.categories.length > 0 ? incoming.categories : stored.categories,
    // The code link, its source and its stars follow their own rule (mergeCode), not "incoming if given".
    ...mergeCode(stored, incoming),
  };
}

/**
 * The code link, where it came from and its stars. A link the source gave outranks one found in
 * text, whichever came first; the stars belong to the link they were reported with, and keep the
 * time they were first read while the count stays the same.
 */
function mergeCode(
  stored: PaperRecord,
  incoming: PaperRecord,
): Pick<PaperRecord, "codeUrl" | "codeSource" | "githubStars" | "githubStarsAt"> {
  const keepStored = incoming.codeUrl === undefined || (incoming.codeSource !== "SOURCE" && stored.codeSource === "SOURCE");
  const chosen = keepStored ? stored : incoming;
  const stars = keepStored
    ? stored.githubStars
    : (incoming.githubStars ?? (incoming.codeUrl === stored.codeUrl ? stored.githubStars : undefined));
  return {
    codeUrl: chosen.codeUrl,
    codeSource: chosen.codeSource,
    githubStars: stars,
    githubStarsAt: stars !== undefined && stars === stored.githubStars ? stored.githubStarsAt : undefined,
  };
}

/** Keep one record per identity: the highest arXiv version, else the first seen. */
function dedupe(records: PaperRecord[]): PaperRecord[] {
  const byId = new Map<string, PaperRecord>();
  for (const r of records) {
    const key = identityOf(r);
    const prev = byId.get(key);
    if (!prev || (r.arxivVersion ?? 0) > (prev.arxivVersion ?? 0)) byId.set(key, r);
  }
  return [...byId.values()];
}

/** Decide what each record does to the database. Reads only. */
export async function planBatch(q: Reader, input: PaperRecord[]): Promise<Plan> {
  const records = dedupe(input);
  const plan: Plan = { create: [], update: [], unchanged: input.length - records.length };
  const titleKeys = records.map((r) => foldKey(r.title));
  const stored = await q.$queryRawUnsafe<StoredRow[]>(
    `SELECT id, arxiv_id, arxiv_version, title_key, content_hash FROM paper
     WHERE arxiv_id IN (SELECT jsonb_array_elements_text($1::jsonb)) OR title_key IN (SELECT jsonb_array_elements_text($2::jsonb))
     ORDER BY id`,
    JSON.stringify(records.flatMap((r) => (r.arxivId ? [r.arxivId] : []))),
    JSON.stringify([...new Set(titleKeys)]),
  );
  const byArxiv = new Map<string, StoredRow>();
  const byTitle = new Map<string, StoredRow[]>();
  for (const s of stored) {
    if (s.arxiv_id) byArxiv.set(s.arxiv_id, s);
    byTitle.set(s.title_key, [...(byTitle.get(s.title_key) ?? []), s]);
  }

  const claimed = new Set<number>();
  const toMerge: { record: PaperRecord; stored: StoredRow }[] = [];
  records.forEach((r, i) => {
    const candidates = byTitle.get(titleKeys[i]!) ?? [];
    const found = r.arxivId ? (byArxiv.get(r.arxivId) ?? candidates.find((s) => s.arxiv_id === null)) : candidates[0];
    if (!found || claimed.has(found.id)) {
      plan.create.push(r);
      return;
    }
    claimed.add(found.id);
    if (isOlderVersion(r.arxivVersion, found.arxiv_version) || contentHashOf(r) === found.content_hash) plan.unchanged += 1;
    else toMerge.push({ record: r, stored: found });
  });

  if (toMerge.length > 0) {
    const rows = await q.paper.findMany({ where: { id: { in: toMerge.map((m) => m.stored.id) } }, select: fullSelect });
    const full = new Map(rows.map((p) => [p.id, toRecord(p)]));
    for (const { record, stored } of toMerge) {
      const s = full.get(stored.id)!;
      const merged = mergeRecords(s, record);
      if (contentHashOf(merged) === stored.content_hash) {
        plan.unchanged += 1;
        continue;
      }
      plan.update.push({
        id: stored.id,
        record: merged,
        contentChanged: merged.title !== s.title || merged.abstract !== s.abstract || merged.categories.join() !== s.categories.join(),
        authorsChanged: JSON.stringify(merged.authors) !== JSON.stringify(s.authors),
        newVersion:
          merged.arxivVersion !== undefined && merged.arxivVersion !== s.arxivVersion
            ? // The first arXiv version of a paper known before by title alone changed nothing it had.
              s.arxivVersion === undefined
              ? { titleChanged: false, abstractChanged: false }
              : { titleChanged: merged.title !== s.title, abstractChanged: merged.abstract !== s.abstract }
            : undefined,
      });
    }
  }
  return plan;
}

const PAPER_COLUMNS = `arxiv_id text, arxiv_version int, title_key text, title text, abstract text, content_hash text,
  authors_text text, categories text[], primary_category text, published_at timestamp(3), source_updated_at timestamp(3),
  abs_url text, pdf_url text, code_url text, project_url text, comment text, journal_ref text, doi text, source_upvotes int,
  code_source "CodeSource", github_stars int, github_stars_at timestamp(3), ai_summary text, ai_keywords text[], thumbnail_url text,
  media_urls text[], organization_id int, source_submitter_name text, source_submitter_handle text, source_submitter_avatar_url text,
  source_comment_count int, discussion_url text`;
const PAPER_NAMES = PAPER_COLUMNS.split(",").map((c) => c.trim().split(/\s+/)[0]!);

/** `now` stamps a stars count read by this write; `organizations` maps names to ids (ensureOrganizations). */
function paperColumns(r: PaperRecord, now: string, organizations: Map<string, number>) {
  return {
    arxiv_id: r.arxivId ?? null,
    arxiv_version: r.arxivVersion ?? null,
    title_key: foldKey(r.title),
    title: r.title,
    abstract: r.abstract,
    content_hash: contentHashOf(r),
    authors_text: r.authors.map((a) => a.name).join(", "),
    categories: r.categories,
    primary_category: r.primaryCategory ?? null,
    published_at: r.publishedAt?.toISOString() ?? null,
    source_updated_at: r.sourceUpdatedAt?.toISOString() ?? null,
    abs_url: r.absUrl ?? null,
    pdf_url: r.pdfUrl ?? null,
    code_url: r.codeUrl ?? null,
    project_url: r.projectUrl ?? null,
    comment: r.comment ?? null,
    journal_ref: r.journalRef ?? null,
    doi: r.doi ?? null,
    source_upvotes: r.sourceUpvotes ?? 0,
    code_source: r.codeSource ?? null,
    github_stars: r.githubStars ?? null,
    github_stars_at: r.githubStars === undefined ? null : (r.githubStarsAt?.toISOString() ?? now),
    ai_summary: r.aiSummary ?? null,
    ai_keywords: r.aiKeywords ?? [],
    thumbnail_url: r.thumbnailUrl ?? null,
    media_urls: r.mediaUrls ?? [],
    organization_id: r.organization ? (organizations.get(r.organization.name) ?? null) : null,
    source_submitter_name: r.sourceSubmitter?.name ?? null,
    source_submitter_handle: r.sourceSubmitter?.handle ?? null,
    source_submitter_avatar_url: r.sourceSubmitter?.avatarUrl ?? null,
    source_comment_count: r.sourceCommentCount ?? null,
    discussion_url: r.discussionUrl ?? null,
  };
}

/**
 * Takes the ingest clock's row lock for the rest of the transaction and returns its value. Writers
 * of papers' topics (ingestion chunks, retag) take turns on it, and paper ingest_seq values are
 * handed out under it, so they follow commit order.
 */
export async function lockIngestClock(tx: Tx): Promise<bigint> {
  const [clock] = await tx.$queryRawUnsafe<{ value: bigint }[]>(`SELECT value FROM ingest_clock WHERE id = 1 FOR UPDATE`);
  if (!clock) throw new Error("ingest_clock has no row: the database was not migrated");
  return BigInt(clock.value);
}

/** Lock the clock, plan, write. The caller's transaction commits or rolls back the whole chunk. */
export async function writeBatch(tx: Tx, input: PaperRecord[], ctx: WriteContext): Promise<WriteOutcome> {
  const clock = await lockIngestClock(tx);
  const plan = await planBatch(tx, input);
  const now = new Date().toISOString();
  const outcome: WriteOutcome = { created: [], updated: [], unchanged: plan.unchanged };

  const reauthored = plan.update.filter((u) => u.authorsChanged);
  const authorIds = await ensureAuthors(tx, [...plan.create, ...reauthored.map((u) => u.record)]);
  const organizations = await ensureOrganizations(tx, [...plan.create, ...plan.update.map((u) => u.record)]);

  if (plan.create.length > 0) {
    const first = clock + 1n;
    const rows = plan.create.map((r, i) => ({
      ...paperColumns(r, now, organizations),
      listed_on: r.listedOn ?? ctx.listedOn ?? (r.publishedAt ? isoDay(r.publishedAt) : ctx.today),
      submitted_by_id: ctx.submittedById ?? null,
      ingest_seq: (first + BigInt(i)).toString(),
    }));
    const inserted = await tx.$queryRawUnsafe<{ id: number; ingest_seq: bigint }[]>(
      `INSERT INTO paper (${PAPER_NAMES.join(", ")}, listed_on, submitted_by_id, ingest_seq, ingested_at, updated_at)
       SELECT ${PAPER_NAMES.join(", ")}, listed_on, submitted_by_id, ingest_seq, $2::timestamp(3), $2::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS x(${PAPER_COLUMNS}, listed_on date, submitted_by_id int, ingest_seq bigint)
       RETURNING id, ingest_seq`,
      JSON.stringify(rows),
      now,
    );
    const idBySeq = new Map(inserted.map((row) => [BigInt(row.ingest_seq), Number(row.id)]));
    plan.create.forEach((r, i) => {
      const seq = first + BigInt(i);
      outcome.created.push({ id: idBySeq.get(seq)!, ingestSeq: seq });
    });
    await tx.$executeRawUnsafe(
      `UPDATE ingest_clock SET value = $1::bigint WHERE id = 1`,
      (first + BigInt(plan.create.length) - 1n).toString(),
    );
  }

  if (plan.update.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE paper p SET ${PAPER_NAMES.map((c) => `${c} = x.${c}`).join(", ")}, updated_at = $2::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS x(id int, ${PAPER_COLUMNS}) WHERE p.id = x.id`,
      JSON.stringify(plan.update.map((u) => ({ id: u.id, ...paperColumns(u.record, now, organizations) }))),
      now,
    );
    for (const u of plan.update) outcome.updated.push({ id: u.id });
  }

  const created = outcome.created.map((c, i) => ({ paperId: c.id, record: plan.create[i]! }));
  const withAuthors = [...created, ...reauthored.map((u) => ({ paperId: u.id, record: u.record }))];
  await replaceAuthors(
    tx,
    reauthored.map((u) => u.id),
    withAuthors,
    authorIds,
  );

  await recordVersions(tx, [
    ...created.map(({ paperId, record }) => ({ paperId, record, changed: { titleChanged: false, abstractChanged: false } })),
    ...plan.update.flatMap((u) => (u.newVersion ? [{ paperId: u.id, record: u.record, changed: u.newVersion }] : [])),
  ]);

  // Notifications in the chunk's transaction: written exactly when the papers are (the dedupe keys
  // keep a retried chunk from writing them twice), one statement per kind for the whole chunk.
  outcome.notified = [
    ...(await notifyAuthorPapers(
      tx,
      created.map((c) => c.paperId),
    )),
    ...(await notifyNewVersions(
      tx,
      plan.update.flatMap((u) =>
        u.newVersion && u.record.arxivVersion !== undefined ? [{ paperId: u.id, version: u.record.arxivVersion }] : [],
      ),
    )),
  ];

  // Topics: new papers, and updated papers whose text or categories changed.
  const rewritten = plan.update.filter((u) => u.contentChanged);
  const retag = [...created, ...rewritten.map((u) => ({ paperId: u.id, record: u.record }))];
  await replaceTaggerTopics(
    tx,
    rewritten.map((u) => u.id),
    retag.flatMap(({ paperId, record }) => ctx.tagger.tag(record).map((t) => ({ paper_id: paperId, topic_id: t.topicId, score: t.score }))),
  );
  return outcome;
}

/** One paper_version row per arXiv version a write brings (the first seen of a paper included). */
async function recordVersions(
  tx: Tx,
  versions: { paperId: number; record: PaperRecord; changed: { titleChanged: boolean; abstractChanged: boolean } }[],
): Promise<void> {
  const rows = versions.flatMap(({ paperId, record, changed }) =>
    record.arxivVersion === undefined
      ? []
      : [
          {
            paper_id: paperId,
            version: record.arxivVersion,
            source_date: (record.sourceUpdatedAt ?? record.publishedAt)?.toISOString() ?? null,
            title_changed: changed.titleChanged,
            abstract_changed: changed.abstractChanged,
          },
        ],
  );
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO paper_version (paper_id, version, source_date, seen_at, title_changed, abstract_changed)
     SELECT paper_id, version, source_date, $2::timestamp(3), title_changed, abstract_changed
     FROM jsonb_to_recordset($1::jsonb)
       AS x(paper_id int, version int, source_date timestamp(3), title_changed boolean, abstract_changed boolean)
     ON CONFLICT (paper_id, version) DO NOTHING`,
    JSON.stringify(rows),
    new Date().toISOString(),
  );
}

/**
 * Organization ids by name for these records: new ones are created, known ones take the latest
 * display name and avatar the source gave (one statement).
 */
async function ensureOrganizations(tx: Tx, records: PaperRecord[]): Promise<Map<string, number>> {
  const byName = new Map(records.flatMap((r) => (r.organization ? [[r.organization.name, r.organization] as const] : [])));
  if (byName.size === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ id: number; name: string }[]>(
    `INSERT INTO organization (name, display_name, avatar_url, created_at)
     SELECT name, display_name, avatar_url, $2::timestamp(3)
     FROM jsonb_to_recordset($1::jsonb) AS x(name text, display_name text, avatar_url text)
     ON CONFLICT (name) DO UPDATE SET display_name = coalesce(EXCLUDED.display_name, organization.display_name),
       avatar_url = coalesce(EXCLUDED.avatar_url, organization.avatar_url)
     RETURNING id, name`,
    JSON.stringify(
      [...byName.values()].map((o) => ({ name: o.name, display_name: o.displayName ?? null, avatar_url: o.avatarUrl ?? null })),
    ),
    new Date().toISOString(),
  );
  return new Map(rows.map((r) => [r.name, Number(r.id)]));
}

/** Author ids by key for everyone on these records, creating the authors that are new. */
async function ensureAuthors(tx: Tx, records: PaperRecord[]): Promise<Map<string, number>> {
  const byKey = new Map<string, string>();
  for (const r of records) {
    for (const a of r.authors) {
      const k = authorKey(a.name);
      if (k && !byKey.has(k)) byKey.set(k, a.name);
    }
  }
  if (byKey.size === 0) return new Map();
  const select = (keys: string[]) =>
    tx.$queryRawUnsafe<{ id: number; key: string }[]>(
      `SELECT id, key FROM author WHERE key IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      JSON.stringify(keys),
    );
  const ids = new Map((await select([...byKey.keys()])).map((r) => [r.key, Number(r.id)]));
  const missing = [...byKey].filter(([key]) => !ids.has(key));
  if (missing.length === 0) return ids;
  const inserted = await tx.$queryRawUnsafe<{ id: number; key: string }[]>(
    `INSERT INTO author (key, name, created_at)
     SELECT key, name, $2::timestamp(3) FROM jsonb_to_recordset($1::jsonb) AS x(key text, name text)
     ON CONFLICT (key) DO NOTHING RETURNING id, key`,
    JSON.stringify(missing.map(([key, name]) => ({ key, name }))),
    new Date().toISOString(),
  );
  for (const r of inserted) ids.set(r.key, Number(r.id));
  // Authors another writer created meanwhile (outside ingestion's clock lock) are read back.
  const raced = missing.map(([key]) => key).filter((key) => !ids.has(key));
  if (raced.length > 0) for (const r of await select(raced)) ids.set(r.key, Number(r.id));
  return ids;
}

async function replaceAuthors(
  tx: Tx,
  clearIds: number[],
  papers: { paperId: number; record: PaperRecord }[],
  authorIds: Map<string, number>,
): Promise<void> {
  if (clearIds.length > 0) {
    await tx.$executeRawUnsafe(
      `DELETE FROM paper_author WHERE paper_id IN (SELECT jsonb_array_elements_text($1::jsonb)::int)`,
      JSON.stringify(clearIds),
    );
  }
  // Every author as the paper wrote them, in order: two co-authors whose names fold alike (two
  // "Wei Zhang"s) are two rows sharing one Author, and each row keeps this paper's own spelling.
  const rows = papers.flatMap(({ paperId, record }) =>
    record.authors.flatMap((a, position) => {
      const authorId = authorIds.get(authorKey(a.name));
      // A name that folds to nothing (punctuation only) names no one.
      if (authorId === undefined) return [];
      return [{ paper_id: paperId, author_id: authorId, position, affiliation: a.affiliation ?? null, name: a.name }];
    }),
  );
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO paper_author (paper_id, author_id, position, affiliation, name)
     SELECT paper_id, author_id, position, affiliation, name
     FROM jsonb_to_recordset($1::jsonb) AS x(paper_id int, author_id int, position int, affiliation text, name text)`,
    JSON.stringify(rows),
  );
}

/**
 * Replace the tagger's topics of `clearIds` and add `rows`. A curator's tag is never touched: it is
 * not deleted, and a tagger row for the same topic yields to it (ON CONFLICT DO NOTHING).
 */
export async function replaceTaggerTopics(
  tx: Pick<Tx, "$executeRawUnsafe">,
  clearIds: number[],
  rows: { paper_id: number; topic_id: number; score: number }[],
): Promise<void> {
  if (clearIds.length > 0) {
    await tx.$executeRawUnsafe(
      `DELETE FROM paper_topic WHERE source = 'TAGGER' AND paper_id IN (SELECT jsonb_array_elements_text($1::jsonb)::int)`,
      JSON.stringify(clearIds),
    );
  }
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO paper_topic (paper_id, topic_id, score, source, created_at)
     SELECT paper_id, topic_id, score, 'TAGGER', $2::timestamp(3)
     FROM jsonb_to_recordset($1::jsonb) AS x(paper_id int, topic_id int, score float8)
     ON CONFLICT (paper_id, topic_id) DO NOTHING`,
    JSON.stringify(rows),
    new Date().toISOString(),
  );
}
