// Paper.versions: each arXiv version ingestion has seen, with its date and what it changed.
// On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText } from "./helpers/ingest.ts";

const Versions = graphql(`
  query PaperVersions($arxivId: String!) {
    paper(arxivId: $arxivId) {
      arxivVersion
      versions {
        version
        date
        titleChanged
        abstractChanged
        seenAt
      }
    }
  }
`);

describe.each(ENGINES)("paper versions on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });
  const versions = async (arxivId: string) => {
    const r = await app.run(Versions, { arxivId });
    expect(r.errors).toBeUndefined();
    return data(r).paper!;
  };
  const record = (version: number, title: string, summary: string, updated: string) =>
    JSON.stringify({ id: `2508.09001v${version}`, title, summary, published: "2025-08-01T10:00:00Z", updated });

  it("records each version once, oldest first, with its arXiv date and what changed", async () => {
    await ingestText(app, "v1.jsonl", record(1, "Versioned Paper", "First abstract.", "2025-08-01T10:00:00Z"));
    await ingestText(app, "v2.jsonl", record(2, "Versioned Paper, Renamed", "First abstract.", "2025-08-05T09:00:00Z"));
    await ingestText(app, "v3.jsonl", record(3, "Versioned Paper, Renamed", "Second abstract.", "2025-08-09T08:00:00Z"));
    // An older version again changes nothing, and the newest again adds no row.
    expect(
      await ingestText(app, "v2-again.jsonl", record(2, "Versioned Paper, Renamed", "First abstract.", "2025-08-05T09:00:00Z")),
    ).toMatchObject({ unchanged: 1 });
    expect(
      await ingestText(app, "v3-again.jsonl", record(3, "Versioned Paper, Renamed", "Second abstract.", "2025-08-09T08:00:00Z")),
    ).toMatchObject({ unchanged: 1 });

    const p = await versions("2508.09001");
    expect(p.arxivVersion).toBe(3);
    expect(p.versions.map(({ seenAt: _, ...v }) => v)).toEqual([
      { version: 1, date: "2025-08-01T10:00:00.000Z", titleChanged: false, abstractChanged: false },
      { version: 2, date: "2025-08-05T09:00:00.000Z", titleChanged: true, abstractChanged: false },
      { version: 3, date: "2025-08-09T08:00:00.000Z", titleChanged: false, abstractChanged: true },
    ]);
    const seen = p.versions.map((v) => Date.parse(v.seenAt));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("has no versions for a paper known only by its title", async () => {
    const r = await app.db.prisma.paper.findFirstOrThrow({ where: { arxivId: null }, select: { id: true } });
    expect(await app.db.prisma.paperVersion.count({ where: { paperId: r.id } })).toBe(0);
  });
});
