// GraphQL Armor's limits on the shape of an operation: tokens (checked while parsing), aliases and
// directives (validation rules), and no "Did you mean ...?" hints that would let a probe map the
// schema. They run at parse and validation, so a rejected operation executes nothing; WebSocket
// operations go through the same enveloped parse/validate (src/ws.ts). Depth and cost are ours:
// depth-limit.ts does not count Relay's edges/node wrappers, and cost-limit.ts needs the
// variables, which validation never sees.
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";

import type { QueryLimits } from "../config.ts";

// Armor's validation rules throw by default, which makes a limit look like a server fault (HTTP
// 200, a "Syntax Error:" prefix, other validation errors hidden). Reported as validation errors
// instead, they answer 400 with code GRAPHQL_VALIDATION_FAILED like any invalid operation.
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) =>
      ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""))),
  ],
};

export function useArmor(limits: QueryLimits): Plugin {
  return EnvelopArmorPlugin({
    // Counted while parsing, before any validation: a rejection there is a 400 syntax error.
    maxTokens: { n: limits.maxTokens },
    maxDepth: { enabled: false },
    maxAliases: { n: limits.maxAliases, ...asValidationError },
    maxDirectives: { n: limits.maxDirectives, ...asValidationError },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }) as Plugin;
}
