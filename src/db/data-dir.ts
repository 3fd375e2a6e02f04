// The embedded database's folder: DATA_DIR/pgdata holds PGlite's files, DATA_DIR/owner.json says
// which process owns them. PGlite does not guard its folder: two processes that open it corrupt it
// silently. We lock the folder with proper-lockfile (an atomic mkdir whose mtime the owner keeps
// fresh, so a crashed owner's lock goes stale by itself) and refuse a second opener with one line.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";

export class DataDirError extends Error {
  override name = "DataDirError";
}

/** What the owning process tells others about itself (the ingest CLI hands work to `url`). */
export interface DataDirOwner {
  pid: number;
  startedAt: string;
  /** Set once a server listens: where to reach it, and the secret it accepts for local handoff. */
  url?: string;
  secret?: string;
}

const STALE_MS = 15_000;

export function pgdataPath(dataDir: string): string {
  return path.join(dataDir, "pgdata");
}

function ownerPath(dataDir: string): string {
  return path.join(dataDir, "owner.json");
}

export async function readOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  try {
    return JSON.parse(await readFile(ownerPath(dataDir), "utf8")) as DataDirOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface DataDirLock {
  /** Record how other processes can reach this one (called by the server once it listens). */
  advertise(info: { url: string; secret: string }): Promise<void>;
  release(): Promise<void>;
}

/**
 * Take the folder for this process, or throw a DataDirError naming the owner.
 * A lock left by a process that died is taken over once it is stale (at most STALE_MS).
 */
export async function lockDataDir(dataDir: string, waitedForStale = false): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "paperboy.lock");
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      update: STALE_MS / 3,
      realpath: false,
      onCompromised: (err) => {
        // Another process took the folder while we held it: continuing would corrupt the database.
        process.stderr.write(`paperboy: lost the lock on ${dataDir} (${err.message}); exiting\n`);
        process.exit(70);
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ELOCKED") throw e;
    const owner = await readOwner(dataDir);
    if (owner && !isAlive(owner.pid) && !waitedForStale) {
      // The owner died without releasing; its lock goes stale within STALE_MS.
      return waitForStaleLock(dataDir, owner.pid);
    }
    const who = owner ? `process ${owner.pid}${owner.url ? ` serving ${owner.url}` : ""}` : "another process";
    throw new DataDirError(
      `The data folder ${dataDir} is in use by ${who}. Stop it, or set DATA_DIR to another folder.`,
    );
  }
  const owner: DataDirOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  await writeFile(ownerPath(dataDir), JSON.stringify(owner), { mode: 0o600 });
  return {
    async advertise(info) {
      Object.assign(owner, info);
      await writeFile(ownerPath(dataDir), JSON.stringify(owner), { mode: 0o600 });
    },
    async release() {
      await rm(ownerPath(dataDir), { force: true });
      await releaseLock();
    },
  };
}

async function waitForStaleLock(dataDir: string, deadPid: number): Promise<DataDirLock> {
  const deadline = Date.now() + STALE_MS + 2_000;
  process.stderr.write(`paperboy: ${dataDir} was left locked by process ${deadPid}, which is gone; waiting for the lock to expire\n`);
  const lockfilePath = path.join(dataDir, "paperboy.lock");
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    if (!(await lockfile.check(dataDir, { lockfilePath, stale: STALE_MS, realpath: false }))) break;
  }
  return lockDataDir(dataDir, true);
}
