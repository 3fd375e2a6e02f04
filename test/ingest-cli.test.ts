// `npm run ingest` and `npm run retag` as an operator runs them: real processes on a real data
// folder; handed to a real server that owns the folder (its WebSocket subscribers get the papers);
// writing directly to PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";

import { readOwner } from "../src/db/data-dir.ts";
import { HANDOFF_HEADER } from "../src/ingest/handoff/protocol.ts";
import { graphql } from "./gql/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { FIXTURES } from "./helpers/ingest.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { Collector, startInstance, until, wsClient } from "./helpers/server.ts";

const ROOT = path.resolve(FIXTURES, "..", "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: Record<string, string>, stdin?: Buffer): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const ingest = (args: string[], env: Record<string, string>, stdin?: Buffer) => run("src/ingest/cli.ts", args, env, stdin);

interface JsonOut {
  results: {
    file: string;
    result?: { created: number; updated: number; unchanged: number; rejected: number; status: string; runId: number };
    error?: string;
  }[];
  peakRssBytes: number;
}

const NewPapers = graphql(`
  subscription CliNewPapers {
    paperIngested {
      paper {
        arxivId
        title
      }
    }
  }
`);

describe("ingest CLI on an embedded database", () => {
  let dataDir: string;
  let inputs: string;
  const env = () => ({ DATA_DIR: dataDir });

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "paperboy-cli-"));
    inputs = mkdtempSync(path.join(os.tmpdir(), "paperboy-cli-in-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(inputs, { recursive: true, force: true });
  });

  it("creates, migrates and seeds the folder, then ingests a file with a plain summary", async () => {
    const r = await ingest([path.join(FIXTURES, "arxiv-query.atom.xml")], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Seeded 22 topics; papers: 39 created");
    expect(r.stdout).toMatch(
      /arxiv-query\.atom\.xml: 4 created, 0 updated, 0 unchanged, 0 rejected · 4 papers in [\d.]+ s \(\d+ papers\/s\) · run \d+ \(atom\)/,
    );
  });

  it("reads a directory and gzip on standard input, and prints JSON for scripts", async () => {
    const dir = path.join(inputs, "batch");
    mkdirSync(dir);
    copyFileSync(path.join(FIXTURES, "kaggle-snapshot.jsonl"), path.join(dir, "a.jsonl"));
    copyFileSync(path.join(FIXTURES, "records.json"), path.join(dir, "b.json"));
    writeFileSync(path.join(dir, ".hidden"), "ignored");
    const r = await ingest([dir, "--json"], env());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.results.map((x) => [path.basename(x.file), x.result?.created])).toEqual([
      ["a.jsonl", 3],
      ["b.json", 2],
    ]);
    expect(r.stderr).toContain("total: 5 created, 1 updated, 0 unchanged, 0 rejected in 2 runs");

    const gz = gzipSync(readFileSync(path.join(FIXTURES, "corpus-slice.jsonl")));
    const piped = await ingest(["-", "--json"], env(), gz);
    expect(piped.code).toBe(0);
    expect((JSON.parse(piped.stdout) as JsonOut).results[0]!.result).toMatchObject({ created: 48, updated: 2, status: "SUCCEEDED" });
  });

  it("exits 2 when records were rejected, 1 when a strict run stops, and writes nothing then", async () => {
    const bad = path.join(inputs, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify({ id: "2510.00001", title: "Good" })}\n{"id": "2510.00002"}\n`);
    const r = await ingest([bad], env());
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`  rejected ${bad}:2: no title`);

    const strictBad = path.join(inputs, "strict.jsonl");
    writeFileSync(strictBad, `${JSON.stringify({ id: "2510.00003", title: "Would be good" })}\nnot json\n`);
    const s = await ingest([strictBad, "--strict", "--json"], env());
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${strictBad}:2: malformed JSON`);
    expect(s.stderr).toContain("(strict mode: nothing was written)");
    // Strict over a directory: every file is checked before any is written.
    const dir = path.join(inputs, "strict-dir");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "1.jsonl"), `${JSON.stringify({ id: "2510.00004", title: "First file, fine" })}\n`);
    copyFileSync(strictBad, path.join(dir, "2.jsonl"));
    const d = await ingest([dir, "--strict"], env());
    expect(d.code).toBe(1);
    const check = await ingest([path.join(dir, "1.jsonl"), "--dry-run", "--json"], env());
    expect((JSON.parse(check.stdout) as JsonOut).results[0]!.result).toMatchObject({ created: 1 });
    // Once every file passes, each is written as a strict run.
    writeFileSync(path.join(dir, "2.jsonl"), `${JSON.stringify({ id: "2510.00005", title: "Second file, fine" })}\n`);
    const ok = await ingest([dir, "--strict", "--json"], env());
    expect(ok.code).toBe(0);
    const results = (JSON.parse(ok.stdout) as JsonOut).results.map((x) => x.result);
    expect(results).toMatchObject([
      { created: 1, status: "SUCCEEDED" },
      { created: 1, status: "SUCCEEDED" },
    ]);
  });

  it("explains bad usage", async () => {
    const r = await ingest([path.join(FIXTURES, "records.json"), "--format", "csv"], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--format must be one of auto, page, atom, hf, json, jsonl; not "csv"');
    const missing = await ingest([path.join(inputs, "nope.jsonl")], env());
    expect(missing.stderr).toContain("nope.jsonl: no such file or directory");
    const help = await ingest(["--help"], env());
    expect(help.code).toBe(0);
    expect(help.stderr).toContain("Usage: npm run ingest");
  });

  describe("while a server owns the folder", () => {
    let server: ChildProcess;
    let url: string;

    beforeAll(async () => {
      server = spawn(TSX, [path.join(ROOT, "src/server.ts")], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "test", DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout!.on("data", (d) => {
          out += d;
          const m = /GraphiQL: (http:\/\/[^/\s]+)\/graphql/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
      });
    });
    afterAll(async () => {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
    });

    it("hands the work to the server, whose subscribers get the papers", async () => {
      const ws = wsClient(`${url.replace("http", "ws")}/graphql`);
      const got = new Collector<{ paperIngested: { paper: { arxivId: string; title: string } } }>();
      const stop = ws.subscribe(
        { query: print(NewPapers) },
        { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete },
      );
      // Give graphql-ws time to subscribe before the papers arrive.
      await new Promise((r) => setTimeout(r, 500));

      const r = await ingest([path.join(FIXTURES, "hf-daily-2025-08-08.json")], { DATA_DIR: dataDir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`into the server at ${url}`);
      expect(r.stdout).toMatch(/hf-daily-2025-08-08\.json: 2 created, 1 updated, 0 unchanged, 0 rejected/);
      const received = await got.waitFor(2);
      expect(received.map((x) => x.paperIngested.paper.arxivId).sort()).toEqual(["2508.05629", "2508.05711"]);
      stop();
      await ws.dispose();
    });

    it("streams standard input and strict runs through the server too", async () => {
      const gz = gzipSync(Buffer.from(`${JSON.stringify({ id: "2510.00010", title: "Piped through the server" })}\n`));
      const piped = await ingest(["-"], { DATA_DIR: dataDir }, gz);
      expect(piped.code).toBe(0);
      expect(piped.stdout).toMatch(/stdin: 1 created/);

      const bad = path.join(inputs, "strict-handoff.jsonl");
      writeFileSync(bad, `${JSON.stringify({ id: "2510.00011", title: "Never written" })}\n{"id": "2510.00012"}\n`);
      const s = await ingest([bad, "--strict"], { DATA_DIR: dataDir });
      expect(s.code).toBe(1);
      expect(s.stderr).toContain(`${bad}:2: no title (strict mode: nothing was written)`);
      const after = await ingest([bad, "--dry-run", "--json"], { DATA_DIR: dataDir });
      expect((JSON.parse(after.stdout) as JsonOut).results[0]!.result).toMatchObject({ created: 1, rejected: 1 });
    });

    it("retags through the server", async () => {
      const r = await run("src/ingest/retag-cli.ts", [], { DATA_DIR: dataDir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Retagged \d+ papers in the server at http:\/\/127\.0\.0\.1:\d+, which owns .*: 0 changed/m);
    });

    it("answers 404 without the secret", async () => {
      const owner = await readOwner(dataDir);
      expect(owner?.secret).toBeTruthy();
      for (const headers of [{}, { [HANDOFF_HEADER]: "wrong" }, { [HANDOFF_HEADER]: `${owner!.secret}x` }] as Record<string, string>[]) {
        const res = await fetch(`${url}/internal/ingest`, { method: "POST", headers, body: "{}" });
        expect(res.status).toBe(404);
      }
    });
  });
});

describe.runIf(ENGINES.includes("postgres"))("ingest CLI on PostgreSQL", () => {
  it("writes directly with DATABASE_URL, and a server on the same database delivers the papers", async () => {
    const database = await createDatabase(inject("postgresTemplate") ?? undefined);
    // No safety-net polling: only the CLI's NOTIFY can wake this server.
    const live = await startInstance(database.url);
    try {
      const url = database.url;
      const ws = wsClient(live.wsUrl);
      const got = new Collector<{ paperIngested: { paper: { arxivId: string; title: string } } }>();
      const stop = ws.subscribe(
        { query: print(NewPapers) },
        { next: (r) => got.push(r.data as never), error: got.fail, complete: got.complete },
      );
      await until(() => live.app.activeSubscriptions() >= 1, "the subscription", 5_000);

      const r = await ingest([path.join(FIXTURES, "arxiv-query.atom.xml"), "--json"], { DATABASE_URL: url });
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as JsonOut).results[0]!.result).toMatchObject({ created: 4 });
      expect(r.stderr).toMatch(/into PostgreSQL at 127\.0\.0\.1:5432\/paperboy_test_/);
      // The CLI's NOTIFY reached the server, which delivered each new paper to its subscriber.
      const received = await got.waitFor(4);
      expect(received.map((x) => x.paperIngested.paper.arxivId).sort()).toEqual([
        "2503.11731",
        "2503.11742",
        "2503.11900",
        "hep-th/9901001",
      ]);
      stop();
      await ws.dispose();
    } finally {
      await live.close();
      await database.drop();
    }
  });
});
