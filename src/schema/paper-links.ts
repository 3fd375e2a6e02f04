// updatePaperLinks and the record of link edits (Paper.linkEdits). Who may edit is decided in
// discovery/paper-links.ts; here the URLs are checked (http or https, naming the argument).
import { z } from "zod";

import { updatePaperLinks } from "../discovery/paper-links.ts";
import { ForbiddenError, invalidInput, NotFoundError, RateLimitedError } from "../errors.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { URL_MAX } from "./input-limits.ts";
import { guarded, viewerWithin } from "./viewer.ts";

const PaperLinkEdit = builder.prismaObject("PaperLinkEdit", {
  description: "A change of a paper's code or project link by a user: the links as it left them, who and when.",
  fields: (t) => ({
    code: t.exposeString("codeUrl", { nullable: true, description: "The code link after the edit; null: none." }),
    projectPage: t.exposeString("projectUrl", { nullable: true, description: "The project page after the edit; null: none." }),
    editedAt: t.expose("createdAt", { type: "DateTime", description: "When the edit was made." }),
    editedBy: t.relation("user", { nullable: true, description: "Who made it; null once their account is deleted." }),
  }),
});

const PaperLinkEditConnection = builder.connectionObject({ type: PaperLinkEdit, name: "PaperLinkEditConnection" });

builder.prismaObjectFields("Paper", (t) => ({
  linkEdits: t.relatedConnection(
    "linkEdits",
    {
      cursor: "id",
      description: "Edits of the paper's code and project links by users (updatePaperLinks), newest first.",
      query: { orderBy: { id: "desc" } },
    },
    PaperLinkEditConnection,
  ),
}));

// Empty means "remove the link"; anything else must be an absolute http(s) URL.
const httpUrl = z
  .string()
  .trim()
  .refine((s) => {
    if (s === "") return true;
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "Give an absolute http:// or https:// URL, or an empty string to remove the link.")
  .nullish();

const cleared = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());

builder.mutationField("updatePaperLinks", (t) =>
  t.prismaField({
    type: "Paper",
    description:
      "Sets or removes a paper's code repository and project page (an argument left out stays as it is; null or empty removes it). " +
      "For curators, the paper's submitter and users of its claimed authors; recorded in Paper.linkEdits and announced on paperUpdated.",
    ...guarded("signedIn", ForbiddenError, NotFoundError, RateLimitedError),
    args: {
      paperId: t.arg.id({ required: true, description: "The Paper's global id." }),
      code: t.arg.string({ maxLength: URL_MAX, validate: httpUrl, description: "The code repository: an http(s) URL." }),
      projectPage: t.arg.string({ maxLength: URL_MAX, validate: httpUrl, description: "The project page: an http(s) URL." }),
    },
    resolve: async (query, _root, args, ctx) => {
      if (args.code === undefined && args.projectPage === undefined) {
        throw invalidInput({ path: ["code"], message: "Give code, projectPage or both: there is nothing to change." });
      }
      const viewer = await viewerWithin(ctx, "writes");
      const paperId = idArgument(args.paperId, "Paper", "paperId");
      await updatePaperLinks(ctx.prisma, ctx.live, {
        paperId,
        ref: args.paperId,
        user: viewer,
        code: cleared(args.code),
        projectPage: cleared(args.projectPage),
      });
      return ctx.prisma.paper.findUniqueOrThrow({ ...query, where: { id: paperId } });
    },
  }),
);
