// A raw graphql-transport-ws client: sends exactly what a test says, and records what comes back.
import WebSocket from "ws";

export interface Message {
  type: string;
  id?: string;
  payload?: unknown;
}

export class RawClient {
  readonly messages: Message[] = [];
  readonly socket: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.socket = new WebSocket(url, "graphql-transport-ws");
    this.opened = new Promise((resolve, reject) => {
      this.socket.once("open", () => resolve());
      this.socket.once("error", reject);
    });
    this.closed = new Promise((resolve) => this.socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    this.socket.on("message", (data) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(url: string): Promise<RawClient> {
    const c = new RawClient(url);
    await c.opened;
    return c;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  async init(payload?: Record<string, unknown>): Promise<void> {
    this.send({ type: "connection_init", payload });
    await this.waitFor((m) => m.type === "connection_ack");
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ type: "subscribe", id, payload: { query, variables } });
  }

  /** Waits until a message satisfies `match`; returns it. */
  async waitFor(match: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  nexts(id: string): unknown[] {
    return this.messages.filter((m) => m.type === "next" && m.id === id).map((m) => m.payload);
  }

  close(): void {
    this.socket.close();
  }
}
