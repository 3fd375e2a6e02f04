// npm run digest [-- --at 2025-08-09T06:00:00Z]: send the digests due at that instant (default
// now) and exit. Safe to run alongside the server: deliveries are claimed per user and period.
import { parseArgs } from "node:util";

import { loadConfig } from "../config.ts";
import { describeTarget, openDatabase } from "../db.ts";
import { runDigest } from "./job.ts";
import { createTransport } from "./transport.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { at: { type: "string" } } });
  const now = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--at must be an ISO date or date-time, got "${values.at}"`);
  const config = loadConfig();
  const db = await openDatabase(config);
  const transport = await createTransport(config);
  try {
    const r = await runDigest(db, config, transport, { now });
    console.log(
      `Digests (${describeTarget(config)} -> ${transport.describe}): ${r.sent} sent, ${r.failed} failed (retried next run), ` +
        `${r.empty} with nothing new, ${r.skipped} already sent.`,
    );
    if (r.failed > 0) process.exitCode = 1;
  } finally {
    transport.close();
    await db.close();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`digest: ${e.message}\n`);
  process.exit(1);
});
