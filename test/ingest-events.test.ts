// Events: the pipeline hands each created or updated paper to the commit listener exactly once,
// after the chunk that wrote it has committed; a WebSocket subscriber then gets each new paper
// once (paperIngested) and each change once (paperUpdated).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CommitListener } from "../src/live/events.ts";
import { graphql } from "./gql/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText, jsonl } from "./helpers/ingest.ts";
import { Collector, type LiveServer, startLiveServer, wsClient } from "./helpers/server.ts";
import { demoUser } from "./helpers/users.ts";

const rec = (n: number, extra: object = {}) => ({
  id: `2508.${String(20000 + n)}v1`,
  title: `Evented paper ${n}`,
  summary: "Text.",
  ...extra,
});
const SEVEN = [1, 2, 3, 4, 5, 6, 7];

const Ingested = graphql(`
  subscription EventsIngested {
    paperIngested {
      cursor
      paper {
        arxivId
      }
    }
  }
`);

const Updated = graphql(`
  subscription EventsUpdated($id: ID!) {
    paperUpdated(id: $id) {
      arxivId
      title
      arxivVersion
    }
  }
`);

const ViaMutation = graphql(`
  mutation EventsViaMutation($input: IngestPapersInput!) {
    ingestPapers(input: $input) {
      ... on IngestPapersPayload {
        run {
          created
        }
      }
    }
  }
`);

type IngestedData = { paperIngested: { cursor: string; paper: { arxivId: string } } };
type UpdatedData = { paperUpdated: { arxivId: string; title: string; arxivVersion: number } };

interface Seen {
  created: number[];
  updated: number[];
  /** Whether every paper of the change was readable, as committed, when the listener was called. */
  visible: boolean;
}

describe.each(ENGINES)("ingestion events on %s", (engine) => {
  let live: LiveServer;
  const changes: Seen[] = [];
  // Each commit goes through the app's real listener (which publishes); we watch it on the way.
  let listener: CommitListener;

  beforeAll(async () => {
    live = await startLiveServer(engine);
    const publish = live.app.onIngestCommit;
    listener = async (change) => {
      const ids = [...change.created.map((c) => c.id), ...change.updated.map((u) => u.id)];
      const rows = await live.app.db.prisma.paper.findMany({ where: { id: { in: ids } }, select: { id: true, ingestSeq: true } });
      const seqs = new Map(rows.map((r) => [r.id, r.ingestSeq]));
      changes.push({
        created: change.created.map((c) => c.id),
        updated: change.updated.map((u) => u.id),
        visible: rows.length === ids.length && change.created.every((c) => seqs.get(c.id) === c.ingestSeq),
      });
      await publish(change);
    };
  });
  afterAll(async () => {
    await live?.close();
  });

  const ingest = (name: string, text: string, opts: Parameters<typeof ingestText>[3] = {}) =>
    // ingestText publishes through app.onIngestCommit; route it through the watching listener.
    ingestText({ ...live.app, onIngestCommit: listener }, name, text, opts);
  /** Wait until exactly n subscriptions are open (graphql-ws subscribes and unsubscribes asynchronously). */
  const subscriptions = (n: number) => expect.poll(() => live.app.activeSubscriptions(), { timeout: 5_000 }).toBe(n);
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it("hands each created paper over once, after its chunk commits, and a subscriber gets each once", async () => {
    const ws = wsClient(live.wsUrl);
    const got = new Collector<IngestedData>();
    const stop = ws.subscribe(
      { query: print(Ingested) },
      { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete },
    );
    await subscriptions(1);

    const r = await ingest("seven.jsonl", jsonl(...SEVEN.map((n) => rec(n)), { summary: "rejected: no title" }), { chunkSize: 3 });
    expect(r).toMatchObject({ created: 7, rejected: 1 });
    // Three chunks (3 + 3 + 1), each announced once, each after it committed.
    expect(changes.map((c) => c.created.length)).toEqual([3, 3, 1]);
    expect(changes.every((c) => c.visible && c.updated.length === 0)).toBe(true);
    const created = changes.flatMap((c) => c.created);
    expect(new Set(created).size).toBe(7);

    const delivered = await got.waitFor(7);
    await settle();
    expect(got.items).toHaveLength(7);
    expect(delivered.map((d) => d.paperIngested.paper.arxivId).sort()).toEqual(SEVEN.map((n) => `2508.${20000 + n}`));
    stop();
    await ws.dispose();
    await subscriptions(0);
  });

  it("hands over nothing when nothing changes, and each changed paper once", async () => {
    changes.length = 0;
    const same = await ingest("again.jsonl", jsonl(...SEVEN.map((n) => rec(n))));
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    expect(changes.flatMap((c) => [...c.created, ...c.updated])).toEqual([]);

    const paper = await live.app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: "2508.20001" } });
    const ws = wsClient(live.wsUrl);
    const got = new Collector<UpdatedData>();
    const id = encodeGlobalID("Paper", paper.id);
    const stop = ws.subscribe(
      { query: print(Updated), variables: { id } },
      { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete },
    );
    await subscriptions(1);

    const revised = rec(1, { id: "2508.20001v2", title: "Evented paper 1, revised" });
    const v2 = await ingest("v2.jsonl", jsonl(revised, rec(2, { id: "2508.20002v2", title: "Evented paper 2, revised" }), revised));
    expect(v2).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect(changes.flatMap((c) => c.created)).toEqual([]);
    expect(changes.flatMap((c) => c.updated)).toHaveLength(2);
    expect(changes.every((c) => c.visible)).toBe(true);

    const [update] = await got.waitFor(1);
    expect(update!.paperUpdated).toEqual({ arxivId: "2508.20001", title: "Evented paper 1, revised", arxivVersion: 2 });
    await settle();
    expect(got.items).toHaveLength(1);
    stop();
    await ws.dispose();
    await subscriptions(0);
  });

  it("announces papers ingested through the ingestPapers mutation too", async () => {
    const ws = wsClient(live.wsUrl);
    const got = new Collector<IngestedData>();
    const stop = ws.subscribe(
      { query: print(Ingested) },
      { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete },
    );
    await subscriptions(1);
    const { token } = await demoUser(live.app, "curator");
    const r = await live.app.run(ViaMutation, { input: { records: [{ arxivId: "2508.20030", title: "Sent by a curator" }] } }, { token });
    expect(data(r).ingestPapers).toMatchObject({ run: { created: 1 } });
    const [delivered] = await got.waitFor(1);
    expect(delivered!.paperIngested.paper.arxivId).toBe("2508.20030");
    stop();
    await ws.dispose();
    await subscriptions(0);
  });

  it("hands over nothing for a strict run that fails, or a dry run", async () => {
    changes.length = 0;
    await expect(ingest("strict.jsonl", jsonl(rec(10), { id: "bad id" }), { strict: true })).rejects.toThrow(/strict mode/);
    const dry = await ingest("dry.jsonl", jsonl(rec(11), rec(1, { id: "2508.20001v3", title: "Dry revision" })), { dryRun: true });
    expect(dry).toMatchObject({ created: 1, updated: 1 });
    expect(changes).toEqual([]);
  });
});
