// The notifications inbox: replies and @mentions, new papers by followed authors, new arXiv
// versions of collected papers, followed collections gaining a paper; preferences per kind; marking
// read with typed errors; only the recipient ever sees a notification; nothing is notified twice
// (a retried ingest, a re-added paper, a reply that also mentions); and a fan-out to 1,000 followers
// costs the same statements as to one.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { digestContent, subscriberSelect } from "../src/digest/content.ts";
import { dayPeriod } from "../src/discovery/periods.ts";
import { notifyAuthorClaimReviewed, notifyAuthorPapers } from "../src/notifications/fanout.ts";
import { MAX_MENTIONS_PER_COMMENT } from "../src/notifications/kinds.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, statementsFor, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, seededPaperId, syntheticPaper } from "./helpers/papers.ts";
import { demoUser, HIGH_LIMITS, newUser, type TestUser } from "./helpers/users.ts";

const ClaimForInbox = graphql(`
  mutation ClaimAuthorForInbox($id: ID!) {
    claimAuthor(id: $id, note: "my ORCID") {
      __typename
      ... on AuthorClaim {
        id
      }
    }
  }
`);

const ReviewForInbox = graphql(`
  mutation ReviewAuthorClaimForInbox($id: ID!, $approve: Boolean!) {
    reviewAuthorClaim(id: $id, approve: $approve) {
      __typename
    }
  }
`);

