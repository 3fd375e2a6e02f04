// Author claims: a signed-in user claims an author, curators review, the claimant sees the claim in
// `me` and hears of the review over WebSocket (nobody else does). On PGlite, and on PostgreSQL when
// TEST_DATABASE_URL is set.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText, jsonl } from "./helpers/ingest.ts";
import { Collector, type LiveServer, startLiveServer, until, wsClient, wsRefusal } from "./helpers/server.ts";
import { demoUser, HIGH_LIMITS, newUser } from "./helpers/users.ts";

const Claim = graphql(`
  mutation ClaimAuthorTest($id: ID!, $note: String) {
    claimAuthor(id: $id, note: $note) {
      __typename
      ... on AuthorClaim {
        id
        status
        note
        author {
          name
        }
      }
      ... on AlreadyExists {
        field
        message
      }
      ... on Error {
        message
      }
    }
  }
`);

const Review = graphql(`
  mutation ReviewAuthorClaimTest($id: ID!, $approve: Boolean!, $reason: String) {
    reviewAuthorClaim(id: $id, approve: $approve, reason: $reason) {
      __typename
      ... on AuthorClaim {
        status
        reason
        reviewedAt
      }
      ... on AlreadyExists {
        field
      }
      ... on Error {
        message
      }
    }
  }
`);

const Pending = graphql(`
  query PendingAuthorClaims($status: AuthorClaimStatus) {
    authorClaims(first: 50, status: $status) {
      edges {
        node {
          id
          note
          user {
            handle
          }
          author {
            name
          }
        }
      }
    }
  }
`);

const MyClaims = graphql(`
  query MyAuthorClaims {
    me {
      authorClaims(first: 10) {
        edges {
          node {
            status
            reason
            author {
              name
              claimedBy {
                handle
              }
            }
          }
        }
      }
    }
  }
`);

const TheirClaims = graphql(`
  query TheirAuthorClaims($handle: String!) {
    user(handle: $handle) {
      authorClaims(first: 10) {
        edges {
          node {
            status
          }
        }
      }
    }
  }
`);

const ClaimReviewed = graphql(`
  subscription ClaimReviewedTest {
    authorClaimReviewed {
      status
      reason
      author {
        name
      }
    }
  }
`);

type Reviewed = { authorClaimReviewed: { status: string; reason: string | null; author: { name: string } } };

