import { builder } from "./builder.ts";
import { parseGlobalId } from "./ids.ts";

export const Author = builder.prismaNode("Author", {
  description: "A person who wrote papers, one per normalised name (case, accents and punctuation ignored).",
  // Loaded by `node`/`nodes`: a missing one is null there (node.ts).
  nullable: true,
  id: { field: "id" },
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString("name", { description: "The name as first seen on a paper." }),
    papers: t.relatedConnection(
      "papers",
      {
        cursor: "paperId_position",
        description: "The author's places on papers, newest paper first (a paper naming two co-authors alike has both places).",
        query: { orderBy: [{ paper: { ingestSeq: "desc" } }] },
      },
      PaperAuthorConnection,
    ),
  }),
});

const PaperAuthor = builder.prismaObject("PaperAuthor", {
  description: "An author's place on a paper.",
  select: { paperId: true, position: true },
  fields: (t) => ({
    position: t.exposeInt("position", { description: "0-based order on the paper." }),
    name: t.exposeString("name", {
      description:
        "The name as this paper's source wrote it (entities and TeX accents cleaned, accents kept); `author` is the person behind it.",
    }),
    affiliation: t.exposeString("affiliation", {
      nullable: true,
      description: "The institution given on this paper; null when the source gives none.",
    }),
    author: t.relation("author", {
      description: "The person behind the name, matched case- and accent-insensitively: the same Author however a paper spells the name.",
    }),
    paper: t.relation("paper", { description: "The paper." }),
  }),
});

// The author's places on papers (position, affiliation, paper), not bare papers: a PaperConnection would lose them.
const PaperAuthorConnection = builder.connectionObject({ type: PaperAuthor, name: "PaperAuthorConnection" });

/** Every list of authors: the authors a user follows. */
export const AuthorConnection = builder.connectionObject({ type: Author, name: "AuthorConnection" });

builder.queryField("author", (t) =>
  t.prismaField({
    type: "Author",
    nullable: true,
    description: "An author by global id; null when there is none.",
    args: { id: t.arg.id({ required: true, description: "The Author's id." }) },

    resolve: (query, _root, args, ctx) => ctx.prisma.author.findUnique({ ...query, where: { id: parseGlobalId(args.id, "Author", "id") } }),
  }),
);
