// The Hugging Face daily papers poller: /api/daily_papers?date=YYYY-MM-DD for the last few days
// (a day's list grows while it lasts). Re-reading a day is cheap: unchanged papers are detected by
// their content hash. Each poll is one IngestRun ("poller:hf").
import type { PollerConfig } from "../../config.ts";
import type { Database } from "../../db.ts";
import { isoDay } from "../../discovery/periods.ts";
import type { CommitListener } from "../../live/events.ts";
import { pacedParse } from "../pacing.ts";
import { parseJsonDocument } from "../parsers/json.ts";
import { ingest, type IngestOptions, type IngestResult } from "../pipeline.ts";
import type { ParsedItem } from "../record.ts";
import type { PoliteClient } from "./http.ts";
import { savePollerState } from "./state.ts";

export const HF_SOURCE = "hf";

function hfDays(days: number, now = new Date()): string[] {
  return Array.from({ length: days }, (_, i) => isoDay(new Date(now.getTime() - (days - 1 - i) * 86_400_000)));
}

export async function pollHf(
  db: Database,
  config: PollerConfig["hf"],
  client: PoliteClient,
  onCommit?: CommitListener,
  opts: Pick<IngestOptions, "signal" | "heartbeatMs"> & { now?: Date } = {},
): Promise<IngestResult> {
  const days = hfDays(config.days, opts.now);
  const items = async function* (): AsyncGenerator<ParsedItem> {
    for (const day of days) {
      const url = `${config.apiUrl}/api/daily_papers?date=${day}`;
      const text = await client.getText(url);
      for await (const item of pacedParse([Buffer.from(text, "utf8")], (slices) => parseJsonDocument(slices, `daily_papers ${day}`))) {
        // The day asked for is the listing day, whatever the item says.
        yield item.record ? { ...item, record: { ...item.record, listedOn: day } } : item;
      }
    }
  };
  const result = await ingest(
    db,
    { items, formats: new Set(["hf"]) },
    { source: `poller:${HF_SOURCE}`, signal: opts.signal, heartbeatMs: opts.heartbeatMs },
    onCommit,
  );
  await savePollerState(db, HF_SOURCE, result, { id: days[days.length - 1]!, at: new Date(`${days[days.length - 1]}T00:00:00Z`) });
  return result;
}
