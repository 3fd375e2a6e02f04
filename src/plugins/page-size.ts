// Every `first` / `last` argument in an operation must be 1..100. Checked before execution (for
// HTTP and WebSocket alike), so an out-of-range page size costs no resolver call and gets an error
// naming the argument. Pothos alone would silently clamp.
import type { Plugin } from "graphql-yoga";
import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from "graphql";
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

export function pageSizeErrors(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    Field(field) {
      for (const arg of field.arguments ?? []) {
        if (!PAGE_ARGS.has(arg.name.value)) continue;
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
  const check = ({ args, setResultAndStopExecution }: { args: { document: DocumentNode; variableValues?: Record<string, unknown> | null }; setResultAndStopExecution: (r: { errors: GraphQLError[] }) => void }) => {
    const errors = pageSizeErrors(args.document, args.variableValues);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  };
  return {
    onExecute: check as never,
    onSubscribe: check as never,
  };
}
