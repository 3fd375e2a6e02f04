// The community fields (viewer's upvote, submitter, comments with authors, follower counts, the
// feed's reasons) cost the same statements for a page of 10 papers as for 50: never one per paper.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsWhere, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { HIGH_LIMITS, newUser, type TestUser } from "./helpers/users.ts";

const CommunityPage = graphql(`
  query CommunityPage($first: Int!) {
    papers(first: $first) {
      edges {
        node {
          viewerHasUpvoted
          upvoteCount
          commentCount
          submittedBy {
            handle
          }
          comments(first: 3) {
            edges {
              node {
                body
                author {
                  handle
                }
                replyCount
              }
            }
          }
          topics {
            topic {
              slug
              followerCount
              viewerFollows
            }
          }
          authors {
            author {
              followerCount
              viewerFollows
            }
          }
        }
      }
    }
  }
`);

const FeedPage = graphql(`
  query CommunityFeedPage($first: Int!) {
    me {
      feed(first: $first) {
        edges {
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

const Follow = graphql(`
  mutation StatementsFollow($slug: String!) {
    followTopic(slug: $slug) {
      __typename
    }
  }
`);

const Vote = graphql(`
  mutation StatementsVote($id: ID!) {
    upvotePaper(id: $id) {
      __typename
    }
  }
`);

const Comment = graphql(`
  mutation StatementsComment($paperId: ID!, $body: String!) {
    addComment(paperId: $paperId, body: $body) {
      __typename
    }
  }
`);

describe.each(ENGINES)("community statements per request on %s", (engine) => {
  let app: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    await ingestRecords(
      app,
      Array.from({ length: 60 }, (_, i) => syntheticPaper(i)),
    );
    user = await newUser(app, "counter");
    await app.run(Follow, { slug: "graph-learning" }, { token: user.token });
    const papers = await app.db.prisma.paper.findMany({ orderBy: { ingestSeq: "desc" }, take: 50, select: { id: true } });
    for (const [i, p] of papers.entries()) {
      const id = encodeGlobalID("Paper", p.id);
      if (i % 2 === 0) await app.run(Vote, { id }, { token: user.token });
      if (i % 3 === 0) await app.run(Comment, { paperId: id, body: `comment ${i}` }, { token: user.token });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Statements the request sends, less the token's once-a-minute lastUsedAt write (time-dependent). */
  const statementsFor = (run: () => Promise<void>) =>
    statementsWhere(app, (sql) => !/^\s*UPDATE\s+"?(public"?\."?)?api_token/i.test(sql), run);

  it("is the same for 10 and 50 papers with votes, comments, submitters and follows", async () => {
    const counts: number[] = [];
    for (const first of [10, 50]) {
      counts.push(
        await statementsFor(async () => {
          const r = await app.run(CommunityPage, { first }, { token: user.token });
          expect(r.errors).toBeUndefined();
          expect(data(r).papers.edges).toHaveLength(first);
          expect(data(r).papers.edges.filter((e) => e.node.viewerHasUpvoted)).toHaveLength(first / 2);
          expect(data(r).papers.edges.some((e) => e.node.comments.edges[0]?.node.author?.handle === "counter")).toBe(true);
        }),
      );
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it("is the same for feed pages of 10 and 50 with their reasons", async () => {
    const counts: number[] = [];
    for (const first of [10, 50]) {
      counts.push(
        await statementsFor(async () => {
          const r = await app.run(FeedPage, { first }, { token: user.token });
          expect(r.errors).toBeUndefined();
          const edges = data(r).me!.feed.edges;
          expect(edges).toHaveLength(first);
          expect(edges.every((e) => e.reason.matchedTopics.some((t) => t.slug === "graph-learning"))).toBe(true);
        }),
      );
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
