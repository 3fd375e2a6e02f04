// Follows, the personal feed with its reasons, and saved searches.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { HIGH_LIMITS, newUser } from "./helpers/users.ts";

const FollowTopic = graphql(`
  mutation FollowTopic($slug: String!) {
    followTopic(slug: $slug) {
      __typename
      ... on Topic {
        slug
        followerCount
        viewerFollows
      }
      ... on Error {
        message
      }
    }
  }
`);

const UnfollowTopic = graphql(`
  mutation UnfollowTopic($slug: String!) {
    unfollowTopic(slug: $slug) {
      __typename
      ... on Topic {
        followerCount
        viewerFollows
      }
    }
  }
`);

const FollowAuthor = graphql(`
  mutation FollowAuthor($id: ID!) {
    followAuthor(id: $id) {
      __typename
      ... on Author {
        name
        followerCount
        viewerFollows
      }
      ... on Error {
        message
      }
    }
  }
`);

const UnfollowAuthor = graphql(`
  mutation UnfollowAuthor($id: ID!) {
    unfollowAuthor(id: $id) {
      __typename
      ... on Author {
        followerCount
        viewerFollows
      }
    }
  }
`);

const MyFollows = graphql(`
  query MyFollows {
    me {
      followedTopics(first: 50) {
        edges {
          node {
            slug
          }
        }
      }
      followedAuthors(first: 50) {
        edges {
          node {
            name
          }
        }
      }
    }
  }
`);

const MyFeed = graphql(`
  query MyFeed($first: Int!, $after: String) {
    me {
      feed(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          reason {
            matchedTopics {
              slug
            }
            matchedAuthors {
              name
            }
          }
          node {
            title
          }
        }
      }
    }
  }
`);

const FeedReasonsOnly = graphql(`
  query FeedReasonsOnly {
    me {
      feed(first: 10) {
        edges {
          reason {
            matchedTopics {
              slug
              followerCount
              paperCount
            }
            matchedAuthors {
              name
              followerCount
            }
          }
        }
      }
    }
    topic(slug: "privacy") {
      followerCount
      paperCount
    }
  }
`);

const SaveSearch = graphql(`
  mutation SaveSearch($name: String!, $query: String!, $filter: SearchFilter, $inDigest: Boolean) {
    saveSearch(name: $name, query: $query, filter: $filter, inDigest: $inDigest) {
      __typename
      ... on SavedSearch {
        id
        name
        query
        inDigest
        filter {
          topics
          categories
          authors
          from
          to
        }
      }
      ... on AlreadyExists {
        field
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const DeleteSavedSearch = graphql(`
  mutation DeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id) {
      __typename
      ... on SavedSearch {
        name
      }
      ... on Error {
        message
      }
    }
  }
`);

const MySavedSearches = graphql(`
  query MySavedSearches {
    me {
      savedSearches(first: 50) {
        edges {
          node {
            name
            query
          }
        }
      }
    }
  }
