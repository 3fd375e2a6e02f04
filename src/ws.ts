// graphql-ws on the /graphql path of the HTTP server. Operations run through yoga.getEnveloped,
// so the same schema, context and plugins (limits, masking, ...) apply as over HTTP.
import type { IncomingMessage, Server } from "node:http";

import { type ExecutionArgs, GraphQLError } from "graphql";
import { CloseCode, type Context, type OperationResult, type SubscribePayload } from "graphql-ws";
import { type Extra, useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";

import type { App } from "./app.ts";
import { SocketCloseCode } from "./close-codes.ts";
import { authorizationOf, clientIpOf, resolveViewer } from "./context.ts";
import { deliverDirectly, type DirectNext } from "./plugins/direct-delivery.ts";
import { operationText } from "./plugins/persisted-operations.ts";
import { SocketFrames, textFrame } from "./ws-frames.ts";

type Run = (args: ExecutionArgs) => OperationResult;
type EnvelopedArgs = ExecutionArgs & { envelopedExecute: Run; envelopedSubscribe: Run };

export interface WsHandle {
  wss: WebSocketServer;
  close(): Promise<void>;
}

export function attachGraphQLWs(server: Server, app: App): WsHandle {
  const wss = limitedSocketServer(server, app);
  const tokenSockets = closedOnRevocation(app);
  const disposable = useServer(
    {
      connectionInitWaitTimeout: app.config.wsInitTimeoutMs,
      // A bad token closes the socket with 4403 Forbidden (graphql-ws, when onConnect returns false);
      // no token means an anonymous client.
      onConnect: async (ctx) => {
        let viewer;
        try {
          viewer = await resolveViewer(app.db.prisma, authorizationOf({ connectionParams: ctx.connectionParams }), app.viewers);
        } catch {
          return false;
        }
        if (viewer) tokenSockets.track(viewer.tokenId, ctx.extra.socket);
        return true;
      },
      // The enveloped execute/subscribe travel on the args that onSubscribe returns.
      execute: (args) => (args as EnvelopedArgs).envelopedExecute(args),
      subscribe: (args) => (args as EnvelopedArgs).envelopedSubscribe(args),
      onSubscribe: (ctx, id, payload) => operationArgs(app, ctx, id, payload),
    },
    wss,
    app.config.wsKeepAliveMs,
  );
  return {
    wss,
    async close() {
      for (const client of wss.clients) client.close(SocketCloseCode.GoingAway, "Server shutting down");
      tokenSockets.stop();
      await disposable.dispose();
    },
  };
}

/** What each socket is written through (src/ws-frames.ts). */
const framesOf = new WeakMap<WebSocket, SocketFrames>();

/** The WebSocket server on the GraphQL path, admitting at most wsMaxConnectionsPerIp open sockets per client address. */
function limitedSocketServer(server: Server, app: App): WebSocketServer {
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
    framesOf.set(socket, new SocketFrames(socket, req.socket));
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
  return wss;
}

/**
 * Sockets by the token they signed in with, so that revoking a token closes them at once (on
 * every instance: the revocation travels like the live events).
 */
function closedOnRevocation(app: App): { track(tokenId: number, socket: WebSocket): void; stop(): void } {
  const socketsByToken = new Map<number, Set<WebSocket>>();
  const stop = app.live.onTokensRevoked((tokenIds) => {
    for (const tokenId of tokenIds) {
      for (const socket of socketsByToken.get(tokenId) ?? []) socket.close(CloseCode.Forbidden, "Forbidden: the token was revoked");
    }
  });
  return {
    track(tokenId, socket) {
      if (socket.readyState !== socket.OPEN) return;
      const sockets = socketsByToken.get(tokenId) ?? new Set();
      socketsByToken.set(tokenId, sockets.add(socket));
      socket.once("close", () => {
        sockets.delete(socket);
        if (sockets.size === 0) socketsByToken.delete(tokenId);
      });
    },
    stop,
  };
}

/**
 * Writes subscription `id`'s `next` messages as graphql-ws would (same text, same socket, so in
 * order with graphql-ws's own messages), for the shared results that skip its loop: framed once
 * per message and id, the same bytes for every socket. Nothing once the client completed the
 * subscription (graphql-ws forgets the id first) or the socket closed.
 */
function nextMessages(ctx: Context<Record<string, unknown> | undefined, Extra>, id: string, socket: WebSocket): DirectNext {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  const frames = framesOf.get(socket);
  return (message) => {
    if (!frames || !(id in ctx.subscriptions) || socket.readyState !== socket.OPEN) return;
    let frame = message.frames.get(id);
    if (!frame) message.frames.set(id, (frame = textFrame(`${head}${message.json}}`)));
    return frames.write(frame);
  };
}

/** One subscribe message -> the enveloped operation to run, or the errors that refuse it. */
async function operationArgs(
  app: App,
  ctx: Context<Record<string, unknown> | undefined, Extra>,
  id: string,
  payload: SubscribePayload,
): Promise<EnvelopedArgs | readonly GraphQLError[]> {
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
    // Built per operation: a token revoked since the socket opened is refused here.
    const contextValue = await contextFactory();
    deliverDirectly(contextValue, nextMessages(ctx, id, ctx.extra.socket));
    return {
      schema,
      operationName: payload.operationName,
      document,
      variableValues: payload.variables,
      contextValue,
      envelopedExecute: execute,
      envelopedSubscribe: subscribe,
    };
  } catch (e) {
    if (e instanceof GraphQLError) return [e];
    throw e;
  }
}
