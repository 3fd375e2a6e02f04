// Typed pub/sub between instances: in-process by default, Redis (through
// @graphql-yoga/redis-event-target) with REDIS_URL. One topic per event kind, so an instance holds
// one Redis channel subscription per kind, whatever its number of clients (the LiveHub fans out
// locally). The events and their payloads are the contract in events.ts.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub as YogaPubSub } from "graphql-yoga";
import { Redis } from "ioredis";

import type { Events, LiveEvent } from "./events.ts";

export type PubSub = YogaPubSub<Events>;

/**
 * One event onto its kind's topic. A case per kind: in one generic call TypeScript cannot pair a
 * union's kind with its payload (it checks the payload against every kind's at once).
 */
export function publishEvent(pubsub: PubSub, e: LiveEvent): void {
  switch (e.kind) {
    case "paperIngested":
      return pubsub.publish(e.kind, e.payload);
    case "paperUpdated":
      return pubsub.publish(e.kind, e.payload);
    case "commentAdded":
      return pubsub.publish(e.kind, e.payload);
    case "collectionUpdated":
      return pubsub.publish(e.kind, e.payload);
    case "authorClaimReviewed":
      return pubsub.publish(e.kind, e.payload);
    case "tokensRevoked":
      return pubsub.publish(e.kind, e.payload);
    case "viewersChanged":
      return pubsub.publish(e.kind, e.payload);
    case "notificationAdded":
      return pubsub.publish(e.kind, e.payload);
    default:
      // A kind added to Events without its case fails to compile here.
      return e satisfies never;
  }
}

export interface PubSubHandle {
  pubsub: PubSub;
  /** Reports Redis health for /ready; undefined when in-process. */
  ping?: () => Promise<void>;
  close(): Promise<void>;
}

export function createInProcessPubSub(): PubSubHandle {
  return { pubsub: createPubSub<Events>(), close: async () => undefined };
}

/**
 * Redis pub/sub channels are global to a Redis server (not per database number): deployments (and
 * test runs) that share one Redis keep apart by prefixing their channels.
 */
function prefixTopics(target: ReturnType<typeof createRedisEventTarget>, prefix: string): ReturnType<typeof createRedisEventTarget> {
  return {
    addEventListener: (type, listener) => target.addEventListener(prefix + type, listener),
    removeEventListener: (type, listener) => target.removeEventListener(prefix + type, listener),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: (event as CustomEvent).detail })),
  };
}

/**
 * `client` as redis-event-target gets it: it drops the promises of its publish, subscribe and
 * unsubscribe calls, and one that fails (a stopping server closes its clients with unsubscribes
 * still unanswered) was an unhandled rejection, which ends a Node process. A publish that fails is
 * an event other instances do not get live; their subscribers catch up with `after`.
 */
function withFailuresCaught(client: Redis): Redis {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (prop !== "publish" && prop !== "subscribe" && prop !== "unsubscribe") return value.bind(target);
      return (...args: unknown[]) => {
        const result: unknown = Reflect.apply(value, target, args);
        if (result instanceof Promise) result.catch(() => undefined);
        return result;
      };
    },
  });
}

export function createRedisPubSub(url: string, prefix: string): PubSubHandle {
  // ioredis reconnects by itself and re-subscribes its channels after a reconnect; offline
  // publishes are queued and sent once it is back.
  const options = { maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000) };
  const publishClient = new Redis(url, options);
  const subscribeClient = new Redis(url, options);
  for (const c of [publishClient, subscribeClient]) c.on("error", () => undefined);
  const target = createRedisEventTarget({
    publishClient: withFailuresCaught(publishClient),
    subscribeClient: withFailuresCaught(subscribeClient),
  });
  const pubsub = createPubSub<Events>({ eventTarget: prefixTopics(target, prefix) });
  return {
    pubsub,
    ping: async () => {
      if (publishClient.status !== "ready") throw new Error(`redis is ${publishClient.status}`);
      await publishClient.ping();
    },
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
