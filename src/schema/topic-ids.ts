// Topic slugs given as arguments, resolved to the ids of each topic and its subtopics; an unknown
// slug is an error naming the argument.
import { topicSubtrees } from "../discovery/topics.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { badInput } from "./ids.ts";

export async function topicIdsWithin(prisma: PrismaClient, slugs: string | string[], argumentName: string): Promise<number[]> {
  const list = [...new Set((Array.isArray(slugs) ? slugs : [slugs]).map((s) => s.trim()))];
  const found = await topicSubtrees(prisma, list);
  const unknown = list.filter((s) => !found.has(s));
  if (unknown.length > 0) throw badInput(argumentName, `no topic has the slug ${unknown.map((s) => `"${s.slice(0, 60)}"`).join(", ")}`);
  return [...new Set([...found.values()].flat())];
}
