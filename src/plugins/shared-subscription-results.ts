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
import { directNextOf, DirectStream, isPullable } from "./direct-delivery.ts";

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

function mapEvents(
  source: AsyncIterable<unknown>,
  run: (event: unknown) => Promise<ExecutionResult>,
): AsyncIterableIterator<ExecutionResult> {
  const it = source[Symbol.asyncIterator]();
  return {
    async next() {
      const r = await it.next();
      return r.done ? { done: true, value: undefined } : { done: false, value: await run(r.value) };
    },
    async return() {
      await it.return?.();
      return { done: true, value: undefined };
    },
    async throw(e?: unknown) {
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
  const run = (event: unknown): Promise<ExecutionResult> => {
    const runOwn = () => Promise.resolve(execute({ ...args, rootValue: event }));
    if (event === null || typeof event !== "object") return runOwn();
    let byKey = shared.get(event);
    if (!byKey) shared.set(event, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = runOwn()));
    return result;
  };
  // Over a transport that writes results itself, from a live queue: see direct-delivery.ts.
  const direct = directNextOf(args.contextValue);
  if (direct && isPullable(source)) return new DirectStream(source, run, direct);
  return mapEvents(source as AsyncIterable<unknown>, run);
}

export function useSharedSubscriptionResults(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(sharedSubscribe);
    },
  };
}
