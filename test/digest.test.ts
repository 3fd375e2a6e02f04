// Email digests against a real SMTP server started in the test (smtp-server): who gets what, both
// MIME parts and their links, never twice per period, a rejected send retried by the next run, the
// signed unsubscribe link, the .eml outbox without SMTP, and the updateDigestSettings mutation.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { encodeGlobalID } from "@pothos/plugin-relay";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashToken } from "../src/auth/tokens.ts";
import type { DigestPaper } from "../src/digest/content.ts";
import { runDigest } from "../src/digest/job.ts";
import { renderDigest } from "../src/digest/render.ts";
import { startDigestSchedule } from "../src/digest/schedule.ts";
import { createTransport } from "../src/digest/transport.ts";
import { parseIsoWeek } from "../src/discovery/periods.ts";
import { graphql } from "./gql/index.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";
import { launchBrowser, missingBrowser } from "./helpers/browser.ts";
import { data } from "./helpers/data.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const UpdateDigest = graphql(`
  mutation UpdateDigest($frequency: DigestFrequency!, $topics: [String!], $savedSearches: [ID!]) {
    updateDigestSettings(frequency: $frequency, topics: $topics, savedSearches: $savedSearches) {
      __typename
      ... on UpdateDigestSettingsPayload {
        data {
          frequency
          topics {
            slug
          }
          savedSearchIds
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
        code
      }
    }
  }
`);

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

class Mailbox {
  readonly received: ParsedMail[] = [];
  readonly envelopes: string[][] = [];
  rejecting = false;
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo: (address, _session, cb) =>
      this.rejecting ? cb(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 })) : cb(),
    onData: (stream, session, cb) => {
      simpleParser(stream)
        .then((mail) => {
          this.received.push(mail);
          this.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          cb();
        })
        .catch(cb);
    },
  });
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return (this.server.server.address() as AddressInfo).port;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

describe("email digests over SMTP", () => {
  let app: TestApp;
  const mailbox = new Mailbox();
  let readerId: number;
  let curatorId: number;

  beforeAll(async () => {
    const port = await mailbox.start();
    app = await createTestApp("pglite", {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      DIGEST_SECRET: SECRET,
      PUBLIC_URL: "http://paperboy.test",
      MAIL_FROM: "Paperboy <digest@paperboy.test>",
    });
    const users = await app.db.prisma.user.findMany({ orderBy: { id: "asc" } });
    readerId = users.find((u) => u.handle === "reader")!.id;
    curatorId = users.find((u) => u.handle === "curator")!.id;
    const clustering = await app.db.prisma.topic.findUniqueOrThrow({ where: { slug: "clustering" } });
    await app.db.prisma.user.update({
      where: { id: readerId },
      data: { digestFrequency: "DAILY", digestTopics: { create: [{ topicId: clustering.id }] } },
    });
    await app.db.prisma.savedSearch.create({
      data: { userId: readerId, name: "NTK", query: '"neural tangent"', filter: {}, inDigest: true },
    });
    await app.db.prisma.user.update({ where: { id: curatorId }, data: { digestFrequency: "WEEKLY" } });
  });
  afterAll(async () => {
    await app?.close();
    await mailbox.close();
  });

  const run = async (now: string) => {
    const transport = await createTransport(app.config);
    return runDigest(app.db, app.config, transport, { now: new Date(now) }).finally(() => transport.close());
  };

  it("sends each daily subscriber one multipart email with the day's top papers in their topics and saved searches", async () => {
    // The morning after the seeded Daily Papers day (2025-08-08).
    const result = await run("2025-08-09T06:00:00Z");
    // The weekly subscriber's last complete week (2025-W31) has no papers: nothing to send.
    expect(result).toEqual({ sent: 1, failed: 0, empty: 1, skipped: 0 });
    expect(mailbox.received).toHaveLength(1);
    const mail = mailbox.received[0]!;
    expect(mailbox.envelopes[0]).toEqual(["reader@paperboy.local"]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address : null).toBe("reader@paperboy.local");
    expect(mail.from?.value[0]!.address).toBe("digest@paperboy.test");
    expect(mail.subject).toMatch(/^Paperboy daily digest, 2025-08-08: \d+ papers$/);
    expect(mail.text).toContain("Top papers in Clustering");
    expect(mail.text).toContain('Your saved search "NTK"');
    expect(mail.text).toContain("Neural Tangent Kernel: Convergence and Generalization in Neural Networks");
    expect(typeof mail.html).toBe("string");
    const html = mail.html as string;
    expect(html).toMatch(/<h2[^>]*>Top papers in Clustering<\/h2>/);

    // Every paper in the digest is linked in both parts. The seeded page gives no arXiv ids, so
    // each links to an arXiv title search; the top section holds the day's clustering papers.
    const clusteringPapers = await app.db.prisma.paper.findMany({
      where: { listedOn: new Date("2025-08-08"), topics: { some: { topic: { slug: "clustering" } } } },
      select: { title: true },
    });
    expect(clusteringPapers.length).toBeGreaterThan(0);
    const hrefs = links(html);
    const paperLinks = hrefs.filter((h) => h.startsWith("https://arxiv.org/search/?searchtype=title&query="));
    const linkedTitles = paperLinks.map((h) => decodeURIComponent(h.slice(h.indexOf("query=") + 6)));
    const topSection = html.slice(html.indexOf(">Top papers in Clustering</h2>"), html.indexOf(">Your saved search &quot;NTK&quot;</h2>"));
    expect((topSection.match(/class="paper-title"/g) ?? []).length).toBe(Math.min(10, clusteringPapers.length));
    for (const p of clusteringPapers.slice(0, 10)) expect(linkedTitles).toContain(p.title);
    for (const h of paperLinks) expect(mail.text).toContain(`Paper: ${h}`);
    expect(linkedTitles).toContain("Neural Tangent Kernel: Convergence and Generalization in Neural Networks");

    const unsubscribe = hrefs.find((h) => h.startsWith("http://paperboy.test/digest/unsubscribe?token="))!;
    expect(unsubscribe).toBeDefined();
    expect(mail.text).toContain(`Unsubscribe: ${unsubscribe}`);
    const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, " ");
    expect(header("list-unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribe}>`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    const delivery = await app.db.prisma.digestDelivery.findUniqueOrThrow({
      where: { userId_frequency_period: { userId: readerId, frequency: "DAILY", period: "2025-08-08" } },
    });
    expect(delivery).toMatchObject({ status: "SENT", attempts: 1 });
    expect(delivery.messageId).toBe(mail.messageId);
  });

  it("never sends the same period twice", async () => {
    const again = await run("2025-08-09T18:00:00Z");
    expect(again.sent).toBe(0);
    expect(again.skipped).toBe(1);
    expect(mailbox.received).toHaveLength(1);
  });

  it("records a send the SMTP server rejects, and the next run retries it once", async () => {
    mailbox.rejecting = true;
    // Monday 2025-08-11: the weekly digest of 2025-W32 (which holds 2025-08-08) is due.
    const failed = await run("2025-08-11T06:00:00Z");
    expect(failed.failed).toBe(1);
    const row = await app.db.prisma.digestDelivery.findUniqueOrThrow({
      where: { userId_frequency_period: { userId: curatorId, frequency: "WEEKLY", period: "2025-W32" } },
    });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toMatch(/Mailbox unavailable/);
    expect(mailbox.received).toHaveLength(1);

    mailbox.rejecting = false;
    // The next run is a day later: the failed week is retried although the daily period moved on.
    const retried = await run("2025-08-12T06:00:00Z");
    expect(retried.sent).toBe(1);
    expect(mailbox.received).toHaveLength(2);
    const weekly = mailbox.received[1]!;
    expect(mailbox.envelopes[1]).toEqual(["curator@paperboy.local"]);
    expect(weekly.subject).toMatch(/^Paperboy weekly digest, week 2025-W32: 10 papers$/);
    expect(weekly.text).toContain("Top papers\n==========");
    expect(await app.db.prisma.digestDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "SENT",
      attempts: 2,
      lastError: null,
    });

    expect((await run("2025-08-12T07:00:00Z")).sent).toBe(0);
    expect(mailbox.received).toHaveLength(2);
  });

  it("turns the digest off from the signed link in the email, without logging in", async () => {
    const link = links(mailbox.received[0]!.html as string).find((h) => h.includes("/digest/unsubscribe"))!;
    const local = link.replace("http://paperboy.test", "http://localhost");
    const page = await app.yoga.fetch(local);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("reader@paperboy.local");
    expect(body).toContain('<form method="post"');
    expect((await app.db.prisma.user.findUniqueOrThrow({ where: { id: readerId } })).digestFrequency).toBe("DAILY");

    const forged = await app.yoga.fetch(local.replace(/token=(\d+)\./, `token=${curatorId}.`), { method: "POST" });
    expect(forged.status).toBe(400);
    expect((await app.db.prisma.user.findUniqueOrThrow({ where: { id: curatorId } })).digestFrequency).toBe("WEEKLY");

    const done = await app.yoga.fetch(local, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("will get no more Paperboy digests");
    expect((await app.db.prisma.user.findUniqueOrThrow({ where: { id: readerId } })).digestFrequency).toBe("OFF");
  });

  it("runs inside the server on a schedule: at start, for the day that just ended", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await ingestRecords(app, [syntheticPaper(1, { listedOn: yesterday, title: "A paper of yesterday" })]);
    const admin = await app.db.prisma.user.update({ where: { email: "admin@paperboy.local" }, data: { digestFrequency: "DAILY" } });
    const lines: string[] = [];
    const schedule = startDigestSchedule(app.db, app.config, (line) => lines.push(line));
    await expect.poll(() => mailbox.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await schedule.stop();
    expect(mailbox.envelopes[2]).toEqual(["admin@paperboy.local"]);
    expect(mailbox.received[2]!.subject).toBe(`Paperboy daily digest, ${yesterday}: 1 paper`);
    expect(mailbox.received[2]!.text).toContain("A paper of yesterday");
    expect(lines).toEqual(["Digests: 1 sent, 0 failed (retried next run)"]);
    expect(await app.db.prisma.digestDelivery.count({ where: { userId: admin.id, period: yesterday, status: "SENT" } })).toBe(1);
  });
});

