// Synthetic papers for tests that need volume, written through the real ingestion path.
import { encodeGlobalID } from "@pothos/plugin-relay";

import type { App } from "../../src/app.ts";
import { ingest, type IngestResult } from "../../src/ingest/pipeline.ts";
import type { PaperRecord, ParsedItem } from "../../src/ingest/record.ts";

/** A valid paper; `i` (0..89999) makes its arXiv id and title unique. */
export function syntheticPaper(i: number, overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    arxivId: `2601.${String(10000 + i).padStart(5, "0")}`,
    arxivVersion: 1,
    title: `Synthetic study ${i} of clustering with graph neural networks`,
    abstract: `We study clustering on attributed graphs (instance ${i}) with a graph neural network and kernel methods.`,
    authors: [{ name: `Author ${i} A` }, { name: `Author ${i % 7} B` }, { name: "Shared Coauthor" }],
    categories: ["cs.LG", "stat.ML"],
    listedOn: "2026-01-15",
    ...overrides,
  };
}

/** Records as the pipeline reads them from a source. */
export async function* recordItems(records: PaperRecord[]): AsyncGenerator<ParsedItem> {
  for (const [i, record] of records.entries()) yield { location: `test:${i + 1}`, record };
}

/**
 * Ingest records through the pipeline, publishing to the app's subscribers like the server does.
 * Throws if any record is rejected: a test that meant to ingest it would otherwise wait in vain.
 */
export async function ingestRecords(app: App, records: PaperRecord[], source = "test"): Promise<IngestResult> {
  const result = await ingest(app.db, { items: () => recordItems(records) }, { source, listedOn: "2026-01-15" }, app.onIngestCommit);
  if (result.rejected > 0) throw new Error(`test records rejected: ${JSON.stringify(result.errors)}`);
  return result;
}

/** The global id of the first paper of the seeded database. */
export async function seededPaperId(app: App): Promise<string> {
  const paper = await app.db.prisma.paper.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
  return encodeGlobalID("Paper", paper.id);
}
