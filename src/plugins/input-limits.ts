// Bounds on every input of every operation, over HTTP, SSE and WebSocket alike, checked before any
// resolver runs: each list holds at most `maxItems` items, each String or ID at most `maxLength`
// characters, each bounded Int (page sizes) lies within `range`. Literals, variables and variable
// defaults are all checked, in arguments and at any depth inside input objects. The bounds live in
// the schema (the `inputLimits` extension of each argument and input field, which
// src/schema/input-limits.ts sets and states in each description), so there is one list of them.
//
// Text, too: NUL (U+0000) and lone surrogates are refused (PostgreSQL text cannot hold a NUL, and a
// lone surrogate is not Unicode), naming the argument; the other characters XML 1.0 forbids (C0
// controls other than tab, LF and CR; U+FFFE, U+FFFF) are removed, so that nothing typed into the
// API can make a feed malformed. Inputs marked `rawText` (ingestion records and documents) keep
// their text as sent: the ingestion pipeline rejects just the record holding a NUL and counts what
// it removes, which it could not if the request were refused or cleaned here.
//
// A violation is an error naming the argument path and the bound (BAD_USER_INPUT), and nothing
// runs; except on a root field whose result can be a ValidationError (mutations with typed errors):
// there the violations become that field's ValidationError, like its other input errors.
import {
  type DocumentNode,
  getOperationAST,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type StringValueNode,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Plugin } from "graphql-yoga";

import { perDocument } from "./per-document.ts";

/** Page sizes (first, last): 1..MAX_PAGE_SIZE. */
export const MAX_PAGE_SIZE = 100;
/** Items of a list input that names no other bound. */
export const DEFAULT_MAX_ITEMS = 100;
/** Characters of an ID input (a global id is a few dozen). */
export const ID_MAX_LENGTH = 100;
/** Characters of a cursor argument (after, before). */
export const CURSOR_MAX_LENGTH = 200;

/** What an argument or input field accepts; its list bound and text rules apply at every list level. */
export interface InputLimits {
  maxItems?: number;
  maxLength?: number;
  range?: readonly [number, number];
  /** Text handed to the ingestion pipeline as sent (see above). Applies to everything inside. */
  rawText?: boolean;
}

/** The extension of an argument or input field that holds its InputLimits. */
export const INPUT_LIMITS = "inputLimits";
/** The extension of a field whose result can be a ValidationError: violations go there. */
export const TYPED_INPUT_ISSUES = "typedInputIssues";

function inputLimitsOf(def: GraphQLArgument | GraphQLInputField): InputLimits {
  return (def.extensions?.[INPUT_LIMITS] as InputLimits | undefined) ?? {};
}

interface InputIssue {
  path: string[];
  message: string;
}

// Violations on typed root fields, by request context and response key, for that field's arg mapper.
const typedIssues = new WeakMap<object, Map<string, InputIssue[]>>();

/** The violations found in a root field's arguments, when that field reports them as a ValidationError. */
export function typedIssuesOf(context: object, path: { key: string | number; prev: unknown }): InputIssue[] | undefined {
  return path.prev === undefined ? typedIssues.get(context)?.get(String(path.key)) : undefined;
}

const NUL = "\u0000";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Everything XML 1.0 cannot hold, but NUL and surrogates (refused instead) and tab, LF, CR.
const XML_FORBIDDEN = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// Enough to say what is wrong without answering a hostile request with an essay.
const MAX_REPORTED = 20;

type Violation =
  | { kind: "items"; max: number; got: number }
  | { kind: "length"; max: number; got: number }
  | { kind: "range"; range: readonly [number, number]; got: number }
  | { kind: "nul" }
  | { kind: "surrogate"; unit: number };

