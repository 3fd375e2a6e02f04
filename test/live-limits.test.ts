// WebSocket limits under attack: the configured number of subscriptions per socket (exactly), the
// per-address socket cap behind a trusted proxy (counted per forwarded client, as HTTP rate limits
// count), and the cost of matching: a socket holding its maximum of maximal filters that match
// nothing slows ingestion by at most 5x and /health keeps answering. (The 5x and 1 s bounds are
// robustness bounds, far from the healthy ~1x and a few ms.)
import { type GraphQLInputObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { schema } from "../src/schema/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { RawClient } from "./helpers/raw-ws.ts";
import { type LiveServer, startLiveServer, until } from "./helpers/server.ts";

const SUB = "subscription { paperIngested { cursor } }";

const ABSTRACT_BODY = Array.from(
  { length: 12 },
  (_, i) =>
    `Step ${i} of the method refines the clustering of nodes with a spectral embedding and a kernel on attributes, then checks stability.`,
).join(" ");

describe("subscriptions per socket", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", { WS_MAX_SUBSCRIPTIONS: "3" });
  });
  afterAll(async () => {
    await live?.close();
  });

  it("admits exactly WS_MAX_SUBSCRIPTIONS and refuses the next", async () => {
    const c = await RawClient.open(live.wsUrl);
    await c.init();
    for (const id of ["1", "2", "3"]) c.subscribe(id, SUB);
    await until(() => live.app.activeSubscriptions() === 3, "3 active subscriptions", 5_000);
    expect(c.messages.filter((m) => m.type === "error")).toEqual([]);
    c.subscribe("4", SUB);
    const refused = await c.waitFor((m) => m.type === "error" && m.id === "4");
    expect(JSON.stringify(refused.payload)).toContain("Too many subscriptions on this connection: at most 3 at once");
    expect(live.app.activeSubscriptions()).toBe(3);
    c.close();
  });
});

/** Opens a socket that says (through X-Forwarded-For) it comes from `forwardedFor`; resolves with the HTTP status of a refusal. */
function openFrom(url: string, forwardedFor: string): Promise<{ socket: WebSocket } | { status: number | undefined; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "graphql-transport-ws", { headers: { "x-forwarded-for": forwardedFor } });
    socket.once("open", () => resolve({ socket }));
    socket.once("unexpected-response", (_req, res) => {
      let reason = "";
      res.on("data", (d: Buffer) => (reason += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode, reason }));
    });
    socket.once("error", reject);
  });
}

describe("sockets per client behind a trusted proxy", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", { TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    await live?.close();
  });

  it("counts each forwarded client on its own: 50 sockets of one do not lock another out", async () => {
    const cap = live.app.config.wsMaxConnectionsPerIp;
    expect(cap).toBe(50);
    const opened: WebSocket[] = [];
    try {
      for (let i = 0; i < cap; i++) {
        const r = await openFrom(live.wsUrl, "198.51.100.7");
        if (!("socket" in r)) throw new Error(`socket ${i + 1} refused: ${r.status} ${r.reason}`);
        opened.push(r.socket);
      }
      // The same client again, even prepending a made-up hop: the proxy's (last) hop is the client.
      const again = await openFrom(live.wsUrl, "203.0.113.99, 198.51.100.7");
      expect(again).toEqual({ status: 429, reason: "Too many WebSocket connections from 198.51.100.7: at most 50" });
      const other = await openFrom(live.wsUrl, "198.51.100.8");
      expect("socket" in other).toBe(true);
      if ("socket" in other) opened.push(other.socket);
    } finally {
      for (const s of opened) s.close();
    }
  });
});

