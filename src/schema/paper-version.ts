// The arXiv versions of a paper Paperboy has seen (ingest/writer.ts records them).
import { builder } from "./builder.ts";

/** arXiv papers rarely pass a dozen versions; the list is bounded all the same. */
const MAX_VERSIONS = 100;

builder.prismaObject("PaperVersion", {
  description: "An arXiv version of a paper, as Paperboy first saw it.",
  fields: (t) => ({
    version: t.exposeInt("version", { description: "The arXiv version number (1 for v1)." }),
    date: t.expose("sourceDate", {
      type: "DateTime",
      nullable: true,
      description: "When arXiv dated this version (its updated time, else its published time).",
    }),
    seenAt: t.expose("seenAt", { type: "DateTime", description: "When an ingest first brought this version." }),
    titleChanged: t.exposeBoolean("titleChanged", { description: "Whether the title differs from the version seen before it." }),
    abstractChanged: t.exposeBoolean("abstractChanged", { description: "Whether the abstract differs from the version seen before it." }),
  }),
});

builder.prismaObjectField("Paper", "versions", (t) =>
  t.relation("versions", {
    description: `Each arXiv version seen, oldest first (at most ${MAX_VERSIONS}); empty for a paper without an arXiv id.`,
    query: { orderBy: { version: "asc" }, take: MAX_VERSIONS },
  }),
);