const Inbox = graphql(`
  query Inbox($first: Int!, $after: String, $unreadOnly: Boolean) {
    me {
      unreadNotificationCount
      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            readAt
            inDigest
            version
            actor {
              handle
            }
            paper {
              id
              title
            }
            comment {
              id
              body
            }
            collection {
              id
              name
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

const Preferences = graphql(`
  query NotificationPreferences {
    me {
      notificationPreferences {
        kind
        delivery
        isDefault
      }
    }
  }
`);

const SetPreferences = graphql(`
  mutation SetNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {
    updateNotificationPreferences(preferences: $preferences) {
      __typename
      ... on User {
        notificationPreferences {
          kind
          delivery
          isDefault
        }
      }
      ... on Error {
        message
        code
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      __typename
      ... on MarkNotificationsReadPayload {
        markedCount
        unreadNotificationCount
      }
      ... on Error {
        message
        code
      }
    }
  }
`);

const Comment = graphql(`
  mutation NotifyingComment($paperId: ID!, $body: String!, $parentId: ID) {
    addComment(paperId: $paperId, body: $body, parentId: $parentId) {
      __typename
      ... on Comment {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

const FollowAuthor = graphql(`
  mutation NotifyFollowAuthor($id: ID!) {
    followAuthor(id: $id) {
      __typename
    }
  }
`);

const NewCollection = graphql(`
  mutation NotifyNewCollection($name: String!, $visibility: CollectionVisibility) {
    createCollection(name: $name, visibility: $visibility) {
      __typename
      ... on Collection {
        id
      }
    }
  }
`);

const AddToCollection = graphql(`
  mutation NotifyAddToCollection($id: ID!, $paperId: ID!) {
    addPaperToCollection(id: $id, paperId: $paperId) {
      __typename
    }
  }
`);

const RemoveFromCollection = graphql(`
  mutation NotifyRemoveFromCollection($id: ID!, $paperId: ID!) {
    removePaperFromCollection(id: $id, paperId: $paperId) {
      __typename
    }
  }
`);

const FollowCollection = graphql(`
  mutation NotifyFollowCollection($id: ID!) {
    followCollection(id: $id) {
      __typename
    }
  }
`);

const OthersInbox = graphql(`
  query OthersInbox($handle: String!) {
    user(handle: $handle) {
      notifications(first: 5) {
        edges {
          node {
            id
          }
        }
      }
    }
  }
`);

describe.each(ENGINES)("notifications on %s", (engine) => {
  let app: TestApp;
  let paperId: string;
  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    paperId = await seededPaperId(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  const inbox = async (user: TestUser, vars: { first?: number; after?: string; unreadOnly?: boolean } = {}) =>
    data(await app.run(Inbox, { first: 20, ...vars }, { token: user.token })).me!;
  const comment = async (user: TestUser, body: string, parentId?: string) => {
    const r = data(await app.run(Comment, { paperId, body, parentId }, { token: user.token })).addComment;
    if (r.__typename !== "Comment") throw new Error(JSON.stringify(r));
    return r.id;
  };

  it("tells a comment's author of a reply and the mentioned of a mention, once each, never the writer", async () => {
    const ann = await newUser(app, `ann${engine}`);
    const bob = await newUser(app, `bob${engine}`);
    const cy = await newUser(app, `cy${engine}`);
    const top = await comment(ann, "A first comment.");
    // Bob replies to Ann, mentions Ann (already told by the reply), Cy (in any case) and himself.
    const reply = await comment(bob, `@ann${engine} agreed, and @CY${engine} should see this. — @bob${engine}`, top);

    const annBox = await inbox(ann);
    expect(annBox.unreadNotificationCount).toBe(1);
    expect(annBox.notifications.edges.map((e) => e.node)).toMatchObject([
      { kind: "REPLY", inDigest: false, readAt: null, actor: { handle: `bob${engine}` }, comment: { id: reply }, paper: { id: paperId } },
    ]);
    const cyBox = await inbox(cy);
    expect(cyBox.notifications.edges.map((e) => e.node)).toMatchObject([{ kind: "MENTION", comment: { id: reply } }]);
    expect((await inbox(bob)).notifications.edges).toEqual([]);
    // Not an address, not a double @.
    await comment(bob, `write to ann${engine}@example.org or @@cy${engine}`);
    expect((await inbox(cy)).unreadNotificationCount).toBe(1);
    expect((await inbox(ann)).unreadNotificationCount).toBe(1);
  });

  it(`notifies at most ${MAX_MENTIONS_PER_COMMENT} distinct handles of one comment, the first ones written`, async () => {
    const writer = await newUser(app, `many${engine}`);
    const named = [];
    for (let i = 0; i < MAX_MENTIONS_PER_COMMENT + 2; i++) named.push(await newUser(app, `men${i}x${engine}`));
    // The first handle twice: still one of the ten.
    const handles = [0, 0, ...named.keys()].map((i) => `@men${i}x${engine}`);
    await comment(writer, handles.join(" "));
    const counts = [];
    for (const user of named) counts.push((await inbox(user)).unreadNotificationCount);
    expect(counts).toEqual([...Array(MAX_MENTIONS_PER_COMMENT).fill(1), 0, 0]);
  });

  it("lists every kind with its default, and follows the choices made: OFF writes nothing, DIGEST is not live", async () => {
    const dee = await newUser(app, `dee${engine}`);
    const eve = await newUser(app, `eve${engine}`);
    expect(data(await app.run(Preferences, {}, { token: dee.token })).me!.notificationPreferences).toEqual([
      { kind: "REPLY", delivery: "ON", isDefault: true },
      { kind: "MENTION", delivery: "ON", isDefault: true },
      { kind: "AUTHOR_PAPER", delivery: "DIGEST", isDefault: true },
      { kind: "PAPER_VERSION", delivery: "ON", isDefault: true },
      { kind: "COLLECTION_PAPER", delivery: "ON", isDefault: true },
      { kind: "AUTHOR_CLAIM_REVIEWED", delivery: "ON", isDefault: true },
    ]);
    const set = data(
      await app.run(
        SetPreferences,
        {
          preferences: [
            { kind: "MENTION", delivery: "OFF" },
            { kind: "REPLY", delivery: "DIGEST" },
          ],
        },
        { token: dee.token },
      ),
    ).updateNotificationPreferences;
    expect(set.__typename === "User" && set.notificationPreferences.slice(0, 2)).toEqual([
      { kind: "REPLY", delivery: "DIGEST", isDefault: false },
      { kind: "MENTION", delivery: "OFF", isDefault: false },
    ]);
    const top = await comment(dee, "Dee's comment.");
    await comment(eve, `@dee${engine} mentioned`);
    await comment(eve, "A reply.", top);
    expect((await inbox(dee)).notifications.edges.map((e) => [e.node.kind, e.node.inDigest])).toEqual([["REPLY", true]]);

    const twice = data(
      await app.run(
        SetPreferences,
        {
          preferences: [
            { kind: "MENTION", delivery: "ON" },
            { kind: "MENTION", delivery: "OFF" },
          ],
        },
        { token: dee.token },
      ),
    ).updateNotificationPreferences;
    expect(twice).toMatchObject({ __typename: "ValidationError", code: "BAD_USER_INPUT" });
    const anonymous = data(await app.run(SetPreferences, { preferences: [] })).updateNotificationPreferences;
    expect(anonymous.__typename).toBe("Unauthenticated");
  });

  it("pages newest first, filters unread, marks read by ids or all, and refuses someone else's ids without marking any", async () => {
    const fay = await newUser(app, `fay${engine}`);
    const gus = await newUser(app, `gus${engine}`);
    for (let i = 0; i < 3; i++) await comment(gus, `@fay${engine} number ${i}`);
    const first = await inbox(fay, { first: 2 });
    expect(first.notifications.edges.map((e) => e.node.comment?.body)).toEqual([`@fay${engine} number 2`, `@fay${engine} number 1`]);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await inbox(fay, { first: 2, after: first.notifications.pageInfo.endCursor! });
    expect(rest.notifications.edges.map((e) => e.node.comment?.body)).toEqual([`@fay${engine} number 0`]);

    const newest = first.notifications.edges[0]!.node.id;
    await comment(fay, `@gus${engine} hi`);
    const gusId = (await inbox(gus)).notifications.edges[0]!.node.id;
    const foreign = data(await app.run(MarkRead, { ids: [newest, gusId] }, { token: fay.token })).markNotificationsRead;
    expect(foreign).toMatchObject({ __typename: "NotFound", code: "NOT_FOUND" });
    expect((await inbox(fay)).unreadNotificationCount).toBe(3);

    const one = data(await app.run(MarkRead, { ids: [newest] }, { token: fay.token })).markNotificationsRead;
    expect(one).toEqual({ __typename: "MarkNotificationsReadPayload", markedCount: 1, unreadNotificationCount: 2 });
    const unread = await inbox(fay, { unreadOnly: true });
    expect(unread.notifications.edges.map((e) => e.node.comment?.body)).toEqual([`@fay${engine} number 1`, `@fay${engine} number 0`]);
    expect((await inbox(fay)).notifications.edges[0]!.node.readAt).not.toBeNull();

    for (const bad of [{}, { ids: [newest], all: true }, { ids: [] }, { all: false }]) {
      const r = data(await app.run(MarkRead, bad, { token: fay.token })).markNotificationsRead;
      expect(r).toMatchObject({ __typename: "ValidationError" });
    }
    const all = data(await app.run(MarkRead, { all: true }, { token: fay.token })).markNotificationsRead;
    expect(all).toEqual({ __typename: "MarkNotificationsReadPayload", markedCount: 2, unreadNotificationCount: 0 });
    expect((await inbox(fay, { unreadOnly: true })).notifications.edges).toEqual([]);
  });

  it("shows a notification to its recipient only: not through another user's profile, and only they mark it read", async () => {
    const hal = await newUser(app, `hal${engine}`);
    const ivy = await newUser(app, `ivy${engine}`);
    await comment(ivy, `@hal${engine} psst`);
    const id = (await inbox(hal)).notifications.edges[0]!.node.id;
    // Nor can Ivy mark it read: it is not hers.
    const marking = data(await app.run(MarkRead, { ids: [id] }, { token: ivy.token })).markNotificationsRead;
    expect(marking).toMatchObject({ __typename: "NotFound" });
    expect((await inbox(hal)).unreadNotificationCount).toBe(1);
    const snooping = await app.run(OthersInbox, { handle: `hal${engine}` }, { token: ivy.token });
    expect(snooping.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
  });

  it("tells an author's followers of a new paper once, even when the same paper is ingested again", async () => {
    const jo = await newUser(app, `jo${engine}`);
    await ingestRecords(app, [syntheticPaper(7001, { authors: [{ name: "Followed Person" }] })]);
    const author = await app.db.prisma.author.findFirstOrThrow({ where: { name: "Followed Person" }, select: { id: true } });
    expect(
      data(await app.run(FollowAuthor, { id: encodeGlobalID("Author", author.id) }, { token: jo.token })).followAuthor.__typename,
    ).toBe("Author");
    const paper = syntheticPaper(7002, { authors: [{ name: "Someone Else" }, { name: "Followed Person" }] });
    await ingestRecords(app, [paper]);
    await ingestRecords(app, [paper]);
    const box = await inbox(jo);
    expect(box.notifications.edges.map((e) => e.node)).toMatchObject([
      { kind: "AUTHOR_PAPER", inDigest: true, actor: null, author: { name: "Followed Person" }, paper: { title: paper.title } },
    ]);
    // DIGEST (the default for this kind): today's digest lists it under its own heading.
    const digestOf = async (user: TestUser) => {
      const id = Number(Buffer.from(user.id, "base64").toString().split(":")[1]);
      const subscriber = await app.db.prisma.user.findUniqueOrThrow({ where: { id }, select: subscriberSelect });
      return digestContent(app.db, subscriber, dayPeriod(new Date()));
    };
    const digest = await digestOf(jo);
    expect(
      digest.sections.find((s) => s.heading === "Notifications: new papers by authors you follow")?.papers.map((p) => p.title),
    ).toEqual([paper.title]);
    // With the kind ON, the next paper is live instead, and not in the digest.
    await app.run(SetPreferences, { preferences: [{ kind: "AUTHOR_PAPER", delivery: "ON" }] }, { token: jo.token });
    const next = syntheticPaper(7003, { authors: [{ name: "Followed Person" }] });
    await ingestRecords(app, [next]);
    expect((await inbox(jo)).notifications.edges[0]!.node).toMatchObject({
      kind: "AUTHOR_PAPER",
      inDigest: false,
      paper: { title: next.title },
    });
    const after = await digestOf(jo);
    expect(after.sections.find((s) => s.heading.startsWith("Notifications"))?.papers.map((p) => p.title)).toEqual([paper.title]);
  });

  it("tells collection owners of a paper's new arXiv version once, and followers of a collection that gained a paper once", async () => {
    const kim = await newUser(app, `kim${engine}`);
    const lee = await newUser(app, `lee${engine}`);
    await ingestRecords(app, [syntheticPaper(7101, { arxivVersion: 1 })]);
    const row = await app.db.prisma.paper.findFirstOrThrow({ where: { arxivId: syntheticPaper(7101).arxivId }, select: { id: true } });
    const paper = encodeGlobalID("Paper", row.id);
    const made = data(await app.run(NewCollection, { name: "Kim's list", visibility: "PUBLIC" }, { token: kim.token })).createCollection;
    const collection = made.__typename === "Collection" ? made.id : "";
    await app.run(FollowCollection, { id: collection }, { token: lee.token });
    await app.run(AddToCollection, { id: collection, paperId: paper }, { token: kim.token });
    // Removed and added again: the same event for the follower, not notified again.
    await app.run(RemoveFromCollection, { id: collection, paperId: paper }, { token: kim.token });
    await app.run(AddToCollection, { id: collection, paperId: paper }, { token: kim.token });
    expect((await inbox(lee)).notifications.edges.map((e) => e.node)).toMatchObject([
      {
        kind: "COLLECTION_PAPER",
        actor: { handle: `kim${engine}` },
        collection: { id: collection, name: "Kim's list" },
        paper: { id: paper },
      },
    ]);
    // The owner adding to their own collection is not told.
    expect((await inbox(kim)).notifications.edges).toEqual([]);

    const v2 = syntheticPaper(7101, { arxivVersion: 2, title: "Synthetic study 7101, revised" });
    await ingestRecords(app, [v2]);
    await ingestRecords(app, [v2]);
    expect((await inbox(kim)).notifications.edges.map((e) => e.node)).toMatchObject([
      { kind: "PAPER_VERSION", version: 2, inDigest: false, paper: { id: paper, title: v2.title }, collection: { id: collection } },
    ]);
  });

  it("tells a claimant of the review of their author claim, once, and then of the claimed author's new papers", async () => {
    const claimant = await newUser(app, `claimant${engine}`);
    const curator = await demoUser(app, "curator");
    const author = await app.db.prisma.author.findFirstOrThrow({
      where: { claimedById: null },
      orderBy: { id: "asc" },
      select: { id: true, name: true },
    });
    const claim = data(await app.run(ClaimForInbox, { id: encodeGlobalID("Author", author.id) }, { token: claimant.token })).claimAuthor;
    if (claim.__typename !== "AuthorClaim") expect.fail(`claimAuthor: ${JSON.stringify(claim)}`);
    expect((await inbox(claimant)).notifications.edges).toEqual([]);
    const reviewed = data(await app.run(ReviewForInbox, { id: claim.id, approve: true }, { token: curator.token })).reviewAuthorClaim;
    expect(reviewed.__typename).toBe("AuthorClaim");
    // A second review is refused, and notifies nobody again.
    expect(
      data(await app.run(ReviewForInbox, { id: claim.id, approve: false }, { token: curator.token })).reviewAuthorClaim.__typename,
    ).toBe("AlreadyExists");
    expect((await inbox(claimant)).notifications.edges.map((e) => e.node)).toMatchObject([
      { kind: "AUTHOR_CLAIM_REVIEWED", author: { name: author.name }, actor: { handle: "curator" } },
    ]);
    // The fan-out itself is idempotent per claim and outcome, as a retried review would need.
    const idOf = (u: TestUser) => Number(Buffer.from(u.id, "base64").toString().split(":")[1]);
    const again = {
      claimId: Number(Buffer.from(claim.id, "base64").toString().split(":")[1]),
      claimantId: idOf(claimant),
      authorId: author.id,
      reviewerId: idOf(curator),
      outcome: "APPROVED",
    };
    expect(await notifyAuthorClaimReviewed(app.db.prisma, again)).toEqual([]);

    // A claimed author is followed without asking: their new paper reaches the claimant's inbox.
    const paper = syntheticPaper(7301, { authors: [{ name: author.name }] });
    await ingestRecords(app, [paper]);
    expect((await inbox(claimant)).notifications.edges.map((e) => e.node)).toMatchObject([
      { kind: "AUTHOR_PAPER", paper: { title: paper.title }, author: { name: author.name } },
      { kind: "AUTHOR_CLAIM_REVIEWED" },
    ]);
  });

  it("writes a new paper's notifications to 1,000 followers in the statements it takes for one", async () => {
    const [one, many] = ["Lonely Author", "Popular Author"];
    await ingestRecords(app, [syntheticPaper(7201, { authors: [{ name: one }] }), syntheticPaper(7202, { authors: [{ name: many }] })]);
    const authors = await app.db.prisma.author.findMany({ where: { name: { in: [one, many] } }, select: { id: true, name: true } });
    const idOf = (name: string) => authors.find((a) => a.name === name)!.id;
    const fan = await newUser(app, `fan${engine}`);
    await app.run(FollowAuthor, { id: encodeGlobalID("Author", idOf(one)) }, { token: fan.token });
    // 1,000 readers following the popular author, written directly: signing each up would take minutes.
    await app.db.prisma.$executeRawUnsafe(
      `INSERT INTO app_user (handle, handle_key, email, name, password_hash)
       SELECT 'crowd' || i || '${engine}', 'crowd' || i || '${engine}', 'crowd' || i || '${engine}@example.org', 'Crowd', 'x'
       FROM generate_series(1, 1000) AS i`,
    );
    await app.db.prisma.$executeRawUnsafe(
      `INSERT INTO author_follow (user_id, author_id) SELECT id, $1 FROM app_user WHERE handle_key LIKE 'crowd%${engine}'`,
      idOf(many),
    );
    const forOne = await statementsFor(app, () => ingestRecords(app, [syntheticPaper(7203, { authors: [{ name: one }] })]));
    const forMany = await statementsFor(app, () => ingestRecords(app, [syntheticPaper(7204, { authors: [{ name: many }] })]));
    expect(forMany).toBe(forOne);
    const written = await app.db.prisma.notification.count({ where: { kind: "AUTHOR_PAPER", author: { name: many } } });
    expect(written).toBe(1000);
    expect((await inbox(fan)).notifications.edges).toHaveLength(1);
    // The same fan-out again (a second instance, a retried step): the dedupe keys let nothing through.
    const paper = await app.db.prisma.paper.findFirstOrThrow({ where: { arxivId: syntheticPaper(7204).arxivId }, select: { id: true } });
    expect(await notifyAuthorPapers(app.db.prisma, [paper.id])).toEqual([]);
    expect(await app.db.prisma.notification.count({ where: { kind: "AUTHOR_PAPER", author: { name: many } } })).toBe(1000);
  });
});

describe.each(ENGINES)("notification writes on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine, { ...HIGH_LIMITS, RATE_LIMIT_WRITES: "2/60" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("count against the writes limit: past it, RateLimited", async () => {
    const user = await newUser(app, `limited${engine}`);
    const mark = async () => data(await app.run(MarkRead, { all: true }, { token: user.token })).markNotificationsRead.__typename;
    expect([await mark(), await mark()]).toEqual(["MarkNotificationsReadPayload", "MarkNotificationsReadPayload"]);
    expect(await mark()).toBe("RateLimited");
    const set = data(
      await app.run(SetPreferences, { preferences: [{ kind: "REPLY", delivery: "OFF" }] }, { token: user.token }),
    ).updateNotificationPreferences;
    expect(set.__typename).toBe("RateLimited");
    // Nothing was written by the refused one.
    expect(data(await app.run(Preferences, {}, { token: user.token })).me!.notificationPreferences[0]).toEqual({
      kind: "REPLY",
      delivery: "ON",
      isDefault: true,
    });
  });
});
