// Synthetic papers for tests that need volume, written through the real ingestion path.
import type { App } from "../../src/app.ts";
import { ingest, type IngestResult } from "../../src/ingest/pipeline.ts";
import type { PaperRecord, ParsedItem } from "../../src/ingest/record.ts";

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

async function* items(records: PaperRecord[]): AsyncGenerator<ParsedItem> {
  for (const [i, record] of records.entries()) yield { location: `test:${i + 1}`, record };
}

/** Ingest records through the pipeline, publishing to the app's subscribers like the server does. */
export function ingestRecords(app: App, records: PaperRecord[], source = "test"): Promise<IngestResult> {
  return ingest(app.db, { items: () => items(records) }, { source, listedOn: "2026-01-15" }, app.onIngestCommit);
}
