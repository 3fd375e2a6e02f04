// The arXiv API poller: the configured categories, newest submissions first, paged with
// start/max_results, until the paper the previous poll saw first (or an older one), the
// per-poll cap, or the end of the results. Each poll is one IngestRun ("poller:arxiv").
import type { PollerConfig } from "../../config.ts";
import type { Database } from "../../db.ts";
import type { CommitListener } from "../../live/events.ts";
import { pacedParse } from "../pacing.ts";
import { type AtomResult, parseAtom } from "../parsers/atom.ts";
import { ingest, type IngestOptions, type IngestResult } from "../pipeline.ts";
import type { ParsedItem } from "../record.ts";
import type { PoliteClient } from "./http.ts";
import { readPollerState, savePollerState } from "./state.ts";

export const ARXIV_SOURCE = "arxiv";

function arxivQueryUrl(config: PollerConfig["arxiv"], start: number): string {
  const url = new URL(config.apiUrl);
  url.searchParams.set("search_query", config.categories.map((c) => `cat:${c}`).join(" OR "));
  url.searchParams.set("sortBy", "submittedDate");
  url.searchParams.set("sortOrder", "descending");
  url.searchParams.set("start", String(start));
  url.searchParams.set("max_results", String(config.pageSize));
  return url.toString();
}

export async function pollArxiv(
  db: Database,
  config: PollerConfig["arxiv"],
  client: PoliteClient,
  onCommit?: CommitListener,
  opts: Pick<IngestOptions, "signal" | "heartbeatMs"> = {},
): Promise<IngestResult> {
  const state = await readPollerState(db, ARXIV_SOURCE);
  let newest: { id: string; at?: Date } | undefined;
  let pages = 0;

  const items = async function* (): AsyncGenerator<ParsedItem> {
    let yielded = 0;
    for (let start = 0; yielded < config.maxResults; start += config.pageSize) {
      const url = arxivQueryUrl(config, start);
      const page: AtomResult = { entries: 0 };
      const text = await client.getText(url);
      pages += 1;
      const name = `arXiv page ${pages} (start=${start})`;
      for await (const item of pacedParse([Buffer.from(text, "utf8")], (slices) => parseAtom(slices, name, page))) {
        const r = item.record;
        if (r?.arxivId) {
          newest ??= { id: r.arxivId, at: r.publishedAt };
          const seen = r.arxivId === state?.lastSeenId || (state?.lastSeenAt && r.publishedAt && r.publishedAt < state.lastSeenAt);
          if (seen) return;
        }
        yield item;
        if (++yielded >= config.maxResults) return;
      }
      const total = page.totalResults ?? Infinity;
      if (page.entries < config.pageSize || start + page.entries >= total) return;
    }
  };

  const result = await ingest(db, { items, formats: new Set(["atom"]) }, { source: `poller:${ARXIV_SOURCE}`, ...opts }, onCommit);
  await savePollerState(db, ARXIV_SOURCE, result, newest ? { id: newest.id, at: newest.at } : undefined);
  return result;
}
