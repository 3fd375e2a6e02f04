// The schema side of the input bounds (src/plugins/input-limits.ts enforces them): a Pothos plugin
// that takes `maxItems`, `maxLength`, `range` and `rawText` on any argument or input field, fills in
// the defaults, records them in the field's `inputLimits` extension and states them in its
// description (so GraphiQL shows them). Defaults: a list holds at most 100 items; an ID at most 100
// characters; a page argument (first, last) is 1..100 and a cursor (after, before) at most 200
// characters. A String has no default: each states its own bound (test/input-limits.test.ts walks
// the schema for any that does not).
//
// Fields whose result can be a ValidationError also get an arg mapper that turns the violations
// found in their arguments into that ValidationError (see typedIssuesOf).
import SchemaBuilder, {
  BasePlugin,
  type PothosInputFieldConfig,
  type PothosInputFieldType,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import { InputValidationError } from "@pothos/plugin-validation";
import type { GraphQLResolveInfo } from "graphql";

import {
  CURSOR_MAX_LENGTH,
  DEFAULT_MAX_ITEMS,
  ID_MAX_LENGTH,
  INPUT_LIMITS,
  type InputLimits,
  MAX_PAGE_SIZE,
  TYPED_INPUT_ISSUES,
  typedIssuesOf,
} from "../plugins/input-limits.ts";

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      inputLimits: InputLimitsPlugin<Types>;
    }
    interface InputFieldOptions {
      /** Items of this list (at every level); default 100. */
      maxItems?: number;
      /** Characters of this String or ID (of each item, for a list). */
      maxLength?: number;
      /** Inclusive bounds of this Int. */
      range?: readonly [number, number];
      /** Text for the ingestion pipeline: NUL and control characters are its business (src/plugins/input-limits.ts). */
      rawText?: boolean;
    }
  }
}

/** Bounds several inputs share (README "Limits and security" has the table). */
export const SLUG_MAX = 100;
/** Names and handles: of users, tokens, saved searches, topics. */
export const NAME_MAX = 100;
export const AUTHOR_NAME_MAX = 300;
export const CATEGORY_MAX = 50;
/** A keyword or phrase (topics' and live filters'). */
export const KEYWORD_MAX = 100;
export const EMAIL_MAX = 254;
export const URL_MAX = 2_000;

function leafName<Types extends SchemaTypes>(type: PothosInputFieldType<Types>): string {
  if (type.kind === "List") return leafName(type.type);
  return typeof type.ref === "string" ? type.ref : String((type.ref as { name?: string }).name);
}

function limitsOf<Types extends SchemaTypes>(config: PothosInputFieldConfig<Types>): InputLimits {
  const options = config.pothosOptions as InputLimits;
  const leaf = leafName(config.type);
  const arg = config.kind === "Arg";
  const limits: InputLimits = {};
  const maxItems = options.maxItems ?? (config.type.kind === "List" ? DEFAULT_MAX_ITEMS : undefined);
  if (maxItems !== undefined) limits.maxItems = maxItems;
  const cursor = arg && leaf === "String" && (config.name === "after" || config.name === "before");
  const maxLength = options.maxLength ?? (leaf === "ID" ? ID_MAX_LENGTH : cursor ? CURSOR_MAX_LENGTH : undefined);
  if (maxLength !== undefined) limits.maxLength = maxLength;
  const page = arg && leaf === "Int" && (config.name === "first" || config.name === "last");
  const range = options.range ?? (page ? ([1, MAX_PAGE_SIZE] as const) : undefined);
  if (range) limits.range = range;
  if (options.rawText) limits.rawText = true;
  return limits;
}

const fmt = (n: number) => n.toLocaleString("en");

/** "At most 100 items, each at most 300 characters.", "At most 500 characters.", "From 1 to 100." */
function describeLimits(limits: InputLimits): string | undefined {
  const parts: string[] = [];
  if (limits.maxItems !== undefined) parts.push(`at most ${fmt(limits.maxItems)} items`);
  if (limits.maxLength !== undefined) parts.push(`${parts.length ? "each " : ""}at most ${fmt(limits.maxLength)} characters`);
  if (limits.range) parts.push(`from ${fmt(limits.range[0])} to ${fmt(limits.range[1])}`);
  if (parts.length === 0) return undefined;
  const text = parts.join(", ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export class InputLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onInputFieldConfig(config: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    const limits = limitsOf(config);
    const bounds = describeLimits(limits);
    if (!bounds) return config;
    return {
      ...config,
      description: config.description ? `${config.description} ${bounds}` : bounds,
      extensions: { ...config.extensions, [INPUT_LIMITS]: limits },
    };
  }

  override onOutputFieldConfig(config: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    // A field's error types: its own and, when it has any, the builder's defaults (as the errors plugin merges them).
    const errors = (config.pothosOptions as { errors?: { types?: unknown[] } }).errors;
    const errorTypes = errors && [...(errors.types ?? []), ...(this.builder.options.errors?.defaultTypes ?? [])];
    if (!errorTypes?.includes(InputValidationError)) return config;
    return {
      ...config,
      extensions: { ...config.extensions, [TYPED_INPUT_ISSUES]: true },
      argMappers: [
        ...config.argMappers,
        (args, context, info) => {
          // A partial info by its type; the whole one at run time (Pothos passes the resolver's).
          const issues = typedIssuesOf(context as object, (info as GraphQLResolveInfo).path);
          if (issues) throw new InputValidationError({ issues });
          return args;
        },
      ],
    };
  }
}

SchemaBuilder.registerPlugin("inputLimits", InputLimitsPlugin);

export default "inputLimits" as const;
