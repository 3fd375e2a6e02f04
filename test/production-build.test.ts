// Production runs compiled JavaScript: `npm start` with NODE_ENV=production runs dist/server.js
// through scripts/launch.js (global-setup has just built dist/), and refuses, naming
// `npm run build`, when dist/ is missing or older than the sources.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { gql, ROOT, start, stop, urlOf } from "./helpers/process.ts";

/** A project folder holding the real launcher, and sources/dist/ as the case needs. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-launch-"));
  mkdirSync(path.join(dir, "scripts"));
  for (const f of ["launch.js", "entries.js"]) cpSync(path.join(ROOT, "scripts", f), path.join(dir, "scripts", f));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function launch(dir: string, program: string) {
  return spawnSync(process.execPath, [path.join(dir, "scripts", "launch.js"), program], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
}

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("a production start", () => {
  it("refuses when dist/ was never built, naming npm run build", () => {
    const dir = project({ "src/server.ts": "export {};\n" });
    made.push(dir);
    const run = launch(dir, "server");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("dist/ is missing");
    expect(run.stderr).toContain("npm run build");
  });

  it("refuses when a source file changed after the build, and runs the build once it is newer", () => {
    const program = "console.log('compiled program ran');\n";
    const dir = project({ "src/deep/er/module.ts": "export {};\n", "dist/server.js": program, "dist/.built": "" });
    made.push(dir);
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, "dist/.built"), past, past);
    const stale = launch(dir, "server");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("dist/ is older than src/");
    expect(stale.stderr).toContain("npm run build");
    expect(stale.stdout).toBe("");

    // seed/ counts as much as src/.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, "dist/.built"), later, later);
    mkdirSync(path.join(dir, "seed"));
    writeFileSync(path.join(dir, "seed/cli.ts"), "export {};\n");
    utimesSync(path.join(dir, "seed/cli.ts"), new Date(Date.now() + 120_000), new Date(Date.now() + 120_000));
    expect(launch(dir, "server").stderr).toContain("dist/ is older than seed/");

    utimesSync(path.join(dir, "dist/.built"), new Date(Date.now() + 180_000), new Date(Date.now() + 180_000));
    const fresh = launch(dir, "server");
    expect(fresh.stderr).toBe("");
    expect(fresh.stdout).toBe("compiled program ran\n");
  });

  it("creates, migrates and seeds a new embedded folder, and serves it, compiled", async () => {
    // Creating and migrating run in a child process (dist/migrate-worker.js beside dist/server.js).
    const dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-compiled-"));
    made.push(dir);
    const proc = start("src/server.ts", { NODE_ENV: "production", DATA_DIR: dir });
    try {
      const url = await urlOf(proc);
      expect(proc.stdout).toMatch(/Applied migrations: \d+_init,/);
      expect(proc.stdout).toMatch(/Seeded \d+ topics/);
      const r = await gql<{ dailyPapers: { edges: unknown[] } }>(url, `{ dailyPapers(first: 5) { edges { node { title } } } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data?.dailyPapers.edges).toHaveLength(5);
    } finally {
      expect(await stop(proc)).toBe(0);
    }
  });
});
