// Saved searches: a name, a full-text query and a filter, stored as JSON in the shape the search
// and digests read ({topics, categories, authors, from, to}; days as "YYYY-MM-DD").
// SavedSearch is deliberately not a Node: `node(id)` must not reach another user's searches.
import { z } from "zod";

import { ARXIV_CATEGORY } from "../arxiv.ts";
import { isoDay } from "../discovery/periods.ts";
import { MAX_QUERY_LENGTH } from "../discovery/search.ts";
import { AlreadyExistsError, invalidInput, NotFoundError, RateLimitedError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { builder } from "./builder.ts";
import { idArgument } from "./ids.ts";
import { NAME_MAX } from "./input-limits.ts";
import { SearchFilterInput } from "./search.ts";
import { guarded, requireViewer, selfOnly, viewerWithin } from "./viewer.ts";

export const MAX_SAVED_SEARCHES = 100;

/**
 * What SavedSearch.filter holds; the later keys only when they were given. A type, not an interface,
 * so that Prisma takes it as a JSON object without a cast.
 */
type StoredFilter = {
  topics: string[];
  categories: string[];
  authors: string[];
  from: string | null;
  to: string | null;
  hasCode?: boolean;
  organizations?: string[];
  keywords?: string[];
};

/** A saved filter as the API shows it. */
export type SavedFilter = Required<Omit<StoredFilter, "hasCode">> & { hasCode: boolean | null };

export function savedFilterOf(json: Prisma.JsonValue): SavedFilter {
  const f = (json ?? {}) as Partial<StoredFilter>;
  return {
    topics: f.topics ?? [],
    categories: f.categories ?? [],
    authors: f.authors ?? [],
    from: f.from ?? null,
    to: f.to ?? null,
    hasCode: f.hasCode ?? null,
    organizations: f.organizations ?? [],
    keywords: f.keywords ?? [],
  };
}

const SavedSearchFilter = builder.objectRef<SavedFilter>("SavedSearchFilter").implement({
  description: "A saved search's filter, as search(filter:) takes it: empty lists and null days do not narrow.",
  fields: (t) => ({
    topics: t.exposeStringList("topics", { description: "Topic slugs." }),
    categories: t.exposeStringList("categories", { description: "arXiv categories." }),
    authors: t.exposeStringList("authors", { description: "Author names." }),
    from: t.expose("from", { type: "Date", nullable: true, description: "First listing day, inclusive; null: no lower bound." }),
    to: t.expose("to", { type: "Date", nullable: true, description: "Last listing day, inclusive; null: no upper bound." }),
    hasCode: t.exposeBoolean("hasCode", { nullable: true, description: "true: only papers with code; false: only without; null: all." }),
    organizations: t.exposeStringList("organizations", { description: "Organization names." }),
    keywords: t.exposeStringList("keywords", { description: "AI keywords." }),
  }),
});

const list = (what: string) => z.array(z.string().trim().min(1, `Empty ${what}.`));

// The same input type as search(filter:), so a search is saved exactly as it was run (and bounded
// alike); checked here with typed errors (ValidationError paths) since a saved filter must be valid
// when it is saved.
const savedFilterInput = z
  .object({
    topics: list("topic").nullish(),
    categories: z.array(z.string().trim().regex(ARXIV_CATEGORY, "Not an arXiv category (e.g. cs.LG).")).nullish(),
    authors: list("author").nullish(),
    organizations: list("organization").nullish(),
    keywords: list("keyword").nullish(),
    hasCode: z.boolean().nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "`from` is after `to`.", path: ["to"] });

const SavedSearch = builder.prismaObject("SavedSearch", {
  description: "A search you saved to run again, and optionally to receive in your email digest.",
  fields: (t) => ({
    id: t.globalID({
      description: "Its id, for deleteSavedSearch and updateDigestSettings (SavedSearch is not a Node: `node(id)` does not fetch it).",
      resolve: (s) => ({ type: "SavedSearch", id: s.id }),
    }),
    name: t.exposeString("name", { description: "The name you gave it, unique among your saved searches." }),
    query: t.exposeString("query", { description: "The search query, as search(query:) takes it." }),
    filter: t.field({
      type: SavedSearchFilter,
      description: "The filter saved with it.",
      select: { filter: true },
      resolve: (s) => savedFilterOf(s.filter),
    }),
    inDigest: t.exposeBoolean("inDigest", { description: "Included in your email digest." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was saved." }),
  }),
});

const SavedSearchConnection = builder.connectionObject({ type: SavedSearch, name: "SavedSearchConnection" });

builder.prismaObjectFields("User", (t) => ({
  savedSearches: t.relatedConnection(
    "savedSearches",
    { cursor: "id", description: "Your saved searches, oldest first.", authScopes: selfOnly, query: { orderBy: { id: "asc" } } },
    SavedSearchConnection,
  ),
}));

const day = (d: Date | null | undefined) => (d ? isoDay(d) : null);

builder.mutationFields((t) => ({
  saveSearch: t.prismaField({
    type: "SavedSearch",
    description: `Saves a search under a name of your choice (unique among yours; at most ${MAX_SAVED_SEARCHES}).`,
    ...guarded("signedIn", AlreadyExistsError, RateLimitedError),
    args: {
      name: t.arg.string({
        required: true,
        maxLength: NAME_MAX,
        description: "A name for it, unique among your saved searches (AlreadyExists otherwise).",
        validate: z.string().trim().min(1, "Give the search a name."),
      }),
      query: t.arg.string({
        required: true,
        maxLength: MAX_QUERY_LENGTH,
        description: "The search query, as search(query:) takes it; not blank.",
        validate: z.string().trim().min(1, "The query is empty."),
      }),
      filter: t.arg({
        type: SearchFilterInput,
        description: "The filter, as search(filter:) takes it; its topics must exist.",
        validate: savedFilterInput.nullish(),
      }),
      inDigest: t.arg.boolean({ defaultValue: false, description: "Include its new papers in your email digest." }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = await viewerWithin(ctx, "writes");
      const topics = [...new Set((args.filter?.topics ?? []).map((s) => s.trim()))];
      if (topics.length > 0) {
        const known = new Set(
          (await ctx.prisma.topic.findMany({ where: { slug: { in: topics } }, select: { slug: true } })).map((t) => t.slug),
        );
        const unknown = topics.findIndex((s) => !known.has(s));
        if (unknown >= 0) throw invalidInput({ path: ["filter", "topics", String(unknown)], message: `No topic "${topics[unknown]}".` });
      }
      if ((await ctx.prisma.savedSearch.count({ where: { userId: viewer.id } })) >= MAX_SAVED_SEARCHES) {
        throw invalidInput({ path: ["name"], message: `You have ${MAX_SAVED_SEARCHES} saved searches: delete one first.` });
      }
      const organizations = [...new Set((args.filter?.organizations ?? []).map((s) => s.trim()))];
      const keywords = [...new Set((args.filter?.keywords ?? []).map((s) => s.trim()))];
      const filter: StoredFilter = {
        topics,
        categories: [...new Set((args.filter?.categories ?? []).map((s) => s.trim()))],
        authors: [...new Set((args.filter?.authors ?? []).map((s) => s.trim()))],
        from: day(args.filter?.from),
        to: day(args.filter?.to),
        ...(args.filter?.hasCode != null ? { hasCode: args.filter.hasCode } : {}),
        ...(organizations.length > 0 ? { organizations } : {}),
        ...(keywords.length > 0 ? { keywords } : {}),
      };
      try {
        return await ctx.prisma.savedSearch.create({
          ...query,
          data: {
            userId: viewer.id,
            name: args.name.trim(),
            query: args.query.trim(),
            filter,
            inDigest: args.inDigest ?? false,
          },
        });
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new AlreadyExistsError("A saved search", "name");
        throw e;
      }
    },
  }),

  deleteSavedSearch: t.prismaField({
    type: "SavedSearch",
    description: "Deletes one of your saved searches and returns what it was.",
    ...guarded("signedIn", NotFoundError),
    args: { id: t.arg.id({ required: true, description: "The SavedSearch's id." }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const id = idArgument(args.id, "SavedSearch", "id");
      const found = await ctx.prisma.savedSearch.findFirst({ ...query, where: { id, userId: viewer.id } });
      if (!found) throw new NotFoundError("Saved search", args.id);
      await ctx.prisma.savedSearch.delete({ where: { id } });
      return found;
    },
  }),
}));
