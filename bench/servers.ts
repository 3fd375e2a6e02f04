// The servers the HTTP benchmark loads: Paperboy as `npm start` runs it, and PostGraphile 5 as its
// CLI runs it (bench/postgraphile/), each a child process so its memory can be read. PostGraphile
// lives in its own package (bench/postgraphile/package.json, installed by `npm run bench`), so that
// installing Paperboy does not install the peer.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import WebSocket from "ws";

import { buildDist } from "../scripts/build.ts";

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
  /** Heap used and resident memory right after a full garbage collection (servers started with `inspect`). */
  heapAfterGc?(): Promise<{ heapMb: number; rssMb: number }>;
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

/**
 * The process's memory after a full GC, asked through its inspector (Chrome DevTools Protocol):
 * heap used without a GC just before says more about when the collector last ran than about a leak.
 */
async function heapAfterGc(inspectorUrl: string): Promise<{ heapMb: number; rssMb: number }> {
  const ws = new WebSocket(inspectorUrl);
  await once(ws, "open");
  let next = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { value?: string } }>((resolve, reject) => {
      const id = ++next;
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(data.toString()) as { id?: number; result?: { result?: { value?: string } }; error?: { message: string } };
        if (m.id !== id) return;
        ws.off("message", onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result ?? {});
      };
      ws.on("message", onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call("HeapProfiler.collectGarbage");
    const r = (await call("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true })) as {
      result?: { value?: string };
    };
    const usage = JSON.parse(r.result?.value ?? "{}") as { heapUsed: number; rss: number };
    return { heapMb: usage.heapUsed / 2 ** 20, rssMb: usage.rss / 2 ** 20 };
  } finally {
    ws.close();
  }
}

let building: Promise<void> | undefined;
/** dist/ built once per benchmark process, from the sources as they are now. */
const built = () => (building ??= buildDist(() => undefined));

/** `inspect`: open the inspector on a free loopback port, for heapAfterGc (the soak run). */
export async function startPaperboy(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  opts: { inspect?: boolean } = {},
): Promise<BenchServer> {
  // As production starts it: compiled (scripts/build.ts), by the launcher `npm start` runs.
  await built();
  // BENCH_SERVER_NODE_ARGS: Node flags for Paperboy's servers only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...nodeArgs, ...(opts.inspect ? ["--inspect=127.0.0.1:0"] : []), "scripts/launch.js", "server"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      LIVE_POLL_MS: "0",
      ...UNLIMITED,
      ...env,
    },
    stdio: ["ignore", "pipe", opts.inspect ? "pipe" : "inherit"],
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
    // The inspector's own lines (listening, attached, help) are not the server's.
    const own = d
      .toString()
      .split("\n")
      .filter((l) => l && !/^(Debugger |For help, see)/.test(l));
    if (own.length > 0) process.stderr.write(`${own.join("\n")}\n`);
  });
  const m = await waitFor(proc, () => out, /GraphiQL: (http:\/\/\S+\/graphql)/, name);
  const inspector = opts.inspect
    ? (await waitFor(proc, () => err, /Debugger listening on (ws:\/\/\S+)/, `${name}'s inspector`))[1]!
    : undefined;
  return {
    name,
    pid: proc.pid!,
    graphqlUrl: m[1]!,
    memory: memoryOf(proc),
    ...(inspector ? { heapAfterGc: () => heapAfterGc(inspector) } : {}),
    stop: stopper(proc),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const POSTGRAPHILE_CLI = path.join(root, "bench/postgraphile/node_modules/postgraphile/dist/cli-run.js");

export async function startPostGraphile(databaseUrl: string): Promise<BenchServer> {
  if (!existsSync(POSTGRAPHILE_CLI))
    throw new Error("PostGraphile is not installed: `npm run bench` installs it (npm ci --prefix bench/postgraphile)");
  return startProcess(
    "PostGraphile 5",
    ["--import", "./bench/postgraphile/polyfill.mjs", POSTGRAPHILE_CLI, "-C", "bench/postgraphile/graphile.config.mjs"],
    { DATABASE_URL: databaseUrl, GRAPHILE_ENV: "production", NODE_ENV: "production" },
    /Server listening on port/,
  );
}

/** bench/stack-floor.ts in `mode` (prisma, pg or static), run as the benchmark runs its other tools. */
export function startStackFloor(mode: string, databaseUrl: string): Promise<BenchServer> {
  return startProcess(
    `stack floor (${mode})`,
    ["--import", "tsx", "bench/stack-floor.ts"],
    { DATABASE_URL: databaseUrl, FLOOR_MODE: mode, NODE_ENV: "production" },
    /listening on/,
  );
}

/** A server other than Paperboy: `node <args>` on a free port (PORT), ready once its output matches `ready`. */
async function startProcess(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<BenchServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const collect = (d: Buffer) => (out += d.toString());
  proc.stdout!.on("data", collect);
  proc.stderr!.on("data", collect);
  await waitFor(proc, () => out, ready, name);
  return {
    name,
    pid: proc.pid!,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    memory: memoryOf(proc),
    stop: stopper(proc),
  };
}
