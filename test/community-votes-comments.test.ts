// Upvotes and comments: idempotent votes with an exact count under concurrency (PGlite and
// PostgreSQL), threaded comments, deletion rights, and the live events both publish.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { issueToken } from "../src/auth/tokens.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { seededPaperId } from "./helpers/papers.ts";
import { Collector, type LiveServer, startLiveServer, until, wsClient } from "./helpers/server.ts";
import { demoUser, HIGH_LIMITS, newUser } from "./helpers/users.ts";

const Upvote = graphql(`
  mutation Upvote($id: ID!) {
    upvotePaper(id: $id) {
      __typename
      ... on Paper {
        upvoteCount
        viewerHasUpvoted
      }
      ... on Error {
        message
      }
      ... on RateLimited {
        retryAfter
      }
    }
  }
`);

const RemoveUpvote = graphql(`
  mutation RemoveUpvote($id: ID!) {
    removeUpvote(id: $id) {
      __typename
      ... on Paper {
        upvoteCount
        viewerHasUpvoted
      }
      ... on Error {
        message
      }
    }
  }
`);

const AddComment = graphql(`
  mutation AddComment($paperId: ID!, $body: String!, $parentId: ID) {
    addComment(paperId: $paperId, body: $body, parentId: $parentId) {
      __typename
      ... on Comment {
        id
        body
        author {
          handle
        }
        parent {
          id
        }
        paper {
          commentCount
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

const DeleteComment = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id) {
      __typename
      ... on Comment {
        body
        author {
          handle
        }
        deletedAt
        paper {
          commentCount
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const Thread = graphql(`
  query Thread($id: ID!) {
    paper(id: $id) {
      commentCount
      comments(first: 10) {
        edges {
          node {
            body
            author {
              handle
            }
            replyCount
            viewerCanDelete
            replies(first: 10) {
              edges {
                node {
                  body
                  author {
                    handle
                  }
                  parent {
                    body
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

const PaperCounts = graphql(`
  query PaperCounts($id: ID!) {
    paper(id: $id) {
      upvoteCount
      viewerHasUpvoted
    }
  }
`);

const dbId = (globalId: string) => Number(decodeGlobalID(globalId).id);

describe.each(ENGINES)("upvotes on %s", (engine) => {
  let app: TestApp;
  let paperId: string;
  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    paperId = await seededPaperId(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("counts an upvote once, however often it is sent, and takes it back", async () => {
    const u = await newUser(app, `voter_${engine}`);
    const first = data(await app.run(Upvote, { id: paperId }, { token: u.token })).upvotePaper;
    expect(first).toEqual({ __typename: "Paper", upvoteCount: 1, viewerHasUpvoted: true });
    expect(data(await app.run(Upvote, { id: paperId }, { token: u.token })).upvotePaper).toEqual(first);
    expect(data(await app.run(PaperCounts, { id: paperId })).paper).toEqual({ upvoteCount: 1, viewerHasUpvoted: false });
    const removed = data(await app.run(RemoveUpvote, { id: paperId }, { token: u.token })).removeUpvote;
    expect(removed).toEqual({ __typename: "Paper", upvoteCount: 0, viewerHasUpvoted: false });
    expect(data(await app.run(RemoveUpvote, { id: paperId }, { token: u.token })).removeUpvote).toEqual(removed);
  });

  it("keeps the exact count under 50 concurrent upvotes from different users", async () => {
    // 50 users with tokens made directly (50 scrypt sign-ups would only slow the test down).
    const tokens: string[] = [];
    for (let i = 0; i < 50; i++) {
      const user = await app.db.prisma.user.create({
        data: {
          handle: `crowd${i}`,
          handleKey: `crowd${i}`,
          email: `crowd${i}@example.org`,
          name: `Crowd ${i}`,
          passwordHash: "scrypt$unused",
        },
      });
      tokens.push((await issueToken(app.db.prisma, { userId: user.id, kind: "API", name: "crowd" })).secret);
    }
    const results = await Promise.all(tokens.map((token) => app.run(Upvote, { id: paperId }, { token })));
    expect(results.every((r) => r.data?.upvotePaper.__typename === "Paper")).toBe(true);
    // And every one of them again, concurrently: idempotent.
    await Promise.all(tokens.map((token) => app.run(Upvote, { id: paperId }, { token })));
    expect(data(await app.run(PaperCounts, { id: paperId })).paper!.upvoteCount).toBe(50);
    const paper = await app.db.prisma.paper.findUniqueOrThrow({ where: { id: dbId(paperId) } });
    expect(paper.upvoteCount).toBe(await app.db.prisma.upvote.count({ where: { paperId: paper.id } }));

    await Promise.all(tokens.slice(0, 20).map((token) => app.run(RemoveUpvote, { id: paperId }, { token })));
    expect(data(await app.run(PaperCounts, { id: paperId })).paper!.upvoteCount).toBe(30);
  });

  it("refuses anonymous callers, unknown papers and malformed ids with typed errors", async () => {
    const u = await newUser(app, `refused_${engine}`);
    expect(data(await app.run(Upvote, { id: paperId })).upvotePaper.__typename).toBe("Unauthenticated");
    expect(data(await app.run(Upvote, { id: encodeGlobalID("Paper", 999999) }, { token: u.token })).upvotePaper.__typename).toBe(
      "NotFound",
    );
    expect(data(await app.run(Upvote, { id: encodeGlobalID("Topic", 1) }, { token: u.token })).upvotePaper.__typename).toBe(
      "ValidationError",
    );
  });
});

describe("rate limit on upvotes", () => {
  it("refuses votes past the per-user limit with the time to wait", async () => {
    const app = await createTestApp("pglite", { ...HIGH_LIMITS, RATE_LIMIT_UPVOTES: "2/60" });
    try {
      const u = await newUser(app, "eager");
      const papers = await app.db.prisma.paper.findMany({ take: 3, orderBy: { id: "asc" }, select: { id: true } });
      const kinds = [];
      for (const p of papers)
        kinds.push(data(await app.run(Upvote, { id: encodeGlobalID("Paper", p.id) }, { token: u.token })).upvotePaper);
      expect(kinds.map((k) => k.__typename)).toEqual(["Paper", "Paper", "RateLimited"]);
      const limited = kinds[2]!;
      if (limited.__typename === "RateLimited") expect(limited.retryAfter).toBeGreaterThan(50);
      expect(await app.db.prisma.upvote.count({ where: { paperId: papers[2]!.id } })).toBe(0);
      // Another user is not affected.
      const other = await newUser(app, "patient");
      expect(
        data(await app.run(Upvote, { id: encodeGlobalID("Paper", papers[2]!.id) }, { token: other.token })).upvotePaper.__typename,
      ).toBe("Paper");
    } finally {
      await app.close();
    }
  });
});

describe("comments", () => {
  let app: TestApp;
  let paperId: string;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
    paperId = await seededPaperId(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("threads replies under comments and counts them", async () => {
    const ann = await newUser(app, "ann");
    const bob = await newUser(app, "bob");
    const body = "Nice <b>result</b> & a link: <script>alert(1)</script>\n  — kept exactly";
    const top = data(await app.run(AddComment, { paperId, body }, { token: ann.token })).addComment;
    if (top.__typename !== "Comment") throw new Error(JSON.stringify(top));
    expect(top).toMatchObject({ body, author: { handle: "ann" }, parent: null, paper: { commentCount: 1 } });
    const reply = data(await app.run(AddComment, { paperId, body: "Agreed.", parentId: top.id }, { token: bob.token })).addComment;
    expect(reply).toMatchObject({ __typename: "Comment", parent: { id: top.id }, paper: { commentCount: 2 } });

    const thread = data(await app.run(Thread, { id: paperId }, { token: bob.token })).paper!;
    expect(thread.commentCount).toBe(2);
    expect(thread.comments.edges).toHaveLength(1);
    const node = thread.comments.edges[0]!.node;
    expect(node).toMatchObject({ body, author: { handle: "ann" }, replyCount: 1, viewerCanDelete: false });
    expect(node.replies.edges.map((e) => e.node)).toEqual([{ body: "Agreed.", author: { handle: "bob" }, parent: { body } }]);
  });

  it("refuses empty, overlong and misplaced comments, naming the argument", async () => {
    const u = await newUser(app, "critic");
    const empty = data(await app.run(AddComment, { paperId, body: "  \n " }, { token: u.token })).addComment;
    expect(empty).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["body"] }] });
    const long = data(await app.run(AddComment, { paperId, body: "x".repeat(5001) }, { token: u.token })).addComment;
    expect(long).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["body"], message: "At most 5,000 characters." }] });
    expect(data(await app.run(AddComment, { paperId, body: "x".repeat(5000) }, { token: u.token })).addComment.__typename).toBe("Comment");

    const other = await app.db.prisma.paper.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
    const elsewhere = data(
      await app.run(AddComment, { paperId: encodeGlobalID("Paper", other.id), body: "on another paper" }, { token: u.token }),
    ).addComment;
    if (elsewhere.__typename !== "Comment") throw new Error("comment failed");
    const misplaced = data(await app.run(AddComment, { paperId, body: "reply", parentId: elsewhere.id }, { token: u.token })).addComment;
    expect(misplaced).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["parentId"] }] });
    expect(data(await app.run(AddComment, { paperId, body: "hi" })).addComment.__typename).toBe("Unauthenticated");
    expect(
      data(await app.run(AddComment, { paperId: encodeGlobalID("Paper", 999999), body: "hi" }, { token: u.token })).addComment.__typename,
    ).toBe("NotFound");
  });

  it("lets the author or a curator delete a comment, nobody else; replies stay", async () => {
    const author = await newUser(app, "writer");
    const other = await newUser(app, "meddler");
    const curator = await demoUser(app, "curator");
    const made = async (body: string, parentId?: string) => {
      const c = data(await app.run(AddComment, { paperId, body, parentId }, { token: author.token })).addComment;
      if (c.__typename !== "Comment") throw new Error("comment failed");
      return c;
    };
    const first = await made("first");
    const reply = await made("a reply", first.id);
    const countBefore = reply.paper.commentCount;

    const denied = data(await app.run(DeleteComment, { id: first.id }, { token: other.token })).deleteComment;
    expect(denied.__typename).toBe("Forbidden");
    const deleted = data(await app.run(DeleteComment, { id: first.id }, { token: author.token })).deleteComment;
    expect(deleted).toMatchObject({ __typename: "Comment", body: null, author: null, paper: { commentCount: countBefore - 1 } });
    // Twice: no further change to the count.
    expect(data(await app.run(DeleteComment, { id: first.id }, { token: author.token })).deleteComment).toMatchObject({
      paper: { commentCount: countBefore - 1 },
    });
    const moderated = data(await app.run(DeleteComment, { id: reply.id }, { token: curator.token })).deleteComment;
    expect(moderated).toMatchObject({ __typename: "Comment", body: null, paper: { commentCount: countBefore - 2 } });
    // The text is gone from storage too, not only hidden.
    expect((await app.db.prisma.comment.findUniqueOrThrow({ where: { id: dbId(first.id) } })).body).toBe("");
    // A deleted comment cannot be replied to.
    const late = data(await app.run(AddComment, { paperId, body: "too late", parentId: first.id }, { token: other.token })).addComment;
    expect(late).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["parentId"] }] });
  });
});

