// Submissions through the ingestion path, and what each role may do (tagging, topics, listing days).
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { seededPaperId } from "./helpers/papers.ts";
import { Collector, type LiveServer, startLiveServer, until, wsClient } from "./helpers/server.ts";
import { demoUser, HIGH_LIMITS, newUser } from "./helpers/users.ts";

const SubmitPaper = graphql(`
  mutation SubmitPaper($input: SubmitPaperInput!) {
    submitPaper(input: $input) {
      __typename
      ... on SubmitPaperPayload {
        duplicate
        paper {
          id
          arxivId
          arxivVersion
          title
          listedOn
          authors {
            name
          }
          links {
            abstract
            pdf
            code
          }
          topics {
            topic {
              slug
            }
          }
          submittedBy {
            handle
          }
        }
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
      ... on RateLimited {
        retryAfter
      }
    }
  }
`);

const TagPaper = graphql(`
  mutation TagPaper($paperId: ID!, $topic: String!) {
    tagPaper(paperId: $paperId, topic: $topic) {
      __typename
      ... on Paper {
        topics {
          score
          source
          topic {
            slug
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const UntagPaper = graphql(`
  mutation UntagPaper($paperId: ID!, $topic: String!) {
    untagPaper(paperId: $paperId, topic: $topic) {
      __typename
      ... on Paper {
        topics {
          topic {
            slug
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const UpdateTopic = graphql(`
  mutation UpdateTopic($slug: String!, $input: TopicUpdateInput!) {
    updateTopic(slug: $slug, input: $input) {
      __typename
      ... on Topic {
        name
        keywords
      }
      ... on Error {
        message
      }
    }
  }
`);

const NewPapersLive = graphql(`
  subscription NewPapersLive {
    paperIngested {
      paper {
        title
        submittedBy {
          handle
        }
      }
    }
  }
`);

const paperInput = (n: number, over: Record<string, unknown> = {}) => ({
  arxivId: `2601.${String(20000 + n)}v2`,
  title: `Submitted study ${n} of differential privacy in federated learning`,
  abstract: "We bound the privacy loss of federated averaging under differential privacy.",
  authors: ["Sam Submitter", "Co Author"],
  categories: ["cs.LG", "cs.CR"],
  codeUrl: "https://github.com/example/dp-fl",
  ...over,
});

const today = () => new Date().toISOString().slice(0, 10);

describe("submissions", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("ingests a submitted paper, listed today, recorded as the user's submission", async () => {
    const u = await newUser(app, "submitter");
    const r = data(await app.run(SubmitPaper, { input: paperInput(1) }, { token: u.token })).submitPaper;
    if (r.__typename !== "SubmitPaperPayload") throw new Error(JSON.stringify(r));
    expect(r.duplicate).toBe(false);
    expect(r.paper).toMatchObject({
      arxivId: "2601.20001",
      arxivVersion: 2,
      listedOn: today(),
      authors: [{ name: "Sam Submitter" }, { name: "Co Author" }],
      links: {
        abstract: "https://arxiv.org/abs/2601.20001",
        pdf: "https://arxiv.org/pdf/2601.20001",
        code: "https://github.com/example/dp-fl",
      },
      submittedBy: { handle: "submitter" },
    });
    expect(r.paper.topics.map((t) => t.topic.slug)).toContain("privacy");
    const run = await app.db.prisma.ingestRun.findFirstOrThrow({ where: { source: "graphql:submitPaper" }, orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 1, rejected: 0 });
  });

  it("returns a known paper flagged as a duplicate, unchanged, without a copy", async () => {
    const first = await newUser(app, "first_sub");
    const second = await newUser(app, "second_sub");
    const original = data(await app.run(SubmitPaper, { input: paperInput(2) }, { token: first.token })).submitPaper;
    if (original.__typename !== "SubmitPaperPayload") throw new Error("submit failed");
    const again = data(
      await app.run(
        SubmitPaper,
        { input: paperInput(2, { arxivId: "arXiv:2601.20002", title: "A vandalised title", authors: ["Mallory"] }) },
        { token: second.token },
      ),
    ).submitPaper;
    expect(again).toMatchObject({
      __typename: "SubmitPaperPayload",
      duplicate: true,
      paper: { id: original.paper.id, title: original.paper.title, submittedBy: { handle: "first_sub" } },
    });
    expect(await app.db.prisma.paper.count({ where: { arxivId: "2601.20002" } })).toBe(1);

    // A paper of the seed (known by title, without an arXiv id) is a duplicate too.
    const seeded = await app.db.prisma.paper.findFirstOrThrow({ where: { arxivId: null }, select: { id: true, title: true } });
    const byTitle = data(
      await app.run(SubmitPaper, { input: paperInput(3, { title: seeded.title.toUpperCase() }) }, { token: second.token }),
    ).submitPaper;
    expect(byTitle).toMatchObject({ duplicate: true, paper: { title: seeded.title, arxivId: null } });
  });

  it("refuses bad input field by field, writing nothing", async () => {
    const u = await newUser(app, "sloppy");
    const before = await app.db.prisma.paper.count();
    const r = data(
      await app.run(
        SubmitPaper,
        { input: paperInput(4, { arxivId: "not an id", title: " ", authors: [], codeUrl: "javascript:alert(1)" }) },
        { token: u.token },
      ),
    ).submitPaper;
    expect(r.__typename).toBe("ValidationError");
    if (r.__typename !== "ValidationError") return;
    expect(r.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["input.arxivId", "input.title", "input.authors", "input.codeUrl"]),
    );
    expect(await app.db.prisma.paper.count()).toBe(before);
    expect(data(await app.run(SubmitPaper, { input: paperInput(5) })).submitPaper.__typename).toBe("Unauthenticated");
  });

  it("lets curators choose the listing day, and refuses it to readers", async () => {
    const reader = await demoUser(app, "reader");
    const curator = await demoUser(app, "curator");
    const refused = data(
      await app.run(SubmitPaper, { input: paperInput(6, { listedOn: "2025-08-08" }) }, { token: reader.token }),
    ).submitPaper;
    expect(refused.__typename).toBe("Forbidden");
    expect(await app.db.prisma.paper.count({ where: { arxivId: "2601.20006" } })).toBe(0);
    const dated = data(
      await app.run(SubmitPaper, { input: paperInput(6, { listedOn: "2025-08-08" }) }, { token: curator.token }),
    ).submitPaper;
    expect(dated).toMatchObject({ duplicate: false, paper: { listedOn: "2025-08-08", submittedBy: { handle: "curator" } } });
  });
});

describe("submission limits and live delivery", () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer("pglite", { ...HIGH_LIMITS, RATE_LIMIT_SUBMISSIONS: "1/3600" });
  });
  afterAll(async () => {
    await live?.close();
  });

  it("publishes a submitted paper to paperIngested subscribers, and limits submissions per user", async () => {
    const u = await newUser(live.app, "livesub");
    const client = wsClient(live.wsUrl);
    const seen = new Collector<unknown>();
    client.subscribe({ query: print(NewPapersLive) }, { next: (r) => seen.push(r.data), error: seen.fail, complete: seen.complete });
    await until(() => live.app.activeSubscriptions() >= 1, "the subscription", 5_000);

    expect(data(await live.app.run(SubmitPaper, { input: paperInput(7) }, { token: u.token })).submitPaper.__typename).toBe(
      "SubmitPaperPayload",
    );
    expect(await seen.waitFor(1)).toEqual([
      { paperIngested: { paper: { title: paperInput(7).title, submittedBy: { handle: "livesub" } } } },
    ]);
    const limited = data(await live.app.run(SubmitPaper, { input: paperInput(8) }, { token: u.token })).submitPaper;
    expect(limited.__typename).toBe("RateLimited");
    if (limited.__typename === "RateLimited") expect(limited.retryAfter).toBeGreaterThan(3500);
    await client.dispose();
  });
});

describe("roles", () => {
  let app: TestApp;
  let paperId: string;
  beforeAll(async () => {
    app = await createTestApp("pglite", HIGH_LIMITS);
    paperId = await seededPaperId(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses tagging and topic edits to readers and anonymous callers, changing nothing", async () => {
    const reader = await demoUser(app, "reader");
    const before = await app.db.prisma.paperTopic.count();
    expect(data(await app.run(TagPaper, { paperId, topic: "privacy" }, { token: reader.token })).tagPaper).toMatchObject({
      __typename: "Forbidden",
    });
    expect(data(await app.run(TagPaper, { paperId, topic: "privacy" })).tagPaper.__typename).toBe("Unauthenticated");
    expect(data(await app.run(UntagPaper, { paperId, topic: "privacy" }, { token: reader.token })).untagPaper.__typename).toBe("Forbidden");
    expect(
      data(await app.run(UpdateTopic, { slug: "privacy", input: { name: "Hacked" } }, { token: reader.token })).updateTopic.__typename,
    ).toBe("Forbidden");
    expect(await app.db.prisma.paperTopic.count()).toBe(before);
    expect((await app.db.prisma.topic.findUniqueOrThrow({ where: { slug: "privacy" } })).name).not.toBe("Hacked");
  });

  it("lets curators tag, untag and edit topics", async () => {
    const curator = await demoUser(app, "curator");
    const tagged = data(await app.run(TagPaper, { paperId, topic: "quantum-machine-learning" }, { token: curator.token })).tagPaper;
    if (tagged.__typename !== "Paper") throw new Error(JSON.stringify(tagged));
    expect(tagged.topics[0]).toEqual({ score: 1, source: "CURATOR", topic: { slug: "quantum-machine-learning" } });
    const untagged = data(await app.run(UntagPaper, { paperId, topic: "quantum-machine-learning" }, { token: curator.token })).untagPaper;
    if (untagged.__typename !== "Paper") throw new Error("untag failed");
    expect(untagged.topics.map((t) => t.topic.slug)).not.toContain("quantum-machine-learning");
    expect(data(await app.run(TagPaper, { paperId, topic: "nope" }, { token: curator.token })).tagPaper.__typename).toBe("NotFound");

    const edited = data(
      await app.run(
        UpdateTopic,
        { slug: "privacy", input: { name: "Privacy & security", keywords: ["Differential Privacy", "membership inference"] } },
        { token: curator.token },
      ),
    ).updateTopic;
    expect(edited).toEqual({ __typename: "Topic", name: "Privacy & security", keywords: ["differential privacy", "membership inference"] });
  });
});
