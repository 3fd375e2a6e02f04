// `npm run eval:recommend`: offline quality of recommendations on the 60k arXiv corpus, through the
// ranking code the API uses (src/discovery/recommend-model.ts) and, for the Paper.related baseline,
// the real related-papers SQL on an in-memory PGlite holding the two weeks of each simulated user.
//
// A simulated user upvoted 20 papers of one arXiv category in one ISO week and gets 20
// recommendations from the following week; precision@20 = share of them listed in that category
// (any of a paper's categories). Ceiling = min(1, the category's papers that week / 20). Trending on
// this vote-less corpus is the base rate: the share of the following week's papers in the category.
// Fixed seed: the same weeks and papers every run. EVAL_WEEKS: simulated weeks per category (3).
import { PGlite } from "@electric-sql/pglite";

import { type Database, fromPGlite } from "../src/db.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { weekOf } from "../src/discovery/periods.ts";
import { DEFAULT_MODEL, type ModelOptions, rankForProfile, TermSpace } from "../src/discovery/recommend-model.ts";
import { relatedPapers } from "../src/discovery/related.ts";
import { CORPUS } from "./corpus.ts";
import { byWeek as groupByWeek, type CorpusPaper, readCorpus } from "./corpus-papers.ts";

const WEEKS_PER_CATEGORY = Number(process.env.EVAL_WEEKS ?? 3);
const PROFILE = 20;
const K = 20;

/** mulberry32: a small seeded generator, so every run simulates the same users. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: T[], n: number, rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

const precision = (ids: number[], inCat: (id: number) => boolean) => ids.filter(inCat).length / K;

/**
 * The two weeks' papers, in one statement: the columns related-papers reads (the trigger fills the
 * search vectors). The database has no topics, so the ingest pipeline's tagging would add nothing.
 */
async function loadWeeks(db: Database, papers: CorpusPaper[]): Promise<Map<number, number>> {
  await db.prisma.$executeRawUnsafe("TRUNCATE paper CASCADE");
  const rows = await db.prisma.$queryRaw<{ id: number; arxiv_id: string }[]>`
    INSERT INTO paper (arxiv_id, title_key, title, abstract, content_hash, categories, listed_on, ingest_seq, updated_at)
    SELECT a, lower(t), t, ab, a, string_to_array(c, ' '), d::date, n, now()
    FROM unnest(${papers.map((p) => p.arxivId)}::text[], ${papers.map((p) => p.title)}::text[], ${papers.map((p) => p.abstract)}::text[],
      ${papers.map((p) => p.categories.join(" "))}::text[], ${papers.map((p) => p.day)}::text[], ${papers.map((_, i) => i + 1)}::int8[])
      AS x(a, t, ab, c, d, n)
    RETURNING id, arxiv_id`;
  const byArxiv = new Map(papers.map((p) => [p.arxivId, p.id]));
  return new Map(rows.map((r) => [r.id, byArxiv.get(r.arxiv_id)!]));
}

/** Paper.related of the profile, merged: a following-week paper scores the sum of its related scores. */
async function relatedBaseline(
  db: Database,
  dbId: Map<number, number>,
  corpusId: Map<number, number>,
  profile: CorpusPaper[],
  next: Set<number>,
): Promise<number[]> {
  const lists = await relatedPapers(
    db.prisma,
    profile.map((p) => dbId.get(p.id)!),
    50,
  );
  const sum = new Map<number, number>();
  for (const list of lists.values()) {
    for (const r of list) {
      const id = corpusId.get(r.id);
      if (id !== undefined && next.has(id)) sum.set(id, (sum.get(id) ?? 0) + r.score);
    }
  }
  return [...sum.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, K)
    .map(([id]) => id);
}

interface Row {
  category: string;
  users: number;
  ceiling: number;
  base: number;
  related: number;
  ours: number;
  variants: Record<string, number>;
}

const VARIANTS: Record<string, ModelOptions> = {
  "centroid (text only)": { ...DEFAULT_MODEL, learner: "CENTROID", categoryWeight: 0 },
  centroid: { ...DEFAULT_MODEL, learner: "CENTROID" },
  "logistic regression": { ...DEFAULT_MODEL, learner: "LOGISTIC" },
  "rocchio (text only)": { ...DEFAULT_MODEL, categoryWeight: 0 },
  "logistic regression (text only)": { ...DEFAULT_MODEL, learner: "LOGISTIC", categoryWeight: 0 },
  "rocchio, category weight 1": { ...DEFAULT_MODEL, categoryWeight: 1 },
};

