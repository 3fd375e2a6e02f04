// The typed error results: every expected failure implements `Error { message, code }`.
// Mutations list the ones they can return with guarded() (viewer.ts) or `errors: { types: [...] }`;
// ValidationError is the builder's default.
import { InputValidationError } from "@pothos/plugin-validation";

import {
  AlreadyExistsError,
  ForbiddenError,
  LimitExceededError,
  NotFoundError,
  RateLimitedError,
  SourceUnavailableError,
  UnauthenticatedError,
} from "../errors.ts";
import { builder } from "./builder.ts";

export const ErrorInterface = builder.interfaceRef<Error & { extensions?: Record<string, unknown> }>("Error").implement({
  description: "An expected failure, returned as a typed result.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "What went wrong, in English, for people; may change between versions." }),
    // Invalid input is BAD_USER_INPUT, as the same mistake is when reported as a GraphQL error.
    code: t.string({
      description:
        "The kind of failure, for programs, one per Error type: NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, ALREADY_EXISTS, " +
        "RATE_LIMITED, SOURCE_UNAVAILABLE, BAD_USER_INPUT (ValidationError), INGEST_REJECTED " +
        "(the same codes as in a GraphQL error's extensions).",

      resolve: (e) => String(e.extensions?.code ?? (e instanceof InputValidationError ? "BAD_USER_INPUT" : "ERROR")),
    }),
  }),
});

const IssueRef = builder.objectRef<{ path: string[]; message: string }>("ValidationIssue").implement({
  description: "One problem with the input.",
  fields: (t) => ({
    path: t.exposeStringList("path", { description: 'Where in the input, e.g. ["input", "email"].' }),
    message: t.exposeString("message", { description: "What is wrong with it and what is accepted." }),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFound",
  description: "An object the input names does not exist (or no longer does).",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({
    what: t.exposeString("what", { description: 'The type of the missing object, e.g. "Paper" or "Comment".' }),
    ref: t.exposeString("ref", { description: "How the input named it: the id or slug given." }),
  }),
});

builder.objectType(UnauthenticatedError, {
  name: "Unauthenticated",
  description: "No one is signed in, or the credentials are wrong: send `Authorization: Bearer <token>` (logIn gives one).",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof UnauthenticatedError,
  fields: () => ({}),
});

builder.objectType(ForbiddenError, {
  name: "Forbidden",
  description: "Signed in, but this needs a role (curator, admin) or ownership the viewer does not have.",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ForbiddenError,
  fields: () => ({}),
});

builder.objectType(AlreadyExistsError, {
  name: "AlreadyExists",
  description: "Something unique is taken: `field` names the input that collides (e.g. a handle or a token name).",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof AlreadyExistsError,
  fields: (t) => ({ field: t.exposeString("field", { description: "The input field that collides." }) }),
});

builder.objectType(RateLimitedError, {
  name: "RateLimited",
  description: "Too many requests of this kind from this user or address: retry after `retryAfter` seconds.",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof RateLimitedError,
  fields: (t) => ({ retryAfter: t.exposeInt("retryAfterSeconds", { description: "Seconds to wait before retrying." }) }),
});

builder.objectType(SourceUnavailableError, {
  name: "SourceUnavailable",
  description: "A source Paperboy reads from (the arXiv API) could not be reached or answered in error: nothing was written.",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof SourceUnavailableError,
  fields: (t) => ({
    source: t.exposeString("sourceName", { description: 'Which source, e.g. "arXiv".' }),
    retryAfter: t.exposeInt("retryAfterSeconds", {
      description: "Seconds to wait before trying again: the source's Retry-After when it gave one.",
    }),
  }),
});

builder.objectType(LimitExceededError, {
  name: "LimitExceeded",
  description: "A limit of README's limits table was reached (e.g. 100 collections a user): nothing was written.",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof LimitExceededError,
  fields: (t) => ({
    limit: t.exposeString("limit", { description: "Which limit, e.g. COLLECTIONS_PER_USER or PAPERS_PER_COLLECTION." }),
    max: t.exposeInt("max", { description: "The limit's value." }),
  }),
});

/** Invalid input: from a field's `validate` schema (plugin-validation) or invalidInput(). */
builder.objectType(InputValidationError, {
  name: "ValidationError",
  description: "The input is invalid (code BAD_USER_INPUT): `issues` says where and why.",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InputValidationError,
  fields: (t) => ({
    issues: t.field({
      type: [IssueRef],
      description: "Each problem found, with its path in the input.",
      resolve: (e) =>
        e.issues.map((i) => ({
          message: i.message,
          path: (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)),
        })),
    }),
  }),
});

export const AUTH_ERRORS = [UnauthenticatedError, ForbiddenError] as const;
