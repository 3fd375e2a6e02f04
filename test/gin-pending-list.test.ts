// Row rewrites (upvotes, comment counts) leave GIN's pending list short (src/db/gin-pending-list.ts),
// so a search or related-papers lookup never reads thousands of unmerged entries; the ingest writes
// its chunks with PostgreSQL's default and merges the list once at the end of its run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "../src/db.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { seededDatabase } from "./helpers/app.ts";
import { recordItems, syntheticPaper } from "./helpers/papers.ts";

const REWRITES = 2_000;

describe.runIf(process.env.TEST_DATABASE_URL)("GIN pending lists on PostgreSQL", () => {
  let db: Database;

  beforeAll(async () => {
    db = await seededDatabase("postgres");
    await db.prisma.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pgstattuple");
  });

  afterAll(async () => {
    await db.close();
  });

  const pending = async (index: string) =>
    (await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT pending_tuples::int4 AS n FROM pgstatginindex($1::regclass)`, index))[0]!.n;

  it("keeps the title index's pending list short while upvote counts rewrite paper rows", async () => {
    const papers = await db.prisma.paper.findMany({ select: { id: true }, take: 50, orderBy: { id: "asc" } });
    expect(papers.length).toBeGreaterThan(0);
    for (let written = 0; written < REWRITES; written += papers.length) {
      await db.prisma.paper.updateMany({ where: { id: { in: papers.map((p) => p.id) } }, data: { upvoteCount: { increment: 1 } } });
    }
    // With PostgreSQL's default of 4 MB, every one of the 2,000 rewrites would still be pending.
    expect(await pending("paper_title_search_idx")).toBeLessThan(REWRITES / 4);
    expect(await pending("paper_search_idx")).toBeLessThan(REWRITES / 4);
  });

  it("leaves nothing pending after an ingest run", async () => {
    const records = Array.from({ length: 300 }, (_, i) => syntheticPaper(80_000 + i));
    const result = await ingest(db, { items: () => recordItems(records) }, { source: "gin test" });
    expect(result.created).toBe(300);
    expect(await pending("paper_title_search_idx")).toBe(0);
    expect(await pending("paper_search_idx")).toBe(0);
  });
});
