// The servers the HTTP benchmark loads: Paperboy as `npm start` runs it, and PostGraphile 5 as its
// CLI runs it (bench/postgraphile/), each a child process so its memory can be read.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The benchmark measures throughput, not the per-user rate limits (50 users write as fast as they can). */
const UNLIMITED = Object.fromEntries(
  ["SIGNUP", "LOGIN", "LOGIN_FAILURES", "UPVOTES", "COMMENTS", "SUBMISSIONS", "WRITES"].map((k) => [`RATE_LIMIT_${k}`, "1000000/60"]),
);

export interface BenchServer {
  name: string;
  pid: number;
  /** http://127.0.0.1:port/graphql */
  graphqlUrl: string;
  /** Resident memory now, and the peak so far, in MB (not rounded). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

function memoryOf(proc: ChildProcess): () => { rssMb: number; peakMb: number } {
  return () => {
    const status = readFileSync(`/proc/${proc.pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  };
}

function stopper(proc: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once("exit", () => resolve());
      proc.kill("SIGTERM");
    });
}

async function waitFor(proc: ChildProcess, output: () => string, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const m = pattern.exec(output());
    if (m) return m;
    if (proc.exitCode !== null) throw new Error(`${what} exited: ${output()}`);
    if (Date.now() > deadline) throw new Error(`${what} did not start: ${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startPaperboy(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", LIVE_POLL_MS: "0", ...UNLIMITED, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const m = await waitFor(proc, () => out, /GraphiQL: (http:\/\/\S+\/graphql)/, name);
  return { name, pid: proc.pid!, graphqlUrl: m[1]!, memory: memoryOf(proc), stop: stopper(proc) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostGraphile(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ["--import", "./bench/postgraphile/polyfill.mjs", "node_modules/postgraphile/dist/cli-run.js", "-C", "bench/postgraphile/graphile.config.mjs"],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), GRAPHILE_ENV: "production", NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  await waitFor(proc, () => out, /Server listening on port/, "PostGraphile");
  return { name: "PostGraphile 5", pid: proc.pid!, graphqlUrl: `http://127.0.0.1:${port}/graphql`, memory: memoryOf(proc), stop: stopper(proc) };
}
