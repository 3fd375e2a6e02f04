// npm start: open (or create, migrate and seed) the database, serve, and shut down gracefully.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { type Database, describeTarget, openDatabase } from "./db.ts";
import { openMigrated, prepareDatabase } from "./db/prepare.ts";
import { startDigestSchedule } from "./digest/schedule.ts";
import { listen } from "./http.ts";
import { type RunSweeper, startRunSweeper } from "./ingest/runs.ts";
import { startPollers } from "./ingest/sources/pollers.ts";
import { PROJECT_DIR } from "./project-dir.ts";

function fail(message: string): never {
  process.stderr.write(`paperboy: ${message}\n`);
  process.exit(1);
}

/**
 * `npm run seed` as a child process on the closed embedded folder. Ingesting the seed page and the
 * demo week grows the heap, and V8 keeps most of what it grew: seeded here, a first start idled
 * 25 MB above a later one (411 against 387 MB, development); seeded by a child that exits, it idles
 * as a later start does.
 */
function seedInChild(): Promise<void> {
  const child = spawn(process.execPath, [path.join(PROJECT_DIR, "scripts", "launch.js"), "seed"], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (exit code ${code})`))));
  });
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    fail((e as Error).message);
  }
  const target = describeTarget(config);
  // PGlite's WebAssembly memory only grows, and PostgreSQL's default 128 MB buffer pool fills it:
  // 32 MB holds the hot pages of the demo database and leaves the rest to the OS's file cache
  // (later starts idled 466 -> 354 MB with it; README "Memory").
  const open = () => openDatabase(config, { sharedBuffers: "32MB" });
  let db: Database;
  try {
    const opened = await openMigrated(config, open);
    db = opened.db;
    if (opened.applied.length > 0) console.log(`Applied migrations: ${opened.applied.join(", ")}`);
  } catch (e) {
    fail((e as Error).message);
  }
  try {
    // What a first start seeds (seed.ts firstStartSeed), seeded by the child; PostgreSQL is never seeded at start.
    if (config.seedOnStart && db.kind === "pglite" && (await db.prisma.topic.count()) === 0) {
      await db.close();
      await seedInChild();
      db = await open();
    }
    for (const line of await prepareDatabase(db)) console.log(line);
  } catch (e) {
    await db.close().catch(() => undefined);
    fail(`${target}: ${(e as Error).message.split("\n")[0]}`);
  }
  // Ingest runs left RUNNING by a process that died are closed now, then whenever their heartbeat lapses.
  let sweeper: RunSweeper;
  try {
    sweeper = await startRunSweeper(db, config.ingestHeartbeatMs, (line) => console.log(line));
  } catch (e) {
    await db.close().catch(() => undefined);
    fail(`${target}: ${(e as Error).message.split("\n")[0]}`);
  }

  // Lets the ingest CLI hand its work to this process when it finds the folder locked.
  const handoffSecret = db.lock ? randomBytes(24).toString("base64url") : undefined;
  let app;
  try {
    app = createApp({ config, db, handoffSecret });
  } catch (e) {
    await db.close().catch(() => undefined);
    fail((e as Error).message);
  }
  const running = await listen(app, { host: config.host, port: config.port }).catch((e: Error) =>
    fail(`cannot listen on ${config.host}:${config.port}: ${e.message}`),
  );
  if (handoffSecret) await db.lock?.advertise({ url: running.url, secret: handoffSecret });
  const pollers = startPollers(app, config, (line) => {
    if (config.logLevel !== "silent") console.log(line);
  });
  if (pollers.names.length > 0) console.log(`Polling ${pollers.names.join(" and ")} every ${config.pollers.intervalMs / 1000} s`);
  console.log(
    `Paperboy is serving ${target}\n  GraphiQL: ${running.url}/graphql\n  WebSocket: ${running.url.replace(/^http/, "ws")}/graphql`,
  );
  const digests = config.smtpUrl ? startDigestSchedule(db, config, (line) => console.log(line)) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing connections and draining requests`);
    await pollers.stop();
    await running.close(config.shutdownGraceMs);
    await sweeper.stop();
    await digests?.stop();
    await app.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

void main();
