// A page of papers with their authors and topics costs the same few statements for 10 papers as
// for 100: relations are batched, never fetched per paper. So do collection pages.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authorKey } from "../src/text.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsFor, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { newUser } from "./helpers/users.ts";

const Feed = graphql(`
  query FeedPage($first: Int!) {
    papers(first: $first) {
      edges {
        node {
          title
          authors {
            name
            author {
              id
            }
          }
          topics {
            score
            topic {
              slug
              name
            }
          }
        }
      }
    }
  }
`);

const FeedWithSourceFields = graphql(`
  query FeedPageWithSourceFields($first: Int!) {
    papers(first: $first) {
      edges {
        node {
          title
          githubStars
          aiKeywords
          media
          organization {
            name
            displayName
          }
          sourceSubmitter {
            name
          }
          versions {
            version
            titleChanged
          }
          links {
            code
            codeSource
            discussion
          }
        }
      }
    }
  }
`);

const TopicsWithCounts = graphql(`
  query TopicsWithCounts {
    topics(first: 100) {
      edges {
        node {
          slug
          paperCount
          parent {
            slug
          }
          children {
            slug
          }
        }
      }
    }
  }
`);

const CollectionPage = graphql(`
  query CollectionPage($id: ID!, $first: Int!) {
    collection(id: $id) {
      name
      paperCount
      followerCount
      viewerFollows
      owner {
        handle
      }
      papers(first: $first) {
        edges {
          note
          node {
            title
            viewerHasUpvoted
            authors {
              name
            }
            topics {
              topic {
                slug
              }
            }
            viewerCollections(first: 5) {
              edges {
                node {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`);

const CollectionsPage = graphql(`
  query CollectionsPage($first: Int!) {
    me {
      collections(first: $first) {
        edges {
          node {
            name
            paperCount
            viewerFollows
            papers(first: 3) {
              edges {
                note
                node {
                  title
                }
              }
            }
          }
        }
      }
    }
  }
`);

const InboxPage = graphql(`
  query InboxStatementsPage($first: Int!) {
    me {
      unreadNotificationCount
      notifications(first: $first) {
        edges {
          node {
            kind
            readAt
            actor {
              handle
            }
            paper {
              title
              authors {
                name
              }
            }
            comment {
              body
              author {
                handle
              }
            }
            collection {
              name
              owner {
                handle
              }
            }
            author {
              name
            }
          }
        }
      }
    }
  }
`);

const AuthorPage = graphql(`
  query AuthorPage($id: ID!, $first: Int!) {
    author(id: $id) {
      name
      paperCount
      firstListedOn
      lastListedOn
      claimedBy {
        handle
      }
      names(first: 5) {
        edges {
          paperCount
          node {
            name
          }
        }
      }
      papers(first: $first) {
        edges {
          node {
            name
            paper {
              title
              authors {
                name
              }
            }
          }
        }
      }
      coauthors(first: $first) {
        edges {
          paperCount
          node {
            name
            paperCount
            lastListedOn
          }
        }
      }
      topics(first: $first) {
        edges {
          paperCount
          node {
            slug
          }
        }
      }
    }
  }
`);

const OrganizationPapers = graphql(`
  query OrganizationPapersPage($first: Int!) {
    organization(name: "org-0") {
      displayName
      paperCount
      papers(first: $first, sort: TRENDING) {
        edges {
          score
          node {
            title
            organization {
              name
            }
            authors {
              name
            }
            topics {
              topic {
                slug
              }
            }
          }
        }
      }
    }
  }
`);