const CommentsLive = graphql(`
  subscription CommentsLive($paperId: ID!) {
    commentAdded(paperId: $paperId) {
      body
      author {
        handle
      }
    }
  }
`);

const PaperLive = graphql(`
  subscription PaperLive($id: ID!) {
    paperUpdated(id: $id) {
      upvoteCount
      commentCount
    }
  }
`);

describe("live events", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", HIGH_LIMITS);
  });
  afterAll(async () => {
    await live?.close();
  });

  it("publishes commentAdded and paperUpdated after each upvote and comment", async () => {
    const paperId = await seededPaperId(live.app);
    const u = await newUser(live.app, "live_one");
    const client = wsClient(live.wsUrl);
    const comments = new Collector<{ commentAdded: { body: string; author: { handle: string } } }>();
    const updates = new Collector<{ paperUpdated: { upvoteCount: number; commentCount: number } }>();
    client.subscribe(
      { query: print(CommentsLive), variables: { paperId } },
      { next: (r) => comments.push(r.data as never), error: comments.fail, complete: comments.complete },
    );
    client.subscribe(
      { query: print(PaperLive), variables: { id: paperId } },
      { next: (r) => updates.push(r.data as never), error: updates.fail, complete: updates.complete },
    );
    await until(() => live.app.activeSubscriptions() >= 2, "both subscriptions", 5_000);

    await live.app.run(Upvote, { id: paperId }, { token: u.token });
    await live.app.run(Upvote, { id: paperId }, { token: u.token }); // a repeat changes nothing: no event
    await live.app.run(AddComment, { paperId, body: "Live comment" }, { token: u.token });

    expect(await comments.waitFor(1)).toEqual([{ commentAdded: { body: "Live comment", author: { handle: "live_one" } } }]);
    expect(await updates.waitFor(2)).toEqual([
      { paperUpdated: { upvoteCount: 1, commentCount: 0 } },
      { paperUpdated: { upvoteCount: 1, commentCount: 1 } },
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(updates.items).toHaveLength(2);
    await client.dispose();
  });
});
