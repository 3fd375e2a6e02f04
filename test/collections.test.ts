// Collections (reading lists): writes with their typed errors and limits, the owner's order with
// notes, follows, and a private collection staying invisible to everyone else on every path.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MAX_COLLECTIONS_PER_USER, MAX_PAPERS_PER_COLLECTION } from "../src/discovery/collections.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { HIGH_LIMITS, newUser, type TestUser } from "./helpers/users.ts";

const CreateCollection = graphql(`
  mutation CreateCollection($name: String!, $description: String, $visibility: CollectionVisibility) {
    createCollection(name: $name, description: $description, visibility: $visibility) {
      __typename
      ... on Collection {
        id
        name
        description
        visibility
        paperCount
        viewerIsOwner
      }
      ... on LimitExceeded {
        limit
        max
      }
      ... on Error {
        message
        code
      }
    }
  }
`);

const UpdateCollection = graphql(`
  mutation UpdateCollection($id: ID!, $name: String, $description: String, $visibility: CollectionVisibility) {
    updateCollection(id: $id, name: $name, description: $description, visibility: $visibility) {
      __typename
      ... on Collection {
        name
        description
        visibility
      }
      ... on Error {
        message
      }
    }
  }
`);

const DeleteCollection = graphql(`
  mutation DeleteCollection($id: ID!) {
    deleteCollection(id: $id) {
      __typename
      ... on Collection {
        name
      }
    }
  }
`);

const AddPaper = graphql(`
  mutation AddPaperToCollection($id: ID!, $paperId: ID!, $note: String) {
    addPaperToCollection(id: $id, paperId: $paperId, note: $note) {
      __typename
      ... on Collection {
        paperCount
      }
      ... on NotFound {
        what
      }
      ... on LimitExceeded {
        limit
        max
      }
      ... on Error {
        message
      }
    }
  }
`);

const RemovePaper = graphql(`
  mutation RemovePaperFromCollection($id: ID!, $paperId: ID!) {
    removePaperFromCollection(id: $id, paperId: $paperId) {
      __typename
      ... on Collection {
        paperCount
      }
    }
  }
`);

const MovePaper = graphql(`
  mutation MovePaperInCollection($id: ID!, $paperId: ID!, $afterPaperId: ID) {
    movePaperInCollection(id: $id, paperId: $paperId, afterPaperId: $afterPaperId) {
      __typename
      ... on Collection {
        papers(first: 10) {
          edges {
            node {
              id
            }
          }
        }
      }
      ... on NotFound {
        what
      }
    }
  }
`);

const FollowCollection = graphql(`
  mutation FollowCollection($id: ID!) {
    followCollection(id: $id) {
      __typename
      ... on Collection {
        followerCount
        viewerFollows
      }
    }
  }
`);

const UnfollowCollection = graphql(`
  mutation UnfollowCollection($id: ID!) {
    unfollowCollection(id: $id) {
      __typename
      ... on Collection {
        followerCount
        viewerFollows
      }
    }
  }
`);

const CollectionPapers = graphql(`
  query CollectionPapers($id: ID!, $first: Int, $after: String) {
    collection(id: $id) {
      name
      owner {
        handle
      }
      papers(first: $first, after: $after) {
        edges {
          note
          addedAt
          node {
            id
            title
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const CollectionById = graphql(`
  query CollectionById($id: ID!) {
    collection(id: $id) {
      name
    }
  }
`);

const NodeCollection = graphql(`
  query NodeCollection($id: ID!) {
    node(id: $id) {
      __typename
      ... on Collection {
        name
      }
    }
  }
`);

const NodesCollections = graphql(`
  query NodesCollections($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Collection {
        name
      }
    }
  }
`);

const ProfileCollections = graphql(`
  query ProfileCollections($handle: String!) {
    user(handle: $handle) {
      collections(first: 100) {
        edges {
          node {
            name
            visibility
          }
        }
      }
    }
  }
