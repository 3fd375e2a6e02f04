// npm run ingest -- <file|dir|->... [--format auto|page|atom|hf|json|jsonl] [--date YYYY-MM-DD]
//                                   [--strict] [--dry-run] [--json]
// Each input file is one IngestRun. Exit status: 0 all stored, 2 some records rejected,
// 1 a run failed (unreadable input, strict abort, database unavailable) or bad usage.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import { firstStartSeed } from "../../seed/seed.ts";
import { type Config, loadConfig } from "../config.ts";
import { DataDirError } from "../db/data-dir.ts";
import { type CommitListener, ingestEvents } from "../live/events.ts";
import { notify } from "../live/pg-notify.ts";
import { createProgress, summaryLines } from "./cli-output.ts";
import { openTarget, type Target } from "./cli-target.ts";
import { ingestFile } from "./file-run.ts";
import { HandoffError, HandoffLostError, postHandoff } from "./handoff/client.ts";
import { type ByteCounter, type InputFile, localFile, oneShotFile } from "./input.ts";
import { type IngestCounts, type IngestResult, StrictIngestError, validateAll } from "./pipeline.ts";
import { filesSource, type FormatOption, FORMATS, isFormatOption } from "./read.ts";
import { isIsoDay } from "./record.ts";

const USAGE = `Usage: npm run ingest -- <file|dir|->... [options]

Ingests papers from files (gzip or not), every file of a directory, or standard input (-).
  --format <f>   auto (default), ${FORMATS.join(", ")}
  --date <day>   YYYY-MM-DD: the listing day of records without one (and the year of a page's "Aug 8")
  --strict       check every record first; the first bad one aborts and nothing is written
  --dry-run      report what would change; write no paper
  --json         print the results as JSON on stdout
When a running server owns the embedded database, the work is handed to it.`;

class UsageError extends Error {}

interface CliOptions {
  inputs: string[];
  format: FormatOption;
  date?: string;
  strict: boolean;
  /** Set once every input passed the strict check together: no file is checked again. */
  validated?: boolean;
  dryRun: boolean;
  json: boolean;
}

function parse(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "auto" },
      date: { type: "string" },
      strict: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) throw new UsageError("");
  if (positionals.length === 0) throw new UsageError("name a file, a directory or - (standard input)");
  if (!isFormatOption(values.format)) throw new UsageError(`--format must be one of auto, ${FORMATS.join(", ")}; not "${values.format}"`);
  if (values.date !== undefined && !isIsoDay(values.date)) throw new UsageError(`--date must be a day as YYYY-MM-DD; not "${values.date}"`);
  return {
    inputs: positionals,
    format: values.format,
    date: values.date,
    strict: values.strict,
    dryRun: values["dry-run"],
    json: values.json,
  };
}

/** The files named on the command line, directories expanded (recursively, in name order, hidden files skipped). */
async function expand(inputs: string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const walk = async (p: string): Promise<void> => {
    const entries = (await readdir(p, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith("."))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const child = path.join(p, e.name);
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) files.push(localFile(child, child, (await stat(child)).size));
    }
  };
  for (const input of inputs) {
    if (input === "-") {
      files.push(oneShotFile("stdin", process.stdin));
      continue;
    }
    const s = await stat(input).catch(() => undefined);
    if (!s) throw new UsageError(`${input}: no such file or directory`);
    if (s.isDirectory()) await walk(input);
    else files.push(localFile(input, input, s.size));
  }
  if (files.length === 0) throw new UsageError(`${inputs.join(", ")}: no files to ingest`);
  return files;
}