describe.each(ENGINES)("statements per request on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
    await ingestRecords(
      app,
      Array.from({ length: 120 }, (_, i) =>
        syntheticPaper(i, {
          // Every other paper from Hugging Face, under one of three organizations.
          ...(i % 2 === 0
            ? {
                organization: { name: `org-${i % 3}`, displayName: `Org ${i % 3}` },
                sourceSubmitter: { name: "AK", handle: "akhaliq" },
                githubStars: i,
                codeUrl: `https://github.com/example/repo-${i}`,
                aiKeywords: ["graphs", "clustering"],
              }
            : {}),
        }),
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("is the same small number for 10, 50 and 100 papers with authors and topics", async () => {
    const counts: number[] = [];
    for (const first of [10, 50, 100]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(Feed, { first });
          expect(r.errors).toBeUndefined();
          expect(data(r).papers.edges).toHaveLength(first);
          expect(data(r).papers.edges.every((e) => e.node.authors.length === 3 && e.node.topics.length > 0)).toBe(true);
        }),
      );
    }
    expect(counts[0]).toBeLessThanOrEqual(5);
    expect(new Set(counts).size).toBe(1);
  });

  it("stays the same with the source fields, organizations and versions of each paper", async () => {
    const counts: number[] = [];
    for (const first of [10, 50, 100]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(FeedWithSourceFields, { first });
          expect(r.errors).toBeUndefined();
          const nodes = data(r).papers.edges.map((e) => e.node);
          expect(nodes.filter((n) => n.organization !== null).length).toBe(first / 2);
          expect(nodes.every((n) => n.versions.length === 1)).toBe(true);
        }),
      );
    }
    expect(new Set(counts).size).toBe(1);
  });

  it("counts every topic's papers in one statement", async () => {
    const n = await statementsFor(app, async () => {
      const r = await app.run(TopicsWithCounts);
      expect(data(r).topics.edges.length).toBeGreaterThan(20);
    });
    expect(n).toBeLessThanOrEqual(4);
  });

  it("is the same small number for a collection of 10, 50 and 100 papers, and for 10, 50 and 100 collections", async () => {
    const u = await newUser(app, `collector${engine}`);
    const ownerId = Number(Buffer.from(u.id, "base64").toString().split(":")[1]);
    const papers = await app.db.prisma.paper.findMany({ orderBy: { id: "asc" }, take: 100, select: { id: true } });
    const collections = await app.db.prisma.collection.createManyAndReturn({
      data: Array.from({ length: 100 }, (_, i) => ({ ownerId, name: `List ${i}` })),
      select: { id: true },
    });
    const big = collections[0]!.id;
    await app.db.prisma.collectionPaper.createMany({
      data: [
        ...papers.map((p, position) => ({ collectionId: big, paperId: p.id, position, note: `note ${position}` })),
        ...collections.slice(1).flatMap((c) => papers.slice(0, 3).map((p, position) => ({ collectionId: c.id, paperId: p.id, position }))),
      ],
    });

    // The token's first use writes its lastUsedAt: not part of what is measured.
    await app.run(CollectionsPage, { first: 1 }, { token: u.token });
    const paperPages: number[] = [];
    const collectionPages: number[] = [];
    for (const first of [10, 50, 100]) {
      paperPages.push(
        await statementsFor(app, async () => {
          const r = await app.run(CollectionPage, { id: encodeGlobalID("Collection", big), first }, { token: u.token });
          expect(r.errors).toBeUndefined();
          expect(data(r).collection!.papers.edges).toHaveLength(first);
          expect(data(r).collection!.papers.edges.every((e) => e.node.viewerCollections.edges.length > 0)).toBe(true);
        }),
      );
      collectionPages.push(
        await statementsFor(app, async () => {
          const r = await app.run(CollectionsPage, { first }, { token: u.token });
          expect(r.errors).toBeUndefined();
          expect(data(r).me!.collections.edges).toHaveLength(first);
        }),
      );
    }
    expect(paperPages[0]).toBeLessThanOrEqual(5);
    expect(new Set(paperPages).size).toBe(1);
    expect(collectionPages[0]).toBeLessThanOrEqual(5);
    expect(new Set(collectionPages).size).toBe(1);
  });

  it("is the same small number for an inbox page of 10, 50 and 100 notifications with what each is about", async () => {
    const reader = await newUser(app, `inbox${engine}`);
    const actor = await newUser(app, `actor${engine}`);
    const idOf = (u: { id: string }) => Number(Buffer.from(u.id, "base64").toString().split(":")[1]);
    const papers = await app.db.prisma.paper.findMany({ orderBy: { id: "asc" }, take: 100, select: { id: true } });
    const author = await app.db.prisma.author.findFirstOrThrow({ select: { id: true } });
    const collection = await app.db.prisma.collection.create({ data: { ownerId: idOf(actor), name: "Shared", visibility: "PUBLIC" } });
    const comments = await app.db.prisma.comment.createManyAndReturn({
      data: papers.map((p, i) => ({ paperId: p.id, authorId: idOf(actor), body: `comment ${i}` })),
      select: { id: true, paperId: true },
    });
    await app.db.prisma.notification.createMany({
      data: comments.map((c, i) => ({
        recipientId: idOf(reader),
        actorId: idOf(actor),
        kind: (["MENTION", "COLLECTION_PAPER", "AUTHOR_PAPER"] as const)[i % 3]!,
        paperId: c.paperId,
        commentId: i % 3 === 0 ? c.id : null,
        collectionId: i % 3 === 1 ? collection.id : null,
        authorId: i % 3 === 2 ? author.id : null,
        dedupeKey: `n+1:${i}`,
      })),
    });

    await app.run(InboxPage, { first: 1 }, { token: reader.token });
    const counts: number[] = [];
    for (const first of [10, 50, 100]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(InboxPage, { first }, { token: reader.token });
          expect(r.errors).toBeUndefined();
          const nodes = data(r).me!.notifications.edges.map((e) => e.node);
          expect(nodes).toHaveLength(first);
          expect(nodes.filter((n) => n.comment?.author?.handle === `actor${engine}`).length).toBeGreaterThan(0);
          expect(nodes.filter((n) => n.collection?.owner.handle === `actor${engine}`).length).toBeGreaterThan(0);
        }),
      );
    }
    expect(counts[0]).toBeLessThanOrEqual(6);
    expect(new Set(counts).size).toBe(1);
  });

  it("is the same small number for an author page with 10, 50 and 100 papers and co-authors", async () => {
    const shared = await app.db.prisma.author.findUniqueOrThrow({ where: { key: authorKey("Shared Coauthor") }, select: { id: true } });
    const counts: number[] = [];
    for (const first of [10, 50, 100]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(AuthorPage, { id: encodeGlobalID("Author", shared.id), first });
          expect(r.errors).toBeUndefined();
          const a = data(r).author!;
          expect(a.papers.edges).toHaveLength(first);
          expect(a.coauthors.edges).toHaveLength(first);
          expect(a.coauthors.edges.every((e) => e.node.paperCount >= e.paperCount)).toBe(true);
        }),
      );
    }
    expect(new Set(counts).size).toBe(1);
  });

  it("is the same small number for an organization page of 5, 10 and 20 papers", async () => {
    const counts: number[] = [];
    for (const first of [5, 10, 20]) {
      counts.push(
        await statementsFor(app, async () => {
          const r = await app.run(OrganizationPapers, { first });
          expect(r.errors).toBeUndefined();
          expect(data(r).organization!.papers.edges).toHaveLength(first);
        }),
      );
    }
    expect(new Set(counts).size).toBe(1);
  });
});
