// Writes one chunk of cleaned records inside the caller's transaction, with a constant number of
// statements per chunk for new papers (lookup, clock, insert papers, authors, joins, topics).
//
// Identity: a record with an arXiv id matches the paper with that id, else a paper without an id
// and the same folded title (so a paper first known by title gets its id when arXiv brings it).
// A record without an id matches any paper with the same folded title.
//
// Merge: the incoming record wins for what it carries; what it lacks (authors, categories, links)
// is kept. An older arXiv version changes nothing. "Unchanged" means the merged paper hashes the
// same as the stored one.
import type { Prisma } from "../generated/prisma/client.ts";
import { authorKey, foldKey } from "./normalize.ts";
import { contentHashOf, identityOf, type AuthorRecord, type PaperRecord } from "./record.ts";
import type { Tagger } from "./tagger.ts";

type Tx = Prisma.TransactionClient;

export interface WriteContext {
  tagger: Tagger;
  /** YYYY-MM-DD for records that carry no listing day and no published date. */
  defaultListedOn: string;
  submittedById?: number;
}

export interface ChangedPaper {
  id: number;
  identity: string;
}

export interface CreatedPaper extends ChangedPaper {
  ingestSeq: bigint;
}

export interface WriteOutcome {
  created: CreatedPaper[];
  updated: ChangedPaper[];
  unchanged: ChangedPaper[];
}

interface Existing {
  id: number;
  arxivId: string | null;
  titleKey: string;
  record: PaperRecord;
  contentHash: string;
}

const existingSelect = {
  id: true,
  arxivId: true,
  arxivVersion: true,
  titleKey: true,
  title: true,
  abstract: true,
  categories: true,
  primaryCategory: true,
  publishedAt: true,
  sourceUpdatedAt: true,
  absUrl: true,
  pdfUrl: true,
  codeUrl: true,
  projectUrl: true,
  comment: true,
  journalRef: true,
  doi: true,
  sourceUpvotes: true,
  contentHash: true,
  authors: { orderBy: { position: "asc" }, select: { affiliation: true, author: { select: { name: true } } } },
} satisfies Prisma.PaperSelect;

type ExistingRow = Prisma.PaperGetPayload<{ select: typeof existingSelect }>;

function toRecord(p: ExistingRow): PaperRecord {
  return {
    arxivId: p.arxivId ?? undefined,
    arxivVersion: p.arxivVersion ?? undefined,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.map((a) => ({ name: a.author.name, affiliation: a.affiliation ?? undefined })),
    categories: p.categories,
    primaryCategory: p.primaryCategory ?? undefined,
    publishedAt: p.publishedAt ?? undefined,
    sourceUpdatedAt: p.sourceUpdatedAt ?? undefined,
    absUrl: p.absUrl ?? undefined,
    pdfUrl: p.pdfUrl ?? undefined,
    codeUrl: p.codeUrl ?? undefined,
    projectUrl: p.projectUrl ?? undefined,
    comment: p.comment ?? undefined,
    journalRef: p.journalRef ?? undefined,
    doi: p.doi ?? undefined,
    sourceUpvotes: p.sourceUpvotes || undefined,
  };
}

