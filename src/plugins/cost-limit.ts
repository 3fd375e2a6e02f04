// The cost limit: GraphQL Armor's cost rule (every object field 2, scalar 1, each level deeper
// x1.5, a list field times its page size), run at execution rather than validation because a page
// size is often a variable ($first) that validation never sees — a limit that trusted only
// literals could be dodged by moving `first: 100` into a variable. So each list's page size is
// written into the document first: the literal, the variable's value (or its default), or, when
// the client gave none, the largest page (MAX_PAGE_SIZE). A rejected operation runs no resolver.
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  validate,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";

import { MAX_PAGE_SIZE } from "./input-limits.ts";
import { perDocument } from "./per-document.ts";

type Variables = Record<string, unknown> | null | undefined;

const PAGE_ARGS = new Set(["first", "last"]);

/** The value a page-size argument will have: a literal, or a variable's value, else its default. */
function pageArgValue(node: ValueNode, variables: Variables, document: DocumentNode): unknown {
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
  return undefined;
}

/** The document with `first: <effective page size>` on every paginated field. */
function withPageSizes(schema: GraphQLSchema, document: DocumentNode, variables: Variables): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const def = typeInfo.getFieldDef();
        if (!def?.args.some((a) => PAGE_ARGS.has(a.name))) return undefined;
        const given = node.arguments?.find((a) => PAGE_ARGS.has(a.name.value));
        const value = given ? pageArgValue(given.value, variables, document) : undefined;
        const size = typeof value === "number" && Number.isInteger(value) && value > 0 ? value : MAX_PAGE_SIZE;
        const first: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: "first" },
          value: { kind: Kind.INT, value: String(size) },
        };
        return { ...node, arguments: [...(node.arguments ?? []).filter((a) => !PAGE_ARGS.has(a.name.value)), first] };
      },
    }),
  );
}

function costErrors(schema: GraphQLSchema, document: DocumentNode, variables: Variables, maxCost: number): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const rule = costLimitRule({
    maxCost,
    flattenFragments: true,
    propagateOnRejection: false,
    onReject: [
      (_ctx, error) =>
        errors.push(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ""), {
            extensions: { code: "QUERY_TOO_COSTLY", maxCost, http: { status: 400 } },
          }),
        ),
    ],
  });
  validate(schema, withPageSizes(schema, document, variables), [rule]);
  return errors;
}

/** The variables a document's page sizes are read from (its cost depends on them alone). */
function pageVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const names = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        if (!typeInfo.getFieldDef()?.args.some((a) => PAGE_ARGS.has(a.name))) return;
        for (const arg of node.arguments ?? []) {
          if (PAGE_ARGS.has(arg.name.value) && arg.value.kind === Kind.VARIABLE) names.add(arg.value.name.value);
        }
      },
    }),
  );
  return [...names];
}

/** What the cost of one request depends on besides its document: each page variable's effective size, or its absence. */
function pageSizesKey(names: string[], variables: Variables): string {
  return names
    .map((name) => {
      if (!variables || !(name in variables)) return "-";
      const value = variables[name];
      return typeof value === "number" && Number.isInteger(value) && value > 0 ? String(value) : String(MAX_PAGE_SIZE);
    })
    .join(",");
}

// Costs computed per document: a few page-size combinations each (clients page with a handful of sizes).
const MAX_COSTS_PER_DOCUMENT = 32;

interface CostPlan {
  /** The schema `variables` were read against; undefined until first use. */
  schema: GraphQLSchema | undefined;
  variables: string[];
  /** Errors by pageSizesKey; an empty list when the cost is within the limit. */
  errors: Map<string, GraphQLError[]>;
}

export function useCostLimit(maxCost: number): Plugin {
  // Filled on first use (and again should a request bring another schema).
  const plans = perDocument((): CostPlan => ({ schema: undefined, variables: [], errors: new Map() }));
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Variables };
    setResultAndStopExecution: (r: { errors: GraphQLError[] }) => void;
  }) => {
    const plan = plans(args.document);
    if (plan.schema !== args.schema) {
      plan.schema = args.schema;
      plan.variables = pageVariables(args.schema, args.document);
      plan.errors.clear();
    }
    const key = pageSizesKey(plan.variables, args.variableValues);
    let errors = plan.errors.get(key);
    if (!errors) {
      errors = costErrors(args.schema, args.document, args.variableValues, maxCost);
      if (plan.errors.size >= MAX_COSTS_PER_DOCUMENT) plan.errors.clear();
      plan.errors.set(key, errors);
    }
    // Fresh errors for each response (an error object belongs to one result).
    if (errors.length > 0)
      setResultAndStopExecution({ errors: errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions })) });
  };
  return { onExecute: check, onSubscribe: check };
}
