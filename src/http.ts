// The HTTP server around an App: Yoga for HTTP and SSE, graphql-ws for WebSocket, and a
// graceful close (stop accepting, close sockets, drain requests, then give up after a grace period).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { App } from "./app.ts";
import { requestScope } from "./logger.ts";
import { attachGraphQLWs, type WsHandle } from "./ws.ts";

export interface RunningServer {
  server: Server;
  ws: WsHandle;
  port: number;
  /** http://host:port */
  url: string;
  close(graceMs?: number): Promise<void>;
}

export async function listen(app: App, opts: { host?: string; port?: number } = {}): Promise<RunningServer> {
  // Each request in its own log scope, so its log lines carry its id (src/logger.ts).
  const server = createServer((req, res) => requestScope.run({}, () => app.yoga(req, res)));
  const ws = attachGraphQLWs(server, app);
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  let closing: Promise<void> | undefined;
  return {
    server,
    ws,
    port,
    url: `http://${shownHost}:${port}`,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        await ws.close();
        // Idle keep-alive sockets would hold server.close() open; busy ones finish their request.
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await drained;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
