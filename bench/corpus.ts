// The benchmark database: PostgreSQL with the 60k arXiv corpus ingested through the ingestion
// pipeline, plus comments and upvotes from bench users (the paper page shows 20 comments). Built
// once and kept (BENCH_CORPUS_DB, default paperboy_bench_corpus): later runs reuse it when it
// holds the whole corpus. Delete it (DROP DATABASE) to rebuild.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { fromPostgres } from "../src/db.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import type { ParsedItem } from "../src/ingest/record.ts";
import { seedDatabase } from "../seed/seed.ts";

export const CORPUS = process.env.BENCH_CORPUS ?? new URL("../../shared/data/arxiv-daily-60k.jsonl.gz", import.meta.url).pathname;
const CORPUS_PAPERS = 60_000;
export const BENCH_USERS = 50;
/** Papers given 20 comments each (the paper page benchmark picks among them). */
export const COMMENTED_PAPERS = 500;

export function databaseUrl(admin: string, name: string): string {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

interface CorpusLine {
  date: string;
  id: string;
  pdf?: string;
  abs?: string;
  authors: string[];
  title: string;
  categories: string[];
  comment?: string | null;
  summary: string;
}

async function* corpusItems(file: string): AsyncGenerator<ParsedItem> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (!line.trim()) continue;
    const r = JSON.parse(line) as CorpusLine;
    yield {
      location: `${file}:${n}`,
      record: {
        arxivId: r.id,
        title: r.title,
        abstract: r.summary,
        authors: r.authors.map((name) => ({ name })),
        categories: r.categories,
        listedOn: r.date,
        absUrl: r.abs,
        pdfUrl: r.pdf,
        comment: r.comment ?? undefined,
      },
    };
  }
}

/** The corpus database's URL, built if needed. `log` reports progress. */
export async function corpusDatabase(admin: string, log: (line: string) => void): Promise<string> {
  const name = process.env.BENCH_CORPUS_DB ?? "paperboy_bench_corpus";
  const url = databaseUrl(admin, name);
  const exists = (await sql(admin, `SELECT 1 FROM pg_database WHERE datname = '${name}'`)).rowCount === 1;
  if (exists) {
    const papers = await sql(url, "SELECT count(*)::int AS n FROM paper").then((r) => r.rows[0].n as number, () => 0);
    const comments = await sql(url, "SELECT count(*)::int AS n FROM comment").then((r) => r.rows[0].n as number, () => 0);
    if (papers >= CORPUS_PAPERS && comments >= COMMENTED_PAPERS * 20) return url;
    log(`${name} is incomplete (${papers} papers, ${comments} comments): rebuilding`);
    await sql(admin, `DROP DATABASE ${name} WITH (FORCE)`);
  }
  await sql(admin, `CREATE DATABASE ${name}`);
  const db = fromPostgres(url, 4);
  try {
    await migrateToLatest(db);
    log(await seedDatabase(db, { demoUsers: true }));
    const started = performance.now();
    const result = await ingest(db, corpusItems(CORPUS), {
      source: "bench:corpus",
      onProgress: (c) => {
        if ((c.created + c.updated + c.unchanged) % 10_000 < 500) log(`  ingested ${c.created + c.updated + c.unchanged}`);
      },
    });
    log(`corpus: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // Bench users, and 20 comments and a few upvotes on each of the most recent commented papers.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO app_user (handle, handle_key, email, name, password_hash, role)
      SELECT 'bench' || g, 'bench' || g, 'bench' || g || '@paperboy.local', 'Bench User ' || g, 'x', 'READER'
      FROM generate_series(1, ${BENCH_USERS}) g ON CONFLICT DO NOTHING`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO comment (paper_id, author_id, body, created_at, updated_at)
      SELECT p.id, u.id, 'Comment ' || c || ' on paper ' || p.id || ': the ablation in section ' || c || ' is convincing.', now() - (c || ' minutes')::interval, now()
      FROM (SELECT id FROM paper ORDER BY ingest_seq DESC LIMIT ${COMMENTED_PAPERS}) p
      CROSS JOIN generate_series(1, 20) c
      JOIN app_user u ON u.handle_key = 'bench' || (1 + (c % ${BENCH_USERS}))`);
    await db.prisma.$executeRawUnsafe(`
      UPDATE paper SET comment_count = (SELECT count(*) FROM comment WHERE comment.paper_id = paper.id)
      WHERE id IN (SELECT paper_id FROM comment)`);
    await db.prisma.$executeRawUnsafe("ANALYZE");
    return url;
  } finally {
    await db.close();
  }
}
