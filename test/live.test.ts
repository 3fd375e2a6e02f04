// The live wiring: a paper ingested while clients are subscribed reaches a graphql-ws client and
// an SSE client, each with the fields it selected; a bad token is refused on the socket.
import { EventSource } from "eventsource";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { hashToken } from "../src/auth/tokens.ts";
import { graphql } from "./gql/index.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { Collector, type LiveServer, startLiveServer, wsClient } from "./helpers/server.ts";

const NewPapers = graphql(`
  subscription NewPapers {
    paperIngested {
      cursor
      paper {
        title
        authors {
          name
        }
      }
    }
  }
`);

type Delivery = { paperIngested: { cursor: string; paper: { title: string; authors: { name: string }[] } | null } };

describe("live delivery wiring", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(async () => {
    await live?.close();
  });

  it("delivers a newly ingested paper over WebSocket and SSE", async () => {
    const ws = wsClient(live.wsUrl);
    const overWs = new Collector<Delivery>();
    const stopWs = ws.subscribe<Delivery>(
      { query: print(NewPapers) },
      {
        next: (r) => overWs.push(r.data as Delivery),
        error: overWs.fail,
        complete: overWs.complete,
      },
    );

    const overSse = new Collector<Delivery>();
    // A GET must carry a CSRF header (README "Limits"); the eventsource package lets us set it.
    const sse = new EventSource(`${live.httpUrl}?query=${encodeURIComponent(print(NewPapers))}`, {
      fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, "x-graphql-yoga-csrf": "1" } }),
    });
    sse.addEventListener("next", (e) => overSse.push((JSON.parse(e.data) as { data: Delivery }).data));
    await new Promise<void>((resolve, reject) => {
      sse.onopen = () => resolve();
      sse.onerror = (e) => reject(new Error(`SSE failed: ${JSON.stringify(e)}`));
    });
    // graphql-ws subscribes lazily: wait until the server has the subscription.
    await waitForSubscribers(live, 2);

    await ingestRecords(live.app, [syntheticPaper(1, { title: "A paper that arrives live", authors: [{ name: "Ada Lovelace" }] })]);

    for (const [received] of [await overWs.waitFor(1), await overSse.waitFor(1)]) {
      expect(received!.paperIngested.paper).toEqual({ title: "A paper that arrives live", authors: [{ name: "Ada Lovelace" }] });
      expect(received!.paperIngested.cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
    }
    stopWs();
    sse.close();
    await ws.dispose();
  });

  it("accepts a valid token in connectionParams", async () => {
    const user = await live.app.db.prisma.user.findUniqueOrThrow({ where: { email: "reader@paperboy.local" } });
    await live.app.db.prisma.apiToken.create({
      data: { userId: user.id, kind: "API", name: "test", tokenHash: hashToken("pb_live_test"), prefix: "pb_live" },
    });
    const socket = new WebSocket(live.wsUrl, "graphql-transport-ws");
    await new Promise((r) => socket.once("open", r));
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer pb_live_test" } }));
    const message = (await new Promise((r) => socket.once("message", (m) => r(JSON.parse(m.toString()))))) as { type: string };
    expect(message.type).toBe("connection_ack");
    socket.close();
  });
});

async function waitForSubscribers(live: LiveServer, n: number): Promise<void> {
  // The in-process pub/sub is an EventTarget; poll until both subscriptions have attached.
  await expect.poll(() => subscriberCount(live), { timeout: 5_000 }).toBeGreaterThanOrEqual(n);
}

function subscriberCount(live: LiveServer): number {
  return live.app.activeSubscriptions();
}
