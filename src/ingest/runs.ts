// An IngestRun row while its run goes on, and after its process died.
//
// The process that owns a run records the run's counts in the transaction of each chunk, so the
// row never disagrees with the papers committed, and renews a heartbeat. A RUNNING run whose
// heartbeat is MISSED_HEARTBEATS periods old belonged to a process that stopped (SIGKILL, a crash,
// a lost machine): whichever Paperboy process looks first marks it INTERRUPTED, keeping what it
// had committed. They look at server start, at the start of every ingest and periodically in the
// server. Liveness is the heartbeat, never a process id: instances run on several machines. Both
// the heartbeat and the check use the database's clock, the one clock all instances share, and a
// run is judged by the period its own owner promised (heartbeat_ms), whatever the judge's setting.
import type { Database } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export const DEFAULT_HEARTBEAT_MS = 10_000;
/** Heartbeats in a row a run may miss before it counts as abandoned: one late beat is no death. */
const MISSED_HEARTBEATS = 3;

/** What a run has done so far, as recorded with each chunk. */
export interface RunReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  charactersRemoved: number;
  errorCount: number;
  errors: { location: string; message: string }[];
}

/** Records the run's counts in the chunk's own transaction (call it last: it locks the run's row). */
export async function recordChunk(tx: Pick<Prisma.TransactionClient, "$executeRaw">, runId: number, r: RunReport): Promise<void> {
  // clock_timestamp(), not now(): now() is when the transaction began, and a chunk may take long.
  await tx.$executeRaw`
    UPDATE ingest_run SET created = ${r.created}, updated = ${r.updated}, unchanged = ${r.unchanged}, rejected = ${r.rejected},
      characters_removed = ${r.charactersRemoved}, error_count = ${r.errorCount}, errors = ${JSON.stringify(r.errors)}::jsonb,
      heartbeat_at = clock_timestamp()
    WHERE id = ${runId}`;
}

export interface Heartbeat {
  stop(): Promise<void>;
}

/**
 * Renews the run's heartbeat now and every `everyMs` until stopped. The first beat puts the
 * database's clock in place of the one Prisma filled in when it created the row (this machine's).
 */
export function startHeartbeat(db: Database, runId: number, everyMs: number): Heartbeat {
  let beating: Promise<unknown> | undefined;
  const beat = () => {
    // A renewal still waiting for a busy database: one at a time, no pile-up.
    if (beating) return;
    beating = db.prisma.$executeRaw`UPDATE ingest_run SET heartbeat_at = now() WHERE id = ${runId} AND status = 'RUNNING'`
      // A missed beat: the next one tries again, and only several in a row let others close the run.
      .catch(() => undefined)
      .finally(() => (beating = undefined));
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await beating;
    },
  };
}

export interface InterruptedRun {
  id: number;
  source: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/**
 * Marks INTERRUPTED every RUNNING run whose owner stopped renewing its heartbeat; returns them.
 * Rows are locked in id order and locked ones skipped: two sweeping instances never deadlock, and
 * a row locked by its owner's chunk (which renews the heartbeat as it commits) is not waited for.
 */
export async function interruptAbandonedRuns(db: Database): Promise<InterruptedRun[]> {
  return db.prisma.$queryRaw<InterruptedRun[]>`
    UPDATE ingest_run SET status = 'INTERRUPTED', finished_at = ${new Date().toISOString()}::timestamp(3),
      failure = 'its process stopped before the run finished (no heartbeat since ' ||
        to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC); the counts are what it had committed'
    WHERE id IN (
      SELECT id FROM ingest_run
      WHERE status = 'RUNNING' AND heartbeat_at < now() - heartbeat_ms * ${MISSED_HEARTBEATS}::int * interval '1 millisecond'
      ORDER BY id FOR UPDATE SKIP LOCKED)
    RETURNING id, source, created, updated, unchanged, rejected`;
}

export function describeInterrupted(r: InterruptedRun): string {
  return (
    `ingest run ${r.id} (${r.source}) INTERRUPTED: its process stopped; ` +
    `it had committed ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`
  );
}

export interface RunSweeper {
  stop(): Promise<void>;
}

/** The server's sweep: once now (awaited), then every `everyMs`. */
export async function startRunSweeper(db: Database, everyMs: number, log: (line: string) => void): Promise<RunSweeper> {
  for (const r of await interruptAbandonedRuns(db)) log(describeInterrupted(r));
  let sweeping: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = interruptAbandonedRuns(db)
      .then((runs) => runs.forEach((r) => log(describeInterrupted(r))))
      .catch((e: unknown) => log(`ingest runs: could not look for interrupted runs (${(e as Error).message.split("\n")[0]})`))
      .finally(() => (sweeping = undefined));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
