// Expected failures. Each is a GraphQLError with a code, so it reads well as a plain GraphQL error,
// and each is registered as a GraphQL object type (src/schema/errors.ts), so a field that lists it
// in `errors: { types }` returns it as a typed result instead. Anything else stays masked.
import { PothosValidationError } from "@pothos/core";
import { InputValidationError } from "@pothos/plugin-validation";
import { GraphQLError } from "graphql";
import { type MaskError, maskError as yogaMaskError } from "graphql-yoga";

/**
 * A refused HTTP request outside GraphQL (feeds, unsubscribe, the ingest hand-off): the route
 * wrapper (src/plugins/routes.ts) answers it with this status and the message as one line of text.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * An argument a service refuses, named as the client gave it. Services (discovery) throw it without
 * knowing who asked: the schema answers it as a BAD_USER_INPUT error (src/schema/ids.ts), an HTTP
 * route (feeds) as a 400 line; both show this message.
 */
export class ArgumentError extends Error {
  override name = "ArgumentError";
  constructor(
    readonly argumentName: string,
    readonly reason: string,
  ) {
    super(`Argument "${argumentName}": ${reason}`);
  }
}

abstract class AppError extends GraphQLError {
  constructor(message: string, code: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

export class NotFoundError extends AppError {
  constructor(
    readonly what: string,
    readonly ref: string,
  ) {
    super(`${what} ${ref} does not exist.`, "NOT_FOUND");
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in first: send Authorization: Bearer <token>.") {
    super(message, "UNAUTHENTICATED");
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this.") {
    super(message, "FORBIDDEN");
  }
}

export class AlreadyExistsError extends AppError {
  constructor(
    readonly what: string,
    readonly field: string,
    message = `${what} with this ${field} already exists.`,
  ) {
    super(message, "ALREADY_EXISTS", { field });
  }
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests: retry in ${retryAfterSeconds} s.`,
  ) {
    super(message, "RATE_LIMITED", { retryAfter: retryAfterSeconds });
  }
}

/**
 * A source Paperboy reads from (the arXiv API) could not be reached: down, answering 5xx after the
 * retries, or too slow. Nothing was written; asking again after `retryAfterSeconds` may work.
 */
export class SourceUnavailableError extends AppError {
  constructor(
    readonly sourceName: string,
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message, "SOURCE_UNAVAILABLE", { source: sourceName, retryAfter: retryAfterSeconds });
  }
}

/** A per-user or per-object limit (README "Limits and security") reached: `limit` names it, `max` is its value. */
export class LimitExceededError extends AppError {
  constructor(
    readonly limit: string,
    readonly max: number,
    message: string,
  ) {
    super(message, "LIMIT_EXCEEDED", { limit, max });
  }
}

/**
 * Invalid input with the path of each problem: the same InputValidationError that a field's
 * `validate` schema (plugin-validation) throws, so there is one validation result type.
 */
export function invalidInput(...issues: { path: string[]; message: string }[]): InputValidationError {
  return new InputValidationError({ issues });
}

/**
 * Yoga's error masking, except for Pothos's own checks of connection arguments and global ids
 * (`before` with `first`, a cursor or id it cannot read): these are the client's mistake, kept as
 * they are but given the code BAD_USER_INPUT, which Pothos leaves out.
 */
export const maskError: MaskError = (error, message, isDev) => {
  if (error instanceof GraphQLError && error.originalError instanceof PothosValidationError && error.extensions.code === undefined) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...error.extensions, code: "BAD_USER_INPUT" },
    });
  }
  return yogaMaskError(error, message, isDev);
};
