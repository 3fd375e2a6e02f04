// graphql-ws on the /graphql path of the HTTP server. Operations run through yoga.getEnveloped,
// so the same schema, context and plugins (limits, masking, ...) apply as over HTTP.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

import { type ExecutionArgs, GraphQLError } from "graphql";
import { CloseCode, type Context, type OperationResult, type SubscribePayload } from "graphql-ws";
import { type Extra, useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";

import type { App } from "./app.ts";
import { SocketCloseCode } from "./close-codes.ts";
import { authorizationOf, clientIpOf, resolveViewer } from "./context.ts";
import { operationText } from "./plugins/persisted-operations.ts";
import { deliverDirectly, type DirectNext } from "./plugins/shared-subscription-results.ts";

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
          viewer = await resolveViewer(app.db.prisma, authorizationOf({ connectionParams: ctx.connectionParams }));
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
    batchSends(socket, req.socket);
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

/** Bytes of small frames a socket may hold whose sends graphql-ws was told are done. */
const UNACKNOWLEDGED_BYTES = 16 * 1024;

/**
 * Small frames sent to one socket in the same turn of the event loop leave in one write.
 * graphql-ws awaits each send's write callback before pulling the next result, so a subscriber
 * behind by several events (a burst, or a busy server) would otherwise cost one system call and
 * one TCP segment per event: with thousands of sockets, the writes were the largest share of the
 * server's time. Here a small frame is acknowledged at once and held until the turn ends; then the
 * held frames are written together (the socket corked only around that one synchronous loop).
 * Anything else (a large frame, a socket with much still unwritten) flushes what is held and is
 * sent as before, so order is kept and a socket that does not drain still paces graphql-ws.
 * Back-pressure is otherwise unchanged (Context.congested, LiveQueue).
 */
function batchSends(socket: WebSocket, raw: Duplex): void {
  const send = socket.send.bind(socket) as (data: unknown, cb?: (err?: Error) => void) => void;
  let held: string[] = [];
  let heldBytes = 0;
  const flush = () => {
    const frames = held;
    held = [];
    heldBytes = 0;
    // A socket closed meanwhile: its frames could not have been delivered either way.
    if (frames.length === 0 || socket.readyState !== socket.OPEN) return;
    raw.cork();
    for (const frame of frames) send(frame);
    raw.uncork();
  };
  socket.send = ((data: unknown, cb?: (err?: Error) => void) => {
    const small =
      socket.readyState === socket.OPEN &&
      typeof data === "string" &&
      socket.bufferedAmount + heldBytes + data.length < UNACKNOWLEDGED_BYTES;
    if (!small) {
      flush();
      return send(data, cb);
    }
    if (held.length === 0) setImmediate(flush);
    held.push(data);
    heldBytes += data.length;
    cb?.();
  }) as WebSocket["send"];
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
 * order with graphql-ws's own messages), for the shared results that skip its loop. Nothing once
 * the client completed the subscription (graphql-ws forgets the id first) or the socket closed.
 * Awaited only when the socket did not take the frame at once (see batchSends), which paces a
 * subscriber the way graphql-ws's awaited send did.
 */
function nextMessages(ctx: Context<Record<string, unknown> | undefined, Extra>, id: string, socket: WebSocket): DirectNext {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return (resultJson) => {
    if (!(id in ctx.subscriptions) || socket.readyState !== socket.OPEN) return;
    let written = false;
    let done: (() => void) | undefined;
    // An error is the socket failing: it closes, and graphql-ws ends its subscriptions.
    socket.send(`${head}${resultJson}}`, () => {
      written = true;
      done?.();
    });
    if (!written) return new Promise<void>((resolve) => (done = resolve));
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
