// A subscription's bounded queue, without a server: order, capacity, ending, failing, the stall
// clock and a congested transport.
import { describe, expect, it, vi } from "vitest";

import { LiveFailure, LiveQueue, type QueueOptions, SubscriptionOverflowError, unwrapLive } from "../src/live/queue.ts";

const queue = (opts: Partial<QueueOptions> = {}) => new LiveQueue<number>({ capacity: 3, stallMs: 1_000, ...opts });

async function drain(q: LiveQueue<number>): Promise<(number | string)[]> {
  const out: (number | string)[] = [];
  for await (const item of q) out.push(item instanceof LiveFailure ? `failure: ${(item.error as Error).message}` : item);
  return out;
}

describe("live queue", () => {
  it.each([
    ["keeps order and ends after the last item", [1, 2, 3], [true, true, true], [1, 2, 3]],
    ["refuses a push beyond its capacity, keeping what it holds", [1, 2, 3, 4], [true, true, true, false], [1, 2, 3]],
    ["ends empty", [], [], []],
  ])("%s", async (_what, pushes, accepted, delivered) => {
    const q = queue();
    expect(pushes.map((n) => q.push(n))).toEqual(accepted);
    q.end();
    expect(await drain(q)).toEqual(delivered);
    expect(q.isClosed).toBe(true);
  });

  it("wakes a waiting consumer on push", async () => {
    const q = queue();
    const next = q.next();
    q.push(7);
    expect(await next).toEqual({ done: false, value: 7 });
  });

  it("hands a waiting pull its answer synchronously: a push, then the failure, then the end", () => {
    const q = queue();
    const got: IteratorResult<number | LiveFailure>[] = [];
    q.pull((r) => got.push(r));
    expect(got).toEqual([]);
    q.push(7);
    expect(got).toEqual([{ done: false, value: 7 }]);
    q.push(8);
    q.pull((r) => got.push(r));
    expect(got[1]).toEqual({ done: false, value: 8 });
    q.pull((r) => got.push(r));
    q.fail(new Error("boom"));
    expect(got[2]?.value).toBeInstanceOf(LiveFailure);
    q.pull((r) => got.push(r));
    expect(got[3]).toEqual({ done: true, value: undefined });
  });

  it("tells of the items that wait behind others, not of one taken at once", () => {
    const q = queue();
    const queued: [number, number][] = [];
    q.whenQueued((item, waiting) => queued.push([item, waiting]));
    q.pull(() => undefined);
    q.push(1);
    q.push(2);
    q.push(3);
    expect(queued).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });

  it.each([
    ["an overflow", (q: LiveQueue<number>) => q.overflow(), /fell 3 events behind/],
    ["an error", (q: LiveQueue<number>) => q.fail(new Error("boom")), /boom/],
  ])("drops what it holds on %s, yields the failure once, then completes and detaches", async (_what, failIt, message) => {
    const onClose = vi.fn();
    const q = queue({ onClose });
    q.push(1);
    q.push(2);
    failIt(q);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(q.push(3)).toBe(true);
    const out = await drain(q);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(message);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("throws the failure from unwrapLive, as a subscription resolver does", () => {
    const overflow = new SubscriptionOverflowError(5);
    expect(() => unwrapLive(new LiveFailure(overflow))).toThrow(overflow);
    expect(overflow.extensions).toEqual({ code: "SUBSCRIPTION_OVERFLOW", capacity: 5 });
    expect(unwrapLive(4)).toBe(4);
  });

  it("is stalled only with items waiting and no pull for stallMs", () => {
    vi.useFakeTimers();
    try {
      const q = queue({ stallMs: 100 });
      vi.advanceTimersByTime(500);
      expect(q.stalled).toBe(false);
      q.push(1);
      // The clock starts when work arrives, not at the consumer's last, idle pull.
      expect(q.stalled).toBe(false);
      vi.advanceTimersByTime(101);
      expect(q.stalled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("holds items back while the transport is congested", async () => {
    let congested = true;
    const q = queue({ congested: () => congested });
    q.push(1);
    const next = q.next();
    await new Promise((r) => setTimeout(r, 60));
    expect(q.size).toBe(1);
    congested = false;
    expect(await next).toEqual({ done: false, value: 1 });
  });

  it("stops at return() and detaches once", async () => {
    const onClose = vi.fn();
    const q = queue({ onClose });
    q.push(1);
    expect(await q.return()).toEqual({ done: true, value: undefined });
    expect(await q.next()).toEqual({ done: true, value: undefined });
    expect(q.size).toBe(0);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
