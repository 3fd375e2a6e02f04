// Seeds topics, demo users and the Daily Papers page of 2025-08-08, and on request the demo week of
// real arXiv listings (demo-week.ts). Idempotent: running it again updates topics in place and
// reports the papers as unchanged.
import path from "node:path";

import { hashPassword } from "../src/auth/passwords.ts";
import type { Config } from "../src/config.ts";
import type { Database } from "../src/db.ts";
import type { SeedStep } from "../src/db/prepare.ts";
import { localFile } from "../src/ingest/input.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { filesSource } from "../src/ingest/read.ts";
import type { CommitListener } from "../src/live/events.ts";
import { PROJECT_DIR } from "../src/project-dir.ts";
import { DEMO_WEEK_FILE } from "./demo-week.ts";
import { TOPICS } from "./topics.ts";
import { DEMO_USERS } from "./users.ts";

// From the project root, not this module: compiled, this code lives in dist/.
export const SEED_PAGE = path.join(PROJECT_DIR, "seed", "daily-papers-2025-08-08.txt");
export const SEED_DATE = "2025-08-08";

export async function seedTopics(db: Database): Promise<void> {
  // Parents first, so children can point at them.
  const ordered = [...TOPICS.filter((t) => !t.parent), ...TOPICS.filter((t) => t.parent)];
  for (const t of ordered) {
    const parentId = t.parent ? (await db.prisma.topic.findUniqueOrThrow({ where: { slug: t.parent }, select: { id: true } })).id : null;
    const data = { name: t.name, description: t.description, keywords: t.keywords, categories: t.categories, parentId };
    await db.prisma.topic.upsert({ where: { slug: t.slug }, create: { slug: t.slug, ...data }, update: data });
  }
}

export async function seedUsers(db: Database): Promise<void> {
  for (const u of DEMO_USERS) {
    const exists = await db.prisma.user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (exists) continue;
    await db.prisma.user.create({
      data: {
        handle: u.handle,
        handleKey: u.handle.toLowerCase(),
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: await hashPassword(u.password),
      },
    });
  }
}

export interface SeedOptions {
  /** The three demo accounts (reader, curator, admin); default: outside production. */
  demoUsers?: boolean;
  /**
   * The demo week (~1,200 real arXiv papers of 2025-08-04 .. 2025-08-10) besides the seed page:
   * for a development database, never for production nor the tests' template. Default: no.
   */
  demoWeek?: boolean;
  onCommit?: CommitListener;
}

export async function seedDatabase(db: Database, opts: SeedOptions = {}): Promise<string> {
  await seedTopics(db);
  if (opts.demoUsers ?? process.env.NODE_ENV !== "production") await seedUsers(db);
  const result = await ingest(
    db,
    filesSource(() => [localFile(SEED_PAGE, path.basename(SEED_PAGE))], { format: "page", date: SEED_DATE }),
    { source: `seed:${path.basename(SEED_PAGE)}`, listedOn: SEED_DATE },
    opts.onCommit,
  );
  let said =
    `Seeded ${TOPICS.length} topics; papers: ${result.created} created, ${result.updated} updated, ` +
    `${result.unchanged} unchanged, ${result.rejected} rejected.`;
  if (opts.demoWeek) {
    // Each record carries its listing day ("date"); the pipeline tags it and finds its code links.
    const started = Date.now();
    const week = await ingest(
      db,
      filesSource(() => [localFile(DEMO_WEEK_FILE, path.basename(DEMO_WEEK_FILE))], { format: "jsonl" }),
      { source: `seed:${path.basename(DEMO_WEEK_FILE)}` },
      opts.onCommit,
    );
    said +=
      ` Demo week ${path.basename(DEMO_WEEK_FILE)}: ${week.created} created, ${week.updated} updated, ` +
      `${week.unchanged} unchanged, ${week.rejected} rejected (${((Date.now() - started) / 1000).toFixed(1)} s).`;
  }
  return said;
}

/** What a first start seeds an empty embedded database with (prepareDatabase), unless SEED_ON_START is off. */
export function firstStartSeed(config: Config): SeedStep | undefined {
  return config.seedOnStart
    ? (db) => seedDatabase(db, { demoUsers: config.env !== "production", demoWeek: config.seedDemoWeek })
    : undefined;
}
