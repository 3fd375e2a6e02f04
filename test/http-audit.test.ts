// The GraphQL-over-HTTP audit of the graphql-http package, run against the app as any client
// would reach it. Every MUST passes; what does not pass is exactly what README ("GraphQL over
// HTTP") lists with its reason, so the list cannot go stale.
import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CSRF_HEADERS } from "../src/app.ts";
import { createTestApp, type TestApp } from "./helpers/app.ts";

/** Not passed, and why (README lists the same). */
const NOT_PASSED = [
  // CSRF prevention: a GET without a CSRF header is refused (403).
  "MAY accept application/x-www-form-urlencoded formatted GET requests",
  "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
  "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
];

describe("graphql-http server audits", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  async function audit(headers: Record<string, string>) {
    const fetchFn = (input: string, init?: RequestInit) => {
      const merged = new Headers(init?.headers);
      for (const [k, v] of Object.entries(headers)) merged.set(k, v);
      return app.yoga.fetch(input, { ...init, headers: merged });
    };
    const audits = serverAudits({ url: "http://paperboy.test/graphql", fetchFn });
    const results = [];
    for (const a of audits) results.push(await a.fn());
    return results;
  }

  it("passes every MUST; the audits it does not pass are the listed MAYs", async () => {
    const results = await audit({});
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.name.startsWith("MUST") && r.status !== "ok")).toEqual([]);
    expect(
      results
        .filter((r) => r.status !== "ok")
        .map((r) => r.name)
        .sort(),
    ).toEqual([...NOT_PASSED].sort());
  });

  it("passes every audit when the client sends a CSRF header", async () => {
    const results = await audit({ [CSRF_HEADERS[0]!]: "1" });
    expect(results.filter((r) => r.status !== "ok")).toEqual([]);
  });
});
