// Accounts: sign up, log in, log out, change password. Sessions are opaque tokens (src/auth/tokens.ts).
// Log-in answers "wrong email, handle or password" alike for an unknown account and a wrong
// password, in the same time (a dummy hash is verified), under the same rate limits.
import { z } from "zod";

import { hashPassword, PASSWORD_MAX, passwordProblem, verifyNoUser, verifyPassword } from "../auth/passwords.ts";
import { issueToken, revokeTokens } from "../auth/tokens.ts";
import { VIEWER_PROFILE, viewerOf, type ViewerProfile } from "../auth/viewer-cache.ts";
import type { Context } from "../context.ts";
import { AlreadyExistsError, invalidInput, RateLimitedError, UnauthenticatedError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { EMAIL_MAX, NAME_MAX } from "./input-limits.ts";
import { guarded, requireViewer } from "./viewer.ts";

interface Session {
  token: string;
  userId: number;
  expiresAt: Date;
}

const AuthPayload = builder.objectRef<Session>("AuthPayload").implement({
  description: "A new session. Send the token as `Authorization: Bearer <token>`; it is shown only here.",
  fields: (t) => ({
    token: t.exposeString("token", { description: "The session's secret." }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      description: "When the session ends (30 days after log-in, unless the server is set otherwise).",
    }),
    user: t.prismaField({
      type: "User",
      description: "The signed-in user (its private fields are readable in this same response).",
      resolve: (query, session, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: session.userId } }),
    }),
  }),
});

const ChangePasswordPayload = builder.objectRef<{ userId: number; revokedSessions: number }>("ChangePasswordPayload").implement({
  description: "The password was changed.",
  fields: (t) => ({
    revokedSessions: t.exposeInt("revokedSessions", { description: "Your other sessions, now logged out." }),
    user: t.prismaField({
      type: "User",
      description: "You.",
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
  }),
});

const WRONG_CREDENTIALS = "Wrong email, handle or password.";
const HANDLE = /^[A-Za-z][A-Za-z0-9_]{2,29}$/;

async function startSession(ctx: Context, user: ViewerProfile): Promise<Session> {
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
  const { secret, id } = await issueToken(ctx.prisma, { userId: user.id, kind: "SESSION", name: "session", expiresAt });
  // The rest of this response is seen by the new session (so `user { email }` works).
  ctx.viewer = viewerOf(user, { id, kind: "SESSION" });
  return { token: secret, userId: user.id, expiresAt };
}

/** Which unique field a new user collides on, if any. */
async function takenField(ctx: Context, email: string, handleKey: string): Promise<"email" | "handle" | undefined> {
  const clash = await ctx.prisma.user.findFirst({ where: { OR: [{ email }, { handleKey }] }, select: { email: true } });
  if (!clash) return undefined;
  return clash.email === email ? "email" : "handle";
}

/** Wrong password: counts a failure for the account, whether or not it exists. */
async function refuse(ctx: Context, accountKey: string): Promise<never> {
  await ctx.limits.logIn.failed(accountKey, ctx.clientIp);
  throw new UnauthenticatedError(WRONG_CREDENTIALS);
}

// Becoming a user and signing in.
builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayload,
    description: "Creates an account (role READER) and logs it in. Email and handle are unique, ignoring case.",
    errors: { types: [AlreadyExistsError, RateLimitedError], directResult: true },
    args: {
      email: t.arg.string({
        required: true,
        maxLength: EMAIL_MAX,
        description: "Your email address (digests go there); stored lowercased.",
      }),
      handle: t.arg.string({
        required: true,
        maxLength: NAME_MAX,
        description: "Your public name in the API: 3 to 30 letters, digits or _, starting with a letter.",
      }),
      name: t.arg.string({ required: true, maxLength: NAME_MAX, description: "Your display name." }),
      password: t.arg.string({
        required: true,
        maxLength: PASSWORD_MAX,
        description: "At least 10 characters, without your handle or the name part of your email.",
      }),
    },
    // One schema for all arguments, so every invalid one is reported at once.
    validate: z.object({
      email: z.string().trim().pipe(z.email("Not an email address.")),
      handle: z.string().regex(HANDLE, "A handle is 3 to 30 letters, digits or _, starting with a letter."),
      name: z.string().trim().min(1, "Give a name."),
      password: z.string(),
    }),
    resolve: async (_root, args, ctx) => {
      await ctx.limits.consume("signUp", ctx.clientIp);
      const email = args.email.trim().toLowerCase();
      const handleKey = args.handle.toLowerCase();
      const problem = passwordProblem(args.password, { handle: args.handle, email });
      if (problem) throw invalidInput({ path: ["password"], message: problem });
      const taken = await takenField(ctx, email, handleKey);
      if (taken) throw new AlreadyExistsError("A user", taken);
      const passwordHash = await hashPassword(args.password);
      let user: ViewerProfile;
      try {
        user = await ctx.prisma.user.create({
          data: { email, handle: args.handle, handleKey, name: args.name.trim(), passwordHash },
          select: VIEWER_PROFILE,
        });
      } catch (e) {
        // Someone took the email or handle between the check and the insert.
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
          throw new AlreadyExistsError("A user", (await takenField(ctx, email, handleKey)) ?? "email");
        }
        throw e;
      }
      return startSession(ctx, user);
    },
  }),
}));

