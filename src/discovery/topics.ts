// Topics and their subtopics: "papers in machine-learning" includes papers tagged only with one of
// its children (clustering, kernel methods, ...).
import { ArgumentError } from "../errors.ts";
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

/** Topic slugs given as an argument: the ids of each topic and its subtopics; an unknown slug is refused. */
export async function topicIdsWithin(prisma: PrismaClient, slugs: string | string[], argumentName: string): Promise<number[]> {
  const list = [...new Set((Array.isArray(slugs) ? slugs : [slugs]).map((s) => s.trim()))];
  const found = await topicSubtrees(prisma, list);
  const unknown = list.filter((s) => !found.has(s));
  if (unknown.length > 0)
    throw new ArgumentError(argumentName, `no topic has the slug ${unknown.map((s) => `"${s.slice(0, 60)}"`).join(", ")}`);
  return [...new Set([...found.values()].flat())];
}