`);

describe("follows and the personal feed", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
    // Three kinds of paper: in the privacy topic only, by a followed author only, and neither.
    await ingestRecords(app, [
      syntheticPaper(1, {
        title: "Differential privacy for federated learning",
        abstract: "We study differential privacy.",
        authors: [{ name: "Ola Other" }],
        categories: ["cs.CR"],
      }),
      syntheticPaper(2, {
        title: "A note on sorting networks",
        abstract: "Sorting networks.",
        authors: [{ name: "Fay Followed" }],
        categories: ["cs.DS"],
      }),
      syntheticPaper(3, {
        title: "Private sorting by Fay",
        abstract: "Differential privacy meets sorting networks.",
        authors: [{ name: "Fay Followed" }, { name: "Ola Other" }],
        categories: ["cs.CR"],
      }),
      syntheticPaper(4, {
        title: "Unrelated astronomy",
        abstract: "Stars.",
        authors: [{ name: "Nobody Followed" }],
        categories: ["astro-ph.GA"],
      }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("follows and unfollows topics idempotently, with follower counts", async () => {
    const a = await newUser(app, "topicfan");
    const b = await newUser(app, "topicfan2");
    expect(data(await app.run(FollowTopic, { slug: "privacy" }, { token: a.token })).followTopic).toEqual({
      __typename: "Topic",
      slug: "privacy",
      followerCount: 1,
      viewerFollows: true,
    });
    expect(data(await app.run(FollowTopic, { slug: "privacy" }, { token: a.token })).followTopic).toMatchObject({ followerCount: 1 });
    expect(data(await app.run(FollowTopic, { slug: "privacy" }, { token: b.token })).followTopic).toMatchObject({ followerCount: 2 });
    expect(data(await app.run(UnfollowTopic, { slug: "privacy" }, { token: b.token })).unfollowTopic).toEqual({
      __typename: "Topic",
      followerCount: 1,
      viewerFollows: false,
    });
    expect(data(await app.run(UnfollowTopic, { slug: "privacy" }, { token: b.token })).unfollowTopic).toMatchObject({ followerCount: 1 });
    expect(data(await app.run(FollowTopic, { slug: "no-such-topic" }, { token: a.token })).followTopic.__typename).toBe("NotFound");
    expect(data(await app.run(FollowTopic, { slug: "privacy" })).followTopic.__typename).toBe("Unauthenticated");
    await app.run(UnfollowTopic, { slug: "privacy" }, { token: a.token });
  });

  it("builds the feed from followed topics and authors, newest first, with the reasons", async () => {
    const u = await newUser(app, "feeder");
    const fay = await app.db.prisma.author.findFirstOrThrow({ where: { name: "Fay Followed" } });
    await app.run(FollowTopic, { slug: "privacy" }, { token: u.token });
    const followed = data(await app.run(FollowAuthor, { id: encodeGlobalID("Author", fay.id) }, { token: u.token })).followAuthor;
    expect(followed).toEqual({ __typename: "Author", name: "Fay Followed", followerCount: 1, viewerFollows: true });

    const follows = data(await app.run(MyFollows, {}, { token: u.token })).me!;
    expect(follows.followedTopics.edges.map((e) => e.node.slug)).toEqual(["privacy"]);
    expect(follows.followedAuthors.edges.map((e) => e.node.name)).toEqual(["Fay Followed"]);

    const feed = data(await app.run(MyFeed, { first: 10 }, { token: u.token })).me!.feed;
    const items = feed.edges.map((e) => ({
      title: e.node.title,
      topics: e.reason.matchedTopics.map((t) => t.slug),
      authors: e.reason.matchedAuthors.map((a) => a.name),
    }));
    // Ours are the newest; after them come the seed's papers in the privacy topic, and nothing else.
    expect(items.slice(0, 3)).toEqual([
      { title: "Private sorting by Fay", topics: ["privacy"], authors: ["Fay Followed"] },
      { title: "A note on sorting networks", topics: [], authors: ["Fay Followed"] },
      { title: "Differential privacy for federated learning", topics: ["privacy"], authors: [] },
    ]);
    const oldestOurs = (await app.db.prisma.paper.findFirstOrThrow({ where: { title: "Differential privacy for federated learning" } }))
      .ingestSeq;
    const seededPrivacy = await app.db.prisma.paper.findMany({
      where: { topics: { some: { topic: { slug: "privacy" } } }, ingestSeq: { lt: oldestOurs } },
      orderBy: { ingestSeq: "desc" },
      select: { title: true },
    });
    expect(items.slice(3)).toEqual(seededPrivacy.map((p) => ({ title: p.title, topics: ["privacy"], authors: [] })));
    expect(items.map((i) => i.title)).not.toContain("Unrelated astronomy");

    // Pages continue from the cursor without repeats.
    const page1 = data(await app.run(MyFeed, { first: 2 }, { token: u.token })).me!.feed;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = data(await app.run(MyFeed, { first: 2, after: page1.pageInfo.endCursor }, { token: u.token })).me!.feed;
    expect([...page1.edges, ...page2.edges].map((e) => e.node.title)).toEqual(feed.edges.map((e) => e.node.title));

    await app.run(UnfollowAuthor, { id: encodeGlobalID("Author", fay.id) }, { token: u.token });
    const onlyTopic = data(await app.run(MyFeed, { first: 10 }, { token: u.token })).me!.feed;
    expect(onlyTopic.edges.map((e) => e.node.title)).toEqual([
      "Private sorting by Fay",
      "Differential privacy for federated learning",
      ...seededPrivacy.map((p) => p.title),
    ]);
    expect(onlyTopic.edges.every((e) => e.reason.matchedAuthors.length === 0)).toBe(true);
  });

  it("gives the reasons without the papers, with the counts of their topics and authors", async () => {
    const u = await newUser(app, "counter");
    const fay = await app.db.prisma.author.findFirstOrThrow({ where: { name: "Fay Followed" } });
    await app.run(FollowTopic, { slug: "privacy" }, { token: u.token });
    await app.run(FollowAuthor, { id: encodeGlobalID("Author", fay.id) }, { token: u.token });
    const r = await app.run(FeedReasonsOnly, {}, { token: u.token });
    expect(r.errors).toBeUndefined();
    const reasons = data(r).me!.feed.edges.map((e) => e.reason);
    const topics = reasons.flatMap((reason) => reason.matchedTopics);
    const authors = reasons.flatMap((reason) => reason.matchedAuthors);
    expect(topics.length).toBeGreaterThan(1);
    for (const topic of topics) expect(topic).toEqual({ slug: "privacy", ...data(r).topic });
    expect(authors.length).toBeGreaterThan(1);
    const fayFollowers = await app.db.prisma.authorFollow.count({ where: { authorId: fay.id } });
    for (const author of authors) expect(author).toEqual({ name: "Fay Followed", followerCount: fayFollowers });
    await app.run(UnfollowTopic, { slug: "privacy" }, { token: u.token });
    await app.run(UnfollowAuthor, { id: encodeGlobalID("Author", fay.id) }, { token: u.token });
  });

  it("gives an empty feed to a user who follows nothing, and none to anonymous callers", async () => {
    const u = await newUser(app, "newcomer");
    expect(data(await app.run(MyFeed, { first: 10 }, { token: u.token })).me!.feed.edges).toEqual([]);
    expect(data(await app.run(MyFeed, { first: 10 })).me).toBeNull();
  });
});

describe("saved searches", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("saves a search with its filter in the shape search and digests read", async () => {
    const u = await newUser(app, "searcher");
    const saved = data(
      await app.run(
        SaveSearch,
        {
          name: "Private LLMs",
          query: '"differential privacy" language models',
          filter: {
            topics: ["privacy", "large-language-models"],
            categories: ["cs.CR"],
            authors: ["Cynthia Dwork"],
            from: "2025-01-01",
            to: "2025-12-31",
          },
          inDigest: true,
        },
        { token: u.token },
      ),
    ).saveSearch;
    expect(saved).toMatchObject({
      __typename: "SavedSearch",
      name: "Private LLMs",
      inDigest: true,
      filter: {
        topics: ["privacy", "large-language-models"],
        categories: ["cs.CR"],
        authors: ["Cynthia Dwork"],
        from: "2025-01-01",
        to: "2025-12-31",
      },
    });
    const row = await app.db.prisma.savedSearch.findFirstOrThrow({ where: { name: "Private LLMs" } });
    expect(row.filter).toEqual({
      topics: ["privacy", "large-language-models"],
      categories: ["cs.CR"],
      authors: ["Cynthia Dwork"],
      from: "2025-01-01",
      to: "2025-12-31",
    });

    // Papers with code of an organization: kept beside the rest of the filter.
    await app.run(
      SaveSearch,
      { name: "With code", query: "diffusion", filter: { hasCode: true, organizations: ["google"] } },
      { token: u.token },
    );
    const withCode = await app.db.prisma.savedSearch.findFirstOrThrow({ where: { name: "With code" } });
    expect(withCode.filter).toMatchObject({ hasCode: true, organizations: ["google"] });

    const bare = data(await app.run(SaveSearch, { name: "Just words", query: "diffusion" }, { token: u.token })).saveSearch;
    expect(bare).toMatchObject({ filter: { topics: [], categories: [], authors: [], from: null, to: null }, inDigest: false });
    const list = data(await app.run(MySavedSearches, {}, { token: u.token })).me!.savedSearches.edges.map((e) => e.node.name);
    expect(list).toEqual(["Private LLMs", "With code", "Just words"]);
  });

  it("refuses a duplicate name, an empty query, unknown topics and reversed dates, naming the field", async () => {
    const u = await newUser(app, "strict");
    await app.run(SaveSearch, { name: "Mine", query: "graphs" }, { token: u.token });
    expect(data(await app.run(SaveSearch, { name: "Mine", query: "other" }, { token: u.token })).saveSearch).toMatchObject({
      __typename: "AlreadyExists",
      field: "name",
    });
    expect(data(await app.run(SaveSearch, { name: "Empty", query: "   " }, { token: u.token })).saveSearch).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["query"] }],
    });
    expect(
      data(await app.run(SaveSearch, { name: "Bad topic", query: "x", filter: { topics: ["privacy", "astrology"] } }, { token: u.token }))
        .saveSearch,
    ).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["filter", "topics", "1"], message: 'No topic "astrology".' }],
    });
    const reversed = data(
      await app.run(SaveSearch, { name: "Reversed", query: "x", filter: { from: "2025-02-01", to: "2025-01-01" } }, { token: u.token }),
    ).saveSearch;
    expect(reversed.__typename).toBe("ValidationError");
    if (reversed.__typename === "ValidationError") expect(reversed.issues[0]!.path).toEqual(["filter", "to"]);
    expect(await app.db.prisma.savedSearch.count({ where: { name: { in: ["Empty", "Bad topic", "Reversed"] } } })).toBe(0);
  });

  it("deletes only your own saved searches", async () => {
    const owner = await newUser(app, "keeper_s");
    const other = await newUser(app, "thief_s");
    const saved = data(await app.run(SaveSearch, { name: "Keep", query: "kernels" }, { token: owner.token })).saveSearch;
    if (saved.__typename !== "SavedSearch") throw new Error("save failed");
    expect(data(await app.run(DeleteSavedSearch, { id: saved.id }, { token: other.token })).deleteSavedSearch.__typename).toBe("NotFound");
    expect(data(await app.run(DeleteSavedSearch, { id: saved.id }, { token: owner.token })).deleteSavedSearch).toEqual({
      __typename: "SavedSearch",
      name: "Keep",
    });
    expect(data(await app.run(DeleteSavedSearch, { id: saved.id }, { token: owner.token })).deleteSavedSearch.__typename).toBe("NotFound");
    expect(data(await app.run(MySavedSearches, {}, { token: owner.token })).me!.savedSearches.edges).toEqual([]);
  });
});
