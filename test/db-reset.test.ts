// `npm run db:reset` as a user runs it on an embedded folder: the migrator re-applies every
// migration, then seeds through the command prisma.config.ts names (the database layer does not
// import the seed), unless --skip-seed.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { start } from "./helpers/process.ts";

describe("npm run db:reset", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-reset-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("migrates and seeds a folder, and with --skip-seed leaves it empty", async () => {
    const env = { DATA_DIR: path.join(dir, "data") };
    const reset = start("src/db/migrator/cli.ts", env, ["reset"]);
    expect(await reset.exited, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/Database reset; \d+ migration\(s\) applied\./);
    expect(reset.stdout).toMatch(/Seeded 22 topics; papers: 39 created/);

    const bare = start("src/db/migrator/cli.ts", env, ["reset", "--skip-seed"]);
    expect(await bare.exited, bare.stderr).toBe(0);
    expect(bare.stdout).toMatch(/Database reset/);
    expect(bare.stdout).not.toMatch(/Seed/);

    // Seeding again after the bare reset creates the papers anew: the reset had emptied the folder.
    const seed = start("seed/cli.ts", env);
    expect(await seed.exited, seed.stderr).toBe(0);
    expect(seed.stdout).toMatch(/papers: 39 created/);
  }, 300_000);
});
