// How the fuzz test talks to a live server: as an anonymous user, a reader or an admin, over HTTP
// (JSON, or Server-Sent Events for subscriptions) and over WebSocket (graphql-ws), answering with
// everything the client saw, so that a verdict can be given on it.
import { decodeGlobalID } from "@pothos/plugin-relay";
import type { FormattedExecutionResult, GraphQLFormattedError } from "graphql";
import { type Client, CloseCode, createClient } from "graphql-ws";
import WebSocket from "ws";

import { hashToken, issueToken } from "../../src/auth/tokens.ts";
import { SocketCloseCode } from "../../src/close-codes.ts";
import type { Operation, OperationKind } from "./fuzz-operations.ts";
import type { LiveServer } from "./server.ts";
import { demoUser } from "./users.ts";

export const ROLES = ["anonymous", "reader", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const TRANSPORTS = ["http", "ws"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export interface Answer {
  /** HTTP status, for HTTP. */
  status?: number;
  /** The results (one, or a subscription's first events), including refusals sent as `error` messages. */
  results: FormattedExecutionResult[];
  /** A body that was not a GraphQL result, or a socket that closed or failed during the case. */
  broken?: string;
}

/** How long a subscription is watched: long enough for its refusal or its replayed events. */
export const SUBSCRIPTION_WINDOW_MS = 200;
/** Far beyond EXECUTION_TIMEOUT (10 s): no answer by then is a failure, not a slow one. */
const ANSWER_TIMEOUT_MS = 30_000;

interface Session {
  userId: number;
  globalId: string;
  role: "READER" | "ADMIN";
  token: string;
}

interface Socket {
  token: string | undefined;
  client: Client;
  /** Settles once the socket is acknowledged (or has failed), so that a case's time starts then. */
  ready: Promise<void>;
  /** Closes other than our own; a socket that has one is replaced before the next case. */
  closes: string[];
}

export class FuzzClient {
  private sessions = new Map<Role, Session>();
  private sockets = new Map<Role, Socket>();

  private constructor(private live: LiveServer) {}

  /** Signs in the demo reader and admin. */
  static async open(live: LiveServer): Promise<FuzzClient> {
    const client = new FuzzClient(live);
    for (const [role, handle, dbRole] of [
      ["reader", "reader", "READER"],
      ["admin", "admin", "ADMIN"],
    ] as const) {
      const user = await demoUser(live.app, handle);
      client.sessions.set(role, { userId: Number(decodeGlobalID(user.id).id), globalId: user.id, role: dbRole, token: user.token });
    }
    return client;
  }

  token(role: Role): string | undefined {
    return this.sessions.get(role)?.token;
  }

  /** The global id of the user a role signs in as. */
  userId(role: Role): string | undefined {
    return this.sessions.get(role)?.globalId;
  }

  /**
   * Puts the reader and admin back as they were when a case logged them out, revoked their token or
   * changed their role. Directly in the database: a log-in could meet the lock-out that the fuzz
   * test's own wrong passwords caused.
   */
  async restoreSessions(): Promise<void> {
    const prisma = this.live.app.db.prisma;
    const sessions = [...this.sessions.values()];
    const users = await prisma.user.findMany({
      where: { id: { in: sessions.map((s) => s.userId) } },
      select: { id: true, role: true, tokens: { where: { tokenHash: { in: sessions.map((s) => hashToken(s.token)) } } } },
    });
    for (const session of sessions) {
      const user = users.find((u) => u.id === session.userId)!;
      const token = user.tokens.find((t) => t.tokenHash === hashToken(session.token));
      if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= new Date())) {
        const expiresAt = new Date(Date.now() + 24 * 3600 * 1000);
        session.token = (await issueToken(prisma, { userId: session.userId, kind: "SESSION", name: "fuzz session", expiresAt })).secret;
      }
      if (user.role !== session.role) {
        await prisma.user.update({ where: { id: session.userId }, data: { role: session.role } });
        // As setUserRole does: the instance forgets the sign-ins it remembered with the old role.
        await this.live.app.live.publish([{ kind: "viewersChanged", payload: { userIds: [session.userId] } }]);
      }
    }
  }

  /** The data of an operation that must succeed (the test's own set-up). */
  /** The data of an operation run as `role`, or with a token of a user the cases never act as. */
  async data<T>(role: Role | { token: string }, query: string, variables?: Record<string, unknown>): Promise<T> {
    const answer = await this.http({ query, variables }, "query", typeof role === "string" ? this.token(role) : role.token);
    const result = answer.results[0];
    if (!result?.data || result.errors) throw new Error(`${query} failed: ${JSON.stringify(answer).slice(0, 1000)}`);
    return result.data as T;
  }

  async send(op: Operation, kind: OperationKind, role: Role, transport: Transport): Promise<Answer> {
    const token = this.token(role);
    return transport === "http" ? this.http(op, kind, token) : this.ws(op, kind, role, token);
  }

  private async http(op: Operation, kind: OperationKind, token: string | undefined): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ANSWER_TIMEOUT_MS);
    try {
      const res = await fetch(this.live.httpUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: kind === "subscription" ? "text/event-stream" : "application/graphql-response+json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(op),
        signal: controller.signal,
      });
      if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
        return { status: res.status, ...(await readEvents(res, controller)) };
      }
      const text = await res.text();
      try {
        return { status: res.status, results: [JSON.parse(text) as FormattedExecutionResult] };
      } catch {
        return { status: res.status, results: [], broken: `a body that is not JSON: ${text.slice(0, 500)}` };
      }
    } catch (e) {
      const broken = controller.signal.aborted ? `no answer within ${ANSWER_TIMEOUT_MS} ms` : `the request failed: ${String(e)}`;
      return { results: [], broken };
    } finally {
      clearTimeout(timer);
    }
  }

  private socketFor(role: Role, token: string | undefined): Socket {
    const current = this.sockets.get(role);
    if (current && current.token === token && current.closes.length === 0) return current;
    void current?.client.dispose();
    let settle = () => {};
    const socket: Socket = {
      token,
      closes: [],
      ready: new Promise<void>((resolve) => (settle = resolve)),
      client: createClient({
        url: this.live.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: false,
        // Closes are recorded below and judged with the case they happen in.
        onNonLazyError: () => {},
        on: {
          connected: () => settle(),
          closed: (event) => {
            settle();
            const { code, reason } = event as { code: number; reason: string };
            // 1000: our own dispose; 4403: the server closing a socket whose token a case revoked.
            if (code !== SocketCloseCode.Normal && code !== CloseCode.Forbidden)
              socket.closes.push(`the socket closed with ${code} ${reason}`);
          },
        },
      }),
    };
    this.sockets.set(role, socket);
    return socket;
  }

  private async ws(op: Operation, kind: OperationKind, role: Role, token: string | undefined): Promise<Answer> {
    const socket = this.socketFor(role, token);
    await socket.ready;
    const results: FormattedExecutionResult[] = [];
    return new Promise((resolve) => {
      let broken: string | undefined;
      let done = false;
      let window: NodeJS.Timeout | undefined;
      let unsubscribe = () => {};
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(window);
        clearTimeout(timeout);
        unsubscribe();
        if (socket.closes.length > 0) broken = socket.closes.join("; ");
        resolve({ results, ...(broken ? { broken } : {}) });
      };
      const timeout = setTimeout(() => {
        broken = `no answer within ${ANSWER_TIMEOUT_MS} ms`;
        finish();
      }, ANSWER_TIMEOUT_MS);
      unsubscribe = socket.client.subscribe(op, {
        next: (result) => {
          results.push(result as FormattedExecutionResult);
          if (kind === "subscription") finish();
        },
        error: (e) => {
          // graphql-ws hands over the `error` message's errors, or what ended the socket.
          if (Array.isArray(e)) results.push({ errors: e as GraphQLFormattedError[] });
          else {
            const { code, reason } = e as { code?: number; reason?: string };
            if (code !== CloseCode.Forbidden)
              broken = code !== undefined ? `the socket closed with ${code} ${reason}` : `the socket failed: ${String(e)}`;
          }
          finish();
        },
        complete: finish,
      });
      if (kind === "subscription") window = setTimeout(finish, SUBSCRIPTION_WINDOW_MS);
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.sockets.values()].map((s) => s.client.dispose()));
  }
}

/** The events of an SSE answer until the first result, the end of the stream or the watch window. */
async function readEvents(res: Response, controller: AbortController): Promise<Omit<Answer, "status">> {
  const results: FormattedExecutionResult[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const window = setTimeout(() => controller.abort(), SUBSCRIPTION_WINDOW_MS);
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(event)?.[1];
        const data = [...event.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join("\n");
        if (name === "complete") return { results };
        if (name === "next" || (name === undefined && data)) {
          try {
            results.push(JSON.parse(data) as FormattedExecutionResult);
          } catch {
            return { results, broken: `an event that is not JSON: ${data.slice(0, 500)}` };
          }
          return { results };
        }
      }
    }
  } catch {
    // The watch window ended the stream: the subscription was accepted and had nothing to say.
  } finally {
    clearTimeout(window);
    controller.abort();
  }
  return { results };
}
