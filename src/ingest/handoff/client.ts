// The CLI side of the handoff: stream an input's raw bytes to the server that owns the embedded
// database and read its NDJSON answer (progress, then a result or an error).
import type { DataDirOwner } from "../../db/data-dir.ts";
import { type ByteCounter, countBytes, type InputFile } from "../input.ts";
import { type Line, splitLines } from "../lines.ts";
import { bodyChunks, bodyStream, HANDOFF_HEADER, type HandoffMessage } from "./protocol.ts";

export type Handoff = Required<Pick<DataDirOwner, "url" | "secret">>;

export function handoffOf(owner: DataDirOwner | undefined): Handoff | undefined {
  return owner?.url && owner.secret ? { url: owner.url, secret: owner.secret } : undefined;
}

export class HandoffError extends Error {
  override name = "HandoffError";
}

/** The server went away in the middle of its answer: stopped, killed, or the network cut. */
export class HandoffLostError extends HandoffError {
  override name = "HandoffLostError";
  constructor(url: string, detail: string) {
    super(`lost the server at ${url} in the middle of the run (${detail}; was it stopped or killed?)`);
  }
}

/** The messages that end an answer; anything before them is progress. */
const FINAL: ReadonlySet<HandoffMessage["type"]> = new Set(["result", "strict-error", "error", "retag-result"]);

function causeOf(e: unknown): string {
  const cause = (e as Error).cause;
  return cause instanceof Error ? cause.message : (e as Error).message;
}

/** POST to an /internal route of the owning server; calls onMessage for each line it answers. */
export async function postHandoff(
  handoff: Handoff,
  route: "ingest" | "retag",
  params: Record<string, string | undefined>,
  body: { file: InputFile; counter: ByteCounter } | undefined,
  onMessage: (m: HandoffMessage) => void,
  signal?: AbortSignal,
): Promise<void> {
  const url = new URL(`/internal/${route}`, handoff.url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { [HANDOFF_HEADER]: handoff.secret, "content-type": "application/octet-stream" },
      body: body ? bodyStream(countBytes(body.file.open(), body.counter)) : undefined,
      duplex: "half",
      signal,
    });
  } catch (e) {
    throw new HandoffError(`cannot reach the server at ${handoff.url} that owns the database (${causeOf(e)})`);
  }
  if (response.status === 404)
    throw new HandoffError(`the server at ${handoff.url} refused the handoff (is it another Paperboy, or an older one?)`);
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    throw new HandoffError(`the server at ${handoff.url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  let finished = false;
  const lines = splitLines(bodyChunks(response.body))[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Line>;
    try {
      next = await lines.next();
    } catch (e) {
      // Our own Ctrl-C is not a lost server. Undici reports a dropped connection as "TypeError: terminated".
      if (signal?.aborted) throw e;
      if (finished) return;
      throw new HandoffLostError(handoff.url, `connection lost: ${causeOf(e)}`);
    }
    if (next.done) break;
    if (!next.value.text) continue;
    let message: HandoffMessage;
    try {
      message = JSON.parse(next.value.text) as HandoffMessage;
    } catch {
      throw new HandoffLostError(handoff.url, "its answer broke off mid-line");
    }
    if (FINAL.has(message.type)) finished = true;
    onMessage(message);
  }
  if (!finished) throw new HandoffLostError(handoff.url, "it closed the connection before it finished");
}
