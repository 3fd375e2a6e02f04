// One live event usually goes to many subscribers that asked for the same thing. graphql-js would
// execute the selection once per subscriber; here subscribers whose execution would be identical —
// same document, same variables (apart from those only given to the subscription field itself,
// such as a filter or a cursor, which decide WHETHER an event is delivered, not what it contains),
// same viewer — share one execution per event. The event objects are shared by the LiveHub, so a
// WeakMap keyed by them holds the results exactly as long as the event is in flight.
//
// This is graphql-js's own subscribe (createSourceEventStream, then execute per event), with the
// execution shared: no behaviour changes for a single subscriber.
import {
  createSourceEventStream,
  type DocumentNode,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  visit,
} from "graphql";
import type { Plugin } from "graphql-yoga";

import type { Context } from "../context.ts";

const shared = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/** Variables that can change what an event's execution returns. */
function resultVariables(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const used = new Set<string>();
  const rootField = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  const collect = (node: unknown) =>
    visit(node as DocumentNode, {
      Variable(v) {
        used.add(v.name.value);
      },
    });
  if (rootField?.kind === Kind.FIELD && rootField.selectionSet) collect(rootField.selectionSet);
  // Fragments and directives may use variables too.
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) collect(d);
  for (const s of operation.selectionSet.selections) if (s !== rootField) collect(s);
  if (rootField?.kind === Kind.FIELD) for (const dir of rootField.directives ?? []) collect(dir);
  return used;
}

function keyOf(args: ExecutionArgs, operation: OperationDefinitionNode): string {
  const variables = args.variableValues ?? {};
  const relevant = [...resultVariables(args.document, operation)].sort().map((name) => [name, variables[name]]);
  const viewer = (args.contextValue as Context | undefined)?.viewer?.id ?? "anonymous";
  return JSON.stringify([print(args.document), args.operationName ?? null, relevant, viewer]);
}

/**
 * Writes one subscription's `next` message for a result without errors, given the result and its
 * JSON (both shared by the subscribers it goes to); a promise when the transport wants it awaited
 * before the next event is pulled (a slow socket).
 */
export type DirectNext = (result: ExecutionResult, resultJson: string) => void | Promise<void>;

const directNexts = new WeakMap<object, DirectNext>();

/**
 * For a transport that can write a result's message itself (graphql-ws, src/ws.ts): the results
 * without errors of the subscription run with this context go to `next` instead of being yielded.
 * What they would have passed through on the way costs the most per delivery at fan-out and does
 * nothing for them: envelop's per-result layers (masked errors and the error metric only look at
 * `errors`), graphql-ws's loop, its copy of the result and its stringify. A result with errors, and
 * the end of the stream, still take the usual way, so masking and completion are unchanged.
 */
export function deliverDirectly(contextValue: object, next: DirectNext): void {
  directNexts.set(contextValue, next);
}

const json = new WeakMap<ExecutionResult, string>();

/** A shared result is serialized once for all the subscribers it goes to. */
function jsonOf(result: ExecutionResult): string {
  let text = json.get(result);
  if (text === undefined) json.set(result, (text = JSON.stringify(result)));
  return text;
}

function mapEvents(
  source: AsyncIterable<unknown>,
  run: (event: unknown) => Promise<ExecutionResult>,
  direct: DirectNext | undefined,
): AsyncIterableIterator<ExecutionResult> {
  const it = source[Symbol.asyncIterator]();
  let returned = false;
  return {
    async next() {
      for (;;) {
        const r = await it.next();
        if (r.done || returned) return { done: true, value: undefined };
        const result = await run(r.value);
        if (!direct || result.errors || returned) return { done: false, value: result };
        const written = direct(result, jsonOf(result));
        if (written) await written;
      }
    },
    async return() {
      returned = true;
      await it.return?.();
      return { done: true, value: undefined };
    },
    async throw(e?: unknown) {
      returned = true;
      await it.return?.();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const operation = getOperationAST(args.document, args.operationName);
  const source = await createSourceEventStream(args);
  if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION || !(Symbol.asyncIterator in (source as object))) {
    return source as ExecutionResult;
  }
  const key = keyOf(args, operation);
  const direct = args.contextValue && typeof args.contextValue === "object" ? directNexts.get(args.contextValue) : undefined;
  return mapEvents(
    source as AsyncIterable<unknown>,
    (event) => {
      const run = () => Promise.resolve(execute({ ...args, rootValue: event }));
      if (event === null || typeof event !== "object") return run();
      let byKey = shared.get(event);
      if (!byKey) shared.set(event, (byKey = new Map()));
      let result = byKey.get(key);
      if (!result) byKey.set(key, (result = run()));
      return result;
    },
    direct,
  );
}

export function useSharedSubscriptionResults(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(sharedSubscribe);
    },
  };
}
