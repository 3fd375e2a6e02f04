// Authors as written: each paper keeps its authors' names as its source wrote them (after the
// documented cleaning: entities, TeX accents), in order, duplicates included; the Author behind a
// name is matched case- and accent-insensitively. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText, jsonl } from "./helpers/ingest.ts";

const PaperAuthors = graphql(`
  query PaperAuthorsAsWritten($arxivId: String!) {
    paper(arxivId: $arxivId) {
      authors {
        position
        name
        author {
          id
          name
        }
      }
    }
  }
`);

describe.each(ENGINES)("authors as written on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });
  const authorsOf = async (arxivId: string) => {
    const r = await app.run(PaperAuthors, { arxivId });
    expect(r.errors).toBeUndefined();
    return data(r).paper!.authors;
  };
  const paper = (id: string, authors: string[]) => ({
    id,
    title: `Paper ${id} on authors`,
    summary: "An abstract long enough to be kept as it is.",
    published: "2025-08-01T10:00:00Z",
    authors,
  });

  it("keeps two co-authors of the same name, each spelling per paper, and one Author behind them", async () => {
    await ingestText(
      app,
      "written.jsonl",
      jsonl(paper("2508.31001", ["Wei Zhang", "Jos\\'e Garc&iacute;a", "wei zhang"]), paper("2508.31002", ["Jose Garcia", "Wei Zhang"])),
    );
    const first = await authorsOf("2508.31001");
    const second = await authorsOf("2508.31002");
    // TeX accents and HTML entities are cleaned; accents and case stay as written; order and the duplicate are kept.
    expect(first.map((a) => [a.position, a.name])).toEqual([
      [0, "Wei Zhang"],
      [1, "José García"],
      [2, "wei zhang"],
    ]);
    expect(second.map((a) => [a.position, a.name])).toEqual([
      [0, "Jose Garcia"],
      [1, "Wei Zhang"],
    ]);
    // The identity: one Author per folded name, shared by both papers and both Wei Zhangs.
    expect(first[0]!.author.id).toBe(first[2]!.author.id);
    expect(first[0]!.author.id).toBe(second[1]!.author.id);
    expect(first[1]!.author.id).toBe(second[0]!.author.id);
    expect(first[1]!.author.id).not.toBe(first[0]!.author.id);
  });

  it("shows a re-ingested paper's new spelling on that paper only", async () => {
    await ingestText(app, "respelled.jsonl", jsonl(paper("2508.31002", ["José García", "Wei Zhang"])));
    expect((await authorsOf("2508.31002")).map((a) => a.name)).toEqual(["José García", "Wei Zhang"]);
    expect((await authorsOf("2508.31001")).map((a) => a.name)).toEqual(["Wei Zhang", "José García", "wei zhang"]);
  });
});
