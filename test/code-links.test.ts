// Code and project links found in abstracts and arXiv comments (src/ingest/code-links.ts), and
// what the seeded Daily Papers page gets from them. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { linksInText } from "../src/ingest/code-links.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText } from "./helpers/ingest.ts";

describe("links in text", () => {
  it.each([
    ["Code: https://github.com/CVMI-Lab/SlotCon.", { code: "https://github.com/CVMI-Lab/SlotCon" }],
    ["available at github.com/eceo-epfl/ScaleProtoSeg.", { code: "https://github.com/eceo-epfl/ScaleProtoSeg" }],
    ["released https://github.com/XintianShen/GKNet{here}.", { code: "https://github.com/XintianShen/GKNet" }],
    ["(see https://www.github.com/fudan-zvg/SOFT.git/tree/main)", { code: "https://github.com/fudan-zvg/SOFT" }],
    ["https://gitlab.com/group/sub/project/-/tree/main", { code: "https://gitlab.com/group/sub/project" }],
    ["weights huggingface.co/meta/llama-3, code https://github.com/a/b", { code: "https://github.com/a/b" }],
    ["data: https://huggingface.co/datasets/org/set", { code: "https://huggingface.co/datasets/org/set" }],
    ["demo https://huggingface.co/spaces/org/demo", { project: "https://huggingface.co/spaces/org/demo" }],
    ["project page https://someone.github.io/paper/.", { project: "https://someone.github.io/paper" }],
    ["our page https://huggingface.co/papers/2508.05629 and mygithub.com/a/b", {}],
  ])("%s", (text, expected) => {
    expect(linksInText(text)).toEqual({ code: undefined, project: undefined, ...expected });
  });
});

const DayLinks = graphql(`
  query SeededCodeLinks {
    dailyPapers(date: "2025-08-08", first: 50) {
      edges {
        node {
          title
          abstract
          links {
            code
            codeSource
          }
        }
      }
    }
  }
`);

const Links = graphql(`
  query PaperCodeLinks($arxivId: String!) {
    paper(arxivId: $arxivId) {
      links {
        code
        codeSource
        project
      }
    }
  }
`);

describe.each(ENGINES)("code links from text on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });
  const links = async (arxivId: string) => data(await app.run(Links, { arxivId })).paper!.links;

  it("fills links.code of the six seeded papers whose abstract names a GitHub repository", async () => {
    const r = await app.run(DayLinks);
    expect(r.errors).toBeUndefined();
    const withUrl = data(r).dailyPapers.edges.filter((e) => /github\.com\//.test(e.node.abstract));
    expect(withUrl).toHaveLength(6);
    for (const { node } of withUrl) {
      expect(node.links.codeSource).toBe("ABSTRACT");
      expect(node.links.code).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
      expect(node.abstract).toContain(node.links.code!.replace("https://", ""));
    }
    expect(withUrl.map((e) => e.node.links.code)).toContain("https://github.com/XintianShen/GKNet");
  });

  it("takes the comment after the abstract, and never lets text replace the source's link", async () => {
    const record = (extra: object) => JSON.stringify({ id: "2508.07001", title: "Linked", summary: "No links here.", ...extra });
    await ingestText(app, "a.jsonl", record({ comment: "12 pages; code at https://gitlab.com/lab/tool" }));
    expect(await links("2508.07001")).toEqual({ code: "https://gitlab.com/lab/tool", codeSource: "COMMENT", project: null });

    await ingestText(app, "b.jsonl", record({ githubRepo: "https://github.com/lab/tool" }));
    expect(await links("2508.07001")).toMatchObject({ code: "https://github.com/lab/tool", codeSource: "SOURCE" });

    await ingestText(app, "c.jsonl", record({ summary: "Code: https://github.com/someone/else" }));
    expect(await links("2508.07001")).toMatchObject({ code: "https://github.com/lab/tool", codeSource: "SOURCE" });
  });
});
