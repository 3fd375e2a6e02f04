// Hostile documents: deep nesting, floods of attributes, entities, elements or entries, a huge
// single text node. Each is refused with a clear error within 10 s, and while it is read the event
// loop keeps turning: /health answers within 1 s and SIGTERM stops a real server process at once.
// (A 300 KB Atom document of 100,000 nested elements used to hold a core for minutes.) The time
// bounds are robustness bounds, far from the milliseconds these take when all is well.
import { rmSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { type InputFile, textFile } from "../src/ingest/input.ts";
import { filesSource, type FormatOption } from "../src/ingest/read.ts";
import { createTestApp, seededDataDir, type TestApp } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { ingestText } from "./helpers/ingest.ts";
import { createDatabase } from "./helpers/postgres.ts";
import { type Proc, start, urlOf } from "./helpers/process.ts";

const FEED = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`;
const ENTRY = `<entry><id>http://arxiv.org/abs/2608.00001v1</id>`;

/** Each hostile document, and the error it must get. */
const HOSTILE: { what: string; name: string; text: () => string; error: RegExp }[] = [
  {
    what: "an element with 500,000 attributes",
    name: "attributes.xml",
    text: () => `${FEED}${ENTRY}<title ${Array.from({ length: 500_000 }, (_, i) => `a${i}="1"`).join(" ")}>x</title></entry></feed>`,
    error: /^attributes\.xml: an element with more than 256 attributes at line 1: not an Atom feed$/,
  },
  {
    what: "100,000 nested elements (300 KB)",
    name: "deep.xml",
    text: () => FEED + "<a>".repeat(100_000),
    error: /^deep\.xml: elements nested more than 64 deep at line 1: not an Atom feed$/,
  },
  {
    what: "a flood of 1,900,000 entity references",
    name: "entities.xml",
    text: () => `${FEED}${ENTRY}<title>${"&amp;".repeat(1_900_000)}</title></entry></feed>`,
    error: /^entities\.xml: a text, tag or comment of more than 1,048,576 characters at line 1: not an Atom feed$/,
  },
  {
    what: "entities defined in a DTD (billion laughs)",
    name: "laughs.xml",
    text: () =>
      `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
      `<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><feed xmlns="http://www.w3.org/2005/Atom">${ENTRY}<title>&c;</title></entry></feed>`,
    error: /^laughs\.xml: not well-formed XML \(1:\d+: undefined entity\.\)$/,
  },
  {
    what: "a 9 MB text node",
    name: "text.xml",
    text: () => `${FEED}${ENTRY}<title>${"x".repeat(9_000_000)}</title></entry></feed>`,
    error: /^text\.xml: a text, tag or comment of more than 1,048,576 characters at line 1: not an Atom feed$/,
  },
  {
    what: "a 9 MB title split by comments",
    name: "pieces.xml",
    text: () => `${FEED}${ENTRY}<title>${"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx<!---->".repeat(170_000)}</title></entry></feed>`,
    error: /^pieces\.xml: an element with more than 1,048,576 characters of text at line 1: not an Atom feed$/,
  },
  {
    what: "2,400,000 tiny elements",
    name: "tiny.xml",
    text: () => FEED + "<a/>".repeat(2_400_000) + "</feed>",
    error: /^tiny\.xml: more than 10,000 elements outside entries at line 1: not an Atom feed$/,
  },
  {
    what: "2,400,000 tiny elements in one entry",
    name: "crowded.xml",
    text: () => `${FEED}${ENTRY}${"<a/>".repeat(2_400_000)}</entry></feed>`,
    error: /^crowded\.xml: an entry of more than 100,000 elements at line 1: not an Atom feed$/,
  },
  {
    what: "1,200,000 empty entries",
    name: "entries.xml",
    text: () => FEED + "<entry/>".repeat(1_200_000) + "</feed>",
    error: /^entries\.xml: more than 100,000 entries \(split the feed\) at line 1: not an Atom feed$/,
  },
  {
    what: "a JSON document nested 1,000,000 deep",
    name: "deep.json",
    text: () => "[".repeat(1_000_000),
    error: /^deep\.json: entry 1 is nested more than 64 deep: not a paper record$/,
  },
];

/**
 * The most work the process did between two runs of a 10 ms timer: how long the event loop was
 * held. Counted in CPU time (of every thread, so rather too much than too little), not in wall
 * time, which on a busy shared machine also counts the time other processes had the cores.
 */
function loopWatch(): { stop(): number } {
  let last = process.cpuUsage();
  let longest = 0;
  const tick = () => {
    const used = process.cpuUsage(last);
    longest = Math.max(longest, (used.user + used.system) / 1000);
    last = process.cpuUsage();
  };
  const timer = setInterval(tick, 10);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return longest;
    },
  };
}

/** Reads a document through the parsers, as every ingestion does; the error that stopped it. */
async function parseError(file: InputFile, format?: FormatOption): Promise<string | undefined> {
  try {
    for await (const _item of filesSource(() => [file], { format }).items()) {
      // Read to the end, or to the error.
    }
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

describe("hostile documents read in-process", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses every one with a clear error within 10 s, never holding the event loop for a second", async () => {
    for (const doc of HOSTILE) {
      const text = doc.text();
      // The parse alone: the embedded database's own work (WebAssembly, in this thread) is not the parser's.
      const file = textFile(doc.name, text);
      const watch = loopWatch();
      const started = performance.now();
      const error = await parseError(file);
      const seconds = (performance.now() - started) / 1000;
      const stallMs = watch.stop();
      expect(error, doc.what).toMatch(doc.error);
      expect(seconds, doc.what).toBeLessThan(10);
      expect(stallMs, doc.what).toBeLessThan(1000);
      // And through the pipeline: a failed run that says why.
      expect(await ingestText(app, doc.name, text), doc.what).toMatchObject({
        status: "FAILED",
        created: 0,
        failure: expect.stringMatching(doc.error),
      });
    }
  });

  it("rejects the record, and reads on, for a JSON line nested a million deep or a page paragraph of 9 MB", async () => {
    const deepLine = `${"[".repeat(1_000_000)}\n{"id": "2608.00002", "title": "After the deep line"}\n`;
    const paragraph = Array.from({ length: 100_000 }, () => "word ".repeat(18)).join("\n");
    const page = `Daily Papers\n\nAug 9\n\nA title\n\n${paragraph}\n\nA later title\n\nIts abstract.\n`;
    const files = [textFile("deep.jsonl", deepLine), textFile("page.txt", page)];
    const watch = loopWatch();
    expect(await parseError(files[0]!, "jsonl")).toBeUndefined();
    expect(await parseError(files[1]!)).toBeUndefined();
    expect(watch.stop()).toBeLessThan(1000);

    expect(await ingestText(app, "deep.jsonl", deepLine, { format: "jsonl" })).toMatchObject({
      status: "SUCCEEDED",
      created: 1,
      rejected: 1,
      errors: [{ location: "deep.jsonl:1", message: "nested more than 64 deep: not a paper record" }],
    });
    expect(await ingestText(app, "page.txt", page, { date: "2026-08-09" })).toMatchObject({
      status: "SUCCEEDED",
      created: 1,
      rejected: 1,
      errors: [{ location: "page.txt:5", message: "a paragraph of more than 1,048,576 characters (line 7): skipped" }],
    });
  });
});

const INGEST = `mutation Hostile($input: IngestPapersInput!) {
  ingestPapers(input: $input) { __typename ... on IngestPapersPayload { run { status failure } } ... on Error { message } }
}`;

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  timeoutMs = 15_000,
): Promise<{ data?: Record<string, any>; errors?: unknown[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

/** Asks /health every 100 ms; the slowest answer (a request that never answers counts as its wait). */
function healthWatch(url: string): { stop(): Promise<number> } {
  let running = true;
  let slowest = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.text());
      } catch {
        // A timeout: counted by its duration.
      }
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return slowest;
    },
  };
}

describe("hostile documents sent to a running server", () => {
  let proc: Proc | undefined;
  let url: string;
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    let env: Record<string, string>;
    if (process.env.TEST_DATABASE_URL) {
      const database = await createDatabase(inject("postgresTemplate") ?? undefined);
      env = { DATABASE_URL: database.url };
      cleanup = () => database.drop();
    } else {
      // The seeded database, whose demo curator logs in below (a production server seeds none).
      const dir = await seededDataDir("paperboy-hostile-");
      env = { DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    // Bodies up to 2 MiB, so that a text node over the 1 MiB limit reaches the parser; a short grace for SIGTERM.
    proc = start("src/server.ts", { ...env, NODE_ENV: "production", BODY_LIMIT: String(2 * 1024 * 1024), SHUTDOWN_GRACE: "2" });
    url = await urlOf(proc);
  });
  afterAll(async () => {
    // A server stuck in a parse ignores SIGTERM: make sure it goes.
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill("SIGKILL");
    await proc?.exited;
    await cleanup();
  });

  it("refuses each within 10 s while /health answers within 1 s, and SIGTERM mid-parse stops it at once", async () => {
    const login = await post(
      url,
      `mutation { logIn(emailOrHandle: "curator", password: "paperboy-curator") { ... on AuthPayload { token } } }`,
      {},
    );
    const token = data(login).logIn.token as string;
    const health = healthWatch(url);
    try {
      // Documents that fit a request body: the 300 KB of nested elements, and smaller floods.
      const documents = [
        {
          document: HOSTILE.find((d) => d.name === "deep.xml")!.text(),
          failure: /^document: elements nested more than 64 deep at line 1: not an Atom feed$/,
        },
        {
          document: `${FEED}${ENTRY}<title ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(" ")}>x</title></entry></feed>`,
          failure: /more than 256 attributes/,
        },
        { document: FEED + "<a/>".repeat(250_000) + "</feed>", failure: /more than 10,000 elements outside entries/ },
        {
          document: `${FEED}${ENTRY}<title>${"x".repeat(1_100_000)}</title></entry></feed>`,
          failure: /a text, tag or comment of more than 1,048,576 characters/,
        },
      ];
      for (const { document, failure } of documents) {
        const started = performance.now();
        const r = await post(url, INGEST, { input: { document } }, token);
        expect(r.data?.ingestPapers).toEqual({
          __typename: "IngestPapersPayload",
          run: { status: "FAILED", failure: expect.stringMatching(failure) },
        });
        expect(performance.now() - started).toBeLessThan(10_000);
      }

      // A document that takes a while to refuse (100,000 empty entries, each read), and SIGTERM while it is read.
      const flood = FEED + "<entry/>".repeat(120_000) + "</feed>";
      const pending = post(url, INGEST, { input: { document: flood } }, token).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      const signalled = performance.now();
      proc!.child.kill("SIGTERM");
      const code = await Promise.race([proc!.exited, new Promise((r) => setTimeout(() => r("still running"), 10_000))]);
      expect(code).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(10_000);
      await pending;
    } finally {
      expect(await health.stop()).toBeLessThan(1000);
    }
  });
});
