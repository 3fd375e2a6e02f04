// BODY_LIMIT over real HTTP (src/plugins/body-limit.ts): a body declared too long is refused before
// it is read, a chunked body is cut off once it crosses the limit, and a declared length is what
// the server reads, whatever follows it on the connection.
import { request } from "node:http";
import { connect } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type App, createApp } from "../src/app.ts";
import { listen, type RunningServer } from "../src/http.ts";
import { pgliteFrom, testConfig } from "./helpers/app.ts";

const LIMIT = 4096;
let app: App;
let server: RunningServer;

beforeAll(async () => {
  app = createApp({ config: testConfig({ BODY_LIMIT: String(LIMIT) }), db: await pgliteFrom("pgliteDump") });
  server = await listen(app, { host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await server.close();
  await app.stop();
  await app.db.close();
});

/** POSTs `chunks` to /graphql (chunked unless `length` is declared); the status and body. */
function post(chunks: string[], length?: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/graphql`,
      // A connection of its own: one cut off by a 413 is not reused.
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", ...(length !== undefined ? { "content-length": length } : {}) },
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    );
    // The server may answer and close before the whole body is sent.
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const padded = (bytes: number) => JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(bytes) } });

describe("the request body limit over HTTP", () => {
  it("answers a body within the limit, declared or chunked", async () => {
    const body = padded(LIMIT / 2);
    for (const r of [await post([body], Buffer.byteLength(body)), await post([body.slice(0, 100), body.slice(100)])]) {
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toEqual({ data: { __typename: "Query" } });
    }
  });

  it("refuses a declared length beyond the limit with 413, before the body is sent", async () => {
    const declared = await post([], LIMIT + 1);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).errors[0].message).toBe("Request body too large");
  });

  it("cuts a chunked body off with 413 once it crosses the limit", async () => {
    const body = padded(LIMIT * 4);
    const r = await post([body.slice(0, LIMIT), body.slice(LIMIT)]);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).errors[0].message).toBe("Request body too large");
  });

  it("reads no more than the declared length: what follows on the connection is the next request", async () => {
    const body = padded(10);
    const head = (b: string, extra = "") =>
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(b)}\r\n${extra}\r\n`;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1");
      let text = "";
      socket.on("data", (c) => (text += c.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      // Two requests in one write: were the first body read past its declared length, the second
      // (and its large body) would be part of it.
      const second = padded(LIMIT * 2);
      socket.write(`${head(body)}${body}${head(second, "Connection: close\r\n")}${second}`);
    });
    expect(answer.match(/HTTP\/1\.1 \d{3}/g)).toEqual(["HTTP/1.1 200", "HTTP/1.1 413"]);
    expect(answer).toContain('{"data":{"__typename":"Query"}}');
  });
});
