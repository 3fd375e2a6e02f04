// On PostgreSQL, Prisma's model statements run prepared (src/db/prepared-statements.ts): each
// connection keeps at most PREPARED_PER_CONNECTION of them, so a client asking for ever new
// selections cannot grow the server's backends without bound, and a statement that was
// deallocated to make room still answers when it comes back.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { type Database, fromPostgres } from "../src/db.ts";
import { PREPARED_PER_CONNECTION } from "../src/db/prepared-statements.ts";
import { rankedPapers } from "../src/discovery/listings.ts";
import { addDays } from "../src/discovery/periods.ts";
import { createDatabase } from "./helpers/postgres.ts";

const COLUMNS = ["title", "abstract", "arxivId", "listedOn", "upvoteCount", "commentCount", "doi", "comment"] as const;

/** The n-th of 2^8 selections of Paper columns: each is a statement text of its own. */
function selection(n: number): Record<string, true> {
  const select: Record<string, true> = { id: true };
  COLUMNS.forEach((c, i) => {
    if (n & (1 << i)) select[c] = true;
  });
  return select;
}

describe.runIf(process.env.TEST_DATABASE_URL)("prepared statements on PostgreSQL", () => {
  let db: Database;
  let unprepared: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createDatabase(inject("postgresTemplate") ?? undefined);
    drop = created.drop;
    // One connection: every statement below runs on the session whose prepared statements we read.
    db = fromPostgres(created.url, 1);
    // DATABASE_PREPARED_STATEMENTS=0
    unprepared = fromPostgres(created.url, 1, 0);
  });

  afterAll(async () => {
    await db.close();
    await unprepared.close();
    await drop();
  });

  const prepared = async (on = db) =>
    (await on.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int4 AS n FROM pg_prepared_statements`)[0]!.n;

  it("prepares a model query once and reuses it", async () => {
    const first = await db.prisma.paper.findMany({ select: selection(1), take: 3, orderBy: { id: "asc" } });
    const before = await prepared();
    const again = await db.prisma.paper.findMany({ select: selection(1), take: 3, orderBy: { id: "asc" } });
    expect(again).toEqual(first);
    expect(first).toHaveLength(3);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await prepared()).toBe(before);
  });

  it("prepares a day's listing, whatever the day, and leaves a range of days to be planned each time", async () => {
    const [row] = await db.prisma.$queryRaw<{ day: Date }[]>`SELECT max(listed_on) AS day FROM paper`;
    const day = row!.day;
    const listing = (from: Date, days: number) =>
      rankedPapers(db.prisma, { from, until: addDays(from, days), sort: "UPVOTES", asOf: new Date(), limit: 5 });
    const before = await prepared();
    const page = await listing(day, 1);
    expect(await prepared()).toBe(before + 1);
    // The prepared statement answers with the day's papers, best first...
    expect(page.length).toBeGreaterThan(0);
    expect(page.map((r) => r.listed_on.getTime())).toEqual(page.map(() => day.getTime()));
    expect(page.map((r) => r.votes)).toEqual([...page.map((r) => r.votes)].sort((a, b) => b - a));
    // ...and is the same one for any other day.
    await listing(addDays(day, -1), 1);
    await listing(addDays(day, -30), 1);
    expect(await prepared()).toBe(before + 1);
    await listing(addDays(day, -6), 7);
    await listing(addDays(day, -13), 7);
    expect(await prepared()).toBe(before + 1);
  });

  it("prepares nothing when DATABASE_PREPARED_STATEMENTS is 0", async () => {
    const rows = await unprepared.prisma.paper.findMany({ select: selection(3), take: 3, orderBy: { id: "asc" } });
    expect(rows).toEqual(await db.prisma.paper.findMany({ select: selection(3), take: 3, orderBy: { id: "asc" } }));
    expect(await prepared(unprepared)).toBe(0);
  });

  it("keeps at most its bound of statements per connection, and answers again for one it let go", async () => {
    const expected = await db.prisma.paper.findFirst({ select: selection(0b1011), orderBy: { id: "asc" } });
    for (let n = 0; n < 2 ** COLUMNS.length; n++) {
      const row = await db.prisma.paper.findFirst({ select: selection(n), orderBy: { id: "asc" } });
      expect(Object.keys(row!).sort()).toEqual(Object.keys(selection(n)).sort());
    }
    expect(await prepared()).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
    // Evicted long ago (256 selections since): prepared anew under another name.
    expect(await db.prisma.paper.findFirst({ select: selection(0b1011), orderBy: { id: "asc" } })).toEqual(expected);
  });

  it("reports a failing prepared statement as the database's error, and the connection goes on", async () => {
    const [a, b] = await db.prisma.user.findMany({ select: { id: true, handleKey: true }, orderBy: { id: "asc" }, take: 2 });
    await expect(db.prisma.user.update({ where: { id: b!.id }, data: { handleKey: a!.handleKey } })).rejects.toMatchObject({
      code: "P2002",
    });
    expect(await db.prisma.user.findUnique({ where: { id: b!.id }, select: { handleKey: true } })).toEqual({ handleKey: b!.handleKey });
  });

  it("prepares a statement again, unseen by the caller, when a migration changed a column's type under it", async () => {
    const read = () => db.prisma.topic.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" }, take: 3 });
    const before = await read();
    expect(before).toHaveLength(3);
    // The same text runs under its prepared name; then the column it returns changes type.
    await read();
    await db.prisma.$executeRawUnsafe("ALTER TABLE topic ALTER COLUMN name TYPE varchar(500)");
    expect(await read()).toEqual(before);
    expect(await read()).toEqual(before);
  });
});
