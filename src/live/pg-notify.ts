// PostgreSQL LISTEN/NOTIFY between processes that share a PostgreSQL database: the ingest CLI and
// instances running without Redis. A notification is delivered only if its transaction commits.
// Every message names its origin, so a process ignores its own.
import pg from "pg";

import type { Database } from "../db.ts";
import type { LiveEvent } from "./events.ts";

export const CHANNEL = "paperboy_events";

interface Message {
  origin: string;
  event: LiveEvent;
}

export async function notify(db: Database, origin: string, events: LiveEvent[]): Promise<void> {
  if (db.kind !== "postgres" || events.length === 0) return;
  const payloads = events.map((event) => JSON.stringify({ origin, event } satisfies Message));
  await db.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`;
}

export interface Listener {
  close(): Promise<void>;
}

/**
 * Listens on a dedicated connection, reconnecting with backoff. `onReconnect` runs after a
 * reconnect: notifications sent while disconnected are lost, so callers re-read the database.
 */
export function listen(connectionString: string, origin: string, onEvent: (e: LiveEvent) => void, onReconnect: () => void): Listener {
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let retrying = false;
  const retry = () => {
    if (closed || retrying) return;
    retrying = true;
    setTimeout(
      () => {
        retrying = false;
        void connect();
      },
      Math.min(2 ** attempt++ * 100, 5_000),
    ).unref();
  };
  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ connectionString });
    c.on("notification", (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        const m = JSON.parse(n.payload) as Message;
        if (m.origin !== origin) onEvent(m.event);
      } catch {
        // Not ours: ignore.
      }
    });
    c.on("error", () => undefined);
    c.on("end", retry);
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      client = c;
      if (attempt > 0) onReconnect();
      attempt = 0;
    } catch {
      await c.end().catch(() => undefined);
      retry();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