describe("the cost of matching subscriptions", () => {
  let live: LiveServer;
  let next = 0;
  beforeAll(async () => {
    // On PostgreSQL when there is one: embedded PGlite runs each statement on the main thread, so
    // there /health also waits for the database, whatever the subscriptions do.
    live = await startLiveServer(ENGINES.at(-1));
  });
  afterAll(async () => {
    await live?.close();
  });

  /** Ingests 50 new papers and waits until every subscription has been offered them; returns the ms it took. */
  async function ingest50(): Promise<number> {
    const records = Array.from({ length: 50 }, () => {
      const i = next++;
      // An abstract of a real one's length (~1,500 characters): matching cost grows with the text.
      return syntheticPaper(i, { abstract: `${syntheticPaper(i).abstract} ${ABSTRACT_BODY}` });
    });
    const start = performance.now();
    await ingestRecords(live.app, records);
    await live.app.live.papers.catchUp();
    return performance.now() - start;
  }

  /**
   * The longest wait for /health while `work` runs, counted as the time the server spent working
   * meanwhile (process CPU time, at most the wall time): the server runs in this process, so a
   * stalled event loop also delays the probe, and on a machine too busy to run us at all the wall
   * time would blame the server for waiting its turn.
   */
  async function slowestHealthDuring(work: Promise<number>): Promise<{ ms: number; slowest: number }> {
    const health = live.httpUrl.replace(/\/graphql$/, "/health");
    const cpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    let done = false;
    let slowest = 0;
    const probe = (async () => {
      while (!done) {
        const [start, cpuAtStart] = [performance.now(), cpuMs()];
        await new Promise((r) => setTimeout(r, 25));
        const res = await fetch(health);
        await res.text();
        slowest = Math.max(slowest, Math.min(performance.now() - start, cpuMs() - cpuAtStart));
      }
    })();
    const ms = await work.finally(() => (done = true));
    await probe;
    return { ms, slowest };
  }

  it("keeps ingestion within 5x and /health answering with a socket full of maximal filters that match nothing", async () => {
    const filterType = schema.getType("PaperIngestedFilter") as GraphQLInputObjectType;
    const bound = (field: string) => {
      const limits = filterType.getFields()[field]!.extensions.inputLimits as { maxItems: number; maxLength: number } | undefined;
      if (!limits) throw new Error(`PaperIngestedFilter.${field} states no bounds`);
      return limits;
    };
    const keywords = bound("keywords");
    const authors = bound("authors");
    const categories = bound("categories");
    const maxSubscriptions = live.app.config.wsMaxSubscriptions;
    expect(maxSubscriptions).toBe(100);

    // Words of the papers' own titles, in an order they never take, up to the maximal length: each
    // phrase starts at words the text has, so matching has to look at every place they occur.
    const vocabulary = ["graph", "clustering", "neural", "study", "synthetic", "networks", "kernel", "methods", "with", "of"];
    const phrase = (i: number, length: number) => {
      const out: string[] = [];
      for (let j = 0; out.join(" ").length < length; j++) out.push(vocabulary[(i + j * 3) % vocabulary.length]!);
      return out.join(" ").slice(0, length);
    };
    const misses = Array.from({ length: keywords.maxItems }, (_, i) => phrase(i, keywords.maxLength));
    // Half the filters do match a keyword, so that their (maximal) author lists are evaluated too:
    // every author name uses words the papers' authors have, but never all in one author.
    const hits = [...misses.slice(1), "graph neural network"];
    const authorName = (i: number) => `Shared A ${i} Coauthor B `.repeat(authors.maxLength).slice(0, authors.maxLength);
    const filter = (i: number) => ({
      categories: ["cs.LG", ...Array.from({ length: categories.maxItems - 1 }, (_, j) => `cs.X${j}`)],
      keywords: i % 2 === 0 ? misses : hits,
      authors: Array.from({ length: authors.maxItems }, (_, j) => authorName(j)),
    });
    const query = `subscription ($f: PaperIngestedFilter) { paperIngested(filter: $f) { cursor } }`;

    // One keyword more than the bound is refused.
    const probe = await RawClient.open(live.wsUrl);
    await probe.init();
    probe.subscribe("over", query, { f: { keywords: [...misses, "one more"] } });
    const refused = await probe.waitFor((m) => m.id === "over" && (m.type === "error" || m.type === "next"));
    expect(JSON.stringify(refused.payload)).toContain(`takes at most ${keywords.maxItems} items, got ${keywords.maxItems + 1}`);
    probe.close();

    // Both sides measured alike: warmed up (the first run of a code path includes compiling it) and
    // with /health probed meanwhile.
    await ingest50();
    const baseline = Math.min((await slowestHealthDuring(ingest50())).ms, (await slowestHealthDuring(ingest50())).ms);

    const c = await RawClient.open(live.wsUrl);
    await c.init();
    for (let i = 0; i < maxSubscriptions; i++) c.subscribe(String(i), query, { f: filter(i) });
    await until(() => live.app.activeSubscriptions() === maxSubscriptions, `${maxSubscriptions} subscriptions`, 30_000);

    await ingest50();
    const first = await slowestHealthDuring(ingest50());
    const second = await slowestHealthDuring(ingest50());
    const loaded = Math.min(first.ms, second.ms);
    expect(c.messages.filter((m) => m.type !== "connection_ack")).toEqual([]);
    expect(loaded, `50 papers took ${loaded.toFixed(0)} ms with the subscriptions, ${baseline.toFixed(0)} ms without`).toBeLessThan(
      5 * baseline,
    );
    expect(Math.max(first.slowest, second.slowest)).toBeLessThan(1_000);
    c.close();
  });
});
