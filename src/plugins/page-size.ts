// Every `first` / `last` argument in an operation must be 1..100. Checked before execution (for
// HTTP and WebSocket alike), so an out-of-range page size costs no resolver call and gets an error
// naming the argument. Pothos alone would silently clamp.
// A list given as an argument of a read (nodes(ids), filters) is a page size too: at most 100 items.
// Mutations are left out: a batch write (ingestion) legitimately takes more, and is bounded by the
// request body limit.
import type { Plugin } from "graphql-yoga";
import { getOperationAST, GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from "graphql";
import { MAX_PAGE_SIZE } from "../schema/builder.ts";

export const PAGE_ARGS = new Set(["first", "last"]);

/** The value a page-size argument will have: a literal, or a variable's value, else its default. */
export function pageArgValue(node: ValueNode, variables: Record<string, unknown> | null | undefined, document: DocumentNode): unknown {
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (variables && name in variables) return variables[name];
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const fallback = def.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
      if (fallback) return pageArgValue(fallback, variables, document);
    }
    return undefined;
  }
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.NULL) return null;
  return undefined;
}

function listLength(node: ValueNode, variables: Record<string, unknown> | null | undefined): number | undefined {
  if (node.kind === Kind.LIST) return node.values.length;
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    return Array.isArray(value) ? value.length : undefined;
  }
  return undefined;
}

export function pageSizeErrors(document: DocumentNode, variables: Record<string, unknown> | null | undefined, operationName?: string | null): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const isRead = getOperationAST(document, operationName)?.operation !== "mutation";
  visit(document, {
    Field(field) {
      for (const arg of field.arguments ?? []) {
        if (!PAGE_ARGS.has(arg.name.value)) {
          const length = isRead ? listLength(arg.value, variables) : undefined;
          if (length !== undefined && length > MAX_PAGE_SIZE) {
            errors.push(
              new GraphQLError(`Argument "${arg.name.value}" of field "${field.name.value}" takes at most ${MAX_PAGE_SIZE} items, got ${length}.`, {
                nodes: [arg],
                extensions: { code: "BAD_USER_INPUT", argumentName: arg.name.value, http: { status: 400 } },
              }),
            );
          }
          continue;
        }
        const value = pageArgValue(arg.value, variables, document);
        if (value == null) continue;
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
          errors.push(
            new GraphQLError(
              `Argument "${arg.name.value}" of field "${field.name.value}" must be between 1 and ${MAX_PAGE_SIZE}, got ${JSON.stringify(value)}.`,
              { nodes: [arg], extensions: { code: "BAD_USER_INPUT", argumentName: arg.name.value, http: { status: 400 } } },
            ),
          );
        }
      }
    },
  });
  return errors;
}

export function usePageSizeLimit(): Plugin {
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { document: DocumentNode; variableValues?: Record<string, unknown> | null; operationName?: string | null };
    setResultAndStopExecution: (r: { errors: GraphQLError[] }) => void;
  }) => {
    const errors = pageSizeErrors(args.document, args.variableValues, args.operationName);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  };
  return {
    onExecute: check as never,
    onSubscribe: check as never,
  };
}