export interface CliDeps {
  /** Told what each chunk committed when this process writes directly (default: PostgreSQL NOTIFY). */
  onCommit?: CommitListener;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

type Line = (line: string) => void;
type FileResult = { file: string; result?: IngestResult; error?: string };

export async function main(argv: string[], deps: CliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = deps.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const invocation = await readInvocation(argv, err);
  if (typeof invocation === "number") return invocation;
  const { opts, files } = invocation;
  const say = opts.json ? err : out;

  // Strict over several files: all of them are checked before any is written.
  if (opts.strict && files.length > 1) {
    const refused = await validateTogether(files, opts, err);
    if (refused !== undefined) return refused;
    opts.validated = true;
  }

  let target: Target;
  let config: Config;
  try {
    config = loadConfig();
    target = await openTarget(config, (l) => say(l), firstStartSeed(config));
  } catch (e) {
    err(`ingest: ${e instanceof DataDirError ? e.message : (e as Error).message}`);
    return 1;
  }
  const what = files.length === 1 ? files[0]!.name : `${files.length} files`;
  say(`Ingesting ${what} into ${target.description}${opts.dryRun ? " (dry run)" : ""}`);
  const results = await ingestFiles(target, files, { ...opts, heartbeatMs: config.ingestHeartbeatMs }, { ...deps, say, err });

  const done = results.flatMap((r) => (r.result ? [r.result] : []));
  if (files.length > 1 && done.length > 0) {
    const sum = (k: keyof IngestCounts) => done.reduce((n, r) => n + r[k], 0);
    say(
      `total: ${sum("created")} created, ${sum("updated")} updated, ${sum("unchanged")} unchanged, ` +
        `${sum("rejected")} rejected in ${done.length} runs`,
    );
  }
  if (opts.json) out(JSON.stringify({ results, peakRssBytes: process.resourceUsage().maxRSS * 1024 }, null, 2));
  if (results.some((r) => r.error || r.result?.status === "FAILED") || results.length < files.length) return 1;
  return done.some((r) => r.rejected > 0) ? 2 : 0;
}

/** The options and the files they name, or the exit code after usage was printed. */
async function readInvocation(argv: string[], err: Line): Promise<{ opts: CliOptions; files: InputFile[] } | number> {
  try {
    const opts = parse(argv);
    return { opts, files: await expand(opts.inputs) };
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      err(e instanceof UsageError && e.message === "" ? USAGE : `ingest: ${(e as Error).message}\n\n${USAGE}`);
      return e instanceof UsageError && e.message === "" ? 0 : 1;
    }
    throw e;
  }
}

/** --strict over several files: checks them all before any is written; the exit code when one fails. */
async function validateTogether(files: InputFile[], opts: CliOptions, err: Line): Promise<number | undefined> {
  if (files.some((f) => f.oneShot)) {
    err("ingest: --strict with standard input and other files together is not supported; ingest them separately");
    return 1;
  }
  try {
    await validateAll(filesSource(() => files, { format: opts.format, date: opts.date }));
    return undefined;
  } catch (e) {
    if (!(e instanceof StrictIngestError)) throw e;
    err(`ingest: ${e.message}`);
    return 1;
  }
}

/** Each file in turn, with a progress bar, until the end or Ctrl-C; the target is closed after. */
async function ingestFiles(
  target: Target,
  files: InputFile[],
  opts: CliOptions & { heartbeatMs: number },
  { onCommit, say, err }: { onCommit?: CommitListener; say: Line; err: Line },
): Promise<FileResult[]> {
  const abort = new AbortController();
  const interrupt = () => {
    if (abort.signal.aborted) process.exit(130);
    err("\ninterrupted: stopping after the current chunk (press Ctrl-C again to quit at once)");
    abort.abort(new Error("interrupted"));
  };
  process.on("SIGINT", interrupt);

  const progress = createProgress();
  const results: FileResult[] = [];
  try {
    for (const file of files) {
      if (abort.signal.aborted) break;
      const counter: ByteCounter = { read: 0 };
      progress.start(file.name, file.size, opts.strict ? "checking" : "ingesting");
      const events: RunEvents = {
        progress: (c, bytes = counter.read) => progress.update(c, bytes),
        writing: () => {
          progress.stop();
          progress.start(file.name, file.size, "writing");
        },
      };
      try {
        const result =
          target.kind === "direct"
            ? await runDirect(target, file, opts, counter, events, abort.signal, onCommit)
            : await runHandoff(target, file, opts, counter, events, abort.signal);
        progress.stop();
        results.push({ file: file.name, result });
        for (const line of summaryLines(file.name, result)) (result.status === "FAILED" ? err : say)(line);
      } catch (e) {
        progress.stop();
        if (!(e instanceof StrictIngestError || e instanceof HandoffError)) throw e;
        results.push({ file: file.name, error: e.message });
        // A strict error names its file:line already.
        err(e instanceof StrictIngestError ? e.message : `${file.name}: ${e.message}`);
        if (e instanceof StrictIngestError) break;
      }
    }
  } finally {
    process.off("SIGINT", interrupt);
    if (target.kind === "direct") await target.db.close();
  }
  return results;
}

