// The whole frames src/ws.ts builds once per fan-out message and writes to each socket as they are:
// a real WebSocket client reads each as the text it holds, at every length the framing encodes
// differently (7-bit, 16-bit and 64-bit lengths) and with multi-byte characters.
import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";

import { textFrame } from "../src/ws-frames.ts";

let server: WebSocketServer;
let client: WebSocket;
/** The server side's TCP socket, which src/ws.ts writes whole frames to. */
let raw: Socket;

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(server, "listening");
  const connected = once(server, "connection");
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  raw = ((await connected) as [WebSocket, IncomingMessage])[1].socket as Socket;
  await once(client, "open");
});

afterAll(async () => {
  client.close();
  await new Promise((r) => server.close(r));
});

/** Writes `text`'s frame on the server's raw socket, as src/ws.ts does; what the client reads. */
async function roundTrip(text: string): Promise<string> {
  const received = once(client, "message") as Promise<[Buffer, boolean]>;
  raw.write(textFrame(text));
  const [data, isBinary] = await received;
  expect(isBinary).toBe(false);
  return data.toString("utf8");
}

describe("textFrame", () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 70_000])("is read back whole by a client at %i bytes", async (n) => {
    const text = "x".repeat(n);
    expect(await roundTrip(text)).toBe(text);
  });

  it("counts bytes, not characters", async () => {
    const text = `{"title":"Schrödinger ${"é".repeat(100)}"}`;
    expect(await roundTrip(text)).toBe(text);
  });
});
