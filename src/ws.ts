// graphql-ws on the /graphql path of the HTTP server. Operations run through yoga.getEnveloped,
// so the same schema, context and plugins (limits, masking, ...) apply as over HTTP.
import type { IncomingMessage, Server } from "node:http";

import { type ExecutionArgs, GraphQLError } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";

import type { App } from "./app.ts";
import { SocketCloseCode } from "./close-codes.ts";
import { authorizationOf, clientIpOf, resolveViewer } from "./context.ts";
import { operationText } from "./plugins/persisted-operations.ts";

type Run = (args: ExecutionArgs) => unknown;
type EnvelopedArgs = ExecutionArgs & { envelopedExecute: Run; envelopedSubscribe: Run };

export interface WsHandle {
  wss: WebSocketServer;
  close(): Promise<void>;
}

export function attachGraphQLWs(server: Server, app: App): WsHandle {
  const perIp = new Map<string, number>();
  const maxPerIp = app.config.wsMaxConnectionsPerIp;
  // The client's address exactly as HTTP rate limits see it: behind a trusted proxy, the forwarded
  // one, else every client behind the proxy would share (and exhaust) the proxy's allowance.
  const addressOf = (req: IncomingMessage) => clientIpOf({ req }, app.config.trustProxy);
  const wss = new WebSocketServer({
    server,
    path: app.yoga.graphqlEndpoint,
    // Refused before the handshake, with a status and a reason the client can read.
    verifyClient: (info, done) => {
      const ip = addressOf(info.req);
      if ((perIp.get(ip) ?? 0) >= maxPerIp) done(false, 429, `Too many WebSocket connections from ${ip}: at most ${maxPerIp}`);
      else done(true);
    },
  });
  wss.on("connection", (socket, req) => {
    const ip = addressOf(req);
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    app.metrics.websocketConnections.inc();
    socket.once("close", () => {
      app.metrics.websocketConnections.dec();
      const n = (perIp.get(ip) ?? 1) - 1;
      if (n > 0) perIp.set(ip, n);
      else perIp.delete(ip);
    });
  });
  // Sockets by the token they signed in with, so that revoking a token closes them at once (on
  // every instance: the revocation travels like the live events).
  const socketsByToken = new Map<number, Set<WebSocket>>();
  const stopRevocations = app.live.onTokensRevoked((tokenIds) => {
    for (const tokenId of tokenIds) {
      for (const socket of socketsByToken.get(tokenId) ?? []) socket.close(CloseCode.Forbidden, "Forbidden: the token was revoked");
    }
  });
  const disposable = useServer(
    {
      connectionInitWaitTimeout: app.config.wsInitTimeoutMs,
      // A bad token closes the socket with 4403 Forbidden (graphql-ws, when onConnect returns false); no token means an anonymous client.
      onConnect: async (ctx) => {
        let viewer;
        try {
          viewer = await resolveViewer(app.db.prisma, authorizationOf({ connectionParams: ctx.connectionParams }));
        } catch {
          return false;
        }
        const socket = ctx.extra.socket;
        if (viewer && socket.readyState === socket.OPEN) {
          const { tokenId } = viewer;
          const sockets = socketsByToken.get(tokenId) ?? new Set();
          socketsByToken.set(tokenId, sockets.add(socket));
          socket.once("close", () => {
            sockets.delete(socket);
            if (sockets.size === 0) socketsByToken.delete(tokenId);
          });
        }
        return true;
      },
      // The enveloped execute/subscribe travel on the args that onSubscribe returns.
      execute: (args) => (args as EnvelopedArgs).envelopedExecute(args) as never,
      subscribe: (args) => (args as EnvelopedArgs).envelopedSubscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
        const max = app.config.wsMaxSubscriptions;
        // graphql-ws has already entered this subscription in ctx.subscriptions (as null): it counts.
        if (Object.keys(ctx.subscriptions).length > max) {
          return [
            new GraphQLError(`Too many subscriptions on this connection: at most ${max} at once. Complete one first.`, {
              extensions: { code: "TOO_MANY_SUBSCRIPTIONS" },
            }),
          ];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connectionParams: ctx.connectionParams,
        });
        try {
          const document = parse(operationText(app.persistedOperations, payload));
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
          const args: EnvelopedArgs = {
            schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            // Built per operation: a token revoked since the socket opened is refused here.
            contextValue: await contextFactory(),
            envelopedExecute: execute,
            envelopedSubscribe: subscribe,
          };
          return args;
        } catch (e) {
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
      },
    },
    wss,
    app.config.wsKeepAliveMs,
  );
  return {
    wss,
    async close() {
      for (const client of wss.clients) client.close(SocketCloseCode.GoingAway, "Server shutting down");
      stopRevocations();
      await disposable.dispose();
    },
  };
}
