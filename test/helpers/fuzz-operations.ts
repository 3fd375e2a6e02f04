// Operations for the schema-wide fuzz test, built from the schema object itself: one target per
// root field and per field with arguments below the root (a paper's `related(after:)`, reached
// through `node`), a selection set that is valid for whatever the field returns (unions and
// interfaces included), and the arguments either as variables (so that any value reaches the
// resolvers, past literal validation) or written inline as literals.
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";

export type OperationKind = "query" | "mutation" | "subscription";

export interface Target {
  /** "Query.papers", "Paper.related" */
  name: string;
  kind: OperationKind;
  field: GraphQLField<unknown, unknown>;
  /** For a field below the root: the type it is on, a Node reached through `node(id:)`. */
  parent?: GraphQLObjectType;
}

/** The variable that carries the parent's id of a field below the root. */
export const PARENT = "_parent";

/** Every field of Query, Mutation and Subscription. */
export function rootTargets(schema: GraphQLSchema): Target[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema["getQueryType"]>][] = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({ name: `${type!.name}.${field.name}`, kind, field })),
  );
}

/**
 * Every field with arguments on the other object types (connections and their cursors, related
 * papers, a topic's trending): each is reached through `node(id:)` on an existing object.
 */
export function nestedTargets(schema: GraphQLSchema): Target[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name));
  const node = schema.getType("Node");
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__") && !roots.has(type.name))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => field.args.length > 0)
        .map((field) => {
          if (!type.getInterfaces().some((i) => i === node)) {
            throw new Error(`${type.name}.${field.name} takes arguments but ${type.name} is no Node: reach it another way`);
          }
          return { name: `${type.name}.${field.name}`, kind: "query" as const, field, parent: type };
        }),
    );
}

/**
 * Object fields followed below a root field. Three levels reach a connection's nodes and their
 * direct relations (a paper's authors and topics) and stay under the cost limit for a page of 100.
 */
const SELECTION_DEPTH = 3;

/** Which fields of a selection to keep, by their path ("edges.node.title"); __typename always stays. */
export type Keep = (path: string) => boolean;

export const EVERY_FIELD: Keep = () => true;

/**
 * Part of the fields, chosen by `variant` (a number) alone: a resolver that only works when some
 * other field of the selection is asked for too (a reason that needs its paper's id) fails on some.
 */
export function someFields(variant: number): Keep {
  return (path) => {
    // FNV-1a of the variant and the path: the same choice for the same case, every run.
    let h = 0x811c9dc5 ^ variant;
    for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
    return (h >>> 0) % 3 !== 0;
  };
}

/**
 * A selection for `type`: __typename, the fields that take no argument (fields with arguments are
 * left out: their defaults could make one case cost a page of 100 of each) that `keep` keeps, and
 * below unions and interfaces the same for each possible type. Leaf types take no selection.
 */
export function selectionFor(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  keep: Keep = EVERY_FIELD,
  depth = SELECTION_DEPTH,
  path = "",
): string {
  if (isLeafType(type)) return "";
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type).map((t) => `... on ${t.name} ${selectionFor(schema, t, keep, depth, path)}`);
    return `{ __typename ${members.join(" ")} }`;
  }
  if (!isObjectType(type)) return "";
  const fields = Object.values(type.getFields()).flatMap((field) => {
    const at = path ? `${path}.${field.name}` : field.name;
    if (field.args.length > 0 || !keep(at)) return [];
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    return depth > 0 ? [`${field.name} ${selectionFor(schema, named, keep, depth - 1, at)}`] : [];
  });
  return `{ __typename ${fields.join(" ")} }`;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * `value` written as a GraphQL literal for an input of `type`. Values that do not fit the type are
 * still written (a string where an Int is expected, an unknown field): validation must refuse them.
 */
export function printLiteral(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    // JSON's string escapes are all GraphQL string escapes too.
    return inner && isEnumType(inner) && NAME.test(value) && !["true", "false", "null"].includes(value) ? value : JSON.stringify(value);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const element = inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : undefined;
    return `[${value.map((v) => printLiteral(v, element)).join(", ")}]`;
  }
  const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${NAME.test(k) ? k : "_"}: ${printLiteral(v, fields[k]?.type)}`).join(", ")}}`;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** The document with its selection set left out when it holds every field, for failure messages. */
export function withoutFullSelection(schema: GraphQLSchema, target: Target, op: Operation): string {
  return op.query.replace(selectionFor(schema, getNamedType(target.field.type)), "{ …every field… }");
}

/**
 * The operation for one case. `args` holds a value per argument; undefined leaves the argument
 * out. With `literal`, the values are written into the document instead of sent as variables.
 * `parentId`: the object a field below the root is read on; `keep`: the fields of the selection.
 */
export function operationFor(
  schema: GraphQLSchema,
  target: Target,
  c: { args: Record<string, unknown>; literal: boolean; parentId?: string; keep?: Keep },
): Operation {
  const { args, literal, parentId } = c;
  const given = target.field.args.filter((a) => args[a.name] !== undefined || (!literal && isNonNullType(a.type)));
  const selection = selectionFor(schema, getNamedType(target.field.type), c.keep);
  const opName = `Fuzz_${target.parent ? `${target.parent.name}_` : ""}${target.field.name}`;
  // A required argument is always passed through its variable, so that a missing value is refused
  // by variable coercion (as a client's would be) instead of by document validation.
  const argText = given.map((a: GraphQLArgument) => `${a.name}: ${literal ? printLiteral(args[a.name], a.type) : `$${a.name}`}`).join(", ");
  let body = `${target.field.name}${argText ? `(${argText})` : ""} ${selection}`;
  const defs = literal ? [] : given.map((a) => `$${a.name}: ${String(a.type)}`);
  const variables = Object.fromEntries(given.filter((a) => args[a.name] !== undefined).map((a) => [a.name, args[a.name]]));
  if (target.parent) {
    body = `node(id: ${literal ? JSON.stringify(parentId) : `$${PARENT}`}) { __typename ... on ${target.parent.name} { id ${body} } }`;
    if (!literal) {
      defs.unshift(`$${PARENT}: ID!`);
      variables[PARENT] = parentId;
    }
  }
  return {
    query: `${target.kind} ${opName}${defs.length > 0 ? `(${defs.join(", ")})` : ""} { ${body} }`,
    ...(literal ? {} : { variables }),
  };
}

/** Where the target's value is in a result's data. */
export function resultPath(target: Target): string[] {
  return target.parent ? ["node", target.field.name] : [target.field.name];
}
