// Queries that run longer than EXECUTION_TIMEOUT are aborted: no further resolver starts, and the
// client gets an error saying so, instead of holding a connection (and a database slot) open. The
// signal also carries the client's own disconnect, as Yoga's useExecutionCancellation does.
// Mutations are left to finish: their writes cannot be taken back halfway, and a client told
// "timed out" about a write that then committed would be misled. Subscriptions are long-lived by
// design and end when the client leaves.
//
// The disconnect is forwarded by hand, not with AbortSignal.any([request.signal, ...]): on Node 20
// a combined signal that has an abort listener is kept in a process-wide set until it aborts, and
// the executor (@graphql-tools/executor) adds one that it never removes. Heap snapshots showed every
// query's whole execution (its promises, contexts and the listener) held from there until the
// process ran out of heap. A plain AbortController's signal is freed with the request, and our
// listener on the request's signal (which may live as long as its connection) is removed as soon
// as the query is done (test/keep-alive-memory.test.ts).
import { type DocumentNode, getOperationAST, GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

export function useExecutionTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document as DocumentNode, args.operationName)?.operation;
      if (operation !== "query") return undefined;
      const request = (args.contextValue as { request?: Request }).request;
      const controller = new AbortController();
      const onDisconnect = () => controller.abort(request?.signal.reason);
      const release = () => {
        clearTimeout(timer);
        request?.signal.removeEventListener("abort", onDisconnect);
      };
      // Also released here: an execution that throws never reaches onExecuteDone.
      const timer = setTimeout(() => {
        release();
        const seconds = timeoutMs / 1000;
        controller.abort(
          new GraphQLError(`The query ran longer than ${seconds} s (EXECUTION_TIMEOUT) and was stopped. Ask for fewer items or fields.`, {
            extensions: { code: "EXECUTION_TIMEOUT", timeoutSeconds: seconds },
          }),
        );
      }, timeoutMs);
      if (request?.signal.aborted) onDisconnect();
      else request?.signal.addEventListener("abort", onDisconnect, { once: true });
      (args as { signal?: AbortSignal }).signal = controller.signal;
      return { onExecuteDone: release };
    },
  };
}
