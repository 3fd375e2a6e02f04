// npm run retag: re-tag every paper with the topics as they are now (after the taxonomy changed).
// Curator-set tags stay. Like `npm run ingest`, it hands the work to a server that owns the
// embedded database.
import { firstStartSeed } from "../../seed/seed.ts";
import { loadConfig } from "../config.ts";
import { ingestEvents } from "../live/events.ts";
import { notify } from "../live/pg-notify.ts";
import { openTarget } from "./cli-target.ts";
import { postHandoff } from "./handoff/client.ts";
import { retagAll, type RetagProgress, type RetagResult } from "./retag.ts";

function show(p: RetagProgress): void {
  if (process.stderr.isTTY) process.stderr.write(`\rretagged ${p.papers}/${p.total} papers, ${p.changed} changed`);
}

async function main(): Promise<number> {
  const config = loadConfig();
  const target = await openTarget(config, (l) => console.log(l), firstStartSeed(config));
  let result: RetagResult | undefined;
  try {
    if (target.kind === "direct") {
      // Servers on the same PostgreSQL database hear of the changed papers through NOTIFY.
      const origin = `retag-cli:${process.pid}`;
      result = await retagAll(target.db, { onProgress: show, onCommit: (change) => notify(target.db, origin, ingestEvents(change)) });
    } else {
      await postHandoff(target.handoff, "retag", {}, undefined, (m) => {
        if (m.type === "retag-progress") show(m);
        else if (m.type === "retag-result") result = m.result;
        else if (m.type === "error") throw new Error(m.message);
      });
    }
  } finally {
    if (process.stderr.isTTY) process.stderr.write("\n");
    if (target.kind === "direct") await target.db.close();
  }
  console.log(
    `Retagged ${result!.papers} papers in ${target.description}: ${result!.changed} changed (${(result!.elapsedMs / 1000).toFixed(1)} s).`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`retag: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