describe.each(ENGINES)("author claims on %s", (engine) => {
  let live: LiveServer;
  let authorIds: string[];
  beforeAll(async () => {
    live = await startLiveServer(engine, HIGH_LIMITS);
    // The seeded page has no authors: one paper brings two.
    await ingestText(
      live.app,
      "claims.jsonl",
      jsonl({ id: "2508.33001", title: "A paper to claim", summary: "Its abstract.", authors: ["Ines Claimable", "Otto Claimable"] }),
    );
    const authors = await live.app.db.prisma.author.findMany({
      where: { name: { in: ["Ines Claimable", "Otto Claimable"] } },
      orderBy: { name: "asc" },
      select: { id: true },
    });
    authorIds = authors.map((a) => encodeGlobalID("Author", a.id));
    expect(authorIds).toHaveLength(2);
  });
  afterAll(async () => {
    await live?.close();
  });

  it("takes one pending claim per user and author, refuses the anonymous and unknown authors", async () => {
    const u = await newUser(live.app, `claimer${engine}`);
    const anonymous = data(await live.app.run(Claim, { id: authorIds[0]! })).claimAuthor;
    expect(anonymous.__typename).toBe("Unauthenticated");
    const first = data(
      await live.app.run(Claim, { id: authorIds[0]!, note: "  https://example.org/me  " }, { token: u.token }),
    ).claimAuthor;
    expect(first).toMatchObject({ __typename: "AuthorClaim", status: "PENDING", note: "https://example.org/me" });
    const again = data(await live.app.run(Claim, { id: authorIds[0]! }, { token: u.token })).claimAuthor;
    expect(again).toMatchObject({ __typename: "AlreadyExists", field: "claim" });
    const unknown = data(await live.app.run(Claim, { id: encodeGlobalID("Author", 2_000_000_000) }, { token: u.token })).claimAuthor;
    expect(unknown.__typename).toBe("NotFound");
    expect(await live.app.db.prisma.authorClaim.count({ where: { user: { handle: `claimer${engine}` } } })).toBe(1);
  });

  it("lets curators alone list and review claims, and tells the claimant only, over WebSocket", async () => {
    const claimant = await newUser(live.app, `claimant${engine}`);
    const bystander = await newUser(live.app, `bystander${engine}`);
    const curator = await demoUser(live.app, "curator");
    const claim = data(await live.app.run(Claim, { id: authorIds[1]!, note: "my ORCID" }, { token: claimant.token })).claimAuthor;
    const claimId = (claim as { id: string }).id;
    const bystanderClaim = data(await live.app.run(Claim, { id: authorIds[1]! }, { token: bystander.token })).claimAuthor;
    const bystanderClaimId = (bystanderClaim as { id: string }).id;

    // Readers cannot see the queue; curators see both pending claims.
    expect((await live.app.run(Pending, {}, { token: claimant.token })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const queue = data(await live.app.run(Pending, {}, { token: curator.token })).authorClaims!.edges.map((e) => e.node.id);
    expect(queue).toEqual(expect.arrayContaining([claimId, bystanderClaimId]));
    // A reader cannot review.
    expect(data(await live.app.run(Review, { id: claimId, approve: true }, { token: claimant.token })).reviewAuthorClaim.__typename).toBe(
      "Forbidden",
    );

    const mine = new Collector<Reviewed>();
    const theirs = new Collector<Reviewed>();
    const claimantClient = wsClient(live.wsUrl, { authorization: `Bearer ${claimant.token}` });
    const bystanderClient = wsClient(live.wsUrl, { authorization: `Bearer ${bystander.token}` });
    for (const [client, c] of [
      [claimantClient, mine],
      [bystanderClient, theirs],
    ] as const) {
      client.subscribe({ query: print(ClaimReviewed) }, { next: (r) => c.push(r.data as never), error: c.fail, complete: c.complete });
    }
    await until(() => live.app.activeSubscriptions() >= 2, "both subscriptions", 5_000);

    const approved = data(await live.app.run(Review, { id: claimId, approve: true, reason: "ORCID matches" }, { token: curator.token }));
    expect(approved.reviewAuthorClaim).toMatchObject({ __typename: "AuthorClaim", status: "APPROVED", reason: "ORCID matches" });
    const [delivered] = await mine.waitFor(1);
    expect(delivered!.authorClaimReviewed).toMatchObject({ status: "APPROVED", reason: "ORCID matches" });

    // The bystander's own claim of the same author can no longer be approved; rejecting it reaches them alone.
    const conflict = data(await live.app.run(Review, { id: bystanderClaimId, approve: true }, { token: curator.token }));
    expect(conflict.reviewAuthorClaim).toMatchObject({ __typename: "AlreadyExists", field: "author" });
    await live.app.run(Review, { id: bystanderClaimId, approve: false, reason: "Claimed by someone else" }, { token: curator.token });
    expect((await theirs.waitFor(1))[0]!.authorClaimReviewed).toMatchObject({ status: "REJECTED", reason: "Claimed by someone else" });
    expect(mine.items).toHaveLength(1);
    expect(theirs.items).toHaveLength(1);

    // Reviewed once only; the author is claimed now.
    const twice = data(await live.app.run(Review, { id: claimId, approve: false }, { token: curator.token }));
    expect(twice.reviewAuthorClaim).toMatchObject({ __typename: "AlreadyExists", field: "claim" });
    const late = data(await live.app.run(Claim, { id: authorIds[1]! }, { token: bystander.token })).claimAuthor;
    expect(late).toMatchObject({ __typename: "AlreadyExists", field: "author" });

    // The claimant sees the claim and its outcome in `me`; nobody else can list them.
    const me = data(await live.app.run(MyClaims, {}, { token: claimant.token })).me!.authorClaims.edges.map((e) => e.node);
    expect(me).toEqual([
      { status: "APPROVED", reason: "ORCID matches", author: { name: expect.any(String), claimedBy: { handle: `claimant${engine}` } } },
    ]);
    const peek = await live.app.run(TheirClaims, { handle: `claimant${engine}` }, { token: bystander.token });
    expect(peek.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(peek.data?.user?.authorClaims ?? null).toBeNull();
    await claimantClient.dispose();
    await bystanderClient.dispose();
  });

  it("refuses authorClaimReviewed without a signed-in user", async () => {
    expect(await wsRefusal(live.wsUrl, print(ClaimReviewed))).toMatch(/sign in/i);
  });
});

const UpdateLinks = graphql(`
  mutation UpdatePaperLinksTest($paperId: ID!, $code: String, $projectPage: String) {
    updatePaperLinks(paperId: $paperId, code: $code, projectPage: $projectPage) {
      __typename
      ... on Paper {
        links {
          code
          project
        }
        linkEdits(first: 5) {
          edges {
            node {
              code
              projectPage
              editedAt
              editedBy {
                handle
              }
            }
          }
        }
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

const LinksUpdated = graphql(`
  subscription LinksUpdatedTest($id: ID!) {
    paperUpdated(id: $id) {
      links {
        code
        project
      }
    }
  }
`);

describe.each(ENGINES)("updatePaperLinks on %s", (engine) => {
  let live: LiveServer;
  let paperId: string;
  let authorId: string;
  beforeAll(async () => {
    live = await startLiveServer(engine, HIGH_LIMITS);
    await ingestText(
      live.app,
      "links.jsonl",
      jsonl({ id: "2508.33002", title: "A paper with links to edit", summary: "Its abstract.", authors: ["Lina Linkable"] }),
    );
    const paper = await live.app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: "2508.33002" }, select: { id: true } });
    const author = await live.app.db.prisma.author.findFirstOrThrow({ where: { name: "Lina Linkable" }, select: { id: true } });
    paperId = encodeGlobalID("Paper", paper.id);
    authorId = encodeGlobalID("Author", author.id);
  });
  afterAll(async () => {
    await live?.close();
  });

  it("lets a claimed author's user edit, records who and when, checks URLs and announces the change", async () => {
    const lina = await newUser(live.app, `lina${engine}`);
    const stranger = await newUser(live.app, `stranger${engine}`);
    const curator = await demoUser(live.app, "curator");
    const code = "https://github.com/lina/linkable";

    // Not yet: a user who is neither curator, submitter nor a claimed author of the paper.
    expect(data(await live.app.run(UpdateLinks, { paperId, code }, { token: lina.token })).updatePaperLinks.__typename).toBe("Forbidden");
    expect(data(await live.app.run(UpdateLinks, { paperId, code })).updatePaperLinks.__typename).toBe("Unauthenticated");
    const claim = data(await live.app.run(Claim, { id: authorId }, { token: lina.token })).claimAuthor as { id: string };
    await live.app.run(Review, { id: claim.id, approve: true }, { token: curator.token });

    const updates = new Collector<{ paperUpdated: { links: { code: string | null; project: string | null } } }>();
    const client = wsClient(live.wsUrl);
    client.subscribe(
      { query: print(LinksUpdated), variables: { id: paperId } },
      { next: (r) => updates.push(r.data as never), error: updates.fail, complete: updates.complete },
    );
    await until(() => live.app.activeSubscriptions() >= 1, "the paperUpdated subscription", 5_000);

    const bad = data(await live.app.run(UpdateLinks, { paperId, code, projectPage: "javascript:alert(1)" }, { token: lina.token }));
    expect(bad.updatePaperLinks).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["projectPage"] }] });
    const ftp = data(await live.app.run(UpdateLinks, { paperId, code: "ftp://example.org/code" }, { token: lina.token }));
    expect(ftp.updatePaperLinks).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["code"] }] });
    const nothing = data(await live.app.run(UpdateLinks, { paperId }, { token: lina.token }));
    expect(nothing.updatePaperLinks).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["code"] }] });
    expect(await live.app.db.prisma.paperLinkEdit.count()).toBe(0);

    const done = data(await live.app.run(UpdateLinks, { paperId, code, projectPage: "https://lina.example.org" }, { token: lina.token }));
    expect(done.updatePaperLinks).toMatchObject({
      __typename: "Paper",
      links: { code, project: "https://lina.example.org" },
      linkEdits: { edges: [{ node: { code, projectPage: "https://lina.example.org", editedBy: { handle: `lina${engine}` } } }] },
    });
    expect((await updates.waitFor(1))[0]!.paperUpdated.links).toEqual({ code, project: "https://lina.example.org" });

    // Another user still may not; a curator may, and removing a link is an edit too.
    expect(data(await live.app.run(UpdateLinks, { paperId, code: null }, { token: stranger.token })).updatePaperLinks.__typename).toBe(
      "Forbidden",
    );
    const removed = data(await live.app.run(UpdateLinks, { paperId, projectPage: "" }, { token: curator.token }));
    expect(removed.updatePaperLinks).toMatchObject({ links: { code, project: null } });
    const edits = (removed.updatePaperLinks as { linkEdits: { edges: { node: { editedBy: { handle: string } } }[] } }).linkEdits.edges;
    expect(edits.map((e) => e.node.editedBy.handle)).toEqual(["curator", `lina${engine}`]);
    await client.dispose();
  });
});
