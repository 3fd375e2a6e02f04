// What Hugging Face says about a paper beyond its text (stars, AI summary and keywords, images,
// organization, submitter, discussion), kept through ingestion and read over GraphQL.
// On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ingestFile } from "../src/ingest/file-run.ts";
import { textFile } from "../src/ingest/input.ts";
import type { ChangedPaper } from "../src/live/events.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestFixture } from "./helpers/ingest.ts";

const SourceFields = graphql(`
  query PaperSourceFields($arxivId: String!) {
    paper(arxivId: $arxivId) {
      title
      arxivVersion
      sourceUpvotes
      githubStars
      githubStarsReadAt
      aiSummary
      aiKeywords
      thumbnail
      media
      organization {
        name
        displayName
        avatarUrl
      }
      sourceSubmitter {
        name
        handle
        avatarUrl
      }
      sourceCommentCount
      links {
        code
        codeSource
        project
        discussion
      }
    }
  }
`);

describe.each(ENGINES)("source fields on %s", (engine) => {
  let app: TestApp;
  const paper = async (arxivId: string) => {
    const r = await app.run(SourceFields, { arxivId });
    expect(r.errors).toBeUndefined();
    return data(r).paper!;
  };
  /** Ingest a document, returning the run and the papers announced as updated (paperUpdated). */
  const ingestDoc = async (name: string, text: string) => {
    const updated: ChangedPaper[] = [];
    const run = await ingestFile(app.db, textFile(name, text), { source: `test:${name}` }, async (change) => {
      updated.push(...change.updated);
      await app.onIngestCommit(change);
    });
    return { run, updated };
  };

  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("keeps every field of a daily papers item, and null where the source has none", async () => {
    const run = await ingestFixture(app, "hf-daily-2025-08-08.json");
    expect(run).toMatchObject({ status: "SUCCEEDED", rejected: 0 });

    const weak = await paper("2508.05629");
    expect(weak).toMatchObject({
      githubStars: 128,
      aiSummary: "A small reward model supervises a larger VLM's reasoning.",
      aiKeywords: ["reward model", "weak-to-strong generalization", "vision-language model"],
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2508.05629.png",
      media: ["https://cdn-uploads.huggingface.co/production/uploads/2508.05629/teaser.png"],
      organization: {
        name: "example-lab",
        displayName: "Example Lab",
        avatarUrl: "https://cdn-avatars.huggingface.co/v1/production/uploads/example-lab.png",
      },
      // The item's submittedBy names the person; the paper's submittedOnDailyBy has the avatar, a path on huggingface.co.
      sourceSubmitter: { name: "AK", handle: "akhaliq", avatarUrl: "https://huggingface.co/avatars/ak.svg" },
      sourceCommentCount: 4,
      links: {
        code: "https://github.com/example-lab/weak-to-strong-mm",
        codeSource: "SOURCE",
        discussion: "https://huggingface.co/papers/2508.05629#community",
      },
    });
    expect(Date.parse(weak.githubStarsReadAt!)).toBeGreaterThan(Date.now() - 60_000);

    // Stars of 0 without a repository count nothing; no media and no organization are null.
    const sae = await paper("2508.05711");
    expect(sae).toMatchObject({
      githubStars: null,
      githubStarsReadAt: null,
      aiSummary: null,
      aiKeywords: ["sparse autoencoder", "diffusion transformer", "interpretability"],
      media: null,
      organization: null,
      sourceCommentCount: 0,
      links: { code: null, codeSource: null, project: "https://example.org/sae-dit" },
    });
  });

  it("gives an existing paper the fields on its next ingest, announced as an update", async () => {
    // A paper first known from arXiv alone has none of them.
    const arxivOnly = JSON.stringify({ id: "2508.05899v1", title: "A Paper Hugging Face Features Later", summary: "Plain text." });
    await ingestDoc("arxiv.json", arxivOnly);
    expect(await paper("2508.05899")).toMatchObject({ aiSummary: null, sourceSubmitter: null, links: { discussion: null } });

    const hf = {
      paper: {
        id: "2508.05899",
        title: "A Paper Hugging Face Features Later",
        summary: "Plain text.",
        discussionId: "68a0",
        githubRepo: "https://github.com/example/later",
        githubStars: 10,
        ai_summary: "Featured later.",
      },
      numComments: 2,
      submittedBy: { fullname: "Some One", user: "someone", avatarUrl: "https://cdn-avatars.huggingface.co/someone.png" },
    };
    const first = await ingestDoc("hf.json", JSON.stringify([hf]));
    expect(first.run).toMatchObject({ updated: 1, created: 0 });
    expect(first.updated).toHaveLength(1);
    const before = await paper("2508.05899");
    expect(before).toMatchObject({
      githubStars: 10,
      aiSummary: "Featured later.",
      sourceCommentCount: 2,
      sourceSubmitter: { name: "Some One", handle: "someone" },
      links: {
        code: "https://github.com/example/later",
        codeSource: "SOURCE",
        discussion: "https://huggingface.co/papers/2508.05899#community",
      },
    });

    // The same again: unchanged, the stars keep the time they were read.
    expect((await ingestDoc("hf.json", JSON.stringify([hf]))).run).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await paper("2508.05899")).githubStarsReadAt).toBe(before.githubStarsReadAt);

    // Stars alone: updated in place (same version, same text), read again now.
    await new Promise((r) => setTimeout(r, 5));
    const starred = await ingestDoc("hf.json", JSON.stringify([{ ...hf, paper: { ...hf.paper, githubStars: 12 } }]));
    expect(starred.run).toMatchObject({ updated: 1 });
    expect(starred.updated).toHaveLength(1);
    const after = await paper("2508.05899");
    expect(after).toMatchObject({ githubStars: 12, arxivVersion: 1, title: before.title, aiSummary: "Featured later." });
    expect(Date.parse(after.githubStarsReadAt!)).toBeGreaterThan(Date.parse(before.githubStarsReadAt!));

    // A later arXiv record (no HF fields) keeps them.
    expect((await ingestDoc("arxiv.json", arxivOnly)).run).toMatchObject({ unchanged: 1 });
    expect(await paper("2508.05899")).toMatchObject({ githubStars: 12, sourceSubmitter: { handle: "someone" } });
  });

  it("reads the fields of a single /api/papers object (huggingface_hub's PaperInfo shape)", async () => {
    const run = await ingestFixture(app, "hf-paper-2508.05629.json");
    expect(run).toMatchObject({ updated: 1, rejected: 0 });
    // Newer stars and upvotes; what the object lacks (thumbnail, organization, comment count) is kept.
    expect(await paper("2508.05629")).toMatchObject({
      githubStars: 131,
      sourceUpvotes: 41,
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2508.05629.png",
      organization: { name: "example-lab" },
      sourceCommentCount: 4,
    });
  });

  it("rejects a record whose source fields break the bounds, naming the field", async () => {
    const item = (extra: object) => JSON.stringify({ id: "2508.05898", title: "Bounded", ...extra });
    for (const [extra, message] of [
      [{ ai_keywords: Array.from({ length: 51 }, (_, i) => `k${i}`) }, "51 AI keywords (at most 50)"],
      [{ mediaUrls: ["javascript:alert(1)"] }, "mediaUrls holds something other than an http(s) URL"],
      [{ thumbnail: "not a url" }, "thumbnailUrl is not an http(s) URL"],
      [{ organization: 42 }, "organization must be a name or an object with a name, not a number"],
    ] as const) {
      const { run } = await ingestDoc("bad.jsonl", item(extra));
      expect(run).toMatchObject({ rejected: 1, created: 0 });
      expect(run.errors[0]!.message).toContain(message);
    }
  });
});
