// `npm start` as a real child process (node --import tsx src/server.ts), for tests that need what
// only a process has: its stdout, signals, its own exit.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
  /** http://host:port, once the server prints it. */
  url: Promise<string>;
  /** stdout lines that are JSON log records. */
  logs(): Record<string, unknown>[];
}

export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code))),
  } as ServerProcess;
  child.stdout!.on("data", (d: Buffer) => (proc.stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (proc.stderr += d.toString()));
  proc.url = (async () => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const m = /GraphiQL: (http:\/\/\S+)\/graphql/.exec(proc.stdout);
      if (m) return m[1]!;
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${proc.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not start: ${proc.stdout}\n${proc.stderr}`);
  })();
  proc.logs = () =>
    proc.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return proc;
}
