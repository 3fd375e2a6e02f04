// Public profiles: what anyone sees of a user through user(handle): the authors they are recognised
// as, the papers they submitted, their comments and, only if they chose so (updateProfile), the
// papers they upvoted. Nothing private is added here (email, tokens, follows and digest settings
// stay guarded in their own files).
import { z } from "zod";

import { RateLimitedError } from "../errors.ts";
import { AuthorConnection } from "./author.ts";
import { builder } from "./builder.ts";
import { CommentConnection } from "./comment.ts";
import { NAME_MAX } from "./input-limits.ts";
import { PaperConnection } from "./paper.ts";
import { guarded, viewerWithin } from "./viewer.ts";

builder.prismaObjectFields("User", (t) => ({
  upvotesPublic: t.exposeBoolean("upvotesPublic", {
    description: "Whether the user shows the papers they upvoted on their profile (updateProfile; off by default).",
  }),
  claimedAuthors: t.relatedConnection(
    "claimedAuthors",
    { cursor: "id", description: "The authors curators recognised this user as (claimAuthor), in the order of their ids." },
    AuthorConnection,
  ),
  submittedPapers: t.relatedConnection(
    "submissions",
    { cursor: "id", description: "Papers this user submitted (submitPaper), newest first.", query: { orderBy: { id: "desc" } } },
    PaperConnection,
  ),
  comments: t.relatedConnection(
    "comments",
    {
      cursor: "id",
      description: "Comments and replies this user wrote, newest first; deleted ones are left out.",
      query: { where: { deletedAt: null }, orderBy: { id: "desc" } },
    },
    CommentConnection,
  ),
  upvotedPapers: t.prismaConnection(
    {
      type: "Paper",
      cursor: "id",
      nullable: true,
      description: "Papers this user upvoted, newest paper first: null unless the user made them public (or it is you).",
      resolve: (query, user, _args, ctx) =>
        user.upvotesPublic || ctx.viewer?.id === user.id
          ? ctx.prisma.paper.findMany({ ...query, where: { upvotes: { some: { userId: user.id } } }, orderBy: { id: "desc" } })
          : null,
    },
    PaperConnection,
  ),
}));

builder.mutationField("updateProfile", (t) =>
  t.prismaField({
    type: "User",
    description: "Changes your public profile; arguments left out stay as they are.",
    ...guarded("signedIn", RateLimitedError),
    args: {
      name: t.arg.string({
        maxLength: NAME_MAX,
        validate: z.string().trim().min(1, "A name cannot be empty.").nullish(),
        description: "Your display name.",
      }),
      upvotesPublic: t.arg.boolean({ description: "Show the papers you upvoted on your profile (off by default)." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const user = await ctx.prisma.user.update({
        ...query,
        where: { id: viewer.id },
        data: {
          ...(args.name != null ? { name: args.name.trim() } : {}),
          ...(args.upvotesPublic != null ? { upvotesPublic: args.upvotesPublic } : {}),
        },
      });
      // Every instance forgets the profile it read with this user's tokens, so `me` has the new name.
      if (args.name != null) await ctx.live.publish([{ kind: "viewersChanged", payload: { userIds: [viewer.id] } }]);
      return user;
    },
  }),
);
