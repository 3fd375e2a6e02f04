// What the ingest CLI shows: a progress bar on a terminal (cli-progress, on stderr), and a plain
// summary per input either way.
import cliProgress from "cli-progress";

import type { IngestCounts, IngestResult } from "./pipeline.ts";

export interface Progress {
  start(name: string, totalBytes: number | undefined, phase?: string): void;
  update(counts: IngestCounts, bytesRead: number): void;
  stop(): void;
}

const processed = (c: IngestCounts) => c.created + c.updated + c.unchanged + c.rejected;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A live bar when stderr is a terminal; nothing otherwise (logs and pipes get the summary only). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { start() {}, update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  let startedAt = 0;
  let known = false;
  return {
    start(name, totalBytes, phase = "ingesting") {
      known = totalBytes !== undefined && totalBytes > 0;
      startedAt = performance.now();
      bar = new cliProgress.SingleBar(
        {
          stream,
          hideCursor: true,
          clearOnComplete: true,
          fps: 5,
          format:
            `${phase} ${name} ${known ? "[{bar}] {percentage}% " : "{read} "}` +
            "| {created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected | {rate} papers/s",
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(known ? totalBytes! : 1, 0, { created: 0, updated: 0, unchanged: 0, rejected: 0, rate: 0, read: mib(0) });
    },
    update(counts, bytesRead) {
      const seconds = (performance.now() - startedAt) / 1000;
      bar?.update(known ? bytesRead : 0, {
        ...counts,
        rate: seconds > 0 ? Math.round(processed(counts) / seconds) : 0,
        read: mib(bytesRead),
      });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

const SHOWN_ERRORS = 20;

export function summaryLines(name: string, r: IngestResult): string[] {
  const seconds = r.elapsedMs / 1000;
  const n = processed(r);
  const verb = r.dryRun ? "dry run, nothing written: would have " : "";
  const lines = [
    `${name}: ${verb}${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected` +
      (r.charactersRemoved > 0 ? ` · ${r.charactersRemoved} characters XML forbids removed` : "") +
      ` · ${n} papers in ${seconds.toFixed(1)} s (${Math.round(n / Math.max(seconds, 0.001))} papers/s) · run ${r.runId}` +
      (r.formats.length > 0 ? ` (${r.formats.join(", ")})` : ""),
  ];
  for (const e of r.errors.slice(0, SHOWN_ERRORS)) lines.push(`  rejected ${e.location}: ${e.message}`);
  if (r.errorCount > SHOWN_ERRORS)
    lines.push(`  ... and ${r.errorCount - SHOWN_ERRORS} more (the run keeps the first ${r.errors.length}: query ingestRun)`);
  if (r.status === "FAILED") lines.push(`${name}: FAILED: ${r.failure}`);
  return lines;
}
