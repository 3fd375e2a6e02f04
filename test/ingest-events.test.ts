// Events: each created paper is announced once (paperIngested), each update once (paperUpdated),
// and only after the chunk that wrote it has committed, through the app's own pub/sub.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaperIngestedEvent, PaperUpdatedEvent } from "../src/pubsub.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { ingestText } from "./helpers/ingest.ts";

const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
const rec = (n: number, extra: object = {}) => ({ id: `2508.${String(20000 + n)}v1`, title: `Evented paper ${n}`, summary: "Text.", ...extra });

describe.each(ENGINES)("ingestion events on %s", (engine) => {
  let app: TestApp;
  const ingested: { event: PaperIngestedEvent; visible: boolean }[] = [];
  const updated: { event: PaperUpdatedEvent; title: string | undefined }[] = [];
  const stops: (() => void)[] = [];

  /** Drain a subscription; for each event, check what another reader of the database sees then. */
  function listen<T>(iterable: AsyncIterable<T>, onEvent: (e: T) => Promise<void>) {
    const it = iterable[Symbol.asyncIterator]();
    void (async () => {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        await onEvent(r.value);
      }
    })();
    stops.push(() => void it.return?.());
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    listen(app.pubsub.subscribe("paperIngested"), async (event) => {
      const row = await app.db.prisma.paper.findUnique({ where: { id: event.paperId }, select: { ingestSeq: true } });
      ingested.push({ event, visible: row?.ingestSeq.toString() === event.seq });
    });
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    await app?.close();
  });

  const settle = () => new Promise((r) => setTimeout(r, 150));

  it("announces each created paper exactly once, after its chunk commits", async () => {
    const r = await ingestText(app, "seven.jsonl", jsonl(...[1, 2, 3, 4, 5, 6, 7].map((n) => rec(n)), { summary: "rejected: no title" }), { chunkSize: 3 });
    expect(r).toMatchObject({ created: 7, rejected: 1 });
    await settle();
    expect(ingested).toHaveLength(7);
    const ids = ingested.map((i) => i.event.paperId);
    expect(new Set(ids).size).toBe(7);
    const stored = await app.db.prisma.paper.findMany({ where: { arxivId: { in: [1, 2, 3, 4, 5, 6, 7].map((n) => `2508.${20000 + n}`) } } });
    expect(ids.sort()).toEqual(stored.map((p) => p.id).sort());
    // Every event arrived when the paper was already readable with the announced cursor.
    expect(ingested.every((i) => i.visible)).toBe(true);
    // Cursors come in commit order.
    const seqs = ingested.map((i) => BigInt(i.event.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
  });

  it("announces nothing when nothing changes, and one update per changed paper", async () => {
    const paperIds = await Promise.all([1, 2].map(async (n) => (await app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: `2508.${20000 + n}` } })).id));
    // paperUpdated is published per paper: listen to the two this test revises.
    for (const id of paperIds) {
      listen(app.pubsub.subscribe("paperUpdated", id), async (event) => {
        updated.push({ event, title: (await app.db.prisma.paper.findUnique({ where: { id: event.paperId } }))?.title });
      });
    }
    await settle();
    ingested.length = 0;

    const same = await ingestText(app, "again.jsonl", jsonl(...[1, 2, 3, 4, 5, 6, 7].map((n) => rec(n))));
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    await settle();
    expect(ingested).toHaveLength(0);
    expect(updated).toHaveLength(0);

    const v2 = await ingestText(app, "v2.jsonl", jsonl(rec(1, { id: "2508.20001v2", title: "Evented paper 1, revised" }), rec(2, { id: "2508.20002v2", title: "Evented paper 2, revised" }), rec(1, { id: "2508.20001v2", title: "Evented paper 1, revised" })));
    expect(v2).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    await settle();
    expect(ingested).toHaveLength(0);
    expect(updated.map((u) => u.event.paperId).sort()).toEqual([...paperIds].sort());
    // Each update was readable when announced.
    expect(updated.map((u) => u.title).sort()).toEqual(["Evented paper 1, revised", "Evented paper 2, revised"]);
  });

  it("announces nothing for a strict run that fails or a dry run", async () => {
    ingested.length = 0;
    updated.length = 0;
    await expect(ingestText(app, "strict.jsonl", jsonl(rec(10), { id: "bad id" }), { strict: true })).rejects.toThrow(/strict mode/);
    const dry = await ingestText(app, "dry.jsonl", jsonl(rec(11), rec(1, { id: "2508.20001v3", title: "Dry revision" })), { dryRun: true });
    expect(dry).toMatchObject({ created: 1, updated: 1 });
    await settle();
    expect(ingested).toHaveLength(0);
    expect(updated).toHaveLength(0);
  });
});
