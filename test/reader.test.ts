// The reader page in headless Chromium, against a real server process (`src/server.ts`, as
// `npm start` runs it) on a seeded embedded database, with papers ingested by the real CLI (which
// hands them to the server): the seed day's 39 papers, a paper of the open day arriving live
// within 2 s without a reload, hostile titles shown as text, an upvote in one browser seen in
// another, keyboard-only use, axe-core (WCAG 2.1 AA) with zero violations, no sideways scrolling at
// 375 px, no CSP violation. Screenshots go to test-output/.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { PaperRecord } from "../src/ingest/record.ts";
import { seededDataDir } from "./helpers/app.ts";
import { launchBrowser, missingBrowser } from "./helpers/browser.ts";
import { syntheticPaper } from "./helpers/papers.ts";
import { gql, type Proc, ROOT, start, stop, urlOf } from "./helpers/process.ts";
import { HIGH_LIMITS } from "./helpers/users.ts";

const noBrowser = missingBrowser();
const outputDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "test-output");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
/** For waits on the page's own requests (the machine may be busy): a bound, not a speed goal. */
const SLOW = { timeout: 10_000 };

const HOSTILE = [
  "<script>alert('title')</script> Attention is all you need",
  "Control \u0001characters\u001f in a title",
  "Right-to-left \u202Eoverride\u202C in a title",
  `Long ${"Supercalifragilisticexpialidocious".repeat(8)} word`,
];

/** `npm run ingest -- - --format jsonl --date <day>` with the records on standard input. */
function cliIngest(dataDir: string, day: string, records: PaperRecord[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(ROOT, "src/ingest/cli.ts"), "-", "--format", "jsonl", "--date", day], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(records.map((r) => JSON.stringify(r)).join("\n"));
  });
}

