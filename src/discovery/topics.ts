// Topics and their subtopics: "papers in machine-learning" includes papers tagged only with one of
// its children (clustering, kernel methods, ...).
import type { PrismaClient } from "../generated/prisma/client.ts";

/** For each known slug, the ids of that topic and all its descendants; unknown slugs are absent. */
export async function topicSubtrees(prisma: PrismaClient, slugs: string[]): Promise<Map<string, number[]>> {
  const rows = await prisma.$queryRaw<{ slug: string; ids: number[] }[]>`
    WITH RECURSIVE tree(root, id) AS (
      SELECT t.slug, t.id FROM topic t WHERE t.slug = ANY(${slugs}::text[])
      UNION
      SELECT tree.root, c.id FROM topic c JOIN tree ON c.parent_id = tree.id
    )
    SELECT root AS slug, array_agg(id ORDER BY id) AS ids FROM tree GROUP BY root`;
  return new Map(rows.map((r) => [r.slug, r.ids]));
}

/** The given topics and all their descendants. */
export async function withDescendants(prisma: PrismaClient, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE tree(id) AS (
      SELECT t.id FROM topic t WHERE t.id = ANY(${ids}::int4[])
      UNION
      SELECT c.id FROM topic c JOIN tree ON c.parent_id = tree.id
    )
    SELECT id FROM tree ORDER BY id`;
  return rows.map((r) => r.id);
}
