// The digest's "Recommended for you" section, through a real SMTP server: a subscriber with enough
// upvotes gets the period's papers most like theirs (top 5, each saying why); one with too few
// signals gets no such section.
import type { AddressInfo } from "node:net";

import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runDigest } from "../src/digest/job.ts";
import { createTransport } from "../src/digest/transport.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const DAY = "2025-08-08";

function paper(field: "protein" | "galaxy", i: number) {
  const words =
    field === "protein"
      ? ["protein", "folding", "residue", "enzyme", "binding", "peptide", "ligand", "docking"]
      : ["galaxy", "stellar", "redshift", "halo", "telescope", "dwarf", "quasar", "nebula"];
  const w = (k: number) => words[(i + k) % words.length]!;
  return syntheticPaper(700 + (field === "protein" ? 0 : 50) + i, {
    title: `${w(0)} ${w(1)} and ${w(2)} in study ${i}`,
    abstract: `We model ${w(0)} ${w(1)} with ${w(3)} ${w(4)} and measure ${w(2)} ${w(5)}.`,
    categories: [field === "protein" ? "q-bio.BM" : "astro-ph.GA"],
    listedOn: DAY,
  });
}

describe.each(ENGINES)("digest recommendations on %s", (engine) => {
  let app: TestApp;
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, _session, cb) => {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          cb();
        })
        .catch(cb);
    },
  });
  const protein: number[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    app = await createTestApp(engine, {
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      DIGEST_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      PUBLIC_URL: "http://paperboy.test",
      MAIL_FROM: "Paperboy <digest@paperboy.test>",
    });
    const records = [
      ...Array.from({ length: 8 }, (_, i) => paper("protein", i)),
      ...Array.from({ length: 8 }, (_, i) => paper("galaxy", i)),
    ];
    await ingestRecords(app, records);
    const rows = await app.db.prisma.paper.findMany({
      where: { arxivId: { in: records.slice(0, 8).map((r) => r.arxivId!) } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    protein.push(...rows.map((r) => r.id));
    const users = await app.db.prisma.user.findMany({ where: { handle: { in: ["reader", "curator"] } } });
    const reader = users.find((u) => u.handle === "reader")!;
    const curator = users.find((u) => u.handle === "curator")!;
    // The reader upvoted three protein papers; the curator one.
    await app.db.prisma.upvote.createMany({ data: protein.slice(0, 3).map((paperId) => ({ userId: reader.id, paperId })) });
    await app.db.prisma.upvote.create({ data: { userId: curator.id, paperId: protein[0]! } });
    await app.db.prisma.user.updateMany({ where: { id: { in: [reader.id, curator.id] } }, data: { digestFrequency: "DAILY" } });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("adds the day's papers most like the subscriber's upvotes, with why, only when there are enough of them", async () => {
    const transport = await createTransport(app.config);
    const result = await runDigest(app.db, app.config, transport, { now: new Date("2025-08-09T06:00:00Z") }).finally(() =>
      transport.close(),
    );
    expect(result.sent).toBe(2);
    const mailTo = (address: string) =>
      received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address) ?? expect.fail(`no mail to ${address}`);

    const reader = mailTo("reader@paperboy.local");
    const text = reader.text!;
    expect(text).toContain("Recommended for you\n===================");
    const section = text.slice(text.indexOf("Recommended for you"));
    const titles = [...section.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]!);
    expect(titles).toHaveLength(5);
    const upvoted = await app.db.prisma.paper.findMany({ where: { id: { in: protein.slice(0, 3) } }, select: { title: true } });
    for (const title of titles) {
      // Protein papers (their titles use the protein words), never the ones already upvoted.
      expect(title).toMatch(/protein|folding|residue|enzyme|binding|peptide|ligand|docking/);
      expect(upvoted.map((u) => u.title)).not.toContain(title);
    }
    expect(section.match(/ {3}Like papers you upvoted, saved or commented on: \S/g)).toHaveLength(5);
    const html = reader.html as string;
    expect(html).toMatch(/<h2[^>]*>Recommended for you<\/h2>/);
    // Each recommended card carries its reason, in italics, under the authors.
    expect(html.match(/font-style:italic[^>]*>Like papers you upvoted, saved or commented on: [^<]+</g)).toHaveLength(5);

    // One upvote is too few to learn from: no such section.
    const curator = mailTo("curator@paperboy.local");
    expect(curator.text).not.toContain("Recommended for you");
  });
});
