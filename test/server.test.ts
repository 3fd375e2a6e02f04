// `npm start` as a user runs it: a real process on a fresh data folder (created, migrated, seeded),
// the folder lock, corrupt folders, the PostgreSQL pending-migration guard, and SIGTERM.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { SocketCloseCode } from "../src/close-codes.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { start, urlOf } from "./helpers/process.ts";

async function dailyCount(url: string): Promise<{ papers: number; tagged: number }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ dailyPapers(date: "2025-08-08", first: 100) { edges { node { topics { score } } } } }` }),
  });
  const body = (await res.json()) as { data: { dailyPapers: { edges: { node: { topics: unknown[] } }[] } } };
  const edges = body.data.dailyPapers.edges;
  return { papers: edges.length, tagged: edges.filter((e) => e.node.topics.length > 0).length };
}

describe("npm start", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-server-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates, migrates and seeds a fresh folder, refuses a second owner, and shuts down cleanly on SIGTERM", async () => {
    const dataDir = path.join(dir, "data");
    const first = start("src/server.ts", { DATA_DIR: dataDir });
    const url = await urlOf(first);
    expect(first.stdout).toMatch(/Seeded 22 topics; papers: 39 created/);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await dailyCount(url)).toEqual({ papers: 39, tagged: 39 });

    // A second server, and the migrator, on the same folder: one clear line, non-zero exit.
    const second = start("src/server.ts", { DATA_DIR: dataDir });
    expect(await second.exited).not.toBe(0);
    expect(second.stderr.trim().split("\n"), second.stderr).toHaveLength(1);
    expect(second.stderr).toContain(`is in use by process ${first.child.pid} serving ${url}`);
    const migrator = start("src/db/migrator/cli.ts", { DATA_DIR: dataDir }, ["status"]);
    expect(await migrator.exited).toBe(1);
    expect(migrator.stderr).toContain(`in use by process ${first.child.pid}`);

    // SIGTERM: open WebSockets are closed with "going away", the process exits 0.
    const socket = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    await new Promise((r) => socket.once("open", r));
    const closed = new Promise<number>((r) => socket.once("close", (code) => r(code)));
    first.child.kill("SIGTERM");
    expect(await closed).toBe(SocketCloseCode.GoingAway);
    expect(await first.exited).toBe(0);

    // The folder is free again, and a restart neither migrates nor seeds twice.
    const third = start("src/server.ts", { DATA_DIR: dataDir });
    const url3 = await urlOf(third);
    expect(third.stdout).not.toMatch(/Seeded|Applied migrations/);
    expect(await dailyCount(url3)).toEqual({ papers: 39, tagged: 39 });
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  }, 300_000);

  it("takes over the folder of a server that was killed, keeping its data", async () => {
    const dataDir = path.join(dir, "data");
    const killed = start("src/server.ts", { DATA_DIR: dataDir });
    await urlOf(killed);
    killed.child.kill("SIGKILL");
    await killed.exited;
    const next = start("src/server.ts", { DATA_DIR: dataDir });
    const url = await urlOf(next);
    expect(next.stderr).toContain(`was left locked by process ${killed.child.pid}, which is gone; taking it over`);
    expect(await dailyCount(url)).toEqual({ papers: 39, tagged: 39 });
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  }, 300_000);

  it("exits with one line on a corrupt folder or one from another PostgreSQL version", async () => {
    const corrupt = path.join(dir, "corrupt");
    await mkdir(path.join(corrupt, "pgdata", "global"), { recursive: true });
    await writeFile(path.join(corrupt, "pgdata", "PG_VERSION"), "18\n");
    await writeFile(path.join(corrupt, "pgdata", "global", "pg_control"), Buffer.alloc(8192, 7));
    const p = start("src/server.ts", { DATA_DIR: corrupt });
    expect(await p.exited).toBe(1);
    expect(p.stderr.trim().split("\n")).toHaveLength(1);
    expect(p.stderr).toMatch(/cannot be opened .* may be corrupt/);

    const old = path.join(dir, "old");
    await mkdir(path.join(old, "pgdata"), { recursive: true });
    await writeFile(path.join(old, "pgdata", "PG_VERSION"), "17\n");
    const q = start("src/server.ts", { DATA_DIR: old });
    expect(await q.exited).toBe(1);
    expect(q.stderr.trim()).toMatch(
      /^paperboy: The embedded database in .* was written by PostgreSQL 17, but this PGlite is PostgreSQL 18/,
    );
  });

  it("rejects a bad configuration with the variable named", async () => {
    const p = start("src/server.ts", { DATA_DIR: path.join(dir, "unused"), PORT: "not-a-port" });
    expect(await p.exited).toBe(1);
    expect(p.stderr.trim()).toMatch(/^paperboy: Invalid environment: PORT/);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "refuses to serve a PostgreSQL database with pending migrations, then serves it after db:deploy",
    async () => {
      const created = await createDatabase();
      try {
        const p = start("src/server.ts", { DATABASE_URL: created.url });
        expect(await p.exited).toBe(1);
        expect(p.stderr).toMatch(/is missing migrations \(\d+_init(, \d+_\w+)*\): run npm run db:deploy/);
        const deploy = start("src/db/migrator/cli.ts", { DATABASE_URL: created.url }, ["deploy"]);
        expect(await deploy.exited).toBe(0);
        expect(deploy.stdout).toMatch(/Applied migration \d+_init/);
        const seed = start("seed/cli.ts", { DATABASE_URL: created.url });
        expect(await seed.exited).toBe(0);
        const server = start("src/server.ts", { DATABASE_URL: created.url });
        const url = await urlOf(server);
        expect(await dailyCount(url)).toEqual({ papers: 39, tagged: 39 });
        server.child.kill("SIGTERM");
        expect(await server.exited).toBe(0);
      } finally {
        await created.drop();
      }
    },
    300_000,
  );
});
