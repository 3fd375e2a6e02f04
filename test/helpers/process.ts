// Paperboy as a real process, as `npm start` runs it: with NODE_ENV=production the compiled program
// through scripts/launch.js (global-setup builds dist/), otherwise `node --import tsx <script>`.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ENTRIES } from "../../scripts/entries.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

/** How Node runs a program: in production as `npm start` and the other npm scripts do, by name. */
function programArgs(script: string, production: boolean): string[] {
  const name = Object.entries(ENTRIES).find(([, source]) => source === script)?.[0];
  return production && name ? ["scripts/launch.js", name] : ["--import", "tsx", script];
}

/** SEED_DEMO_WEEK off unless a test asks: a development first start would ingest ~1,200 papers more. */
export function start(script: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, [...programArgs(script, env.NODE_ENV === "production"), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "silent", PORT: "0", HOST: "127.0.0.1", SEED_DEMO_WEEK: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout!.on("data", (d: Buffer) => (proc.stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (proc.stderr += d.toString()));
  return proc;
}

/** The server's base URL, once it prints it. */
export async function urlOf(proc: Proc, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = /GraphiQL: (http:\/\/\S+)\/graphql/.exec(proc.stdout);
    if (m) return m[1]!;
    if (proc.child.exitCode !== null) throw new Error(`server exited ${proc.child.exitCode}: ${proc.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${proc.stdout}\n${proc.stderr}`);
}

export async function stop(proc: Proc): Promise<number | null> {
  if (proc.child.exitCode === null) proc.child.kill("SIGTERM");
  return proc.exited;
}

/** POST a GraphQL operation to a server over HTTP. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<{ data?: T; errors?: { message: string }[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string }[] };
}