interface RunEvents {
  progress(counts: IngestCounts, bytesRead?: number): void;
  writing(): void;
}

async function runDirect(
  target: Extract<Target, { kind: "direct" }>,
  file: InputFile,
  opts: CliOptions & { heartbeatMs: number },
  counter: ByteCounter,
  events: RunEvents,
  signal: AbortSignal,
  onCommit?: CommitListener,
): Promise<IngestResult> {
  // Subscribers of servers on the same PostgreSQL database hear of the papers through NOTIFY.
  const origin = `ingest-cli:${process.pid}`;
  const publish: CommitListener = onCommit ?? ((change) => notify(target.db, origin, ingestEvents(change)));
  return ingestFile(
    target.db,
    file,
    {
      source: `cli:${file.name}`,
      format: opts.format,
      date: opts.date,
      strict: opts.strict,
      validated: opts.validated,
      dryRun: opts.dryRun,
      heartbeatMs: opts.heartbeatMs,
      counter,
      onProgress: (c) => events.progress(c),
      onWriting: events.writing,
      signal,
    },
    publish,
  );
}

async function runHandoff(
  target: Extract<Target, { kind: "handoff" }>,
  file: InputFile,
  opts: CliOptions,
  counter: ByteCounter,
  events: RunEvents,
  signal: AbortSignal,
): Promise<IngestResult> {
  let result: IngestResult | undefined;
  // What the server said last: all this process can report if the server dies.
  let runId: number | undefined;
  let committed: IngestCounts | undefined;
  try {
    await postHandoff(
      target.handoff,
      "ingest",
      {
        name: file.name,
        source: `cli:${file.name}`,
        format: opts.format,
        date: opts.date,
        strict: opts.strict ? "1" : undefined,
        validated: opts.validated ? "1" : undefined,
        dryRun: opts.dryRun ? "1" : undefined,
      },
      { file, counter },
      (m) => {
        if (m.type === "started") runId = m.runId;
        else if (m.type === "progress") {
          committed = m.counts;
          // The server's byte count: with --strict it reads a spooled copy twice.
          events.progress(m.counts, m.bytesRead);
        } else if (m.type === "writing") events.writing();
        else if (m.type === "result") result = m.result;
        else if (m.type === "strict-error") throw new StrictIngestError(m.location, m.reason);
        else if (m.type === "error") throw new HandoffError(m.message);
      },
      signal,
    );
  } catch (e) {
    if (e instanceof HandoffLostError) throw new HandoffError(`${e.message}; ${lostRunReport(runId, committed, opts.dryRun)}`);
    throw e;
  }
  return result!;
}

/** What is known of a run whose server went away: the last counts it sent. */
function lostRunReport(runId: number | undefined, c: IngestCounts | undefined, dryRun: boolean): string {
  if (runId === undefined) return "its run had not started: nothing was written";
  if (dryRun) return `run ${runId} was a dry run: nothing was written`;
  const counts = c ?? { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  return (
    `as far as known, run ${runId} had committed ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ` +
    `${counts.rejected} rejected; the next server start or ingest marks it INTERRUPTED`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`ingest: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
