// The benchmark database: PostgreSQL with the 60k arXiv corpus ingested by `npm run ingest`, plus
// comments and upvotes from bench users (the paper page shows 20 comments). Built once and kept
// (BENCH_CORPUS_DB, default paperboy_bench_corpus): later runs reuse it when it holds the whole
// corpus, after applying any migration added since. Delete it (DROP DATABASE) to rebuild.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";

import { seedDatabase } from "../seed/seed.ts";
import { hashToken } from "../src/auth/tokens.ts";
import { fromPostgres } from "../src/db.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const CORPUS = path.resolve(process.env.BENCH_CORPUS ?? path.join(root, "..", "shared", "data", "arxiv-daily-60k.jsonl.gz"));
const CORPUS_PAPERS = 60_000;
export const BENCH_USERS = 50;
/** The body of the comments the mutation mix (workload d) adds; they are deleted at the next run's start. */
export const BENCH_COMMENT = "Benchmark comment";

/** Papers given 20 comments each (the paper page benchmark picks among them). */
const COMMENTED_PAPERS = 500;

export function databaseUrl(admin: string, name: string): string {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** The corpus database's URL, built if needed. `log` reports progress. */
export async function corpusDatabase(admin: string, log: (line: string) => void): Promise<string> {
  const name = process.env.BENCH_CORPUS_DB ?? "paperboy_bench_corpus";
  const url = databaseUrl(admin, name);
  const exists = (await sql(admin, `SELECT 1 FROM pg_database WHERE datname = '${name}'`)).rowCount === 1;
  if (exists) {
    const papers = await sql(url, "SELECT count(*)::int AS n FROM paper").then(
      (r) => r.rows[0].n as number,
      () => 0,
    );
    const comments = await sql(url, "SELECT count(*)::int AS n FROM comment").then(
      (r) => r.rows[0].n as number,
      () => 0,
    );
    if (papers >= CORPUS_PAPERS && comments >= COMMENTED_PAPERS * 20) {
      const db = fromPostgres(url, 1);
      await migrateToLatest(db).finally(() => db.close());
      await dropBenchComments(url);
      await vacuum(url);
      return url;
    }
    log(`${name} is incomplete (${papers} papers, ${comments} comments): rebuilding`);
    await sql(admin, `DROP DATABASE ${name} WITH (FORCE)`);
  }
  await sql(admin, `CREATE DATABASE ${name}`);
  const db = fromPostgres(url, 4);
  try {
    await migrateToLatest(db);
    log(await seedDatabase(db, { demoUsers: true }));
    log(`npm run ingest -- ${CORPUS}`);
    const cli = spawnSync("npm", ["run", "-s", "ingest", "--", CORPUS], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
    });
    log(cli.stdout.trim());
    // 2: some records were rejected (the corpus has one without a title); anything else is a failure.
    if (cli.status !== 0 && cli.status !== 2) throw new Error(`npm run ingest failed (${cli.status}): ${cli.stderr}`);
    // Bench users, and 20 comments and a few upvotes on each of the most recent commented papers.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO app_user (handle, handle_key, email, name, password_hash, role)
      SELECT 'bench' || g, 'bench' || g, 'bench' || g || '@paperboy.local', 'Bench User ' || g, 'x', 'READER'
      FROM generate_series(1, ${BENCH_USERS}) g ON CONFLICT DO NOTHING`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO comment (paper_id, author_id, body, created_at, updated_at)
      SELECT p.id, u.id, 'Comment ' || c || ' on paper ' || p.id || ': the ablation in section ' || c || ' is convincing.',
        now() - (c || ' minutes')::interval, now()
      FROM (SELECT id FROM paper ORDER BY ingest_seq DESC LIMIT ${COMMENTED_PAPERS}) p
      CROSS JOIN generate_series(1, 20) c
      JOIN app_user u ON u.handle_key = 'bench' || (1 + (c % ${BENCH_USERS}))`);
    await db.prisma.$executeRawUnsafe(`
      UPDATE paper SET comment_count = (SELECT count(*) FROM comment WHERE comment.paper_id = paper.id)
      WHERE id IN (SELECT paper_id FROM comment)`);
  } finally {
    await db.close();
  }
  await vacuum(url);
  return url;
}

/**
 * The comments earlier runs' mutation mix added, deleted and the papers' counts restored: each run
 * adds about 2,800, and the paper pages (b, b2) of later runs read ever longer threads (17,931
 * comments grew to 68,934 over one day of runs), so runs were no longer measured on the same data.
 */
async function dropBenchComments(url: string): Promise<void> {
  const deleted = await sql(url, `DELETE FROM comment WHERE body = '${BENCH_COMMENT}' RETURNING paper_id`);
  if (deleted.rowCount === 0) return;
  const ids = [...new Set(deleted.rows.map((r: { paper_id: number }) => r.paper_id))];
  await sql(
    url,
    `UPDATE paper SET comment_count = (SELECT count(*) FROM comment WHERE comment.paper_id = paper.id) WHERE id IN (${ids.join(",")})`,
  );
}

/**
 * Every run starts from a vacuumed, analyzed database, as a maintained one would be: the mutation
 * workloads of earlier runs leave dead paper rows (14,122 after a dozen runs) that autovacuum had
 * not reached, so index-only scans read the heap and dead rows were read past. Quick when nothing
 * changed since the last vacuum.
 */
async function vacuum(url: string): Promise<void> {
  await sql(url, "VACUUM (ANALYZE)");
}

/** API tokens for the bench users (idempotent). */
export async function benchTokens(client: pg.Client): Promise<string[]> {
  await client.query(`DELETE FROM api_token WHERE name = 'bench'`);
  const tokens: string[] = [];
  for (let n = 1; n <= BENCH_USERS; n++) {
    const secret = `pb_bench_${n}_${"x".repeat(20)}`;
    await client.query(
      `INSERT INTO api_token (user_id, kind, name, token_hash, prefix)
       SELECT id, 'API', 'bench', $1, 'pb_bench' FROM app_user WHERE handle_key = $2`,
      [hashToken(secret), `bench${n}`],
    );
    tokens.push(secret);
  }
  return tokens;
}
