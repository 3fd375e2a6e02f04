// Named API tokens for bots and scripts. The secret is returned once by createApiToken; afterwards
// only its prefix is shown. ApiToken is deliberately not a Node: `node(id)` must not reach it.
import { z } from "zod";

import { issueToken, revokeTokens } from "../auth/tokens.ts";
import { AlreadyExistsError, ForbiddenError, invalidInput, NotFoundError, RateLimitedError } from "../errors.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { NAME_MAX } from "./input-limits.ts";
import { guarded, requireViewer, selfOnly } from "./viewer.ts";

/** Active API tokens one user may hold. */
export const MAX_API_TOKENS = 50;

const TokenKind = builder.enumType("TokenKind", {
  description: "How a token was made, and so how long it lasts.",

  values: {
    SESSION: { description: "Created by signUp or logIn; expires." },
    API: { description: "Created by createApiToken, for bots; lasts until revoked or its expiry." },
  } as const,
});

const ApiToken = builder.prismaObject("ApiToken", {
  description: "A session or API token, without its secret.",
  fields: (t) => ({
    id: t.globalID({
      description: "The token's id, for revokeApiToken (ApiToken is not a Node: `node(id)` does not fetch it).",
      resolve: (tok) => ({ type: "ApiToken", id: tok.id }),
    }),

    name: t.exposeString("name", { description: 'The name given at creation ("session" for log-in sessions).' }),
    kind: t.expose("kind", { type: TokenKind, description: "A log-in session or an API token." }),
    prefix: t.exposeString("prefix", { description: "The secret's first characters, to recognise it." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the token was created." }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true, description: "Updated at most once a minute." }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When the token stops working; null when it never expires.",
    }),
    revokedAt: t.expose("revokedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was revoked (logOut, revokeApiToken, a password change); null while it is not.",
    }),
    current: t.boolean({
      description: "True for the token this request was sent with.",
      resolve: (tok, _args, ctx) => ctx.viewer?.tokenId === tok.id,
    }),
  }),
});

const CreateApiTokenPayload = builder.objectRef<{ secret: string; id: number }>("CreateApiTokenPayload").implement({
  description: "A new API token: its secret, shown only here, and the token as listed afterwards.",
  fields: (t) => ({
    token: t.exposeString("secret", { description: "The secret: shown only now. Send it as `Authorization: Bearer <token>`." }),
    apiToken: t.prismaField({
      type: "ApiToken",
      description: "The token as `apiTokens` lists it, without its secret; its id is what revokeApiToken takes.",
      resolve: (query, created, _args, ctx) => ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: created.id } }),
    }),
  }),
});

const ApiTokenConnection = builder.connectionObject({ type: ApiToken, name: "ApiTokenConnection" });

builder.prismaObjectFields("User", (t) => ({
  apiTokens: t.relatedConnection(
    "tokens",
    {
      description: "Your tokens, newest first (API tokens unless `kind` says otherwise).",
      authScopes: selfOnly,
      cursor: "id",
      args: {
        kind: t.arg({ type: TokenKind, defaultValue: "API", description: "Which tokens: API tokens (default) or log-in sessions." }),
        includeInactive: t.arg.boolean({ defaultValue: false, description: "Also revoked and expired tokens." }),
      },
      query: (args) => ({
        where: {
          kind: args.kind ?? "API",
          ...(args.includeInactive ? {} : { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] }),
        },
        orderBy: { id: "desc" },
      }),
    },
    ApiTokenConnection,
  ),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreateApiTokenPayload,
    description:
      "A named token for a bot or script. " + `Needs a log-in session (not another API token); at most ${MAX_API_TOKENS} active at once.`,
    ...guarded("signedIn", ForbiddenError, AlreadyExistsError, RateLimitedError),
    args: {
      name: t.arg.string({
        required: true,
        maxLength: NAME_MAX,
        description: "A name to recognise the token by, unique among your active API tokens (AlreadyExists otherwise).",
        validate: z.string().trim().min(1, "Give the token a name."),
      }),
      expiresInDays: t.arg.int({ range: [1, 3650], description: "Days until the token expires. Default: never expires." }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      if (viewer.tokenKind !== "SESSION") throw new ForbiddenError("Create API tokens from a log-in session, not with an API token.");
      // Not viewerWithin: a request refused above spends nothing of the limit.
      await ctx.limits.consume("writes", viewer.id);
      const name = args.name.trim();
      const active = await ctx.prisma.apiToken.findMany({
        where: { userId: viewer.id, kind: "API", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
        select: { name: true },
      });
      if (active.some((a) => a.name === name)) throw new AlreadyExistsError("An active API token", "name");
      if (active.length >= MAX_API_TOKENS)
        throw invalidInput({ path: ["name"], message: `You have ${MAX_API_TOKENS} active API tokens: revoke one first.` });
      const expiresAt = args.expiresInDays ? new Date(Date.now() + args.expiresInDays * 86_400_000) : null;
      return issueToken(ctx.prisma, { userId: viewer.id, kind: "API", name, expiresAt });
    },
  }),

  revokeApiToken: t.prismaField({
    type: "ApiToken",
    description: "Revokes one of your tokens (API or session) at once, on HTTP and on open WebSockets. Revoking twice changes nothing.",
    ...guarded("signedIn", NotFoundError),
    args: { id: t.arg.id({ required: true, description: "The ApiToken's id (from apiTokens or createApiToken)." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = idArgument(args.id, "ApiToken", "id");
      // Another user's token is "not found": its existence is none of the caller's business.
      const owned = await ctx.prisma.apiToken.findFirst({ where: { id, userId: viewer.id }, select: { id: true } });
      if (!owned) throw new NotFoundError("API token", args.id);
      await revokeTokens(ctx.prisma, ctx.live, { id });
      return ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
