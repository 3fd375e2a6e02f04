// The Redis pub/sub (src/live/pubsub.ts) closes with commands still unanswered, as a stopping
// server does: nothing it sent may fail as an unhandled rejection, which ends a Node process.
// Needs Redis (TEST_REDIS_URL), as the other Redis tests.
import { randomBytes } from "node:crypto";

import { afterEach, describe, expect, it } from "vitest";

import type { EventKind } from "../src/live/events.ts";
import { createRedisPubSub } from "../src/live/pubsub.ts";

const REDIS = process.env.TEST_REDIS_URL!;
const KINDS: EventKind[] = ["paperIngested", "paperUpdated", "commentAdded", "collectionUpdated", "tokensRevoked"];

const unhandled: unknown[] = [];
const record = (e: unknown) => unhandled.push(e);

afterEach(() => {
  process.off("unhandledRejection", record);
});

describe.runIf(process.env.TEST_REDIS_URL)("the Redis pub/sub", () => {
  it("closes right after subscribing, publishing and unsubscribing, with no unhandled rejection", async () => {
    process.on("unhandledRejection", record);
    const handle = createRedisPubSub(REDIS, `test-${randomBytes(4).toString("hex")}:`);
    await handle.ping?.().catch(() => undefined);
    for (let round = 0; round < 5; round++) {
      const iterators = KINDS.map((k) => handle.pubsub.subscribe(k)[Symbol.asyncIterator]());
      // Each subscription starts listening (SUBSCRIBE) when first pulled.
      const pulls = iterators.map((i) => i.next());
      handle.pubsub.publish("tokensRevoked", { tokenIds: [1] });
      await Promise.all(iterators.map((i) => i.return?.()));
      await Promise.all(pulls);
    }
    // UNSUBSCRIBEs and PUBLISH still unanswered: disconnecting fails them.
    await handle.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(unhandled).toEqual([]);
  });
});
