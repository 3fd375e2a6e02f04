// PostgreSQL for tests: TEST_DATABASE_URL names a server (and a database the tests may use to
// create others); each test file gets its own database copied from a seeded template.
import { randomBytes } from "node:crypto";

import pg from "pg";

/** Per test run: runs that share a PostgreSQL server (developers, CI) must not share a template. */
export function templateName(): string {
  return `paperboy_tpl_${randomBytes(5).toString("hex")}`;
}

export function databaseUrl(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database (empty, or copied from a template); returns its URL and how to drop it. */
export async function createDatabase(template?: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `paperboy_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  return {
    url: databaseUrl(base, name),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