async function main(): Promise<void> {
  const started = performance.now();
  const papers = await readCorpus();
  const byWeek = groupByWeek(papers);
  const catCount = new Map<string, number>();
  for (const p of papers) for (const c of p.categories) catCount.set(c, (catCount.get(c) ?? 0) + 1);
  const top = [...catCount.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([c]) => c);
  const weeks = [...byWeek.keys()].sort();
  // Pairs of consecutive weeks with a full following week (the corpus's first and last are partial).
  const pairs = weeks
    .slice(1, -2)
    .map((w, i) => [w, weeks[i + 2]!] as const)
    .filter(([w, n]) => weekOf(new Date(Date.parse(`${byWeek.get(w)![0]!.day}T00:00:00Z`) + 7 * 86_400_000)).label === n);
  const rand = rng(14);
  // Each category's users come from the first WEEKS_PER_CATEGORY pairs, in one seeded order, whose
  // first week lists at least 20 papers of it; the pairs are shared, so few databases are loaded.
  const order = sample(pairs, pairs.length, rand);
  const usersOf = new Map<string, string[]>();
  for (const cat of top) {
    const eligible = order.filter(([w]) => byWeek.get(w)!.filter((p) => p.categories.includes(cat)).length >= PROFILE);
    for (const [w] of eligible.slice(0, WEEKS_PER_CATEGORY)) usersOf.set(w, [...(usersOf.get(w) ?? []), cat]);
  }
  const chosen = pairs.filter(([w]) => usersOf.has(w));

  const db = await fromPGlite(await PGlite.create());
  await migrateToLatest(db);
  const acc = new Map<
    string,
    { n: number; ceiling: number; base: number; related: number; ours: number; variants: Record<string, number> }
  >();
  for (const [week, nextWeek] of chosen) {
    const now = byWeek.get(week)!;
    const next = byWeek.get(nextWeek)!;
    const both = [...now, ...next];
    const corpusId = await loadWeeks(db, both);
    const dbId = new Map([...corpusId].map(([db, corpus]) => [corpus, db]));
    const nextIds = next.map((p) => p.id);
    const nextSet = new Set(nextIds);
    const byId = new Map(both.map((p) => [p.id, p]));
    const space = new TermSpace(next);
    const spaces = Object.fromEntries(Object.entries(VARIANTS).map(([name, m]) => [name, new TermSpace(next, m)]));
    for (const cat of usersOf.get(week)!) {
      const inCat = (id: number) => byId.get(id)!.categories.includes(cat);
      const pool = now.filter((p) => p.categories.includes(cat));
      const profile = sample(pool, PROFILE, rand);
      const catNext = next.filter((p) => p.categories.includes(cat)).length;
      const ours = rankForProfile(space, profile, nextIds, { limit: K, explain: 0 }).map((r) => r.id);
      const variants = Object.fromEntries(
        Object.entries(VARIANTS).map(([name, model]) => [
          name,
          precision(
            rankForProfile(spaces[name]!, profile, nextIds, { limit: K, explain: 0, model }).map((r) => r.id),
            inCat,
          ),
        ]),
      );
      const related = await relatedBaseline(db, dbId, corpusId, profile, nextSet);
      const a = acc.get(cat) ?? { n: 0, ceiling: 0, base: 0, related: 0, ours: 0, variants: {} };
      a.n++;
      a.ceiling += Math.min(1, catNext / K);
      a.base += catNext / next.length;
      a.related += precision(related, inCat);
      a.ours += precision(ours, inCat);
      for (const [k, v] of Object.entries(variants)) a.variants[k] = (a.variants[k] ?? 0) + v;
      acc.set(cat, a);
    }
    process.stderr.write(`${week} -> ${nextWeek}: ${next.length} papers\n`);
  }
  await db.close();

  const table: Row[] = top.flatMap((category) => {
    const a = acc.get(category);
    if (!a) return [];
    const v = Object.fromEntries(Object.entries(a.variants).map(([k, x]) => [k, x / a.n]));
    return [
      { category, users: a.n, ceiling: a.ceiling / a.n, base: a.base / a.n, related: a.related / a.n, ours: a.ours / a.n, variants: v },
    ];
  });
  const mean = (f: (r: Row) => number) => table.reduce((s, r) => s + f(r), 0) / table.length;
  const f2 = (x: number) => x.toFixed(2);
  const lines = [
    `precision@${K}, up to ${WEEKS_PER_CATEGORY} simulated weeks per category among ${chosen.map(([w]) => w).join(", ")}, ` +
      `${PROFILE} upvotes each; seed 14`,
    "",
    "| category | users | ceiling | trending (base rate) | Paper.related | recommended |",
    "|---|---:|---:|---:|---:|---:|",
    ...table.map((r) => `| ${r.category} | ${r.users} | ${f2(r.ceiling)} | ${f2(r.base)} | ${f2(r.related)} | ${f2(r.ours)} |`),
    `| **mean** | | ${f2(mean((r) => r.ceiling))} | ${f2(mean((r) => r.base))} | ${f2(mean((r) => r.related))} ` +
      `| **${f2(mean((r) => r.ours))}** |`,
    "",
    `recommended = ${DEFAULT_MODEL.learner.toLowerCase()}, category weight ${DEFAULT_MODEL.categoryWeight}, ` +
      `negative weight ${DEFAULT_MODEL.negativeWeight}; ` +
      `${f2(mean((r) => r.ours) / mean((r) => r.base))}x trending. Other learners on the same users (mean precision@${K}):`,
    "",
    "| learner | mean |",
    "|---|---:|",
    ...Object.keys(VARIANTS).map((k) => `| ${k} | ${f2(mean((r) => r.variants[k] ?? 0))} |`),
    "",
    `(${((performance.now() - started) / 1000).toFixed(0)} s, corpus ${CORPUS})`,
  ];
  console.log(lines.join("\n"));
}

await main();
