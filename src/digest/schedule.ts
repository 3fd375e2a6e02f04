// In the server, with SMTP_URL set: run the digest job at start and every DIGEST_INTERVAL minutes.
// Runs never overlap; periods are whole UTC days and ISO weeks, so hourly runs send each digest
// soon after its period ends, once.
import type { Config } from "../config.ts";
import type { Database } from "../db.ts";
import { runDigest } from "./job.ts";
import { createTransport } from "./transport.ts";

export function startDigestSchedule(db: Database, config: Config, log: (line: string) => void): { stop(): Promise<void> } {
  const transport = createTransport(config);
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = transport
      .then((t) => runDigest(db, config, t))
      .then((r) => {
        if (r.sent + r.failed > 0) log(`Digests: ${r.sent} sent, ${r.failed} failed (retried next run)`);
      })
      .catch((e: Error) => log(`Digest run failed: ${e.message}`))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, config.digestIntervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      (await transport).close();
    },
  };
}