describe("a digest's cards (MJML)", () => {
  const paper = (over: Partial<DigestPaper>): DigestPaper => ({
    id: 1,
    title: "A paper",
    abstract: "An abstract.",
    absUrl: "https://arxiv.org/abs/2508.00001",
    pdfUrl: "https://arxiv.org/pdf/2508.00001",
    codeUrl: "https://github.com/example/code",
    githubStars: 1234,
    upvoteCount: 3,
    sourceUpvotes: 40,
    commentCount: 2,
    authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }],
    topics: [{ topic: { slug: "clustering", name: "Clustering" } }, { topic: { slug: "llm", name: "Large language models" } }],
    ...over,
  });

  it("shows each paper as the reader page does: title, authors, topics, votes, abstract, PDF and code links, in both parts", async () => {
    const hostile = "<script>alert(1)</script> & \u202Eright-to-left";
    const content = {
      paperCount: 2,
      sections: [
        {
          heading: "Top papers",
          papers: [paper({}), paper({ id: 2, title: hostile, pdfUrl: null, codeUrl: null, githubStars: null, topics: [] })],
        },
        {
          heading: "Recommended for you",
          papers: [paper({ id: 3, title: "Another paper", commentCount: 1, sourceUpvotes: 0, upvoteCount: 1 })],
        },
      ],
    };
    const mail = await renderDigest(
      "Ada <admin>",
      parseIsoWeek("2025-W32"),
      content,
      "http://paperboy.test/digest/unsubscribe?token=t",
      "http://paperboy.test/?week=2025-W32",
    );
    expect(mail.subject).toBe("Paperboy weekly digest, week 2025-W32: 2 papers");
    // MJML's output: a table layout with a viewport and inlined styles, escaped text.
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).toContain('<meta name="viewport"');
    expect(mail.html).not.toContain("<script>alert");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    expect(mail.html).toContain("Ada &lt;admin&gt;");
    for (const s of [
      "Clustering",
      "Large language models",
      "Ada Lovelace, Alan Turing",
      "▲ 43 votes · 2 comments",
      "▲ 1 vote · 1 comment",
    ]) {
      expect(mail.html).toContain(s);
    }
    const hrefs = links(mail.html);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        "https://arxiv.org/abs/2508.00001",
        "https://arxiv.org/pdf/2508.00001",
        "https://github.com/example/code",
        "http://paperboy.test/?week=2025-W32",
        "http://paperboy.test/digest/unsubscribe?token=t",
      ]),
    );
    expect(mail.html).toContain("Code (★ 1234)");
    expect((mail.html.match(/class="paper-title"/g) ?? []).length).toBe(3);
    expect(mail.html).toMatch(/<h2[^>]*>Recommended for you<\/h2>/);
    // The plain-text part has the same cards.
    expect(mail.text).toContain(
      [
        "1. A paper",
        "   Ada Lovelace, Alan Turing",
        "   Topics: Clustering, Large language models",
        "   43 votes, 2 comments",
        "   Paper: https://arxiv.org/abs/2508.00001",
        "   PDF: https://arxiv.org/pdf/2508.00001",
        "   Code: https://github.com/example/code",
      ].join("\n"),
    );
    expect(mail.text).toContain(`2. ${hostile}\n`);
    expect(mail.text).toContain("Recommended for you\n===================");
    expect(mail.text).toContain("Unsubscribe: http://paperboy.test/digest/unsubscribe?token=t");

    // For people to look at: the HTML, and (with a browser) how it renders at desktop and phone width.
    const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "test-output");
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, "digest.html"), mail.html);
    if (missingBrowser() === null) {
      const browser = await launchBrowser();
      try {
        for (const width of [800, 375]) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          await page.setContent(mail.html);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          await page.screenshot({ path: path.join(out, `digest-${width}.png`), fullPage: true });
        }
      } finally {
        await browser.close();
      }
    }
  });
});

