// The fuzz test's verdict on one answer: a normal result or a client error is fine; an internal
// error, a 5xx, a broken socket, or any text that shows the server's insides (a stack frame, a
// file path, SQL or Prisma) is a failure, named so that it can be fixed.
import type { GraphQLFormattedError } from "graphql";

import type { Answer } from "./fuzz-client.ts";

/** Error codes a client may be answered with: its own mistake, its rights, or a limit it met. */
export const CLIENT_ERROR_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "RATE_LIMITED",
  // Limits (README "Limits and security").
  "REQUEST_ENTITY_TOO_LARGE",
  "QUERY_TOO_COSTLY",
  "EXECUTION_TIMEOUT",
  "TOO_MANY_SUBSCRIPTIONS",
]);

/** Text that shows the server's insides. */
const LEAKS: [string, RegExp][] = [
  ["a stack frame", /^\s+at\s|\n\s+at\s|\s{4}at\s/],
  ["a file path", /\/src\/|node_modules|\.[cm]?[jt]s:\d|file:\/\//],
  ["Prisma text", /prisma|Invalid `|\bP[12]\d{3}\b/i],
  [
    "SQL",
    new RegExp(
      [
        String.raw`\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \S+ SET)\b`,
        String.raw`\bERROR: `,
        String.raw`\bts(query|vector)\b`,
        String.raw`violates \S+ constraint`,
        "invalid input syntax|syntax error at or near|duplicate key value|out of range for type",
        "invalid byte sequence|unsupported Unicode escape",
      ].join("|"),
    ),
  ],
];

export type Verdict = { ok: true; outcome: string } | { ok: false; problem: string };

/**
 * `echoes`: the case's own input strings, which a message may quote back (`"Paper:abc" is not a
 * valid Paper id`): they are cut out before looking for leaks. `path`: where the target field's
 * value is in the data. `errorTypes`: the types of typed error results (Error's implementors).
 */
export function judge(answer: Answer, path: string[], echoes: string[], errorTypes: Set<string>): Verdict {
  if (answer.broken) return { ok: false, problem: answer.broken };
  if (answer.status !== undefined && answer.status >= 500) return { ok: false, problem: `HTTP ${answer.status}` };
  if (answer.results.length === 0 && answer.status !== undefined && answer.status !== 200) {
    return { ok: false, problem: `HTTP ${answer.status} without a GraphQL result` };
  }
  const cut = (text: string, echo: string) =>
    echo.length < 3 ? text : text.split(echo).join("").split(JSON.stringify(echo).slice(1, -1)).join("");
  const clean = (text: string) => echoes.reduce(cut, text);
  const leak = (text: string): string | undefined => {
    const t = clean(text);
    return LEAKS.find(([, re]) => re.test(t))?.[0];
  };
  const outcomes: string[] = [];
  for (const result of answer.results) {
    for (const error of result.errors ?? []) {
      const problem = errorProblem(error);
      if (problem) return { ok: false, problem };
      const leaked = leak(error.message) ?? leak(JSON.stringify(error.extensions ?? {}));
      if (leaked) return { ok: false, problem: `an error message shows ${leaked}: ${JSON.stringify(error).slice(0, 1000)}` };
      outcomes.push(String(error.extensions?.code ?? "REFUSED_BEFORE_EXECUTION"));
    }
    for (const [typename, text] of serverMessages(result.data)) {
      const leaked = leak(text);
      if (leaked) return { ok: false, problem: `${typename} shows ${leaked}: ${JSON.stringify(text.slice(0, 1000))}` };
    }
    const step = (v: unknown, key: string) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined);
    const value = path.reduce<unknown>(step, result.data);
    const typename = (value as { __typename?: string } | null | undefined)?.__typename;
    if (value !== undefined) outcomes.unshift(typename && errorTypes.has(typename) ? typename : value === null ? "null" : "data");
  }
  // "no value": a subscription that was accepted and had nothing to send yet, or `node` holding an
  // object of another type than the one asked about.
  return { ok: true, outcome: outcomes[0] ?? (answer.status === 413 ? "HTTP 413" : "no value") };
}

function errorProblem(error: GraphQLFormattedError): string | undefined {
  const code = error.extensions?.code as string | undefined;
  if (code === "INTERNAL_SERVER_ERROR" || error.message === "Unexpected error.") {
    return `INTERNAL_SERVER_ERROR: ${JSON.stringify(error).slice(0, 1000)}`;
  }
  // A request refused before execution (parse, validation, variable coercion) carries no path;
  // an error at a field's path without a client code is a fault of the server (e.g. a null for a
  // non-null field).
  if (code === undefined) {
    return error.path ? `an error at ${error.path.join(".")} without a code: ${error.message.slice(0, 500)}` : undefined;
  }
  if (!CLIENT_ERROR_CODES.has(code)) return `an error with code ${code}: ${JSON.stringify(error).slice(0, 1000)}`;
  return undefined;
}

/**
 * [typename, text] of the texts in `data` that the server writes: `message` (typed errors, their
 * issues, ingest errors) and `failure` (an ingest run's).
 */
function serverMessages(data: unknown): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      for (const key of ["message", "failure"]) if (typeof o[key] === "string") out.push([String(o.__typename), o[key] as string]);
      Object.values(o).forEach(walk);
    }
  };
  walk(data);
  return out;
}