const fmt = (n: number) => n.toLocaleString("en");
const hex = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, "0")}`;

/** "takes at most 100 items, got 101": after `Argument "x" of field "f"`. */
function clause(v: Violation): string {
  if (v.kind === "items") return `takes at most ${fmt(v.max)} items, got ${fmt(v.got)}`;
  if (v.kind === "length") return `takes at most ${fmt(v.max)} characters, got ${fmt(v.got)}`;
  if (v.kind === "range") return `must be between ${v.range[0]} and ${v.range[1]}, got ${v.got}`;
  if (v.kind === "nul") return "contains a NUL character (U+0000), which text cannot hold";
  return `contains a lone surrogate (${hex(v.unit)}), which is not Unicode text`;
}

/** The same, as a ValidationError issue says it. */
function sentence(v: Violation): string {
  if (v.kind === "items") return `At most ${fmt(v.max)} items.`;
  if (v.kind === "length") return `At most ${fmt(v.max)} characters.`;
  if (v.kind === "range") return `Between ${v.range[0]} and ${v.range[1]}.`;
  if (v.kind === "nul") return "Contains a NUL character (U+0000), which text cannot hold.";
  return `Contains a lone surrogate (${hex(v.unit)}), which is not Unicode text.`;
}

/** Characters as people count them (code points); UTF-16 units only bound them from above. */
function lengthOver(s: string, max: number): number | undefined {
  if (s.length <= max) return undefined;
  let n = 0;
  for (const _ of s) n += 1;
  return n > max ? n : undefined;
}

type Path = (string | number)[];

interface Found {
  field: GraphQLField<unknown, unknown>;
  path: Path;
  violation: Violation;
  /** Response key of the root field that reports it as a ValidationError, if it is one. */
  typedKey: string | undefined;
}

/** One operation's walk: what is wrong, and the cleaned text to run it with. */
class InputWalk {
  readonly found: Found[] = [];
  /** Whether a violation (reported or past MAX_REPORTED) is on a field without a ValidationError. */
  untyped = false;
  readonly literalFixes = new Map<StringValueNode, string>();
  readonly variableFixes = new Map<string, unknown>();
  private field!: GraphQLField<unknown, unknown>;
  private typedKey: string | undefined;

  constructor(
    private readonly variables: Record<string, unknown>,
    private readonly defaults: Map<string, ValueNode>,
  ) {}

  argument(field: GraphQLField<unknown, unknown>, typedKey: string | undefined, def: GraphQLArgument, node: ValueNode): void {
    this.field = field;
    this.typedKey = typedKey;
    const limits = inputLimitsOf(def);
    this.literal(node, def.type, limits, Boolean(limits.rawText), [def.name]);
  }

  private report(path: Path, violation: Violation): void {
    if (this.typedKey === undefined) this.untyped = true;
    if (this.found.length < MAX_REPORTED) this.found.push({ field: this.field, path, violation, typedKey: this.typedKey });
  }

  private literal(node: ValueNode, type: GraphQLInputType, limits: InputLimits, raw: boolean, path: Path): void {
    if (isNonNullType(type)) return this.literal(node, type.ofType, limits, raw, path);
    if (node.kind === Kind.VARIABLE) return this.variable(node.name.value, type, limits, raw, path);
    if (node.kind === Kind.NULL) return;
    if (isListType(type)) {
      // A single value where a list is expected stands for a list of one (input coercion).
      if (node.kind !== Kind.LIST) return this.literal(node, type.ofType, limits, raw, path);
      const max = limits.maxItems ?? DEFAULT_MAX_ITEMS;
      // Items of a list over its bound are not looked at: the list is refused anyway.
      if (node.values.length > max) return this.report(path, { kind: "items", max, got: node.values.length });
      node.values.forEach((item, i) => this.literal(item, type.ofType, limits, raw, [...path, i]));
      return;
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return;
      const fields = type.getFields();
      for (const f of node.fields) {
        const def = fields[f.name.value];
        if (!def) continue;
        const inner = inputLimitsOf(def);
        this.literal(f.value, def.type, inner, raw || Boolean(inner.rawText), [...path, def.name]);
      }
      return;
    }
    if (node.kind === Kind.STRING) {
      const fixed = this.leaf(node.value, type.name, limits, raw, path);
      if (fixed !== node.value) this.literalFixes.set(node, fixed as string);
    } else if (node.kind === Kind.INT) {
      // An ID may be written as an integer; a bounded Int is checked as a number.
      this.leaf(type.name === "ID" ? node.value : Number(node.value), type.name, limits, raw, path);
    }
  }

  private variable(name: string, type: GraphQLInputType, limits: InputLimits, raw: boolean, path: Path): void {
    if (Object.hasOwn(this.variables, name)) {
      const value = this.variableFixes.has(name) ? this.variableFixes.get(name) : this.variables[name];
      const fixed = this.value(value, type, limits, raw, path);
      if (fixed !== value) this.variableFixes.set(name, fixed);
      return;
    }
    const fallback = this.defaults.get(name);
    if (fallback) this.literal(fallback, type, limits, raw, path);
  }

  /** A variable's (JSON) value at a position of the given type; returns it cleaned (a copy if changed). */
  private value(value: unknown, type: GraphQLInputType, limits: InputLimits, raw: boolean, path: Path): unknown {
    if (value == null) return value;
    if (isNonNullType(type)) return this.value(value, type.ofType, limits, raw, path);
    if (isListType(type)) {
      if (!Array.isArray(value)) return this.value(value, type.ofType, limits, raw, path);
      const max = limits.maxItems ?? DEFAULT_MAX_ITEMS;
      if (value.length > max) {
        this.report(path, { kind: "items", max, got: value.length });
        return value;
      }
      let out = value;
      value.forEach((item: unknown, i) => {
        const fixed = this.value(item, type.ofType, limits, raw, [...path, i]);
        if (fixed !== item) (out === value ? (out = [...value]) : out)[i] = fixed;
      });
      return out;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const object = value as Record<string, unknown>;
      let out = object;
      for (const def of Object.values(type.getFields())) {
        if (!Object.hasOwn(object, def.name)) continue;
        const inner = inputLimitsOf(def);
        const item = object[def.name];
        const fixed = this.value(item, def.type, inner, raw || Boolean(inner.rawText), [...path, def.name]);
        if (fixed !== item) (out === object ? (out = { ...object }) : out)[def.name] = fixed;
      }
      return out;
    }
    return this.leaf(value, type.name, limits, raw, path);
  }

  /** A scalar: bounds, then (outside rawText) the text rules. Returns the cleaned value. */
  private leaf(value: unknown, typeName: string, limits: InputLimits, raw: boolean, path: Path): unknown {
    if (typeof value === "number" && limits.range) {
      const [min, max] = limits.range;
      if (!(value >= min && value <= max)) this.report(path, { kind: "range", range: limits.range, got: value });
      return value;
    }
    if (typeof value !== "string" || (typeName !== "String" && typeName !== "ID")) return value;
    if (limits.maxLength !== undefined) {
      const got = lengthOver(value, limits.maxLength);
      if (got !== undefined) {
        this.report(path, { kind: "length", max: limits.maxLength, got });
        return value;
      }
    }
    if (raw) return value;
    if (value.includes(NUL)) {
      this.report(path, { kind: "nul" });
      return value;
    }
    const lone = LONE_SURROGATE.exec(value);
    if (lone) {
      this.report(path, { kind: "surrogate", unit: lone[0].charCodeAt(0) });
      return value;
    }
    XML_FORBIDDEN.lastIndex = 0;
    return XML_FORBIDDEN.test(value) ? value.replace(XML_FORBIDDEN, "") : value;
  }
}

/** One argument given in an operation: where it is and what bounds it. */
interface GivenArgument {
  field: GraphQLField<unknown, unknown>;
  typedKey: string | undefined;
  def: GraphQLArgument;
  value: ValueNode;
}

/** What an operation's walk needs from its document alone: found once per document (per-document.ts). */
interface ArgumentPlan {
  schema: GraphQLSchema;
  defaults: Map<string, ValueNode>;
  given: GivenArgument[];
}

/** The arguments of the operation (fragments included), with the schema's definitions of them. */
function planArguments(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): ArgumentPlan | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const defaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
  }
  const given: GivenArgument[] = [];
  const root = schema.getRootType(operation.operation);
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || !node.arguments?.length) return;
        const typed = typeInfo.getParentType() === root && field.extensions?.[TYPED_INPUT_ISSUES] === true;
        const typedKey = typed ? (node.alias?.value ?? node.name.value) : undefined;
        for (const arg of node.arguments) {
          const def = field.args.find((a) => a.name === arg.name.value);
          if (def) given.push({ field, typedKey, def, value: arg.value });
        }
      },
    }),
  );
  return { schema, defaults, given };
}

// Per document, per operation name (a document may hold several operations).
// Only names the document holds are kept, so the map is no larger than its operations.
const plans = perDocument(() => new Map<string, ArgumentPlan>());

function argumentPlan(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): ArgumentPlan | undefined {
  const byName = plans(document);
  const key = operationName ?? "";
  let plan = byName.get(key);
  if (plan?.schema !== schema) {
    plan = planArguments(schema, document, operationName);
    if (plan) byName.set(key, plan);
  }
  return plan;
}

/** Walks the operation's arguments against the schema's bounds. */
function walkInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): InputWalk | undefined {
  const plan = argumentPlan(schema, document, operationName);
  if (!plan) return undefined;
  const walk = new InputWalk(variables ?? {}, plan.defaults);
  for (const g of plan.given) walk.argument(g.field, g.typedKey, g.def, g.value);
  return walk;
}

function errorOf(f: Found): GraphQLError {
  const argumentName = f.path.join(".");
  return new GraphQLError(`Argument "${argumentName}" of field "${f.field.name}" ${clause(f.violation)}.`, {
    extensions: { code: "BAD_USER_INPUT", argumentName, http: { status: 400 } },
  });
}

type Hook = {
  args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Record<string, unknown> | null; operationName?: string | null };
  context: object;
  setResultAndStopExecution: (r: { errors: GraphQLError[] }) => void;
};

export function useInputLimits(): Plugin {
  const check = ({ args, context, setResultAndStopExecution }: Hook) => {
    const walk = walkInputs(args.schema, args.document, args.variableValues, args.operationName);
    if (!walk) return;
    if (walk.untyped) {
      setResultAndStopExecution({ errors: walk.found.map(errorOf) });
      return;
    }
    if (walk.found.length > 0) {
      const byField = new Map<string, InputIssue[]>();
      for (const f of walk.found) {
        const issues = byField.get(f.typedKey!) ?? [];
        byField.set(f.typedKey!, [...issues, { path: f.path.map(String), message: sentence(f.violation) }]);
      }
      typedIssues.set(context, byField);
    }
    // What runs next (every later plugin, then execute or subscribe) reads these same args.
    if (walk.literalFixes.size > 0) {
      args.document = visit(args.document, {
        StringValue: (node) => (walk.literalFixes.has(node) ? { ...node, value: walk.literalFixes.get(node)!, block: false } : undefined),
      });
    }
    if (walk.variableFixes.size > 0) args.variableValues = { ...args.variableValues, ...Object.fromEntries(walk.variableFixes) };
  };
  return { onExecute: check, onSubscribe: check };
}
