// The relations Prisma joins are built as JSON rather than JSONB (src/db/relation-json.ts): rows
// read through the join read exactly as the same rows loaded by separate queries (numbers, dates,
// order), and statements that compare Json values, which stay JSONB, keep working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "../src/db.ts";
import { ENGINES, seededDatabase } from "./helpers/app.ts";

describe.each(ENGINES)("relations read through a join (%s)", (engine) => {
  let db: Database;

  beforeAll(async () => {
    db = await seededDatabase(engine);
  });

  afterAll(async () => {
    await db.close();
  });

  it("reads a page of papers with their relations as separate queries read them", async () => {
    const link = await db.prisma.paperTopic.findFirstOrThrow({ select: { paperId: true, topicId: true } });
    // A float8 that needs all 17 digits.
    await db.prisma.paperTopic.update({ where: { paperId_topicId: link }, data: { score: 0.1 + 0.2 } });
    const select = {
      id: true,
      listedOn: true,
      authors: { select: { name: true, position: true }, orderBy: { position: "asc" } },
      topics: { select: { score: true, topic: { select: { slug: true, name: true } } }, orderBy: { score: "desc" } },
      comments: { select: { body: true, createdAt: true, author: { select: { handle: true } } }, orderBy: { id: "asc" } },
    } as const;
    const commented = await db.prisma.comment.findMany({ select: { paperId: true }, distinct: ["paperId"], take: 20 });
    const where = { id: { in: [link.paperId, ...commented.map((c) => c.paperId)] } };
    const sql: string[] = [];
    db.counter.onStatement = (s) => sql.push(s);
    const joined = await db.prisma.paper.findMany({ select, where, orderBy: { id: "asc" }, relationLoadStrategy: "join" });
    db.counter.onStatement = undefined;
    const separate = await db.prisma.paper.findMany({ select, where, orderBy: { id: "asc" }, relationLoadStrategy: "query" });
    expect(sql).toHaveLength(1);
    expect(joined).toEqual(separate);
    expect(joined.find((p) => p.id === link.paperId)?.topics.some((t) => t.score === 0.1 + 0.2)).toBe(true);
    expect(joined.filter((p) => p.comments.length > 0).length).toBeGreaterThanOrEqual(commented.length);
    expect(joined.every((p) => p.comments.every((c) => c.createdAt instanceof Date))).toBe(true);
  });

  it("answers a query that filters on a Json column and joins a relation", async () => {
    const user = await db.prisma.user.findFirstOrThrow({ select: { id: true, handle: true } });
    const filter = { topics: ["machine-learning"], from: "2025-01-01" };
    await db.prisma.savedSearch.create({ data: { userId: user.id, name: "json filter", query: "diffusion", filter } });
    const found = await db.prisma.savedSearch.findMany({
      where: { filter: { equals: filter } },
      select: { name: true, filter: true, user: { select: { handle: true } } },
    });
    expect(found).toEqual([{ name: "json filter", filter, user: { handle: user.handle } }]);
    const byPath = await db.prisma.savedSearch.findMany({
      where: { filter: { path: ["from"], equals: "2025-01-01" } },
      select: { name: true, user: { select: { handle: true } } },
    });
    expect(byPath).toEqual([{ name: "json filter", user: { handle: user.handle } }]);
  });
});
