// The typed error results: every expected failure implements `Error { message, code }`.
// Mutations list the ones they can return with guarded() (viewer.ts) or `errors: { types: [...] }`;
// ValidationError is the builder's default.
import { InputValidationError } from "@pothos/plugin-validation";

import { AlreadyExistsError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError } from "../errors.ts";
import { builder } from "./builder.ts";

export const ErrorInterface = builder.interfaceRef<Error & { extensions?: Record<string, unknown> }>("Error").implement({
  description: "An expected failure, returned as a typed result.",
  fields: (t) => ({
    message: t.exposeString("message"),
    // Invalid input is BAD_USER_INPUT, as the same mistake is when reported as a GraphQL error.
    code: t.string({ resolve: (e) => String(e.extensions?.code ?? (e instanceof InputValidationError ? "BAD_USER_INPUT" : "ERROR")) }),
  }),
});

const IssueRef = builder.objectRef<{ path: string[]; message: string }>("ValidationIssue").implement({
  fields: (t) => ({
    path: t.exposeStringList("path", { description: 'Where in the input, e.g. ["input", "email"].' }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFound",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({ what: t.exposeString("what"), ref: t.exposeString("ref") }),
});

builder.objectType(UnauthenticatedError, {
  name: "Unauthenticated",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof UnauthenticatedError,
  fields: () => ({}),
});

builder.objectType(ForbiddenError, {
  name: "Forbidden",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ForbiddenError,
  fields: () => ({}),
});

builder.objectType(AlreadyExistsError, {
  name: "AlreadyExists",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof AlreadyExistsError,
  fields: (t) => ({ field: t.exposeString("field", { description: "The input field that collides." }) }),
});

builder.objectType(RateLimitedError, {
  name: "RateLimited",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof RateLimitedError,
  fields: (t) => ({ retryAfter: t.exposeInt("retryAfterSeconds", { description: "Seconds to wait before retrying." }) }),
});

/** Invalid input: from a field's `validate` schema (plugin-validation) or invalidInput(). */
builder.objectType(InputValidationError, {
  name: "ValidationError",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InputValidationError,
  fields: (t) => ({
    issues: t.field({
      type: [IssueRef],
      resolve: (e) =>
        e.issues.map((i) => ({
          message: i.message,
          path: (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)),
        })),
    }),
  }),
});

export const AUTH_ERRORS = [UnauthenticatedError, ForbiddenError] as const;
