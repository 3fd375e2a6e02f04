// The content hash decides whether an ingest changes a stored paper: papers without the source
// fields (Hugging Face's) must hash as they did before those fields existed, or every stored paper
// would be rewritten on its next ingest.
import { describe, expect, it } from "vitest";

import { contentHashOf, type PaperRecord } from "../src/ingest/record.ts";

const plain: PaperRecord = {
  arxivId: "2508.01234",
  arxivVersion: 2,
  title: "A Paper",
  abstract: "Words.",
  authors: [{ name: "Ada Lovelace", affiliation: "Analytical" }, { name: "Alan Turing" }],
  categories: ["cs.LG", "cs.AI"],
  primaryCategory: "cs.LG",
  publishedAt: new Date("2025-08-07T17:59:59Z"),
  absUrl: "https://arxiv.org/abs/2508.01234",
  codeUrl: "https://github.com/a/b",
  sourceUpvotes: 12,
};
// contentHashOf(plain) as main computed it before the source fields were added.
const BEFORE_SOURCE_FIELDS = "060739762f0be230d0b15870732a4488bad699762a1503445d7d00c863ea5ee8";

describe("content hash", () => {
  it("is unchanged for a paper without source fields", () => {
    expect(contentHashOf(plain)).toBe(BEFORE_SOURCE_FIELDS);
  });

  it("ignores a code link's source when it is the source itself, and when stars were read", () => {
    expect(contentHashOf({ ...plain, codeSource: "SOURCE", githubStarsAt: new Date() })).toBe(BEFORE_SOURCE_FIELDS);
  });

  it.each<[string, Partial<PaperRecord>]>([
    ["stars", { githubStars: 5 }],
    ["a code link found in the abstract", { codeSource: "ABSTRACT" }],
    ["AI keywords", { aiKeywords: ["diffusion"] }],
    ["an organization", { organization: { name: "google" } }],
    ["a submitter", { sourceSubmitter: { handle: "akhaliq" } }],
    ["a discussion page", { discussionUrl: "https://huggingface.co/papers/2508.01234" }],
  ])("changes with %s", (_what, fields) => {
    expect(contentHashOf({ ...plain, ...fields })).not.toBe(BEFORE_SOURCE_FIELDS);
  });
});
