// The whole frames src/ws.ts builds once per fan-out message: byte for byte what ws would send.
import { createRequire } from "node:module";

import { describe, expect, it } from "vitest";

import { textFrame } from "../src/ws-frames.ts";

// ws's sender (not in its type definitions): the framing the server's own sends use.
const Sender = (createRequire(import.meta.url)("ws") as { Sender: unknown }).Sender as { frame(data: Buffer, options: object): Buffer[] };

/** ws's own framing of `text` from a server (unmasked, final, text). */
function wsFrame(text: string): Buffer {
  const parts = Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false });
  return Buffer.concat(parts);
}

describe("textFrame", () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 70_000])("frames %i bytes as ws does", (n) => {
    const text = "x".repeat(n);
    expect(textFrame(text).equals(wsFrame(text))).toBe(true);
  });

  it("counts bytes, not characters", () => {
    const text = `{"title":"Schrödinger ${"é".repeat(100)}"}`;
    expect(textFrame(text).equals(wsFrame(text))).toBe(true);
  });
});