describe("reader page in a browser", () => {
  let dataDir: string;
  let server: Proc;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** CSP violations and page errors, from every page: none is expected. */
  const problems: string[] = [];

  beforeAll(async () => {
    if (noBrowser) return;
    dataDir = await seededDataDir("paperboy-reader-");
    // development, as `npm start`: the script is bundled when the server starts.
    server = start("src/server.ts", { NODE_ENV: "development", DATA_DIR: dataDir, ...HIGH_LIMITS });
    base = await urlOf(server);
    browser = await launchBrowser();
    await mkdir(outputDir, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    if (server) await stop(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(url: string, width = 1280, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, ...opts });
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("dialog", (d) => problems.push(`dialog: ${d.message()}`));
    await page.goto(`${base}${url}`);
    // The script has taken over once live updates flow.
    await expect.poll(() => page.locator("main").getAttribute("data-live"), { timeout: 15_000 }).toBe("on");
    return page;
  }

  const titles = (page: Page) => page.locator("li.card h2.title").allTextContents();

  it("shows the 39 papers of 2025-08-08, accessible (axe-core: no WCAG 2.1 AA violation), at desktop and phone width", async ({ skip }) => {
    if (noBrowser) skip(noBrowser);
    const page = await open("/?date=2025-08-08");
    await expect.poll(() => page.locator("li.card").count(), SLOW).toBe(39);
    await page.screenshot({ path: path.join(outputDir, "reader-desktop.png"), fullPage: true });
    await page.evaluate(AXE);
    const run = () =>
      page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
        ).axe;
        const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    expect(await run()).toEqual([]);

    const phone = await open("/?date=2025-08-08", 375);
    expect(await phone.locator("li.card").count()).toBe(39);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.screenshot({ path: path.join(outputDir, "reader-phone.png"), fullPage: true });
    await phone.evaluate(AXE);
    expect(
      await phone.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string }[] }> } }).axe;
        return (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations.map(
          (v) => v.id,
        );
      }),
    ).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows a paper the CLI ingests for the open day within 2 s, without a reload; other days' papers stay out", async ({ skip }) => {
    if (noBrowser) skip(noBrowser);
    const page = await open("/?date=2025-08-08");
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const today = syntheticPaper(61_001, { title: "Arrived while the page was open", listedOn: "2025-08-08" });
    const tomorrow = syntheticPaper(61_002, { title: "Listed on another day", listedOn: "2025-08-09" });
    const r = await cliIngest(dataDir, "2025-08-08", [today, tomorrow]);
    expect(r.code, r.out).toBe(0);
    const bar = page.locator("#new-bar");
    // Within 2 s of the CLI's exit (a robustness bound: it arrives in well under a second).
    await expect.poll(() => bar.isVisible(), { timeout: 2_000, interval: 50 }).toBe(true);
    expect(await bar.textContent()).toBe("1 new paper: show it");
    await bar.click();
    expect((await titles(page))[0]).toBe("Arrived while the page was open");
    expect(await titles(page)).not.toContain("Listed on another day");
    expect(await page.locator("li.card").count()).toBe(40);
    expect(await bar.isVisible()).toBe(false);
    // Focus moves to the paper that arrived.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Arrived while the page was open");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("shows hostile titles as text, live and server-rendered, and hides a thumbnail that fails to load", async ({ skip }) => {
    if (noBrowser) skip(noBrowser);
    const page = await open("/?date=2025-08-20", 375);
    const records = HOSTILE.map((title, i) =>
      syntheticPaper(62_000 + i, { title, listedOn: "2025-08-20", authors: [{ name: `<img src=x onerror=alert(1)> ${i}` }] }),
    );
    records[0]!.thumbnailUrl = "http://127.0.0.1:9/broken.png";
    const r = await cliIngest(dataDir, "2025-08-20", records);
    expect(r.code, r.out).toBe(0);
    await expect.poll(() => page.locator("#new-bar").textContent(), { timeout: 5_000 }).toBe("4 new papers: show them");
    await page.locator("#new-bar").click();
    // Control characters are removed at ingestion; the rest is shown exactly as written.
    const expected = [HOSTILE[0], "Control characters in a title", HOSTILE[2], HOSTILE[3]].sort();
    expect((await titles(page)).sort()).toEqual(expected);
    const check = async (p: Page) => {
      expect(await p.evaluate(() => document.scripts.length)).toBe(1);
      expect(await p.locator("li.card img:not(.thumb)").count()).toBe(0);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const thumb = p.locator("img.thumb");
      await expect.poll(() => thumb.evaluate((img) => getComputedStyle(img).display), { timeout: 5_000 }).toBe("none");
    };
    await check(page);
    await page.reload();
    expect((await titles(page)).sort()).toEqual(expected);
    await check(page);
    await page.screenshot({ path: path.join(outputDir, "reader-hostile-phone.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("an upvote in one browser changes the count another one shows, and so does a new comment", async ({ skip }) => {
    if (noBrowser) skip(noBrowser);
    const voter = await open("/?date=2025-08-08");
    const watcher = await open("/?date=2025-08-08");
    const first = (p: Page) => p.locator("li.card").first().locator("button.vote");
    const before = Number(await first(watcher).getAttribute("data-votes"));
    // Anonymous: the button asks to log in.
    await first(voter).click();
    expect(await voter.locator("#account-status").textContent()).toBe("Log in to upvote.");
    await voter.getByLabel("Email or handle").fill("reader");
    await voter.getByLabel("Password").fill("paperboy-reader");
    await voter.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => voter.locator("#who").textContent(), SLOW).toBe("Signed in as reader");
    await first(voter).click();
    await expect.poll(() => first(voter).getAttribute("aria-pressed"), SLOW).toBe("true");
    await expect.poll(() => first(watcher).getAttribute("data-votes"), { timeout: 5_000 }).toBe(String(before + 1));
    expect(await first(watcher).textContent()).toBe(`Upvote (${before + 1} vote${before + 1 === 1 ? "" : "s"})`);
    // The token lasts as long as the tab: a reload keeps the session.
    await voter.reload();
    await expect.poll(() => voter.locator("#who").textContent(), SLOW).toBe("Signed in as reader");
    await expect.poll(() => first(voter).getAttribute("aria-pressed"), SLOW).toBe("true");
    // Subscribe: a weekly digest.
    await voter.getByLabel("Weekly").check();
    await voter.getByRole("button", { name: "Subscribe" }).click();
    await expect.poll(() => voter.locator("#subscribe-status").textContent(), SLOW).toBe("Subscribed: you get a weekly digest.");
    // A comment posted through the API changes the count the other browser shows.
    const firstCard = (p: Page) => p.locator("li.card").first();
    const comments = Number((await firstCard(watcher).locator(".comments").textContent())!.split(" ")[0]);
    const token = await voter.evaluate(() => sessionStorage.getItem("paperboy.token"));
    const paperId = await firstCard(voter).getAttribute("data-id");
    const posted = await gql<{ addComment: { __typename: string } }>(
      base,
      'mutation ($paperId: ID!) { addComment(paperId: $paperId, body: "Seen live") { __typename } }',
      { paperId },
      token!,
    );
    expect(posted.data?.addComment.__typename).toBe("Comment");
    await expect
      .poll(() => firstCard(watcher).locator(".comments").textContent(), { timeout: 5_000 })
      .toBe(`${comments + 1} comment${comments + 1 === 1 ? "" : "s"}`);
    // Taking it back is seen too.
    await first(voter).click();
    await expect.poll(() => first(watcher).getAttribute("data-votes"), { timeout: 5_000 }).toBe(String(before));
    expect(problems).toEqual([]);
  });

  it("reaches every control with the keyboard alone, with a visible focus and a skip link", async ({ skip }) => {
    if (noBrowser) skip(noBrowser);
    const page = await open("/?date=2025-08-08");
    // Every visible control, by a key that names it; a radio group counts once (Tab enters it once).
    const key = () => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const i = [...document.querySelectorAll("*")].indexOf(el);
      return el instanceof HTMLInputElement && el.type === "radio" ? `radio:${el.name}` : `${el.tagName}:${i}`;
    };
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea")]
        .filter((el) => el.getClientRects().length > 0 && !(el as HTMLButtonElement).disabled && el.getAttribute("class") !== "skip")
        .map((el) =>
          el instanceof HTMLInputElement && el.type === "radio"
            ? `radio:${el.name}`
            : `${el.tagName}:${[...document.querySelectorAll("*")].indexOf(el)}`,
        ),
    );
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the papers");
    const reached = new Set<string>();
    for (let i = 0; i < 600; i++) {
      await page.keyboard.press("Tab");
      const k = await page.evaluate(key);
      if (k === null) break;
      if (reached.has(k) && k === [...reached][0]) break;
      reached.add(k);
    }
    expect(controls.filter((c) => !reached.has(c))).toEqual([]);
    // Focus is visible: an outline of at least 2 px on a focused link and button.
    await page.locator("li.card button.vote").first().focus();
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe("solid");
    // The skip link takes focus to the papers.
    await page.keyboard.press("Shift+Tab");
    await page.locator("a.skip").focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("papers");
    // Sort is a real control: changed by keyboard, then Tab to "Show" and Enter, the URL changes.
    await page.locator("#sort").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/sort=upvotes/);
    expect(page.url()).toMatch(/date=2025-08-08/);
    expect(problems).toEqual([]);
  });

  // Last: it restarts the server.
  it("after a disconnect, resumes with after: a paper ingested while the server was down arrives once, without a reload", async ({
    skip,
  }) => {
    if (noBrowser) skip(noBrowser);
    const page = await open("/?date=2025-08-08");
    const before = await titles(page);
    await stop(server);
    await expect.poll(() => page.locator("main").getAttribute("data-live"), SLOW).toBe("off");
    // No server owns the folder now: the CLI writes to it directly.
    const r = await cliIngest(dataDir, "2025-08-08", [
      syntheticPaper(63_001, { title: "Ingested while the page was offline", listedOn: "2025-08-08" }),
    ]);
    expect(r.code, r.out).toBe(0);
    server = start("src/server.ts", { NODE_ENV: "development", DATA_DIR: dataDir, PORT: new URL(base).port, ...HIGH_LIMITS });
    expect(await urlOf(server)).toBe(base);
    // The page reconnects by itself (backoff of at most 10 s) and replays what it missed.
    await expect.poll(() => page.locator("#new-bar").textContent(), { timeout: 30_000 }).toBe("1 new paper: show it");
    await page.locator("#new-bar").click();
    const after = await titles(page);
    expect(after).toEqual(["Ingested while the page was offline", ...before]);
    expect(new Set(after).size).toBe(after.length);
    expect(problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
  });
});
