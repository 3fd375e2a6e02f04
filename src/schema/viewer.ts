// The signed-in user inside resolvers. Fields guarded by `authScopes: { signedIn: true }` can
// never see a null viewer; requireViewer says so to the type checker (and fails safe if not).
import type { Viewer } from "../auth/tokens.ts";
import type { Context } from "../context.ts";
import { UnauthenticatedError } from "../errors.ts";

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}

/** Field auth for a user's private data: only that user. */
export function selfOnly(user: { id: number }, _args: unknown, ctx: Context): boolean {
  return ctx.viewer?.id === user.id;
}

/** Field auth for data an admin may also see (email). */
export function selfOrAdmin(user: { id: number }, _args: unknown, ctx: Context): boolean {
  return ctx.viewer?.id === user.id || ctx.viewer?.role === "ADMIN";
}
