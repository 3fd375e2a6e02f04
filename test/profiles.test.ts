// Public profiles: user(handle) shows the handle, name, claimed authors, submitted papers and
// comments to anyone, the upvoted papers only once the user made them public, and nothing private.
// On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText, jsonl } from "./helpers/ingest.ts";
import { demoUser, HIGH_LIMITS, newUser } from "./helpers/users.ts";

const Profile = graphql(`
  query PublicProfileWithPeople($handle: String!) {
    user(handle: $handle) {
      handle
      name
      upvotesPublic
      claimedAuthors(first: 10) {
        edges {
          node {
            name
          }
        }
      }
      submittedPapers(first: 10) {
        edges {
          node {
            arxivId
          }
        }
      }
      comments(first: 10) {
        edges {
          node {
            body
          }
        }
      }
      upvotedPapers(first: 10) {
        edges {
          node {
            arxivId
          }
        }
      }
    }
  }
`);

const ProfileEmail = graphql(`
  query ProfileEmail($handle: String!) {
    user(handle: $handle) {
      email
    }
  }
`);

const UpdateProfile = graphql(`
  mutation UpdateProfileTest($name: String, $upvotesPublic: Boolean) {
    updateProfile(name: $name, upvotesPublic: $upvotesPublic) {
      __typename
      ... on User {
        name
        upvotesPublic
      }
      ... on ValidationError {
        issues {
          path
        }
      }
    }
  }
`);

const ProfileSubmit = graphql(`
  mutation ProfileSubmit($input: SubmitPaperInput!) {
    submitPaper(input: $input) {
      __typename
    }
  }
`);

const SubmitterLinks = graphql(`
  mutation SubmitterLinks($paperId: ID!, $code: String) {
    updatePaperLinks(paperId: $paperId, code: $code) {
      __typename
      ... on Paper {
        links {
          code
        }
      }
    }
  }
`);

const ProfileUpvote = graphql(`
  mutation ProfileUpvote($id: ID!) {
    upvotePaper(id: $id) {
      __typename
    }
  }
`);

const ProfileComment = graphql(`
  mutation ProfileComment($paperId: ID!, $body: String!) {
    addComment(paperId: $paperId, body: $body) {
      __typename
    }
  }
`);

const ProfileClaim = graphql(`
  mutation ProfileClaim($id: ID!) {
    claimAuthor(id: $id) {
      ... on AuthorClaim {
        id
      }
    }
  }
`);

const ProfileReview = graphql(`
  mutation ProfileReview($id: ID!) {
    reviewAuthorClaim(id: $id, approve: true) {
      __typename
    }
  }
`);

describe.each(ENGINES)("public profiles on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine, HIGH_LIMITS);
    await ingestText(
      app,
      "profile.jsonl",
      jsonl({ id: "2508.34001", title: "A paper to upvote", summary: "Abstract.", authors: ["Pia Profile"] }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it("shows claimed authors, submissions and comments to anyone, upvotes only once made public, and never the email", async () => {
    const handle = `profiled${engine}`;
    const u = await newUser(app, handle);
    const visitor = await newUser(app, `visitor${engine}`);
    const curator = await demoUser(app, "curator");
    const paper = await app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: "2508.34001" }, select: { id: true } });
    const paperId = encodeGlobalID("Paper", paper.id);
    const author = await app.db.prisma.author.findFirstOrThrow({ where: { name: "Pia Profile" }, select: { id: true } });

    const submitted = await app.run(
      ProfileSubmit,
      { input: { arxivId: "2508.34002", title: "A submitted paper", abstract: "Submitted abstract.", authors: ["Pia Profile"] } },
      { token: u.token },
    );
    expect(data(submitted).submitPaper.__typename).toBe("SubmitPaperPayload");
    await app.run(ProfileUpvote, { id: paperId }, { token: u.token });
    await app.run(ProfileComment, { paperId, body: "A public remark." }, { token: u.token });
    const claim = data(await app.run(ProfileClaim, { id: encodeGlobalID("Author", author.id) }, { token: u.token })).claimAuthor as {
      id: string;
    };
    await app.run(ProfileReview, { id: claim.id }, { token: curator.token });

    const seen = async (token?: string) => {
      const r = await app.run(Profile, { handle: handle.toUpperCase() }, { token });
      expect(r.errors).toBeUndefined();
      return data(r).user!;
    };
    const anonymous = await seen();
    expect(anonymous).toMatchObject({
      handle,
      name: `User ${handle}`,
      upvotesPublic: false,
      claimedAuthors: { edges: [{ node: { name: "Pia Profile" } }] },
      submittedPapers: { edges: [{ node: { arxivId: "2508.34002" } }] },
      comments: { edges: [{ node: { body: "A public remark." } }] },
      upvotedPapers: null,
    });
    // The user sees their own upvotes; others do not, until the user makes them public.
    expect((await seen(u.token)).upvotedPapers!.edges.map((e) => e.node.arxivId)).toEqual(["2508.34001"]);
    expect((await seen(visitor.token)).upvotedPapers).toBeNull();
    const made = data(await app.run(UpdateProfile, { upvotesPublic: true }, { token: u.token })).updateProfile;
    expect(made).toMatchObject({ __typename: "User", upvotesPublic: true, name: `User ${handle}` });
    expect((await seen(visitor.token)).upvotedPapers!.edges.map((e) => e.node.arxivId)).toEqual(["2508.34001"]);
    expect((await seen()).upvotedPapers!.edges.map((e) => e.node.arxivId)).toEqual(["2508.34001"]);

    // The submitter may edit the links of the paper they submitted; a visitor may not.
    const submittedPaper = await app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: "2508.34002" }, select: { id: true } });
    const submittedId = encodeGlobalID("Paper", submittedPaper.id);
    const code = "https://gitlab.com/profiled/code";
    expect(data(await app.run(SubmitterLinks, { paperId: submittedId, code }, { token: visitor.token })).updatePaperLinks.__typename).toBe(
      "Forbidden",
    );
    expect(data(await app.run(SubmitterLinks, { paperId: submittedId, code }, { token: u.token })).updatePaperLinks).toEqual({
      __typename: "Paper",
      links: { code },
    });

    // Private stays private on the profile path.
    const email = await app.run(ProfileEmail, { handle }, { token: visitor.token });
    expect(email.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(email)).not.toContain(`${handle}@example.org`);
  });

  it("refuses an empty name and an anonymous update, naming what was wrong", async () => {
    const u = await newUser(app, `renamer${engine}`);
    const empty = data(await app.run(UpdateProfile, { name: "   " }, { token: u.token })).updateProfile;
    expect(empty).toMatchObject({ __typename: "ValidationError", issues: [{ path: ["name"] }] });
    expect(data(await app.run(UpdateProfile, { upvotesPublic: true })).updateProfile.__typename).toBe("Unauthenticated");
    const renamed = data(await app.run(UpdateProfile, { name: " Ren Amer " }, { token: u.token })).updateProfile;
    expect(renamed).toMatchObject({ name: "Ren Amer", upvotesPublic: false });
  });
});
