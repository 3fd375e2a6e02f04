// The graphql-ws protocol as the server speaks it: every close code it can emit, reproduced with a
// raw client; keep-alive pings; connection and subscription limits with clear errors.
import { CloseCode } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { RawClient } from "./helpers/raw-ws.ts";
import { type LiveServer, startLiveServer } from "./helpers/server.ts";

const SUB = "subscription { paperIngested { cursor } }";

describe("graphql-ws protocol", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", { WS_INIT_TIMEOUT: "0.5", WS_KEEPALIVE: "0.2", WS_MAX_SUBSCRIPTIONS: "2" });
  });
  afterAll(async () => {
    await live?.close();
  });

  it("4400 for a message that is not valid JSON", async () => {
    const c = await RawClient.open(live.wsUrl);
    c.send("this is not json");
    expect((await c.closed).code).toBe(CloseCode.BadRequest);
  });

  it("4401 for a subscribe before connection_ack", async () => {
    const c = await RawClient.open(live.wsUrl);
    c.subscribe("1", SUB);
    expect(await c.closed).toEqual({ code: CloseCode.Unauthorized, reason: "Unauthorized" });
  });

  it("4403 for a bad token in connection_init", async () => {
    const c = await RawClient.open(live.wsUrl);
    c.send({ type: "connection_init", payload: { authorization: "Bearer nope" } });
    expect(await c.closed).toEqual({ code: CloseCode.Forbidden, reason: "Forbidden" });
  });

  it("4408 when connection_init does not come in time", async () => {
    const c = await RawClient.open(live.wsUrl);
    expect(await c.closed).toEqual({ code: CloseCode.ConnectionInitialisationTimeout, reason: "Connection initialisation timeout" });
  });

  it("4409 for a second subscription with an id still in use", async () => {
    const c = await RawClient.open(live.wsUrl);
    await c.init();
    c.subscribe("same", SUB);
    c.subscribe("same", SUB);
    expect(await c.closed).toEqual({ code: CloseCode.SubscriberAlreadyExists, reason: "Subscriber for same already exists" });
  });

  it("4429 for a second connection_init", async () => {
    const c = await RawClient.open(live.wsUrl);
    await c.init();
    c.send({ type: "connection_init" });
    expect(await c.closed).toEqual({ code: CloseCode.TooManyInitialisationRequests, reason: "Too many initialisation requests" });
  });

  it("pings an idle connection to keep it alive", async () => {
    const c = await RawClient.open(live.wsUrl);
    await c.init();
    const pings: number[] = [];
    await new Promise<void>((resolve) => c.socket.on("ping", () => pings.push(performance.now()) === 3 && resolve()));
    // WS_KEEPALIVE is 0.2 s: pings keep coming about that far apart, and nothing closes the socket.
    expect(pings[2]! - pings[0]!).toBeGreaterThanOrEqual(300);
    expect(c.socket.readyState).toBe(WebSocket.OPEN);
    expect(c.messages.map((m) => m.type)).toEqual(["connection_ack"]);
    c.close();
  });

  it("refuses a subscription over the per-connection limit, and keeps the others", async () => {
    const c = await RawClient.open(live.wsUrl);
    await c.init();
    c.subscribe("a", SUB);
    c.subscribe("b", SUB);
    c.subscribe("c", SUB);
    const error = await c.waitFor((m) => m.type === "error" && m.id === "c");
    expect(JSON.stringify(error.payload)).toContain("Too many subscriptions on this connection: at most 2 at once");
    // The connection and its first two subscriptions stay open.
    expect(c.socket.readyState).toBe(WebSocket.OPEN);
    c.send({ type: "complete", id: "a" });
    c.subscribe("d", SUB);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.messages.filter((m) => m.type === "error" && m.id === "d")).toEqual([]);
    c.close();
  });
});

describe("connections per client", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", { WS_MAX_CONNECTIONS_PER_IP: "2" });
  });
  afterAll(async () => {
    await live?.close();
  });

  it("refuses a connection over the per-address limit with 429 and a reason", async () => {
    const a = await RawClient.open(live.wsUrl);
    const b = await RawClient.open(live.wsUrl);
    const refused = await new Promise<{ status: number | undefined; reason: string }>((resolve) => {
      const s = new WebSocket(live.wsUrl, "graphql-transport-ws");
      s.on("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode, reason: body }));
      });
      s.on("error", () => undefined);
    });
    expect(refused.status).toBe(429);
    expect(refused.reason).toMatch(/Too many WebSocket connections from .*: at most 2/);
    a.close();
    await a.closed;
    // A slot is free again.
    const c = await RawClient.open(live.wsUrl);
    c.close();
    b.close();
  });
});
