// GraphiQL, served by the API itself with no CDN, in headless Chromium: run a subscription over
// WebSocket, ingest a paper, and see it appear in the result pane.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchBrowser, missingBrowser } from "./helpers/browser.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { type LiveServer, startLiveServer } from "./helpers/server.ts";

const noBrowser = missingBrowser();
const outputDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "test-output");

describe("GraphiQL in a browser", () => {
  let live: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    if (noBrowser) return;
    live = await startLiveServer("pglite");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  it("runs a subscription and shows a paper as it is ingested", async ({ skip }) => {
    if (noBrowser) skip(noBrowser);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(r.url()));
    const query = "subscription NewPapers {\n  paperIngested {\n    cursor\n    paper { title authors { name } }\n  }\n}";
    await page.goto(`${live.httpUrl}?query=${encodeURIComponent(query)}`);
    await page.getByRole("button", { name: /Execute query/ }).click();
    await expect.poll(() => live.app.activeSubscriptions(), { message: "GraphiQL subscribes", timeout: 15_000 }).toBeGreaterThanOrEqual(1);

    await ingestRecords(live.app, [syntheticPaper(80_001, { title: "Seen live in GraphiQL", authors: [{ name: "Grace Hopper" }] })]);
    const response = page.locator(".graphiql-response");
    // The result pane is an editor that renders spaces as non-breaking ones.
    const shown = async () => (await response.innerText()).replace(/\u00a0/g, " ");
    await mkdir(outputDir, { recursive: true });
    try {
      await expect.poll(shown, { timeout: 15_000 }).toContain('"title": "Seen live in GraphiQL"');
    } finally {
      await page.screenshot({ path: path.join(outputDir, "graphiql-subscription.png") });
    }
    expect(await shown()).toContain('"name": "Grace Hopper"');
    // Everything the page needed came from the API itself.
    expect(failed).toEqual([]);
  });
});
