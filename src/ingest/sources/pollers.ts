// Runs the enabled pollers (off by default; see README "Pollers"): each polls at once, then every
// POLL_INTERVAL, never two polls of one source at a time. A failing poll is logged and recorded
// (IngestRun, poller_state.last_error), never fatal. stop() cuts waits short and ends in-flight polls.
import type { Config } from "../../config.ts";
import type { Database } from "../../db.ts";
import type { CommitListener } from "../../live/events.ts";
import { pollArxiv } from "./arxiv.ts";
import { pollHf } from "./hf.ts";
import { PoliteClient, sleep } from "./http.ts";
import { savePollerError } from "./state.ts";

export interface Pollers {
  /** Names of the pollers running. */
  names: string[];
  stop(): Promise<void>;
}

export function startPollers(
  app: { db: Database; onIngestCommit: CommitListener },
  config: Config,
  log: (line: string) => void = console.log,
): Pollers {
  const p = config.pollers;
  const abort = new AbortController();
  const client = (minIntervalMs: number, name: string) =>
    new PoliteClient({
      minIntervalMs,
      maxRetries: p.maxRetries,
      maxWaitMs: p.maxWaitMs,
      signal: abort.signal,
      log: (l) => log(`poller ${name}: ${l}`),
    });

  const run = { signal: abort.signal, heartbeatMs: config.ingestHeartbeatMs };
  const pollers: { name: string; poll: () => Promise<string> }[] = [];
  if (p.arxiv.categories.length > 0) {
    const arxiv = client(p.arxiv.minIntervalMs, "arxiv");
    pollers.push({
      name: "arxiv",
      poll: async () => summarize(await pollArxiv(app.db, p.arxiv, arxiv, app.onIngestCommit, run)),
    });
  }
  if (p.hf.enabled) {
    const hf = client(1000, "hf");
    pollers.push({ name: "hf", poll: async () => summarize(await pollHf(app.db, p.hf, hf, app.onIngestCommit, run)) });
  }

  const loops = pollers.map(async ({ name, poll }) => {
    while (!abort.signal.aborted) {
      try {
        log(`poller ${name}: ${await poll()}`);
      } catch (e) {
        if (abort.signal.aborted) break;
        // Failures inside a run are recorded on it; this is for the rest (e.g. the database is down).
        const message = e instanceof Error ? e.message : String(e);
        log(`poller ${name}: failed: ${message}`);
        await savePollerError(app.db, name, message).catch(() => undefined);
      }
      await sleep(p.intervalMs, abort.signal).catch(() => undefined);
    }
  });

  return {
    names: pollers.map((x) => x.name),
    async stop() {
      abort.abort(new Error("the server is stopping"));
      await Promise.all(loops);
    },
  };
}

function summarize(r: {
  status: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  failure?: string;
  runId: number;
}): string {
  return (
    `run ${r.runId} ${r.status.toLowerCase()}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ` +
    `${r.rejected} rejected${r.failure ? ` (${r.failure})` : ""}`
  );
}
