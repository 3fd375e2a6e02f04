// Re-tag every paper with the current taxonomy (after topics, keywords or categories changed).
// The tagger's own tags are replaced where they differ; a curator's tags are never touched. Each
// paper whose topics changed is published as updated once its chunk commits (paperUpdated).
import type { Database } from "../db.ts";
import type { CommitListener } from "../live/events.ts";
import { loadTagger } from "./pipeline.ts";
import { lockIngestClock, replaceTaggerTopics } from "./writer.ts";

export interface RetagProgress {
  papers: number;
  changed: number;
  total: number;
}

export interface RetagResult extends RetagProgress {
  elapsedMs: number;
}

interface Row {
  id: number;
  title: string;
  abstract: string;
  categories: string[];
  primaryCategory: string | null;
}

export async function retagAll(
  db: Database,
  opts: { chunkSize?: number; onProgress?: (p: RetagProgress) => void; onCommit?: CommitListener } = {},
): Promise<RetagResult> {
  const started = performance.now();
  const tagger = await loadTagger(db);
  const chunkSize = opts.chunkSize ?? 1000;
  const progress: RetagProgress = { papers: 0, changed: 0, total: await db.prisma.paper.count() };
  let after = 0;
  for (;;) {
    const papers: Row[] = await db.prisma.paper.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: chunkSize,
      select: { id: true, title: true, abstract: true, categories: true, primaryCategory: true },
    });
    if (papers.length === 0) break;
    after = papers[papers.length - 1]!.id;
    const changed = await db.prisma.$transaction(
      async (tx) => {
        // Take turns with ingestion chunks (see writer.ts), so a paper is never tagged by both at once.
        await lockIngestClock(tx);
        const current = await tx.paperTopic.findMany({
          where: { paperId: { in: papers.map((p) => p.id) } },
          select: { paperId: true, topicId: true, score: true, source: true },
        });
        const before = new Map<number, string[]>();
        // A topic a curator set stays the curator's: the tagger neither adds nor compares it.
        const curated = new Set<string>();
        for (const t of current) {
          if (t.source === "CURATOR") curated.add(`${t.paperId}:${t.topicId}`);
          else before.set(t.paperId, [...(before.get(t.paperId) ?? []), `${t.topicId}:${t.score}`]);
        }
        const changed: number[] = [];
        const rows: { paper_id: number; topic_id: number; score: number }[] = [];
        for (const p of papers) {
          const tags = tagger.tag(p).filter((t) => !curated.has(`${p.id}:${t.topicId}`));
          const now = tags
            .map((t) => `${t.topicId}:${t.score}`)
            .sort()
            .join();
          if (now === (before.get(p.id) ?? []).sort().join()) continue;
          changed.push(p.id);
          for (const t of tags) rows.push({ paper_id: p.id, topic_id: t.topicId, score: t.score });
        }
        await replaceTaggerTopics(tx, changed, rows);
        return changed;
      },
      { timeout: 120_000, maxWait: 120_000 },
    );
    if (changed.length > 0) await opts.onCommit?.({ created: [], updated: changed.map((id) => ({ id })) });
    progress.changed += changed.length;
    progress.papers += papers.length;
    opts.onProgress?.({ ...progress });
  }
  return { ...progress, elapsedMs: performance.now() - started };
}
