// What src/ws.ts writes to each WebSocket at fan-out: small frames held for the turn of the event
// loop and written together, and whole frames built once and written as they are to every socket
// that gets the same message.
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";

import type { WebSocket } from "ws";

/** Bytes of small frames a socket may hold whose sends were reported done. */
export const UNACKNOWLEDGED_BYTES = 16 * 1024;

// ws frames its own sends with Sender.frame (lib/sender.js, WebSocket.Sender of its CommonJS
// entry; its ESM entry's default export lacks it). @types/ws does not declare it: this says how it is called.
interface WsSender {
  frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[];
}
const { Sender } = createRequire(import.meta.url)("ws") as { Sender: WsSender };

/**
 * `text` as one final text frame from the server, framed by ws as its own sends are: its bytes are
 * the same for every socket, so a message many subscribers get is framed and encoded once, not
 * once per socket.
 */
export function textFrame(text: string): Buffer {
  return Buffer.concat(Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false }));
}

type Send = (data: unknown, cb?: (err?: Error) => void) => void;

/** Sockets holding frames, flushed together once the turn ends (one Immediate, not one per socket). */
const holding = new Set<SocketFrames>();

function flushAll(): void {
  for (const s of holding) s.flush();
  holding.clear();
}

/**
 * Small frames sent to one socket in the same turn of the event loop leave in one write.
 * graphql-ws awaits each send's write callback before pulling the next result, so a subscriber
 * behind by several events (a burst, or a busy server) would otherwise cost one system call and
 * one TCP segment per event: with thousands of sockets, the writes were the largest share of the
 * server's time. Here a small frame is acknowledged at once and held until the turn ends; then the
 * held frames are written together (the socket corked only around that one synchronous loop).
 * Anything else (a large frame, a socket with much still unwritten) flushes what is held and is
 * sent as before, so order is kept and a socket that does not drain still paces its sender.
 * Back-pressure is otherwise unchanged (Context.congested, LiveQueue).
 */
export class SocketFrames {
  /** Text for ws to frame and send, or a whole frame to write as it is: in the order they came. */
  private held: (string | Buffer)[] = [];
  private heldBytes = 0;
  private readonly send: Send;

  constructor(
    private readonly socket: WebSocket,
    private readonly raw: Duplex,
  ) {
    this.send = socket.send.bind(socket) as Send;
    socket.send = ((data: unknown, cb?: (err?: Error) => void) => {
      if (typeof data !== "string" || !this.hold(data, data.length)) {
        this.flush();
        this.send(data, cb);
        return;
      }
      cb?.();
    }) as WebSocket["send"];
  }

  /**
   * Writes a whole frame (textFrame) in order with everything sent before it; a promise when the
   * socket did not take it at once, to be awaited before the next (as graphql-ws awaits its sends).
   */
  write(frame: Buffer): void | Promise<void> {
    if (this.hold(frame, frame.length)) return;
    this.flush();
    if (this.socket.readyState !== this.socket.OPEN) return;
    // An error is the socket failing: ws closes it, and graphql-ws ends its subscriptions.
    return new Promise<void>((resolve) => this.raw.write(frame, () => resolve()));
  }

  private hold(data: string | Buffer, bytes: number): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount + this.heldBytes + bytes >= UNACKNOWLEDGED_BYTES) return false;
    if (this.held.length === 0) {
      if (holding.size === 0) setImmediate(flushAll);
      holding.add(this);
    }
    this.held.push(data);
    this.heldBytes += bytes;
    return true;
  }

  flush(): void {
    const frames = this.held;
    if (frames.length === 0) return;
    this.held = [];
    this.heldBytes = 0;
    holding.delete(this);
    // A socket closed meanwhile: its frames could not have been delivered either way.
    if (this.socket.readyState !== this.socket.OPEN) return;
    // The usual case at fan-out: one whole frame, one write, nothing to cork.
    if (frames.length === 1 && typeof frames[0] !== "string") {
      this.raw.write(frames[0]!);
      return;
    }
    this.raw.cork();
    for (const frame of frames) {
      if (typeof frame === "string") this.send(frame);
      else this.raw.write(frame);
    }
    this.raw.uncork();
  }
}
