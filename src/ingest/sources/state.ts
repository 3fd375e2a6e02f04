// Where each poller stopped (poller_state): the newest paper seen, when it last polled, its last error.
import type { Database } from "../../db.ts";
import type { IngestResult } from "../pipeline.ts";

export async function readPollerState(db: Database, source: string) {
  return db.prisma.pollerState.findUnique({ where: { source } });
}

/** Records a poll. The newest paper moves forward only after a run that read to the end. */
export async function savePollerState(
  db: Database,
  source: string,
  result: IngestResult,
  newest?: { id: string; at?: Date },
): Promise<void> {
  const ok = result.status === "SUCCEEDED";
  const data = {
    lastPolledAt: new Date(),
    lastError: ok ? null : (result.failure ?? "failed"),
    ...(ok && newest ? { lastSeenId: newest.id, lastSeenAt: newest.at ?? null } : {}),
  };
  await db.prisma.pollerState.upsert({ where: { source }, create: { source, ...data }, update: data });
}

export async function savePollerError(db: Database, source: string, message: string): Promise<void> {
  const data = { lastPolledAt: new Date(), lastError: message };
  await db.prisma.pollerState.upsert({ where: { source }, create: { source, ...data }, update: data });
}