builder.mutationFields((t) => ({
  logIn: t.field({
    type: AuthPayload,
    description:
      "Logs in with an email or a handle. " +
      "After repeated failures the account waits before the next try, and the address is locked out (RateLimited).",
    errors: { types: [UnauthenticatedError, RateLimitedError], directResult: true },
    args: {
      emailOrHandle: t.arg.string({ required: true, maxLength: EMAIL_MAX, description: "Your email or handle (case is ignored)." }),
      password: t.arg.string({ required: true, maxLength: PASSWORD_MAX, description: "Your password." }),
    },
    validate: z.object({ emailOrHandle: z.string().trim().min(1, "Give your email or handle."), password: z.string() }),
    resolve: async (_root, args, ctx) => {
      await ctx.limits.consume("logIn", ctx.clientIp);
      const identifier = args.emailOrHandle.trim().toLowerCase();
      const user = await ctx.prisma.user.findUnique({
        where: identifier.includes("@") ? { email: identifier } : { handleKey: identifier },
        select: { ...VIEWER_PROFILE, passwordHash: true },
      });
      // Failures are counted per account (and address); an unknown name gets its own counters, alike.
      const accountKey = user ? `user:${user.id}` : `name:${identifier}`;
      await ctx.limits.logIn.check(accountKey, ctx.clientIp);
      const ok = user ? await verifyPassword(args.password, user.passwordHash) : await verifyNoUser(args.password);
      if (!user || !ok) return refuse(ctx, accountKey);
      await ctx.limits.logIn.succeeded(accountKey, ctx.clientIp);
      return startSession(ctx, user);
    },
  }),
}));

// What a signed-in user does with their own account.
builder.mutationFields((t) => ({
  logOut: t.prismaField({
    type: "ApiToken",
    description: "Revokes the token this request was sent with (a session or an API token).",
    ...guarded("signedIn"),
    resolve: async (query, _root, _args, ctx) => {
      const viewer = requireViewer(ctx);
      await revokeTokens(ctx.prisma, ctx.live, { id: viewer.tokenId });
      return ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: viewer.tokenId } });
    },
  }),

  changePassword: t.field({
    type: ChangePasswordPayload,
    description: "Changes your password and logs out your other sessions (API tokens stay valid).",
    ...guarded("signedIn", RateLimitedError),
    args: {
      currentPassword: t.arg.string({
        required: true,
        maxLength: PASSWORD_MAX,
        description: "Your password now; a wrong one counts as a failed log-in.",
      }),
      newPassword: t.arg.string({
        required: true,
        maxLength: PASSWORD_MAX,
        description: "At least 10 characters, without your handle or the name part of your email.",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const accountKey = `user:${viewer.id}`;
      await ctx.limits.logIn.check(accountKey, ctx.clientIp);
      const user = await ctx.prisma.user.findUniqueOrThrow({
        where: { id: viewer.id },
        select: { passwordHash: true, handle: true, email: true },
      });
      if (!(await verifyPassword(args.currentPassword, user.passwordHash))) {
        await ctx.limits.logIn.failed(accountKey, ctx.clientIp);
        throw invalidInput({ path: ["currentPassword"], message: "This is not your current password." });
      }
      // The right password, as for a log-in: the failures are forgotten.
      await ctx.limits.logIn.succeeded(accountKey, ctx.clientIp);
      const problem = passwordProblem(args.newPassword, user);
      if (problem) throw invalidInput({ path: ["newPassword"], message: problem });
      await ctx.prisma.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword(args.newPassword) } });
      const revoked = await revokeTokens(ctx.prisma, ctx.live, { userId: viewer.id, kind: "SESSION", id: { not: viewer.tokenId } });
      return { userId: viewer.id, revokedSessions: revoked.length };
    },
  }),
}));
