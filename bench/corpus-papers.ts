// The 60k corpus read straight from its file (no database), with each paper's ISO week: for the
// recommendation benchmark and evaluation, which need whole weeks of papers.
import { createReadStream } from "node:fs";
import readline from "node:readline";
import { createGunzip } from "node:zlib";

import { weekOf } from "../src/discovery/periods.ts";
import type { PaperText } from "../src/discovery/recommend-model.ts";
import type { PaperRecord } from "../src/ingest/record.ts";
import { CORPUS } from "./corpus.ts";

export interface CorpusPaper extends PaperText {
  arxivId: string;
  /** Listing day, YYYY-MM-DD. */
  day: string;
  /** ISO week, "2025-W22". */
  week: string;
  authors: string[];
}

/** Every paper with a title and an abstract, ids 1.. in file order. */
export async function readCorpus(file = CORPUS): Promise<CorpusPaper[]> {
  const out: CorpusPaper[] = [];
  const lines = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { date: string; id: string; title?: string; summary?: string; categories?: string[]; authors?: string[] };
    if (!r.title || !r.summary) continue;
    out.push({
      id: out.length + 1,
      arxivId: r.id,
      day: r.date,
      week: weekOf(new Date(`${r.date}T00:00:00Z`)).label,
      title: r.title,
      abstract: r.summary,
      keywords: [],
      categories: r.categories ?? [],
      authors: r.authors ?? [],
    });
  }
  return out;
}

export function byWeek(papers: CorpusPaper[]): Map<string, CorpusPaper[]> {
  const weeks = new Map<string, CorpusPaper[]>();
  for (const p of papers) {
    const list = weeks.get(p.week);
    if (list) list.push(p);
    else weeks.set(p.week, [p]);
  }
  return weeks;
}

/** A corpus paper as the ingest pipeline takes it. */
export function toRecord(p: CorpusPaper): PaperRecord {
  return {
    arxivId: p.arxivId,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.slice(0, 50).map((name) => ({ name })),
    categories: [...p.categories],
    listedOn: p.day,
  };
}
