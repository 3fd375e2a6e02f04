// A subscription opened with a token ends when that token is revoked (logOut, revokeApiToken, a
// password change), on any instance. Over WebSocket the socket itself is closed (ws.ts); over SSE
// there is no socket we hold, so the subscription's own stream ends here, for every transport:
// one last result carrying an UNAUTHENTICATED error, then completion.
import { type ExecutionResult, GraphQLError } from "graphql";
import { isAsyncIterable, type Plugin, type YogaInitialContext } from "graphql-yoga";

import type { Context } from "../context.ts";
import type { LiveHub } from "../live/hub.ts";

/** The token's revocation, once. */
export class TokenRevokedError extends GraphQLError {
  constructor() {
    super("The token this subscription was opened with was revoked: sign in again and resubscribe.", {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
}

/** `source`, ended by the revocation of `tokenId` (announced through the hub, from any instance). */
function endedOnRevocation(source: AsyncIterable<ExecutionResult>, live: LiveHub, tokenId: number): AsyncIterableIterator<ExecutionResult> {
  const it = source[Symbol.asyncIterator]();
  let markRevoked!: () => void;
  const revoked = new Promise<"revoked">((resolve) => (markRevoked = () => resolve("revoked")));
  const stopListening = live.onTokensRevoked((ids) => {
    if (ids.includes(tokenId)) markRevoked();
  });
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    stopListening();
    await it.return?.();
  };
  return {
    async next() {
      if (finished) return { done: true, value: undefined };
      const r = await Promise.race([it.next(), revoked]);
      if (r === "revoked") {
        await finish();
        return { done: false, value: { errors: [new TokenRevokedError()] } };
      }
      if (r.done) {
        finished = true;
        stopListening();
      }
      return r;
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
    async throw(e?: unknown) {
      await finish();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function useEndOnRevocation(): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ args, result, setResult }) {
          // Yoga's context, extended by ours (app.ts's context factory) for every operation.
          const ctx = args.contextValue as YogaInitialContext & Context;
          const tokenId = ctx.viewer?.tokenId;
          if (tokenId === undefined || !isAsyncIterable<ExecutionResult>(result)) return;
          setResult(endedOnRevocation(result, ctx.live, tokenId));
        },
      };
    },
  };
}
