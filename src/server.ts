// npm start: open (or create, migrate and seed) the database, serve, and shut down gracefully.
import { randomBytes } from "node:crypto";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { describeTarget, openDatabase, type Database } from "./db.ts";
import { migrateToLatest, pendingMigrations } from "./db/migrate.ts";
import { startDigestSchedule } from "./digest/schedule.ts";
import { listen } from "./http.ts";
import { seedDatabase } from "../seed/seed.ts";

function fail(message: string): never {
  process.stderr.write(`paperboy: ${message}\n`);
  process.exit(1);
}

async function prepare(db: Database, target: string, seedOnStart: boolean, production: boolean): Promise<void> {
  if (db.kind === "postgres") {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) fail(`${target} is missing migrations (${pending.join(", ")}): run npm run db:deploy`);
    return;
  }
  const applied = await migrateToLatest(db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (seedOnStart && (await db.prisma.topic.count()) === 0) console.log(await seedDatabase(db, { demoUsers: !production }));
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    fail((e as Error).message);
  }
  const target = describeTarget(config);
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (e) {
    fail((e as Error).message);
  }
  try {
    await prepare(db, target, config.seedOnStart, config.env === "production");
  } catch (e) {
    await db.close().catch(() => undefined);
    fail(`${target}: ${(e as Error).message.split("\n")[0]}`);
  }

  const app = createApp({ config, db });
  const running = await listen(app, { host: config.host, port: config.port }).catch((e: Error) => fail(`cannot listen on ${config.host}:${config.port}: ${e.message}`));
  // Lets the ingest CLI hand its work to this process when it finds the folder locked.
  await db.lock?.advertise({ url: running.url, secret: randomBytes(24).toString("base64url") });
  console.log(`Paperboy is serving ${target}\n  GraphiQL: ${running.url}/graphql\n  WebSocket: ${running.url.replace(/^http/, "ws")}/graphql`);
  const digests = config.smtpUrl ? startDigestSchedule(db, config, (line) => console.log(line)) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing connections and draining requests`);
    await running.close(config.shutdownGraceMs);
    await digests?.stop();
    await app.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

void main();
