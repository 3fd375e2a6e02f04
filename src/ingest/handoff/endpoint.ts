// POST /internal/ingest and /internal/retag: how `npm run ingest` / `npm run retag` hand their
// work to the server that owns the embedded database (PGlite allows one process). The CLI finds
// this server's URL and secret in DATA_DIR/owner.json (readable by the folder's owner only),
// streams the raw input bytes (gzip or not) and reads progress back as NDJSON. The server runs the
// same ingestFile() the CLI would, with its own commit listener, so its subscribers get the papers.
//
// Without the right secret the routes do not exist (404): they are not an API. The app serves them
// through its route wrapper (src/plugins/routes.ts), which answers an HttpError in one line.
import { createHash, timingSafeEqual } from "node:crypto";

import type { Database } from "../../db.ts";
import { HttpError } from "../../errors.ts";
import type { CommitListener } from "../../live/events.ts";
import { ingestFile } from "../file-run.ts";
import { type ByteCounter, InputError, oneShotFile } from "../input.ts";
import { type IngestCounts, StrictIngestError } from "../pipeline.ts";
import { isFormatOption } from "../read.ts";
import { isIsoDay } from "../record.ts";
import { retagAll } from "../retag.ts";
import { bodyChunks, HANDOFF_HEADER, type HandoffMessage } from "./protocol.ts";

export interface HandoffOptions {
  secret: string;
  db: Database;
  onCommit: CommitListener;
  /** INGEST_HEARTBEAT of this server, for the runs it owns. */
  heartbeatMs: number;
}

function sameSecret(given: string | null, secret: string): boolean {
  if (!given) return false;
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}

const PROGRESS_EVERY_MS = 200;

const PATHS = new Set(["/internal/ingest", "/internal/retag"]);

/** The hand-off as a route (Route of src/plugins/routes.ts): it matches only a POST with the secret. */
export function ingestHandoffRoute(opts: HandoffOptions) {
  return {
    matches: (url: URL, request: Request) =>
      PATHS.has(url.pathname) && request.method === "POST" && sameSecret(request.headers.get(HANDOFF_HEADER), opts.secret),
    handle: (request: Request, url: URL) => handoff(opts, request, url),
  };
}

function handoff(opts: HandoffOptions, request: Request, url: URL): Response {
  const params = url.searchParams;
  const format = params.get("format") ?? "auto";
  const date = params.get("date") ?? undefined;
  if (!isFormatOption(format)) throw new HttpError(400, `unknown format "${format.slice(0, 40)}"`);
  if (date !== undefined && !isIsoDay(date)) throw new HttpError(400, `date "${date.slice(0, 40)}" is not YYYY-MM-DD`);

  const encoder = new TextEncoder();
  const abort = new AbortController();
  request.signal?.addEventListener("abort", () => abort.abort(new Error("the CLI disconnected")));
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => {
      // A CLI that went away must not break the run: what it no longer reads is dropped.
      const send = (m: HandoffMessage) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(m)}\n`));
        } catch {
          // The response stream is closed.
        }
      };
      const counter: ByteCounter = { read: 0 };
      let last = 0;
      let lastCommitted = 0;
      const progress = (counts: IngestCounts) => {
        const now = Date.now();
        // What a chunk committed always goes out: a CLI that loses this server can still say it.
        const committed = counts.created + counts.updated + counts.unchanged;
        if (now - last < PROGRESS_EVERY_MS && committed === lastCommitted) return;
        last = now;
        lastCommitted = committed;
        send({ type: "progress", counts, bytesRead: counter.read });
      };
      const work =
        url.pathname === "/internal/retag"
          ? retagAll(opts.db, { onProgress: (p) => send({ type: "retag-progress", ...p }), onCommit: opts.onCommit }).then((result) =>
              send({ type: "retag-result", result }),
            )
          : ingestFile(
              opts.db,
              oneShotFile(params.get("name") ?? "-", bodyChunks(request.body)),
              {
                source: params.get("source") ?? "cli",
                format,
                date,
                strict: params.get("strict") === "1",
                validated: params.get("validated") === "1",
                dryRun: params.get("dryRun") === "1",
                counter,
                heartbeatMs: opts.heartbeatMs,
                onStart: (runId) => send({ type: "started", runId }),
                onProgress: progress,
                onWriting: () => send({ type: "writing" }),
                signal: abort.signal,
              },
              opts.onCommit,
            ).then((result) => send({ type: "result", result }));
      work
        .catch((e: unknown) => {
          if (e instanceof StrictIngestError) send({ type: "strict-error", location: e.location, reason: e.reason, message: e.message });
          else send({ type: "error", message: e instanceof InputError ? e.message : `the server failed: ${(e as Error).message}` });
        })
        .finally(() => {
          try {
            controller.close();
          } catch {
            // Already closed by the client.
          }
        });
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
}
