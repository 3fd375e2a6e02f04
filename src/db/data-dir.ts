// The embedded database's folder: DATA_DIR/pgdata holds PGlite's files, DATA_DIR/owner.json says
// which process owns them. PGlite does not guard its folder: two processes that open it corrupt it
// silently. We lock the folder with proper-lockfile (an atomic mkdir whose mtime the owner keeps
// fresh) and refuse a second opener with one line.
//
// PGlite runs in the main thread, so a long statement (a migration, a big ingest chunk on a busy
// machine) can hold up the owner's lock refresh. The lock therefore goes stale only after a long
// STALE_MS; a lock whose recorded owner process is gone is taken over sooner, once it has not been
// refreshed for two refresh periods.
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
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

const UPDATE_MS = 10_000;
const STALE_MS = 120_000;

export function pgdataPath(dataDir: string): string {
  return path.join(dataDir, "pgdata");
}

function ownerPath(dataDir: string): string {
  return path.join(dataDir, "owner.json");
}

function lockPath(dataDir: string): string {
  return path.join(dataDir, "paperboy.lock");
}

export async function readOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  try {
    return JSON.parse(await readFile(ownerPath(dataDir), "utf8")) as DataDirOwner;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half of it. */
async function writeOwner(dataDir: string, owner: DataDirOwner): Promise<void> {
  const tmp = `${ownerPath(dataDir)}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(owner), { mode: 0o600 });
  await rename(tmp, ownerPath(dataDir));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function lockAgeMs(dataDir: string): Promise<number> {
  try {
    return Date.now() - (await stat(lockPath(dataDir))).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export interface DataDirLock {
  /** Record how other processes can reach this one (called by the server once it listens). */
  advertise(info: { url: string; secret: string }): Promise<void>;
  release(): Promise<void>;
}

/** Take the folder for this process, or throw a DataDirError naming the owner. */
export async function lockDataDir(dataDir: string, tookOverDeadOwner = false): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await lockfile.lock(dataDir, {
      lockfilePath: lockPath(dataDir),
      stale: STALE_MS,
      update: UPDATE_MS,
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
    if (owner && !isAlive(owner.pid) && !tookOverDeadOwner) return takeOverFromDeadOwner(dataDir, owner.pid);
    const who = owner ? `process ${owner.pid}${owner.url ? ` serving ${owner.url}` : ""}` : "another process";
    throw new DataDirError(`The data folder ${dataDir} is in use by ${who}. Stop it, or set DATA_DIR to another folder.`);
  }
  const owner: DataDirOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  await writeOwner(dataDir, owner);
  return {
    async advertise(info) {
      Object.assign(owner, info);
      await writeOwner(dataDir, owner);
    },
    async release() {
      await rm(ownerPath(dataDir), { force: true });
      await releaseLock();
    },
  };
}

/**
 * The recorded owner is gone. Its lock is removed once it has not been refreshed for two refresh
 * periods — a process that just took the lock (and has not yet recorded itself) refreshed it
 * moments ago, so it is never mistaken for the dead one.
 */
async function takeOverFromDeadOwner(dataDir: string, deadPid: number): Promise<DataDirLock> {
  process.stderr.write(`paperboy: ${dataDir} was left locked by process ${deadPid}, which is gone; taking it over\n`);
  const deadline = Date.now() + STALE_MS;
  while ((await lockAgeMs(dataDir)) < 2 * UPDATE_MS && Date.now() < deadline) {
    const owner = await readOwner(dataDir);
    if (owner && owner.pid !== deadPid) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const owner = await readOwner(dataDir);
  if (owner?.pid === deadPid && (await lockAgeMs(dataDir)) >= 2 * UPDATE_MS) await rm(lockPath(dataDir), { recursive: true, force: true });
  return lockDataDir(dataDir, true);
}
