// The signed-in user inside resolvers. Fields guarded by `authScopes: { signedIn: true }` can
// never see a null viewer; requireViewer says so to the type checker (and fails safe if not).
import type { LimitName } from "../auth/rate-limit.ts";
import type { Viewer } from "../auth/viewer-cache.ts";
import type { Context } from "../context.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}

/** The viewer of a write, once it is within the viewer's `limit` (else RateLimited). */
export async function viewerWithin(ctx: Context, limit: LimitName): Promise<Viewer> {
  const viewer = requireViewer(ctx);
  await ctx.limits.consume(limit, viewer.id);
  return viewer;
}

type ErrorClass = new (...args: never[]) => Error;

const SCOPES = {
  signedIn: { authScopes: { signedIn: true }, denied: [UnauthenticatedError] },
  // Signed in without the role is Forbidden (builder.ts, scopeAuth.unauthorizedError).
  curator: { authScopes: { curator: true }, denied: [UnauthenticatedError, ForbiddenError] },
  admin: { authScopes: { admin: true }, denied: [UnauthenticatedError, ForbiddenError] },
} as const;

/**
 * A mutation's auth scope and the errors it returns as results: the scope's denials, the ones
 * given, and ValidationError (the builder's default type). The object is the mutation's result.
 */
export function guarded(scope: keyof typeof SCOPES, ...errors: ErrorClass[]) {
  const { authScopes, denied } = SCOPES[scope];
  return { authScopes, errors: { types: [...denied, ...errors], directResult: true as const } };
}

/** Field auth for a user's private data: only that user. */
export function selfOnly(user: { id: number }, _args: unknown, ctx: Context): boolean {
  return ctx.viewer?.id === user.id;
}

/** Field auth for data an admin may also see (email). */
export function selfOrAdmin(user: { id: number }, _args: unknown, ctx: Context): boolean {
  return ctx.viewer?.id === user.id || ctx.viewer?.role === "ADMIN";
}
