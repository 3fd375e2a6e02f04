// Variables nested deeper than QUERY_MAX_INPUT_DEPTH are refused before anything else reads them.
// JSON.parse accepts any depth, but much that follows walks values recursively (JSON.stringify
// for cache keys and logs, error formatting) and overflows the stack on a few thousand levels.
// Our input types nest a few levels at most. Checked iteratively, so the check cannot overflow.
import { createGraphQLError, type Plugin } from "graphql-yoga";

function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export function useVariablesDepthLimit(maxDepth: number): Plugin {
  return {
    onParams({ params }) {
      for (const [name, value] of Object.entries(params.variables ?? {})) {
        if (depthExceeds(value, maxDepth)) {
          throw createGraphQLError(`Variable "$${name}" is nested more than ${maxDepth} levels deep.`, {
            extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
          });
        }
      }
    },
  };
}
