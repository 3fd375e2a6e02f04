// Queries that run longer than EXECUTION_TIMEOUT are aborted: no further resolver starts, and the
// client gets an error saying so, instead of holding a connection (and a database slot) open. The
// signal also carries the client's own disconnect, as Yoga's useExecutionCancellation does.
// Mutations are left to finish: their writes cannot be taken back halfway, and a client told
// "timed out" about a write that then committed would be misled. Subscriptions are long-lived by
// design and end when the client leaves.
import { getOperationAST, GraphQLError, type DocumentNode } from "graphql";
import type { Plugin } from "graphql-yoga";

export function useExecutionTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document as DocumentNode, args.operationName)?.operation;
      if (operation !== "query") return undefined;
      const request = (args.contextValue as { request?: Request }).request;
      const controller = new AbortController();
      const timer = setTimeout(() => {
        const seconds = timeoutMs / 1000;
        controller.abort(
          new GraphQLError(`The query ran longer than ${seconds} s (EXECUTION_TIMEOUT) and was stopped. Ask for fewer items or fields.`, {
            extensions: { code: "EXECUTION_TIMEOUT", timeoutSeconds: seconds },
          }),
        );
      }, timeoutMs);
      const signal = request?.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
      (args as { signal?: AbortSignal }).signal = signal;
      return { onExecuteDone: () => clearTimeout(timer) };
    },
  };
}
