// Related papers computed cold (no cache), one paper at a time, for the 100 first papers with 20 or
// more comments of the corpus database (the papers workload b rotates over): the database work a
// paper page pays the first time it is opened. Prints wall-time percentiles in ms.
//
//   npx tsx bench/related.ts   (BENCH_DATABASE_URL as for npm run bench)
import { fromPostgres } from "../src/db.ts";
import { relatedPapers } from "../src/discovery/related.ts";
import { corpusDatabase } from "./corpus.ts";
import { percentile } from "./report.ts";

const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const db = fromPostgres(await corpusDatabase(ADMIN, () => {}), 1);
try {
  const papers = await db.prisma.paper.findMany({
    where: { commentCount: { gte: 20 }, arxivId: { not: null } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 100,
  });
  const ms: number[] = [];
  for (const { id } of papers) {
    const started = performance.now();
    await relatedPapers(db.prisma, [id], 6);
    ms.push(performance.now() - started);
  }
  const at = (p: number) => percentile(ms, p).toFixed(1);
  console.log(`related papers, cold, ${ms.length} papers: p50 ${at(50)} ms, p90 ${at(90)} ms, max ${at(100)} ms`);
} finally {
  await db.close();
}
