// The depth limit, counted as a reader sees nesting: a Relay connection's `edges { node { ... } }`
// wrapper adds no depth. A page of a topic's papers with their topics' slugs,
// `topic { papers { edges { node { topics { topic { slug } } } } } }`, is 5 levels here and 7 in a
// field-by-field count. GraphQL Armor's maxDepth counts every field and cannot skip some, so at its
// default of 6 it refused such everyday queries; this rule is its count (fragments flattened,
// introspection not counted) with that one difference, and the same message.
import {
  getNamedType,
  GraphQLError,
  type GraphQLNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import type { Plugin } from "graphql-yoga";

function hasFields(type: GraphQLNamedType, ...names: string[]): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const fields = type.getFields();
  return names.every((n) => n in fields);
}

/** `edges` of a connection (it has pageInfo) and `node` of an edge (it has a cursor). */
function isRelayWrapper(parent: GraphQLNamedType, field: string): boolean {
  return (field === "edges" && hasFields(parent, "edges", "pageInfo")) || (field === "node" && hasFields(parent, "node", "cursor"));
}

function depthRule(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    // A fragment's depth does not depend on where it is spread: measured once per operation.
    const fragmentDepths = new Map<string, number>();

    const depthOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
      let deepest = 0;
      for (const sel of set.selections) {
        let d = 0;
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value === "__schema" || sel.name.value === "__type") continue;
          const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
          const own = parent && isRelayWrapper(parent, sel.name.value) ? 0 : 1;
          d = own + (sel.selectionSet ? depthOf(sel.selectionSet, def && getNamedType(def.type)) : 0);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          d = depthOf(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent);
        } else {
          const name = sel.name.value;
          if (!fragmentDepths.has(name)) {
            fragmentDepths.set(name, 0); // a cycle (reported by NoFragmentCyclesRule) ends here
            const fragment = context.getFragment(name);
            if (fragment) fragmentDepths.set(name, depthOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)));
          }
          d = fragmentDepths.get(name)!;
        }
        deepest = Math.max(deepest, d);
      }
      return deepest;
    };

    return {
      OperationDefinition(op) {
        const root =
          op.operation === "query"
            ? schema.getQueryType()
            : op.operation === "mutation"
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        const depth = depthOf(op.selectionSet, root ?? undefined);
        if (depth > max) context.reportError(new GraphQLError(`Query depth limit of ${max} exceeded, found ${depth}.`, { nodes: [op] }));
      },
    };
  };
}

export function useDepthLimit(max: number): Plugin {
  const rule = depthRule(max);
  return { onValidate: ({ addValidationRule }) => addValidationRule(rule) };
}
