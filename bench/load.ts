// One load run: autocannon against a GraphQL endpoint, each request built from a rotating index;
// then a sample of the same requests checked through fetch (HTTP 200 alone does not mean a
// GraphQL answer without errors).
import autocannon from "autocannon";

import type { Request } from "./workloads.ts";

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx responses, socket errors and timeouts during the run. */
  failed: number;
  /** Sampled responses with GraphQL errors or unexpected data. */
  badSamples: string[];
}

function body(r: Request): string {
  return JSON.stringify({ query: r.query, variables: r.variables });
}

function headers(r: Request): Record<string, string> {
  return { "content-type": "application/json", ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) };
}

export async function check(
  url: string,
  make: (i: number) => Request,
  valid: (data: unknown) => string | undefined,
  samples: number,
  offset = 0,
): Promise<string[]> {
  const bad: string[] = [];
  for (let i = offset; i < offset + samples; i++) {
    const r = make(i);
    const res = await fetch(url, { method: "POST", headers: headers(r), body: body(r) });
    const json = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
    const problem = json.errors ? json.errors.map((e) => e.message).join("; ") : valid(json.data);
    if (res.status !== 200 || problem) bad.push(`#${i} ${res.status} ${problem ?? ""}`.slice(0, 300));
  }
  return bad;
}

/** `amount`: stop after that many requests instead of after `seconds`. */
export async function load(
  url: string,
  make: (i: number) => Request,
  opts: { connections: number; seconds: number; start: number; amount?: number },
): Promise<Omit<LoadResult, "badSamples">> {
  let i = opts.start;
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.amount ? { amount: opts.amount } : {}),
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const r = make(i++);
          return { ...req, method: "POST", headers: headers(r), body: body(r) };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
