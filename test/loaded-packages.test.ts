// A server on PostgreSQL loads what serving needs and no more: PGlite and its Prisma adapter (the
// embedded engine), nodemailer (digests, with SMTP_URL) and feedsmith (feeds) are imported the
// first time something uses them, which keeps about 8 MB off every such process's heap
// (bench/README.md, round 8). Watched with a module-resolution hook in the compiled server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { createDatabase } from "./helpers/postgres.ts";
import { gql, start, stop, urlOf } from "./helpers/process.ts";

const LAZY = ["@electric-sql/pglite", "pglite-prisma-adapter", "nodemailer", "feedsmith"];

/** The packages of LAZY among the module URLs the process resolved. */
function lazyLoaded(log: string): string[] {
  return LAZY.filter((name) => log.split("\n").some((url) => url.includes(`/node_modules/${name}/`)));
}

describe.runIf(process.env.TEST_DATABASE_URL)("a compiled server on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let dir: string;
  beforeAll(async () => {
    database = await createDatabase(inject("postgresTemplate") ?? undefined);
    dir = mkdtempSync(path.join(os.tmpdir(), "paperboy-modules-"));
    // Resolution hooks run on a thread of their own: the log's path reaches them through initialize.
    writeFileSync(
      path.join(dir, "hooks.mjs"),
      `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + "\\n");
  return resolved;
}
`,
    );
    const hooks = JSON.stringify(pathToFileURL(path.join(dir, "hooks.mjs")).href);
    const log = JSON.stringify(path.join(dir, "modules.log"));
    writeFileSync(
      path.join(dir, "register.mjs"),
      `import { register } from "node:module";
register(${hooks}, { data: { log: ${log} } });
`,
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it("serves the API without loading PGlite, nodemailer or feedsmith, and loads feedsmith for its first feed", async () => {
    const proc = start("src/server.ts", {
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      NODE_OPTIONS: `--import ${pathToFileURL(path.join(dir, "register.mjs")).href}`,
    });
    try {
      const url = await urlOf(proc);
      const r = await gql<{ dailyPapers: { edges: unknown[] } }>(url, `{ dailyPapers(first: 5) { edges { node { title } } } }`);
      expect(r.data?.dailyPapers.edges).toHaveLength(5);
      const log = () => readFileSync(path.join(dir, "modules.log"), "utf8");
      // The hook saw the server's own packages, so an empty answer below is not a blind one.
      expect(log()).toMatch(/\/node_modules\/graphql-yoga\//);
      expect(lazyLoaded(log())).toEqual([]);

      const feed = await fetch(`${url}/feeds/daily.atom`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain("<feed");
      expect(lazyLoaded(log())).toEqual(["feedsmith"]);
    } finally {
      expect(await stop(proc)).toBe(0);
    }
  });
});
