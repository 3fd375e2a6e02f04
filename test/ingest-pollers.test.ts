// The pollers against a local HTTP server that plays recorded arXiv and Hugging Face responses,
// including 429/503 with Retry-After: they page, stop at the last paper seen, wait as asked, and
// fail a poll with a clear reason instead of crashing or hammering.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { PollerConfig } from "../src/config.ts";
import { pollArxiv } from "../src/ingest/sources/arxiv.ts";
import { pollHf } from "../src/ingest/sources/hf.ts";
import { PoliteClient, retryAfterMs } from "../src/ingest/sources/http.ts";
import { startPollers } from "../src/ingest/sources/pollers.ts";
import { createTestApp, type TestApp, testConfig } from "./helpers/app.ts";
import { FIXTURES } from "./helpers/ingest.ts";

const recorded = readFileSync(path.join(FIXTURES, "arxiv-query.atom.xml"), "utf8");
const ENTRIES = [...recorded.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
const HEAD = recorded
  .slice(0, recorded.indexOf("<entry>"))
  .replace(/<opensearch:totalResults[^>]*>\d+</, (m) => m.replace(/\d+<$/, "TOTAL<"));

function feed(entries: string[], total: number): string {
  return `${HEAD.replace("TOTAL", String(total))}${entries.join("\n  ")}\n</feed>\n`;
}

/** A new paper on top of the recorded ones: entry 2 under another id, published later. */
const NEWER = ENTRIES[1]!
  .replaceAll("2503.11742", "2503.12000")
  .replace(/<published>[^<]+/, "<published>2025-03-15T09:00:00Z")
  .replace("Safe Vision-Language Models", "Safer Vision-Language Models");

interface Seen {
  url: URL;
  at: number;
}

describe("pollers", () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  let requests: Seen[] = [];
  let handle: (url: URL, res: ServerResponse, n: number) => void = (_u, res) => res.end();

  beforeAll(async () => {
    app = await createTestApp("pglite");
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url!, "http://local");
      requests.push({ url, at: Date.now() });
      handle(url, res, requests.length);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await app?.close();
  });
  beforeEach(() => {
    requests = [];
  });

  const arxivConfig = (over: Partial<PollerConfig["arxiv"]> = {}): PollerConfig["arxiv"] => ({
    apiUrl: `${base}/api/query`,
    categories: ["cs.CV", "hep-th"],
    pageSize: 2,
    maxResults: 100,
    minIntervalMs: 200,
    ...over,
  });
  const client = (over: { maxRetries?: number; maxWaitMs?: number; minIntervalMs?: number } = {}) =>
    new PoliteClient({ minIntervalMs: over.minIntervalMs ?? 200, maxRetries: over.maxRetries ?? 3, maxWaitMs: over.maxWaitMs ?? 10_000 });

  const atom = (res: ServerResponse, body: string) => {
    res.writeHead(200, { "content-type": "application/atom+xml; charset=utf-8" });
    res.end(body);
  };
  const refuse = (res: ServerResponse, status: number, retryAfter?: string) => {
    res.writeHead(status, retryAfter === undefined ? {} : { "retry-after": retryAfter });
    res.end(status === 429 ? "Rate exceeded." : "Service unavailable");
  };

  it("pages newest first, waits as a 429 or 503 asks, and keeps 3 s apart by default", async () => {
    let refusedPage2 = false;
    handle = (url, res, n) => {
      if (n === 1) return refuse(res, 429, "1");
      const start = Number(url.searchParams.get("start"));
      if (start === 2 && !refusedPage2) {
        refusedPage2 = true;
        return refuse(res, 503, "1");
      }
      atom(res, feed(ENTRIES.slice(start, start + 2), 4));
    };
    const result = await pollArxiv(app.db, arxivConfig(), client(), app.onIngestCommit);
    expect(result).toMatchObject({ status: "SUCCEEDED", created: 4, rejected: 0 });
    expect(await app.db.prisma.ingestRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
      source: "poller:arxiv",
      format: "atom",
    });

    expect(requests.map((r) => r.url.searchParams.get("start"))).toEqual(["0", "0", "2", "2"]);
    const q = requests[0]!.url.searchParams;
    expect(Object.fromEntries(q)).toEqual({
      search_query: "cat:cs.CV OR cat:hep-th",
      sortBy: "submittedDate",
      sortOrder: "descending",
      start: "0",
      max_results: "2",
    });
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(990); // Retry-After: 1
    expect(gaps[2]).toBeGreaterThanOrEqual(990);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(195);
    expect(testConfig().pollers.arxiv.minIntervalMs).toBe(3000);

    const state = await app.db.prisma.pollerState.findUniqueOrThrow({ where: { source: "arxiv" } });
    expect(state).toMatchObject({ lastSeenId: "2503.11731", lastError: null });
  });

  it("stops at the paper the previous poll saw first", async () => {
    handle = (url, res) => {
      const start = Number(url.searchParams.get("start"));
      atom(res, feed([NEWER, ...ENTRIES].slice(start, start + 2), 5));
    };
    const result = await pollArxiv(app.db, arxivConfig(), client(), app.onIngestCommit);
    expect(result).toMatchObject({ status: "SUCCEEDED", created: 1, updated: 0, unchanged: 0 });
    expect(requests).toHaveLength(1);
    expect((await app.db.prisma.pollerState.findUniqueOrThrow({ where: { source: "arxiv" } })).lastSeenId).toBe("2503.12000");
    expect(await app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: "2503.12000" } })).toMatchObject({
      title: "Safer Vision-Language Models via Unsafe Weights Manipulation",
    });
  });

  it("fails a poll that keeps being refused, records why, and keeps its place", async () => {
    handle = (_url, res) => refuse(res, 503, "0");
    const result = await pollArxiv(app.db, arxivConfig(), client({ maxRetries: 2 }), app.onIngestCommit);
    expect(result.status).toBe("FAILED");
    expect(result.failure).toMatch(/still failing after 3 attempts \(503, Retry-After 0 s\)$/);
    expect(requests).toHaveLength(3);
    const state = await app.db.prisma.pollerState.findUniqueOrThrow({ where: { source: "arxiv" } });
    expect(state).toMatchObject({ lastSeenId: "2503.12000", lastError: result.failure });
  });

  it("gives up at once when asked to wait longer than a poll waits", async () => {
    handle = (_url, res) => refuse(res, 429, "3600");
    const started = Date.now();
    const result = await pollArxiv(app.db, arxivConfig(), client({ maxWaitMs: 5_000 }));
    expect(result.failure).toMatch(
      /asked to wait 3600 s \(429, Retry-After 3600 s\), more than the 5 s a poll waits; next poll will retry$/,
    );
    expect(requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("reports an arXiv API error feed as the poll's failure", async () => {
    handle = (_url, res) =>
      atom(
        res,
        feed(
          [
            "<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v1</id><title>Error</title>" +
              "<summary>incorrect id format for 1234.1234v1</summary><updated>2025-03-19T00:00:00-04:00</updated>" +
              '<link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v1" rel="alternate" type="text/html"/>' +
              "<author><name>arXiv api core</name></author></entry>",
          ],
          1,
        ),
      );
    const result = await pollArxiv(app.db, arxivConfig(), client());
    expect(result).toMatchObject({ status: "FAILED", failure: "arXiv API error: incorrect id format for 1234.1234v1", created: 0 });
  });

  it("reads the last days of Hugging Face daily papers", async () => {
    const day = readFileSync(path.join(FIXTURES, "hf-daily-2025-08-08.json"), "utf8");
    handle = (url, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(url.searchParams.get("date") === "2025-08-08" ? day : "[]");
    };
    const result = await pollHf(app.db, { enabled: true, apiUrl: base, days: 2 }, client({ minIntervalMs: 10 }), app.onIngestCommit, {
      now: new Date("2025-08-08T12:00:00Z"),
    });
    expect(result).toMatchObject({ status: "SUCCEEDED", created: 2, updated: 1, formats: ["hf"] });
    expect(requests.map((r) => `${r.url.pathname}?${r.url.searchParams}`)).toEqual([
      "/api/daily_papers?date=2025-08-07",
      "/api/daily_papers?date=2025-08-08",
    ]);
    const paper = await app.db.prisma.paper.findUniqueOrThrow({ where: { arxivId: "2508.05711" } });
    expect(paper.listedOn.toISOString().slice(0, 10)).toBe("2025-08-08");
  });

  it("runs enabled pollers on their interval and stops cleanly", async () => {
    handle = (url, res) => {
      if (url.pathname === "/api/daily_papers") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end("[]");
      }
      atom(res, feed(ENTRIES.slice(0, 2), 2));
    };
    expect(startPollers(app, testConfig()).names).toEqual([]);
    const config = testConfig({
      ARXIV_CATEGORIES: "cs.CV, hep-th",
      ARXIV_API_URL: `${base}/api/query`,
      ARXIV_MIN_INTERVAL: "0.05",
      ARXIV_PAGE_SIZE: "2",
      HF_DAILY: "1",
      HF_API_URL: base,
      POLL_INTERVAL: "0.3",
    });
    const lines: string[] = [];
    const pollers = startPollers(app, config, (l) => lines.push(l));
    expect(pollers.names).toEqual(["arxiv", "hf"]);
    await expect.poll(() => requests.filter((r) => r.url.pathname === "/api/query").length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const stopping = Date.now();
    await pollers.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect(requests.filter((r) => r.url.pathname === "/api/query").length).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => /^poller arxiv: run \d+ succeeded: 0 created, 0 updated, 0 unchanged, 0 rejected$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("poller hf: run "))).toBe(true);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