describe("email digests without SMTP", () => {
  let app: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "paperboy-outbox-"));
    app = await createTestApp("pglite", { DATA_DIR: dataDir });
    await app.db.prisma.user.update({ where: { email: "reader@paperboy.local" }, data: { digestFrequency: "DAILY" } });
  });
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("writes each digest as an .eml file to DATA_DIR/outbox, signed with a secret kept in DATA_DIR", async () => {
    const transport = await createTransport(app.config);
    const result = await runDigest(app.db, app.config, transport, { now: new Date("2025-08-09T06:00:00Z") });
    transport.close();
    expect(result.sent).toBe(1);
    const files = await readdir(path.join(dataDir, "outbox"));
    expect(files).toEqual([expect.stringMatching(/^2025-08-08-daily-user\d+\.eml$/)]);
    const mail = await simpleParser(await readFile(path.join(dataDir, "outbox", files[0]!)));
    expect(mail.subject).toBe("Paperboy daily digest, 2025-08-08: 10 papers");
    expect(mail.text).toContain("Top papers");
    expect(mail.html).toContain('class="paper-title"');
    expect((await readFile(path.join(dataDir, "digest-secret"), "utf8")).length).toBeGreaterThanOrEqual(32);
  });
});

describe("updateDigestSettings", () => {
  let app: TestApp;
  let token: string;
  let readerId: number;
  beforeAll(async () => {
    app = await createTestApp("pglite");
    const reader = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "reader@paperboy.local" } });
    readerId = reader.id;
    token = "pb_digest_test_token";
    await app.db.prisma.apiToken.create({
      data: { userId: reader.id, kind: "API", name: "test", tokenHash: hashToken(token), prefix: "pb_dig" },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("needs a signed-in user", async () => {
    const r = await app.run(UpdateDigest, { frequency: "DAILY" });
    expect(data(r).updateDigestSettings).toMatchObject({ __typename: "Unauthenticated", code: "UNAUTHENTICATED" });
  });

  it("sets the frequency, topics and saved searches, replacing the earlier lists", async () => {
    const mine = await app.db.prisma.savedSearch.create({ data: { userId: readerId, name: "kernels", query: "kernel" } });
    const other = await app.db.prisma.savedSearch.create({ data: { userId: readerId, name: "old", query: "old", inDigest: true } });
    const id = (n: number) => encodeGlobalID("SavedSearch", n);
    const r = await app.run(
      UpdateDigest,
      { frequency: "WEEKLY", topics: ["kernel-methods", "clustering"], savedSearches: [id(mine.id)] },
      { token },
    );
    expect(r.errors).toBeUndefined();
    expect(data(r).updateDigestSettings).toEqual({
      __typename: "UpdateDigestSettingsPayload",
      data: { frequency: "WEEKLY", topics: [{ slug: "clustering" }, { slug: "kernel-methods" }], savedSearchIds: [id(mine.id)] },
    });
    expect((await app.db.prisma.savedSearch.findUniqueOrThrow({ where: { id: other.id } })).inDigest).toBe(false);
    const again = await app.run(UpdateDigest, { frequency: "OFF", topics: [] }, { token });
    expect(data(again).updateDigestSettings).toMatchObject({ data: { frequency: "OFF", topics: [], savedSearchIds: [id(mine.id)] } });
  });

  it("names unknown topics and refuses saved searches that are not the user's, changing nothing", async () => {
    const bad = await app.run(UpdateDigest, { frequency: "DAILY", topics: ["clustering", "astrology"] }, { token });
    expect(data(bad).updateDigestSettings).toEqual({
      __typename: "ValidationError",
      message: expect.any(String),
      code: expect.any(String),
      issues: [{ path: ["topics", "1"], message: 'No topic has the slug "astrology".' }],
    });
    const admin = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@paperboy.local" } });
    const theirs = await app.db.prisma.savedSearch.create({ data: { userId: admin.id, name: "private", query: "secret" } });
    const foreign = await app.run(
      UpdateDigest,
      { frequency: "DAILY", savedSearches: [encodeGlobalID("SavedSearch", theirs.id)] },
      { token },
    );
    expect(data(foreign).updateDigestSettings).toMatchObject({ __typename: "NotFound", code: "NOT_FOUND" });
    const malformed = await app.run(UpdateDigest, { frequency: "DAILY", savedSearches: ["not-an-id"] }, { token });
    expect(data(malformed).updateDigestSettings).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["savedSearches", "0"] }],
    });
    expect((await app.db.prisma.user.findUniqueOrThrow({ where: { id: readerId } })).digestFrequency).toBe("OFF");
  });
});
