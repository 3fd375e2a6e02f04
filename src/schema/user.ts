// Users: public profiles, `me`, and role changes by admins. Private fields (email, tokens, follows,
// saved searches, feed) are added here and in their domain files, each guarded by selfOnly /
// selfOrAdmin, so another user's private data is refused with Forbidden, never returned.
import { type Viewer, VIEWER_PROFILE, type ViewerProfile } from "../auth/viewer-cache.ts";
import { invalidInput, NotFoundError } from "../errors.ts";
import type { User as UserRow } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { NAME_MAX } from "./input-limits.ts";
import { guarded, selfOrAdmin } from "./viewer.ts";

export const Role = builder.enumType("Role", {
  description: "What a user may do; each role can do everything the one before it can.",

  values: {
    READER: { description: "Reads, upvotes, comments, follows, submits papers." },
    CURATOR: { description: "Also ingests, edits topics, tags papers and moderates comments." },
    ADMIN: { description: "Also changes users' roles." },
  } as const,
});

export const User = builder.prismaNode("User", {
  description: "A person with an account: a public profile, and private fields only they (or an admin, for email) can read.",
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  // Never expose passwordHash: this type selects only what its fields ask for.
  select: { id: true },
  fields: (t) => ({
    handle: t.exposeString("handle", { description: "Unique public name, as the user wrote it (`user(handle)` ignores case)." }),
    name: t.exposeString("name", { description: "Display name." }),
    role: t.expose("role", { type: Role, description: "What the user may do." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the account was created." }),
    email: t.exposeString("email", { description: "Only for the user and admins.", authScopes: selfOrAdmin }),
  }),
});

/**
 * `me` from the profile read when the viewer signed in (src/auth/viewer-cache.ts keeps it current),
 * when the planned query selects only columns it holds: a signed-in page's `me { handle }` then
 * costs no statement. A relation, a count or any other column is read from the database.
 */
function rowFromViewer(query: { select?: Record<string, unknown>; include?: unknown }, viewer: Viewer) {
  if (!query.select || query.include) return undefined;
  const row: Record<string, unknown> = {};
  for (const [column, selected] of Object.entries(query.select)) {
    if (selected !== true || !Object.hasOwn(VIEWER_PROFILE, column)) return undefined;
    row[column] = viewer[column as keyof ViewerProfile];
  }
  // The columns the query selects, as Prisma's own answer to it would hold them: the row type is
  // the whole model's only because plugin-prisma types a selected row so.
  return row as UserRow;
}

builder.queryFields((t) => ({
  me: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user; null without a token.",
    resolve: (query, _root, _args, ctx) => {
      if (!ctx.viewer) return null;
      return rowFromViewer(query, ctx.viewer) ?? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.id } });
    },
  }),
  user: t.prismaField({
    type: "User",
    nullable: true,
    description: "A user by handle (case-insensitive); null when there is none.",
    args: { handle: t.arg.string({ required: true, maxLength: NAME_MAX, description: "The user's handle." }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.user.findUnique({ ...query, where: { handleKey: args.handle.trim().toLowerCase() } }),
  }),
}));

builder.mutationFields((t) => ({
  setUserRole: t.prismaField({
    type: "User",
    description: "Admins only. The last admin cannot give up the role.",
    ...guarded("admin", NotFoundError),
    args: {
      userId: t.arg.id({ required: true, description: "The User's id." }),
      role: t.arg({ type: Role, required: true, description: "The new role." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = idArgument(args.userId, "User", "userId");
      const user = await ctx.prisma.$transaction(async (tx) => {
        const user = await tx.user.findUnique({ where: { id }, select: { role: true } });
        if (!user) throw new NotFoundError("User", args.userId);
        if (user.role === "ADMIN" && args.role !== "ADMIN") {
          // Lock the admins' rows so two admins demoting each other cannot leave none.
          const admins = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM app_user WHERE role = 'ADMIN' FOR UPDATE`;
          if (admins.length <= 1) throw invalidInput({ path: ["role"], message: "This is the last admin: make another user admin first." });
        }
        return tx.user.update({ ...query, where: { id }, data: { role: args.role } });
      });
      // Every instance forgets the user's remembered sign-ins, so the next request has the new role.
      await ctx.live.publish([{ kind: "viewersChanged", payload: { userIds: [id] } }]);
      return user;
    },
  }),
}));
