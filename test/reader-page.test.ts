// The reader page at / over HTTP (yoga.fetch), on both engines: the server-rendered list of a day,
// week or month with its sort, topic and search; bad parameters answered 400 in one line; every
// text escaped; a Content-Security-Policy without inline script on the page only (GraphiQL keeps
// its own); the script's weight. The live behaviour is tested in a browser (reader.test.ts).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { type CheerioAPI, load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildReaderBundle, bundleReaderScript } from "../src/reader/bundle.ts";
import { PAGE_SIZE } from "../src/reader/papers.ts";
import { createTestApp, ENGINES, type TestApp } from "./helpers/app.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";

const HOSTILE = [
  "<script>alert(1)</script> and <img src=x onerror=alert(2)>",
  "Control \u0001\u001f characters",
  "Right-to-left \u202Eoverride\u202C text",
  `A${"verylongword".repeat(30)}`,
];

describe.each(ENGINES)("reader page (%s)", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) => app.yoga.fetch(`http://paperboy.test${path}`);
  async function page(path: string): Promise<CheerioAPI> {
    const res = await get(path);
    expect(res.status, `${path}: ${res.status === 200 ? "" : await res.clone().text()}`).toBe(200);
    return load(await res.text());
  }
  const titles = ($: CheerioAPI) =>
    $("li.card h2.title")
      .map((_, el) => $(el).text())
      .get();

  it("renders the 39 papers of 2025-08-08 as cards, with links, topics and votes", async () => {
    const $ = await page("/?date=2025-08-08");
    expect($("li.card")).toHaveLength(39);
    expect($("h2.period").text()).toBe("Friday, August 8, 2025");
    const seeded = await app.db.prisma.paper.findMany({ where: { listedOn: new Date("2025-08-08") }, select: { title: true } });
    expect(titles($).sort()).toEqual(seeded.map((p) => p.title).sort());
    // Each card links its paper and shows its votes as a real button.
    $("li.card").each((_, card) => {
      expect($(card).find("h2.title a").attr("href")).toMatch(/^https:\/\/arxiv\.org\//);
      expect($(card).find("button.vote").text()).toMatch(/^Upvote \(\d+ votes?\)$/);
      expect($(card).find(".links a").first().text()).toBe("Abstract");
    });
    expect($("li.card .topics .chip").length).toBeGreaterThan(0);
    // Sorted by trending (the default): votes never rise down a day's list, whose papers are all the same age.
    const votes = $("button.vote")
      .map((_, b) => Number($(b).attr("data-votes")))
      .get();
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
  });

  it("opens / on the latest day with papers, and moves by day, week and month", async () => {
    const { _max } = await app.db.prisma.paper.aggregate({ _max: { listedOn: true } });
    const latest = _max.listedOn!.toISOString().slice(0, 10);
    const $ = await page("/");
    expect($("main").attr("data-first")).toBe(latest);
    expect($("main").attr("data-last")).toBe(latest);
    const day = await page("/?date=2025-08-08");
    expect(day('a[rel="prev"]').attr("href")).toBe("/?date=2025-08-07");
    expect(day('a[rel="next"]').attr("href")).toBe("/?date=2025-08-09");
    const week = await page("/?week=2025-W32");
    expect(week("main").attr("data-first")).toBe("2025-08-04");
    expect(week("main").attr("data-last")).toBe("2025-08-10");
    expect(week("li.card").length).toBeGreaterThanOrEqual(39);
    const month = await page("/?month=2025-08&sort=newest");
    expect(month("main").attr("data-last")).toBe("2025-08-31");
    expect(month("li.card").length).toBeGreaterThanOrEqual(39);
    expect(month("li.card").length).toBeLessThanOrEqual(PAGE_SIZE);
    expect(month('a[aria-current="page"]').text()).toBe("Month");
  });

  it("narrows by topic and by search, and keeps them in the links it makes", async () => {
    const all = titles(await page("/?date=2025-08-08"));
    const topic = await app.db.prisma.topic.findFirstOrThrow({
      where: { papers: { some: { paper: { listedOn: new Date("2025-08-08") } } } },
      select: { slug: true },
    });
    const $ = await page(`/?date=2025-08-08&topic=${topic.slug}`);
    const inTopic = titles($);
    expect(inTopic.length).toBeGreaterThan(0);
    expect(inTopic.length).toBeLessThan(all.length);
    expect($('a[rel="next"]').attr("href")).toBe(`/?date=2025-08-09&topic=${topic.slug}`);
    expect($("select#topic option[selected]").attr("value")).toBe(topic.slug);
    // A word of one title finds that paper, and not all the others.
    const word = all[0]!.split(/\W+/).find((w) => w.length > 6)!;
    const found = titles(await page(`/?date=2025-08-08&q=${encodeURIComponent(word)}`));
    expect(found).toContain(all[0]);
    expect(found.length).toBeLessThan(all.length);
    const none = await page("/?date=2025-08-08&q=zzzyqxnothing");
    expect(none("li.card")).toHaveLength(0);
    expect(none("#empty").text()).toMatch(/No papers/);
  });

  it("answers a bad parameter with 400 and one line naming it", async () => {
    const cases: [string, RegExp][] = [
      ["/?date=2025-13-45", /date/],
      ["/?date=yesterday", /date/],
      ["/?week=2025-W60", /week/],
      ["/?month=2025-8", /month/],
      ["/?date=2025-08-08&week=2025-W32", /one of date, week and month/],
      ["/?sort=best", /sort must be trending, upvotes or newest/],
      ["/?topic=no-such-topic", /no topic has the slug "no-such-topic"/],
      [`/?q=${"word ".repeat(120)}`, /q is \d+ characters long \(at most 500\)/],
      ["/?sort=newest&sort=upvotes", /sort is given 2 times/],
      ["/?q=%ZZ", /bad percent-encoding/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      const body = await res.text();
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/plain/);
      expect(body, path).toMatch(message);
      expect(body, path).not.toMatch(/\n| at .*\.ts/);
    }
    expect((await get("/assets/nothing.js")).status).toBe(404);
    expect((await app.yoga.fetch("http://paperboy.test/", { method: "POST" })).status).toBe(405);
  });

  it("escapes hostile titles, authors and summaries: they show as text", async () => {
    await ingestRecords(
      app,
      HOSTILE.map((title, i) => syntheticPaper(70_100 + i, { title, listedOn: "2026-02-02", authors: [{ name: `<b>Mallory</b> ${i}` }] })),
    );
    const res = await get("/?date=2026-02-02");
    const html = await res.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>Mallory");
    const $ = load(html);
    const shown = titles($);
    // Control characters were removed at ingestion; everything else is shown as written.
    expect(shown).toEqual(expect.arrayContaining([HOSTILE[0], "Control characters", HOSTILE[2], HOSTILE[3]]));
    expect($("li.card .authors").first().text()).toMatch(/^<b>Mallory<\/b> \d/);
    // The only scripts are the page's own file.
    expect(
      $("script")
        .map((_, s) => $(s).attr("src"))
        .get(),
    ).toEqual([expect.stringMatching(/^\/assets\/reader\.js\?v=/)]);
  });

  it("sends a Content-Security-Policy without inline script on the page, and leaves GraphiQL's alone", async () => {
    const res = await get("/?date=2025-08-08");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const $ = load(await res.text());
    // No inline script, no inline style, no inline event handler.
    expect($("script:not([src])")).toHaveLength(0);
    expect($("[style]")).toHaveLength(0);
    expect($("*").filter((_, el) => Object.keys((el as { attribs?: object }).attribs ?? {}).some((a) => a.startsWith("on")))).toHaveLength(
      0,
    );
    // Images load lazily.
    $("img").each((_, img) => expect($(img).attr("loading")).toBe("lazy"));
    const graphiql = await app.yoga.fetch("http://paperboy.test/graphql", { headers: { accept: "text/html" } });
    expect(graphiql.status).toBe(200);
    expect(graphiql.headers.get("content-security-policy")).toBeNull();
    expect(await graphiql.text()).toMatch(/<script>/);
  });

  it("serves its own script, style and icon; the script weighs at most 100 KB gzipped", async () => {
    const $ = await page("/?date=2025-08-08");
    const script = $("script").attr("src")!;
    const js = await get(script);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("cache-control")).toMatch(/immutable/);
    const body = await js.text();
    const gzipped = gzipSync(body).length;
    console.log(`reader page script: ${body.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(100 * 1024);
    for (const href of [$('link[rel="stylesheet"]').attr("href")!, $('link[rel="icon"]').attr("href")!]) {
      expect((await get(href)).status, href).toBe(200);
    }
  });
});

describe("the reader page's production bundle", () => {
  it("buildReaderBundle writes the script the page serves, as one minified ES module file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "paperboy-assets-"));
    try {
      const file = await buildReaderBundle(dir);
      expect(file).toBe(path.join(dir, "reader.js"));
      const written = await readFile(file, "utf8");
      expect(written).toBe(await bundleReaderScript());
      // Bundled: no import left for the browser to resolve.
      expect(written).not.toMatch(/(^|;)\s*import[\s{]/m);
      expect(written).toContain("paperIngested");
      expect(gzipSync(written).length).toBeLessThanOrEqual(100 * 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