`);

const MyCollections = graphql(`
  query MyCollections {
    me {
      collections(first: 100) {
        edges {
          node {
            name
            visibility
          }
        }
      }
      followedCollections(first: 10) {
        edges {
          node {
            name
          }
        }
      }
    }
  }
`);

const PaperViewerCollections = graphql(`
  query PaperViewerCollections($id: ID!) {
    paper(id: $id) {
      viewerCollections(first: 10) {
        edges {
          node {
            name
          }
        }
      }
    }
  }
`);

describe.each(ENGINES)("collections on %s", (engine) => {
  let app: TestApp;
  let paperIds: string[];

  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    const papers = await app.db.prisma.paper.findMany({ orderBy: { id: "asc" }, take: 5, select: { id: true } });
    paperIds = papers.map((p) => encodeGlobalID("Paper", p.id));
  });
  afterAll(async () => {
    await app?.close();
  });

  async function create(user: TestUser, name: string, visibility?: "PUBLIC" | "PRIVATE"): Promise<string> {
    const r = data(await app.run(CreateCollection, { name, visibility }, { token: user.token })).createCollection;
    if (r.__typename !== "Collection") throw new Error(JSON.stringify(r));
    return r.id;
  }

  const namesOf = (edges: { node: { name: string } }[] | undefined) => edges?.map((e) => e.node.name);

  it("creates private collections by default, renames, describes, publishes and deletes them; only the owner can", async () => {
    const owner = await newUser(app, `owner${engine}`);
    const other = await newUser(app, `other${engine}`);
    const created = data(
      await app.run(CreateCollection, { name: "  To read  ", description: "Weekend" }, { token: owner.token }),
    ).createCollection;
    expect(created).toMatchObject({
      __typename: "Collection",
      name: "To read",
      description: "Weekend",
      visibility: "PRIVATE",
      paperCount: 0,
    });
    const id = (created as { id: string }).id;

    const updated = data(await app.run(UpdateCollection, { id, name: "Diffusion", visibility: "PUBLIC" }, { token: owner.token }));
    expect(updated.updateCollection).toEqual({ __typename: "Collection", name: "Diffusion", description: "Weekend", visibility: "PUBLIC" });

    // Another user sees a public collection but cannot change it; a private one does not exist for them.
    expect(data(await app.run(UpdateCollection, { id, name: "Mine" }, { token: other.token })).updateCollection.__typename).toBe(
      "Forbidden",
    );
    expect(data(await app.run(DeleteCollection, { id }, { token: other.token })).deleteCollection.__typename).toBe("Forbidden");
    await app.run(UpdateCollection, { id, visibility: "PRIVATE" }, { token: owner.token });
    expect(data(await app.run(UpdateCollection, { id, name: "Mine" }, { token: other.token })).updateCollection.__typename).toBe(
      "NotFound",
    );

    expect(data(await app.run(CreateCollection, { name: "   " }, { token: owner.token })).createCollection.__typename).toBe(
      "ValidationError",
    );
    expect(data(await app.run(CreateCollection, { name: "x".repeat(101) }, { token: owner.token })).createCollection.__typename).toBe(
      "ValidationError",
    );
    expect(data(await app.run(CreateCollection, { name: "Anonymous" })).createCollection.__typename).toBe("Unauthenticated");

    expect(data(await app.run(DeleteCollection, { id }, { token: owner.token })).deleteCollection).toEqual({
      __typename: "Collection",
      name: "Diffusion",
    });
    expect(data(await app.run(CollectionById, { id }, { token: owner.token })).collection).toBeNull();
    expect(data(await app.run(DeleteCollection, { id }, { token: owner.token })).deleteCollection.__typename).toBe("NotFound");
  });

  it("keeps papers in the owner's order with notes; moves one after another or first; pages through them", async () => {
    const u = await newUser(app, `reader${engine}`);
    const id = await create(u, "Ordered");
    const [a, b, c, d] = paperIds as [string, string, string, string];
    for (const [paperId, note] of [
      [a, "first read"],
      [b, null],
      [c, "skim"],
      [d, null],
    ] as const) {
      expect(data(await app.run(AddPaper, { id, paperId, note }, { token: u.token })).addPaperToCollection.__typename).toBe("Collection");
    }
    // Adding again keeps the place; a note given replaces the old one.
    expect(data(await app.run(AddPaper, { id, paperId: a, note: "re-read" }, { token: u.token })).addPaperToCollection).toEqual({
      __typename: "Collection",
      paperCount: 4,
    });

    const order = async () =>
      data(await app.run(CollectionPapers, { id, first: 10 }, { token: u.token })).collection!.papers.edges.map((e) => e.node.id);
    expect(await order()).toEqual([a, b, c, d]);
    const first = data(await app.run(CollectionPapers, { id, first: 10 }, { token: u.token })).collection!.papers.edges;
    expect(first.map((e) => e.note)).toEqual(["re-read", null, "skim", null]);

    // d after a; then c first; then a after d.
    await app.run(MovePaper, { id, paperId: d, afterPaperId: a }, { token: u.token });
    expect(await order()).toEqual([a, d, b, c]);
    const moved = data(await app.run(MovePaper, { id, paperId: c, afterPaperId: null }, { token: u.token })).movePaperInCollection;
    expect(moved.__typename === "Collection" && moved.papers.edges.map((e) => e.node.id)).toEqual([c, a, d, b]);
    await app.run(MovePaper, { id, paperId: a, afterPaperId: b }, { token: u.token });
    expect(await order()).toEqual([c, d, b, a]);
    // Notes stay with their papers.
    const notes = data(await app.run(CollectionPapers, { id, first: 10 }, { token: u.token })).collection!.papers.edges;
    expect(notes.map((e) => e.note)).toEqual(["skim", null, null, "re-read"]);

    const notThere = paperIds[4]!;
    const missing = data(await app.run(MovePaper, { id, paperId: notThere, afterPaperId: a }, { token: u.token }));
    expect(missing.movePaperInCollection).toMatchObject({ __typename: "NotFound", what: "Paper in this collection" });
    const self = data(await app.run(MovePaper, { id, paperId: a, afterPaperId: a }, { token: u.token }));
    expect(self.movePaperInCollection.__typename).toBe("ValidationError");
    const noPaper = data(await app.run(AddPaper, { id, paperId: encodeGlobalID("Paper", 2_000_000_000) }, { token: u.token }));
    expect(noPaper.addPaperToCollection).toMatchObject({ __typename: "NotFound", what: "Paper" });

    // Pages follow the same order.
    const page1 = data(await app.run(CollectionPapers, { id, first: 3 }, { token: u.token })).collection!.papers;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = data(await app.run(CollectionPapers, { id, first: 3, after: page1.pageInfo.endCursor }, { token: u.token })).collection!
      .papers;
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual([c, d, b, a]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    expect(data(await app.run(RemovePaper, { id, paperId: d }, { token: u.token })).removePaperFromCollection).toEqual({
      __typename: "Collection",
      paperCount: 3,
    });
    expect(data(await app.run(RemovePaper, { id, paperId: d }, { token: u.token })).removePaperFromCollection).toEqual({
      __typename: "Collection",
      paperCount: 3,
    });
    // A new paper goes to the end; a move still works after a removal left a gap.
    await app.run(AddPaper, { id, paperId: d }, { token: u.token });
    await app.run(MovePaper, { id, paperId: d, afterPaperId: c }, { token: u.token });
    expect(await order()).toEqual([c, d, b, a]);

    const viewer = data(await app.run(PaperViewerCollections, { id: a }, { token: u.token })).paper!.viewerCollections.edges;
    expect(namesOf(viewer)).toEqual(["Ordered"]);
    expect(data(await app.run(PaperViewerCollections, { id: a })).paper!.viewerCollections.edges).toEqual([]);
  });

  it("follows public collections only; the follow lists and counts follow", async () => {
    const owner = await newUser(app, `curatorish${engine}`);
    const fan = await newUser(app, `fan${engine}`);
    const pub = await create(owner, "Public picks", "PUBLIC");
    const priv = await create(owner, "Private picks");
    expect(data(await app.run(FollowCollection, { id: pub }, { token: fan.token })).followCollection).toEqual({
      __typename: "Collection",
      followerCount: 1,
      viewerFollows: true,
    });
    expect(data(await app.run(FollowCollection, { id: pub }, { token: fan.token })).followCollection).toMatchObject({ followerCount: 1 });
    expect(data(await app.run(FollowCollection, { id: priv }, { token: fan.token })).followCollection.__typename).toBe("NotFound");
    expect(data(await app.run(FollowCollection, { id: priv }, { token: owner.token })).followCollection.__typename).toBe("Forbidden");
    expect(namesOf(data(await app.run(MyCollections, {}, { token: fan.token })).me!.followedCollections.edges)).toEqual(["Public picks"]);

    // Turned private, it leaves the follower's list.
    await app.run(UpdateCollection, { id: pub, visibility: "PRIVATE" }, { token: owner.token });
    expect(data(await app.run(MyCollections, {}, { token: fan.token })).me!.followedCollections.edges).toEqual([]);
    await app.run(UpdateCollection, { id: pub, visibility: "PUBLIC" }, { token: owner.token });

    expect(data(await app.run(UnfollowCollection, { id: pub }, { token: fan.token })).unfollowCollection).toEqual({
      __typename: "Collection",
      followerCount: 0,
      viewerFollows: false,
    });
    expect(data(await app.run(UnfollowCollection, { id: pub }, { token: fan.token })).unfollowCollection).toMatchObject({
      followerCount: 0,
    });
  });

  describe("a private collection is invisible to everyone else", () => {
    let owner: TestUser;
    let stranger: TestUser;
    let priv: string;
    let pub: string;
    const handle = `secretive${engine}`;

    beforeAll(async () => {
      owner = await newUser(app, handle);
      stranger = await newUser(app, `stranger${engine}`);
      priv = await create(owner, "Secret list");
      pub = await create(owner, "Open list", "PUBLIC");
      for (const id of [priv, pub]) await app.run(AddPaper, { id, paperId: paperIds[0]! }, { token: owner.token });
    });

    it("through collection(id)", async () => {
      expect(data(await app.run(CollectionById, { id: priv }, { token: owner.token })).collection).toEqual({ name: "Secret list" });
      for (const token of [stranger.token, undefined]) {
        expect(data(await app.run(CollectionById, { id: priv }, { token })).collection).toBeNull();
        expect(data(await app.run(CollectionById, { id: pub }, { token })).collection).toEqual({ name: "Open list" });
      }
      // Exactly what a missing one gives.
      const missing = encodeGlobalID("Collection", 2_000_000_000);
      expect(await app.run(CollectionById, { id: missing }, { token: stranger.token })).toEqual(
        await app.run(CollectionById, { id: priv }, { token: stranger.token }),
      );
    });

    it("through node and nodes", async () => {
      expect(data(await app.run(NodeCollection, { id: priv }, { token: owner.token })).node).toEqual({
        __typename: "Collection",
        name: "Secret list",
      });
      for (const token of [stranger.token, undefined]) {
        expect(data(await app.run(NodeCollection, { id: priv }, { token })).node).toBeNull();
        expect(data(await app.run(NodesCollections, { ids: [pub, priv, pub] }, { token })).nodes).toEqual([
          { __typename: "Collection", name: "Open list" },
          null,
          { __typename: "Collection", name: "Open list" },
        ]);
      }
    });

    it("through the owner's profile", async () => {
      expect(namesOf(data(await app.run(MyCollections, {}, { token: owner.token })).me!.collections.edges)).toEqual([
        "Open list",
        "Secret list",
      ]);
      expect(namesOf(data(await app.run(ProfileCollections, { handle }, { token: owner.token })).user!.collections.edges)).toEqual([
        "Open list",
        "Secret list",
      ]);
      for (const token of [stranger.token, undefined]) {
        expect(namesOf(data(await app.run(ProfileCollections, { handle }, { token })).user!.collections.edges)).toEqual(["Open list"]);
      }
      // Another user's follow list: refused, not leaked.
      const r = await app.run(
        graphql(`
          query OthersFollowedCollections($handle: String!) {
            user(handle: $handle) {
              followedCollections(first: 5) {
                edges {
                  node {
                    name
                  }
                }
              }
            }
          }
        `),
        { handle },
        { token: stranger.token },
      );
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });

    it("through a paper's viewerCollections", async () => {
      const ownerView = data(await app.run(PaperViewerCollections, { id: paperIds[0]! }, { token: owner.token })).paper!;
      expect(namesOf(ownerView.viewerCollections.edges)).toEqual(["Secret list", "Open list"]);
      const strangerView = data(await app.run(PaperViewerCollections, { id: paperIds[0]! }, { token: stranger.token })).paper!;
      expect(strangerView.viewerCollections.edges).toEqual([]);
    });

    it("to writes and follows, which answer as for a missing collection", async () => {
      const add = await app.run(AddPaper, { id: priv, paperId: paperIds[1]! }, { token: stranger.token });
      expect(data(add).addPaperToCollection.__typename).toBe("NotFound");
      const remove = await app.run(RemovePaper, { id: priv, paperId: paperIds[0]! }, { token: stranger.token });
      expect(data(remove).removePaperFromCollection.__typename).toBe("NotFound");
      expect(data(await app.run(UnfollowCollection, { id: priv }, { token: stranger.token })).unfollowCollection.__typename).toBe(
        "NotFound",
      );
      expect(data(await app.run(CollectionPapers, { id: priv, first: 5 }, { token: stranger.token })).collection).toBeNull();
    });
  });

  it("has Atom and JSON feeds while public, newest addition first; a private one has none, as if it did not exist", async () => {
    const u = await newUser(app, `feeder${engine}`);
    const id = await create(u, "Feed me <now>", "PUBLIC");
    const feed = (format: string, ref = id, headers: Record<string, string> = {}) =>
      app.yoga.fetch(`http://paperboy.test/feeds/collections/${encodeURIComponent(ref)}.${format}`, { headers });
    const [a, b] = paperIds as [string, string];
    await app.run(AddPaper, { id, paperId: a }, { token: u.token });
    await new Promise((r) => setTimeout(r, 5));
    await app.run(AddPaper, { id, paperId: b }, { token: u.token });

    const json = await feed("json");
    expect(json.status).toBe(200);
    const doc = (await json.json()) as { title: string; items: { title: string }[] };
    expect(doc.title).toBe(`Paperboy: Feed me <now> (a collection by feeder${engine})`);
    const titleOf = async (g: string) =>
      (await app.db.prisma.paper.findUniqueOrThrow({ where: { id: Number(Buffer.from(g, "base64").toString().split(":")[1]) } })).title;
    expect(doc.items.map((i) => i.title)).toEqual([await titleOf(b), await titleOf(a)]);
    const atom = await feed("atom");
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    const body = await atom.text();
    expect(body).toContain(`a collection by feeder${engine}`);
    expect(body.match(/<entry>/g)).toHaveLength(2);

    // Revalidation: unchanged is 304; a removal changes the validator.
    const etag = atom.headers.get("etag")!;
    expect((await feed("atom", id, { "if-none-match": etag })).status).toBe(304);
    await app.run(RemovePaper, { id, paperId: a }, { token: u.token });
    const after = await feed("atom", id, { "if-none-match": etag });
    expect(after.status).toBe(200);
    await app.run(AddPaper, { id, paperId: a }, { token: u.token });

    // ?hasCode filters a collection's feed like the others: only its papers with (or without) a code link.
    // One of the two gets a code link here, so each filter has one paper to keep and one to drop.
    const rowId = (g: string) => Number(Buffer.from(g, "base64").toString().split(":")[1]);
    const saved = await app.db.prisma.paper.findMany({ where: { id: { in: [rowId(a), rowId(b)] } }, select: { id: true, codeUrl: true } });
    await app.db.prisma.paper.update({ where: { id: rowId(a) }, data: { codeUrl: "https://github.com/example/feed-me" } });
    await app.db.prisma.paper.update({ where: { id: rowId(b) }, data: { codeUrl: null } });
    try {
      const withCode = (await (await feed(`json?hasCode=true`)).json()) as { title: string; items?: { title: string }[] };
      expect(withCode.title).toBe(`Paperboy: Feed me <now> with code (a collection by feeder${engine})`);
      expect((withCode.items ?? []).map((i) => i.title)).toEqual([await titleOf(a)]);
      const without = (await (await feed(`json?hasCode=false`)).json()) as { items?: { title: string }[] };
      expect((without.items ?? []).map((i) => i.title)).toEqual([await titleOf(b)]);
    } finally {
      for (const p of saved) await app.db.prisma.paper.update({ where: { id: p.id }, data: { codeUrl: p.codeUrl } });
    }

    await app.run(UpdateCollection, { id, visibility: "PRIVATE" }, { token: u.token });
    const missingId = encodeGlobalID("Collection", 2_000_000_000);
    const hidden = await feed("json");
    const missing = await feed("json", missingId);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await hidden.text()).replace(id, "ID")).toBe((await missing.text()).replace(missingId, "ID"));
    expect((await feed("atom", "not-an-id")).status).toBe(404);
  });

  const limits = `${MAX_COLLECTIONS_PER_USER} collections a user and ${MAX_PAPERS_PER_COLLECTION} papers a collection`;
  it(`stops at ${limits}, with a typed error`, async () => {
    const u = await newUser(app, `collector${engine}`);
    const userId = Number(Buffer.from(u.id, "base64").toString().split(":")[1]);
    await app.db.prisma.collection.createMany({
      data: Array.from({ length: MAX_COLLECTIONS_PER_USER - 1 }, (_, i) => ({ ownerId: userId, name: `List ${i}` })),
    });
    const last = await create(u, "The hundredth");
    const over = data(await app.run(CreateCollection, { name: "One too many" }, { token: u.token })).createCollection;
    expect(over).toMatchObject({ __typename: "LimitExceeded", limit: "COLLECTIONS_PER_USER", max: MAX_COLLECTIONS_PER_USER });

    // Fill one collection to the limit with papers made for it.
    const collectionId = Number(Buffer.from(last, "base64").toString().split(":")[1]);
    await app.db.prisma.$executeRaw`
      INSERT INTO paper (title_key, title, abstract, content_hash, listed_on, ingest_seq, updated_at)
      SELECT 'limit paper ' || g, 'Limit paper ' || g, 'Filler.', 'limit-' || g, DATE '2026-01-01', 900000000 + g, now()
      FROM generate_series(1, ${MAX_PAPERS_PER_COLLECTION}) AS g`;
    await app.db.prisma.$executeRaw`
      INSERT INTO collection_paper (collection_id, paper_id, position)
      SELECT ${collectionId}, id, row_number() OVER (ORDER BY id) - 1 FROM paper WHERE title_key LIKE 'limit paper %'`;
    const full = data(await app.run(AddPaper, { id: last, paperId: paperIds[0]! }, { token: u.token })).addPaperToCollection;
    expect(full).toMatchObject({ __typename: "LimitExceeded", limit: "PAPERS_PER_COLLECTION", max: MAX_PAPERS_PER_COLLECTION });
    await app.run(RemovePaper, { id: last, paperId: encodeGlobalID("Paper", (await lastLimitPaper()).id) }, { token: u.token });
    expect(data(await app.run(AddPaper, { id: last, paperId: paperIds[0]! }, { token: u.token })).addPaperToCollection).toEqual({
      __typename: "Collection",
      paperCount: MAX_PAPERS_PER_COLLECTION,
    });
  });

  const lastLimitPaper = () =>
    app.db.prisma.paper.findFirstOrThrow({
      where: { titleKey: { startsWith: "limit paper " } },
      orderBy: { id: "desc" },
      select: { id: true },
    });
});