/** The paper after `incoming` is applied to `stored`; undefined when incoming is an older version. */
export function mergeRecords(stored: PaperRecord, incoming: PaperRecord): PaperRecord | undefined {
  if (stored.arxivVersion && incoming.arxivVersion && incoming.arxivVersion < stored.arxivVersion) return undefined;
  return {
    arxivId: incoming.arxivId ?? stored.arxivId,
    arxivVersion: incoming.arxivVersion ?? stored.arxivVersion,
    title: incoming.title,
    abstract: incoming.abstract || stored.abstract,
    authors: incoming.authors.length > 0 ? incoming.authors : stored.authors,
    categories: incoming.categories.length > 0 ? incoming.categories : stored.categories,
    primaryCategory: incoming.primaryCategory ?? stored.primaryCategory,
    publishedAt: incoming.publishedAt ?? stored.publishedAt,
    sourceUpdatedAt: incoming.sourceUpdatedAt ?? stored.sourceUpdatedAt,
    absUrl: incoming.absUrl ?? stored.absUrl,
    pdfUrl: incoming.pdfUrl ?? stored.pdfUrl,
    codeUrl: incoming.codeUrl ?? stored.codeUrl,
    projectUrl: incoming.projectUrl ?? stored.projectUrl,
    comment: incoming.comment ?? stored.comment,
    journalRef: incoming.journalRef ?? stored.journalRef,
    doi: incoming.doi ?? stored.doi,
    sourceUpvotes: incoming.sourceUpvotes ?? stored.sourceUpvotes,
  };
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function paperColumns(r: PaperRecord) {
  return {
    arxivId: r.arxivId ?? null,
    arxivVersion: r.arxivVersion ?? null,
    titleKey: foldKey(r.title),
    title: r.title,
    abstract: r.abstract,
    authorsText: r.authors.map((a) => a.name).join(", "),
    categories: r.categories,
    primaryCategory: r.primaryCategory ?? null,
    publishedAt: r.publishedAt ?? null,
    sourceUpdatedAt: r.sourceUpdatedAt ?? null,
    absUrl: r.absUrl ?? null,
    pdfUrl: r.pdfUrl ?? null,
    codeUrl: r.codeUrl ?? null,
    projectUrl: r.projectUrl ?? null,
    comment: r.comment ?? null,
    journalRef: r.journalRef ?? null,
    doi: r.doi ?? null,
    sourceUpvotes: r.sourceUpvotes ?? 0,
    contentHash: contentHashOf(r),
  };
}

/** Keep one record per identity: the highest arXiv version, else the first seen. */
export function dedupe(records: PaperRecord[]): PaperRecord[] {
  const byId = new Map<string, PaperRecord>();
  for (const r of records) {
    const key = identityOf(r);
    const prev = byId.get(key);
    if (!prev || (r.arxivVersion ?? 0) > (prev.arxivVersion ?? 0)) byId.set(key, r);
  }
  return [...byId.values()];
}

async function loadExisting(tx: Tx, records: PaperRecord[]): Promise<Existing[]> {
  const ids = records.flatMap((r) => (r.arxivId ? [r.arxivId] : []));
  const keys = records.map((r) => foldKey(r.title));
  const rows = await tx.paper.findMany({
    where: { OR: [{ arxivId: { in: ids } }, { titleKey: { in: keys } }] },
    select: existingSelect,
    orderBy: { id: "asc" },
  });
  return rows.map((p) => ({ id: p.id, arxivId: p.arxivId, titleKey: p.titleKey, contentHash: p.contentHash, record: toRecord(p) }));
}

function match(record: PaperRecord, existing: Existing[]): Existing | undefined {
  const key = foldKey(record.title);
  if (record.arxivId) {
    return existing.find((e) => e.arxivId === record.arxivId) ?? existing.find((e) => e.arxivId === null && e.titleKey === key);
  }
  return existing.find((e) => e.titleKey === key);
}

/** Author ids for the given names, creating the authors that are new. Two statements. */
async function authorIds(tx: Tx, authors: AuthorRecord[]): Promise<Map<string, number>> {
  const byKey = new Map<string, string>();
  for (const a of authors) {
    const k = authorKey(a.name);
    if (k && !byKey.has(k)) byKey.set(k, a.name);
  }
  if (byKey.size === 0) return new Map();
  await tx.author.createMany({ data: [...byKey].map(([key, name]) => ({ key, name })), skipDuplicates: true });
  const rows = await tx.author.findMany({ where: { key: { in: [...byKey.keys()] } }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function writeBatch(tx: Tx, input: PaperRecord[], ctx: WriteContext): Promise<WriteOutcome> {
  const records = dedupe(input);
  const existing = await loadExisting(tx, records);
  const claimed = new Set<number>();
  const toCreate: PaperRecord[] = [];
  const toUpdate: { id: number; record: PaperRecord; contentChanged: boolean; authorsChanged: boolean }[] = [];
  const outcome: WriteOutcome = { created: [], updated: [], unchanged: [] };

  for (const r of records) {
    const found = match(r, existing);
    if (!found || claimed.has(found.id)) {
      toCreate.push(r);
      continue;
    }
    claimed.add(found.id);
    const merged = mergeRecords(found.record, r);
    if (!merged || contentHashOf(merged) === found.contentHash) {
      outcome.unchanged.push({ id: found.id, identity: identityOf(r) });
      continue;
    }
    const s = found.record;
    toUpdate.push({
      id: found.id,
      record: merged,
      contentChanged: merged.title !== s.title || merged.abstract !== s.abstract || merged.categories.join() !== s.categories.join(),
      authorsChanged: JSON.stringify(merged.authors) !== JSON.stringify(s.authors),
    });
  }

  const withAuthors = [...toCreate, ...toUpdate.filter((u) => u.authorsChanged).map((u) => u.record)];
  const authorsByKey = await authorIds(tx, withAuthors.flatMap((r) => r.authors));

  if (toCreate.length > 0) {
    // Take the next ingest_seq values under the clock's row lock, held until commit: a transaction
    // that gets later values commits later, so seq order is commit order.
    const [clock] = await tx.$queryRaw<{ value: bigint }[]>`
      UPDATE ingest_clock SET value = value + ${toCreate.length} WHERE id = 1 RETURNING value`;
    if (!clock) throw new Error("ingest_clock has no row: the database was not migrated");
    const first = clock.value - BigInt(toCreate.length) + 1n;
    const rows = await tx.paper.createManyAndReturn({
      data: toCreate.map((r, i) => ({
        ...paperColumns(r),
        listedOn: new Date(`${r.listedOn ?? (r.publishedAt ? day(r.publishedAt) : ctx.defaultListedOn)}T00:00:00Z`),
        submittedById: ctx.submittedById ?? null,
        ingestSeq: first + BigInt(i),
      })),
      select: { id: true, ingestSeq: true },
    });
    rows.forEach((row, i) => outcome.created.push({ id: row.id, ingestSeq: row.ingestSeq, identity: identityOf(toCreate[i]!) }));
  }

  for (const u of toUpdate) {
    await tx.paper.update({ where: { id: u.id }, data: paperColumns(u.record) });
    outcome.updated.push({ id: u.id, identity: identityOf(u.record) });
  }

  const reauthored = toUpdate.filter((u) => u.authorsChanged).map((u) => u.id);
  if (reauthored.length > 0) await tx.paperAuthor.deleteMany({ where: { paperId: { in: reauthored } } });
  const authorRows = [
    ...outcome.created.map((c, i) => ({ paperId: c.id, record: toCreate[i]! })),
    ...toUpdate.filter((u) => u.authorsChanged).map((u) => ({ paperId: u.id, record: u.record })),
  ].flatMap(({ paperId, record }) => {
    const seen = new Set<number>();
    return record.authors.flatMap((a, position) => {
      const authorId = authorsByKey.get(authorKey(a.name));
      // The same person twice on one paper (a listing typo) is kept once, at the first position.
      if (authorId === undefined || seen.has(authorId)) return [];
      seen.add(authorId);
      return [{ paperId, authorId, position, affiliation: a.affiliation ?? null }];
    });
  });
  if (authorRows.length > 0) await tx.paperAuthor.createMany({ data: authorRows });

  // Topics: new papers, and updated papers whose text or categories changed. The tagger's old
  // tags are replaced; a curator's tags are never touched.
  const retag = [
    ...outcome.created.map((c, i) => ({ id: c.id, record: toCreate[i]! })),
    ...toUpdate.filter((u) => u.contentChanged).map((u) => ({ id: u.id, record: u.record })),
  ];
  const retagUpdated = toUpdate.filter((u) => u.contentChanged).map((u) => u.id);
  if (retagUpdated.length > 0) await tx.paperTopic.deleteMany({ where: { paperId: { in: retagUpdated }, source: "TAGGER" } });
  const topicRows = retag.flatMap(({ id, record }) =>
    ctx.tagger.tag(record).map((t) => ({ paperId: id, topicId: t.topicId, score: t.score, source: "TAGGER" as const })),
  );
  if (topicRows.length > 0) await tx.paperTopic.createMany({ data: topicRows, skipDuplicates: true });

  return outcome;
}
