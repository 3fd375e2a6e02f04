// The plausible values of the fuzz test: ids of existing objects of every type and real cursors of
// every kind of connection, read (or created) through the API before the cases start.
import type { FuzzClient } from "./fuzz-client.ts";
import type { Pools } from "./fuzz-values.ts";

type Edges<T = unknown> = { edges: { cursor: string; node: T }[] };

export async function gatherPools(client: FuzzClient): Promise<Pools> {
  const ids: Record<string, string[]> = {};
  const cursors: Record<string, string[]> = {};
  const add = (type: string, id: string | undefined) => id && (ids[type] ??= []).push(id);
  const edges = (field: string, c: Edges) => (cursors[field] ??= []).push(...c.edges.map((e) => e.cursor));

  // The seed's papers have neither authors nor arXiv ids: one submitted paper brings both.
  await client.data(
    "reader",
    `mutation ($input: SubmitPaperInput!) { submitPaper(input: $input) { ... on SubmitPaperPayload { paper { id } } } }`,
    {
      input: {
        arxivId: "2601.29999",
        title: "Fuzzing a research API",
        abstract: "Boundary values.",
        authors: ["Ada Fuzz", "Bo Case"],
        categories: ["cs.SE"],
      },
    },
  );
  const reading = await client.data<{
    papers: Edges<{ id: string; arxivId: string | null; authors: { author: { id: string } }[]; related: Edges }>;
    topics: Edges<{ id: string; slug: string }>;
    dailyPapers: Edges;
    trending: Edges;
    search: Edges;
  }>(
    "admin",
    `{
      papers(first: 3) { edges { cursor node { id arxivId authors { author { id } } related(first: 2) { edges { cursor } } } } }
      topics(first: 3) { edges { cursor node { id slug } } }
      dailyPapers(first: 2) { edges { cursor } }
      trending(first: 2, window: MONTH, asOf: "2025-08-10T00:00:00Z") { edges { cursor } }
      search(query: "learning", first: 2) { edges { cursor } }
    }`,
  );
  for (const field of ["papers", "topics", "dailyPapers", "trending", "search"] as const) edges(field, reading[field]);
  for (const { node } of reading.papers.edges) {
    add("Paper", node.id);
    for (const a of node.authors) add("Author", a.author.id);
    edges("related", node.related);
  }
  for (const { node } of reading.topics.edges) add("Topic", node.id);
  const paperId = reading.papers.edges[0]!.node.id;

  // Objects that only exist once someone made them: a comment, a saved search, an API token, a collection.
  const made = await client.data<{
    addComment: { id: string };
    saveSearch: { id: string };
    createApiToken: { apiToken: { id: string } };
    createCollection: { id: string };
  }>(
    "reader",
    `mutation ($paperId: ID!) {
      addComment(paperId: $paperId, body: "fuzz") { ... on Comment { id } }
      saveSearch(name: "fuzz", query: "learning") { ... on SavedSearch { id } }
      createApiToken(name: "fuzz") { ... on CreateApiTokenPayload { apiToken { id } } }
      createCollection(name: "fuzz", visibility: PUBLIC) { ... on Collection { id } }
    }`,
    { paperId },
  );
  add("Comment", made.addComment.id);
  add("SavedSearch", made.saveSearch.id);
  add("ApiToken", made.createApiToken.apiToken.id);
  add("Collection", made.createCollection.id);
  // And one of the curator, whom no case acts as, so that it is still there (public) when
  // collectionUpdated's cases run after the mutations' (the reader's may have been deleted).
  const curator = await client.data<{ logIn: { token: string } }>(
    "anonymous",
    `mutation { logIn(emailOrHandle: "curator", password: "paperboy-curator") { ... on AuthPayload { token } } }`,
  );
  const kept = await client.data<{ createCollection: { id: string } }>(
    { token: curator.logIn.token },
    `mutation { createCollection(name: "fuzz kept", visibility: PUBLIC) { ... on Collection { id } } }`,
  );
  add("Collection", kept.createCollection.id);
  for (const [who, id] of [
    ["reader", made.createCollection.id],
    [{ token: curator.logIn.token }, kept.createCollection.id],
  ] as const) {
    await client.data(who, `mutation ($id: ID!, $paperId: ID!) { addPaperToCollection(id: $id, paperId: $paperId) { __typename } }`, {
      id,
      paperId,
    });
  }
  await client.data("reader", `mutation ($id: ID!) { addComment(paperId: $id, body: "reply") { __typename } }`, { id: paperId });

  const own = await client.data<{
    me: { id: string; apiTokens: Edges; savedSearches: Edges };
    curator: { id: string };
    admin: { id: string };
    ingestRuns: Edges<{ id: string }>;
    paper: { comments: Edges };
    organization: { id: string } | null;
  }>(
    "admin",
    `query ($paperId: ID!) {
      me { id apiTokens(kind: SESSION, first: 1) { edges { cursor } } savedSearches(first: 1) { edges { cursor } } }
      curator: user(handle: "curator") { id }
      admin: user(handle: "admin") { id }
      ingestRuns(first: 2) { edges { cursor node { id } } }
      paper(id: $paperId) { comments(first: 2) { edges { cursor } } }
      organization(name: "fuzz-org") { id }
    }`,
    { paperId },
  );
  add("User", own.curator.id);
  add("User", own.admin.id);
  add("Organization", own.organization?.id);
  for (const { node } of own.ingestRuns.edges) add("IngestRun", node.id);
  edges("apiTokens", own.me.apiTokens);
  edges("ingestRuns", own.ingestRuns);
  edges("comments", own.paper.comments);
  const reader = await client.data<{ me: { id: string; savedSearches: Edges; followedTopics: Edges } }>(
    "reader",
    `{ me { id savedSearches(first: 1) { edges { cursor } } followedTopics(first: 1) { edges { cursor } } } }`,
  );
  add("User", reader.me.id);
  edges("savedSearches", reader.me.savedSearches);
  edges("followedTopics", reader.me.followedTopics);

  return {
    ids,
    cursors,
    slugs: reading.topics.edges.map((e) => e.node.slug),
    handles: ["reader", "curator", "admin"],
    emails: ["reader@paperboy.local", "admin@paperboy.local"],
    passwords: ["paperboy-reader", "paperboy-admin"],
    arxivIds: reading.papers.edges.flatMap((e) => (e.node.arxivId ? [e.node.arxivId] : [])),
  };
}
