// The CLI side of the handoff: stream an input's raw bytes to the server that owns the embedded
// database and read its NDJSON answer (progress, then a result or an error).
import type { DataDirOwner } from "../../db/data-dir.ts";
import { countBytes, type ByteCounter, type InputFile } from "../input.ts";
import { splitLines } from "../lines.ts";
import { HANDOFF_HEADER, type HandoffMessage } from "./protocol.ts";

export type Handoff = Required<Pick<DataDirOwner, "url" | "secret">>;

export function handoffOf(owner: DataDirOwner | undefined): Handoff | undefined {
  return owner?.url && owner.secret ? { url: owner.url, secret: owner.secret } : undefined;
}

export class HandoffError extends Error {
  override name = "HandoffError";
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
      // Streamed, never buffered: Node's fetch sends an async iterable body chunk by chunk.
      body: body ? (countBytes(body.file.open(), body.counter) as unknown as BodyInit) : undefined,
      duplex: "half",
      signal,
    } as RequestInit);
  } catch (e) {
    throw new HandoffError(`cannot reach the server at ${handoff.url} that owns the database (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`);
  }
  if (response.status === 404) throw new HandoffError(`the server at ${handoff.url} refused the handoff (is it another Paperboy, or an older one?)`);
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    throw new HandoffError(`the server at ${handoff.url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  let finished = false;
  for await (const line of splitLines(response.body as unknown as AsyncIterable<Buffer>)) {
    if (!line.text) continue;
    const message = JSON.parse(line.text) as HandoffMessage;
    if (message.type !== "progress" && message.type !== "retag-progress") finished = true;
    onMessage(message);
  }
  if (!finished) throw new HandoffError(`the server at ${handoff.url} closed the connection before it finished (did it stop?)`);
}
