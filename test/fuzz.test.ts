// The schema-wide fuzz test. Every field of Query, Mutation and Subscription, and every field with
// arguments below them (reached through `node`), gets cases built from the schema: each argument,
// and each field of its input objects, recursively, a boundary value or a plausible one; sent as
// an anonymous user, a reader or an admin, over HTTP or WebSocket, with variables or literals.
// Every answer must be a normal result or a client error, never an internal error or a glimpse of
// the server's insides, and /health must answer within 1 s throughout. fast-check generates the
// cases from a fixed seed and shrinks a failure to its smallest form.
//
// `npm run fuzz` runs a longer campaign: FUZZ_RUNS cases per field (FUZZ_SEED for another seed).
import fc from "fast-check";
import { getNamedType, isInterfaceType, isObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { schema } from "../src/schema/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { type Answer, FuzzClient, type Role, ROLES, SUBSCRIPTION_WINDOW_MS, type Transport, TRANSPORTS } from "./helpers/fuzz-client.ts";
import { HealthProbe } from "./helpers/fuzz-health.ts";
import {
  EVERY_FIELD,
  nestedTargets,
  type Operation,
  operationFor,
  resultPath,
  rootTargets,
  someFields,
  type Target,
  withoutFullSelection,
} from "./helpers/fuzz-operations.ts";
import { gatherPools } from "./helpers/fuzz-pools.ts";
import { approximateSize, argumentValues, type Pools } from "./helpers/fuzz-values.ts";
import { judge } from "./helpers/fuzz-verdict.ts";
import { ingestRecords, syntheticPaper } from "./helpers/papers.ts";
import { type LiveServer, startLiveServer } from "./helpers/server.ts";
import { HIGH_LIMITS } from "./helpers/users.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20250808);
/** A field's own offset from SEED: a 31-bit FNV-1a hash of its name. */
const seedOf = (name: string) => [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261) & 0x7fffffff;
const CAMPAIGN = process.env.FUZZ_RUNS !== undefined;
/** Cases per field: inside `npm test`, about a minute in all on two idle cores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/**
 * A field whose cases (with the shrinking of a failure) take longer is stopped there, so that a
 * busy machine cannot make `npm test` run for 3 minutes or more: the cases sent are
 * printed. A subscription's cases each wait for what it sends.
 */
const timeLimitMs = (target: Target) =>
  CAMPAIGN ? 60 * 60_000 : 2_500 + (target.kind === "subscription" ? RUNS * SUBSCRIPTION_WINDOW_MS : 0);
/** Variables beyond the 1 MiB body limit still test it; much bigger ones would only cost time. */
const MAX_CASE_BYTES = 3 * 1024 * 1024;
const HEALTH_BOUND_MS = 1_000;

interface Case {
  args: Record<string, unknown>;
  role: Role;
  transport: Transport;
  literal: boolean;
  /** The object a field below the root is read on; VIEWER: the signed-in user's own. */
  parentId: string | undefined;
  /** 0: select every field; otherwise the variant of someFields. */
  selection: number;
}

const VIEWER = "the viewer";

const targets = [...rootTargets(schema), ...nestedTargets(schema)];
const errorInterface = schema.getType("Error");
if (!isInterfaceType(errorInterface)) throw new Error("the schema has no Error interface");
const errorTypes = new Set(schema.getPossibleTypes(errorInterface).map((t) => t.name));
/** Outcomes that come from the field itself: it resolved, to its data, to null or to a typed error. */
const reachedField = (outcome: string) => ["data", "null", "no value"].includes(outcome) || errorTypes.has(outcome);

/** Every string in a case's values: a message may quote them back. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  // Copies of one element are one string to look for.
  else if (Array.isArray(value)) for (const v of new Set(value)) stringsIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** JSON with long strings cut, so that a failure message stays readable. */
function brief(value: unknown, max = 2_000): string {
  const cut = (_key: string, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} characters)` : v);
  const text = JSON.stringify(value, cut);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The global ids and cursors among a case's strings, decoded ("UGFwZXI6MQ==" is "Paper:1"). */
function decoded(strings: string[]): string[] {
  return [...new Set(strings)].flatMap((s) => {
    const text = Buffer.from(s, "base64").toString("utf8");
    const readable = s.length > 0 && s.length < 200 && !text.includes("\uFFFD") && /^(\w+:|\[)/.test(text);
    return readable ? [`${s} = ${JSON.stringify(text)}`] : [];
  });
}

function failureMessage(target: Target, c: Case, op: Operation, answer: Answer, problem: string): string {
  const document = withoutFullSelection(schema, target, op).replace(/"((?:[^"\\]|\\.){40})(?:[^"\\]|\\.){40,}"/g, '"$1…"');
  const ids = decoded(stringsIn(c.args));
  return [
    `${target.name} as ${c.role} over ${c.transport} (${c.literal ? "literals" : "variables"}): ${problem}`,
    `operation: ${document.slice(0, 4_000)}`,
    ...(op.variables ? [`variables: ${brief(op.variables)}`] : []),
    ...(ids.length > 0 ? [`decoded: ${ids.join(", ")}`] : []),
    `answer: ${answer.status !== undefined ? `HTTP ${answer.status} ` : ""}${brief(answer.results)}`,
  ].join("\n");
}

describe("schema-wide fuzz", () => {
  let live: LiveServer;
  let client: FuzzClient;
  let pools: Pools;
  let health: HealthProbe;
  let sending = "set-up";
  const sent = new Map<string, number>();
  const reached = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const failed: string[] = [];

  beforeAll(async () => {
    // The production engine when there is one. Generous rate limits, so that most cases reach the
    // resolvers (RATE_LIMITED is still a fine answer).
    live = await startLiveServer(ENGINES.at(-1), { ...HIGH_LIMITS, RATE_LIMIT_SIGNUP: "100000/60", RATE_LIMIT_WRITES: "100000/60" });
    // An organization (the seeded page has none), for Organization.papers to be read on.
    await ingestRecords(live.app, [syntheticPaper(89_999, { organization: { name: "fuzz-org" } })]);
    client = await FuzzClient.open(live);
    pools = await gatherPools(client);
    health = new HealthProbe(new URL("/health", live.httpUrl).toString(), () => sending);
  });

  afterAll(async () => {
    await health?.stop();
    await client?.close();
    await live?.close();
  });

  for (const target of targets) {
    it(`${target.name}: every answer is a result or a client error`, { timeout: timeLimitMs(target) + 60_000 }, async () => {
      const parentIds = target.parent ? pools.ids[target.parent.name] : undefined;
      if (target.parent && !parentIds) throw new Error(`no ${target.parent.name} to read ${target.name} on`);
      // A user's own lists (tokens, saved searches, feed) are mostly read by that user.
      const viewer = target.parent && target.parent === getNamedType(schema.getQueryType()?.getFields().me?.type) ? [VIEWER] : [];
      const args = argumentValues(target.field.args, target.field.name, pools);
      const cases = fc.record<Case>({
        args: args.filter((a) => approximateSize(a, MAX_CASE_BYTES) < MAX_CASE_BYTES),
        role: fc.constantFrom(...ROLES),
        transport: fc.constantFrom(...TRANSPORTS),
        literal: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        parentId: parentIds ? fc.constantFrom(...viewer, ...parentIds) : fc.constant(undefined),
        selection: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 31 - 1 })),
      });
      const property = fc.asyncProperty(cases, async (c) => {
        const parentId = c.parentId === VIEWER ? (client.userId(c.role) ?? parentIds![0]) : c.parentId;
        const op = operationFor(schema, target, { ...c, parentId, keep: c.selection === 0 ? EVERY_FIELD : someFields(c.selection) });
        sending = `${target.name} as ${c.role} over ${c.transport}`;
        const answer = await client.send(op, target.kind, c.role, c.transport);
        sent.set(target.name, (sent.get(target.name) ?? 0) + 1);
        // A case may have logged a session out or changed its role: the next one starts as before.
        if (target.kind === "mutation") await client.restoreSessions();
        const verdict = judge(answer, resultPath(target), stringsIn(c.args), errorTypes);
        if (!verdict.ok) throw new Error(failureMessage(target, c, op, answer, verdict.problem));
        outcomes.set(verdict.outcome, (outcomes.get(verdict.outcome) ?? 0) + 1);
        if (reachedField(verdict.outcome)) reached.set(target.name, (reached.get(target.name) ?? 0) + 1);
      });
      // One seed for the run; each field draws its own stream from it.
      // Without arguments, only the user and the transport vary.
      const runs = target.field.args.length > 0 ? RUNS : Math.min(RUNS, 2 * ROLES.length * TRANSPORTS.length);
      const plugins = [fc.interruptAfterTimeLimit(timeLimitMs(target))];
      // Seeded by the field's name, not its place in the list: a field added to the schema does not
      // change the cases of every field after it.
      const details = await fc.check(property, { seed: SEED + seedOf(target.name), numRuns: runs, plugins });
      if (details.failed) {
        failed.push(target.name);
        const { numRuns, numShrinks, seed, counterexamplePath } = details;
        const how = `after ${numRuns} cases, shrunk ${numShrinks} times (seed ${seed}, path "${counterexamplePath}")`;
        const replay = `again: FUZZ_SEED=${SEED} npx vitest run test/fuzz.test.ts -t "${target.name}:"`;
        throw new Error(`${target.name} failed ${how}:\n${(details.errorInstance as Error | null)?.message ?? "interrupted"}\n${replay}`);
      }
    });
  }

  it("covered every field of the roots and every field with arguments, and reached each of them", () => {
    const total = [...sent.values()].reduce((a, b) => a + b, 0);
    const summary = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
    const cutShort = (t: Target) => t.field.args.length > 0 && (sent.get(t.name) ?? 0) < RUNS && !failed.includes(t.name);
    const short = targets.filter(cutShort).map((t) => t.name);
    console.log(
      `fuzz: seed ${SEED}, ${total} cases sent to ${sent.size} fields (${RUNS} generated per field, more while shrinking a failure); ` +
        `accepted answers: ${summary.join(", ")}; failed: ${failed.length > 0 ? failed.join(", ") : "none"}; ` +
        `stopped by the time limit: ${short.length > 0 ? short.join(", ") : "none"}`,
    );
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    const rootFields = roots.flatMap((type) => Object.keys(type?.getFields() ?? {}).map((f) => `${type!.name}.${f}`));
    const fieldsWithArguments = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .filter((type) => !type.name.startsWith("__") && !roots.includes(type))
      .flatMap((type) => Object.values(type.getFields()).flatMap((f) => (f.args.length > 0 ? [`${type.name}.${f.name}`] : [])));
    expect([...sent.keys()].sort()).toEqual([...rootFields, ...fieldsWithArguments].sort());
    // Each field answered with its own value (data, null or a typed error) at least once: its
    // cases got past validation into the resolvers.
    expect(targets.filter((t) => !reached.get(t.name)).map((t) => t.name)).toEqual([]);
  });

  it(`/health answered within ${HEALTH_BOUND_MS} ms throughout`, async () => {
    const report = await health.stop();
    console.log(`fuzz: /health probed ${report.probes} times, slowest ${report.slowestMs} ms (while sending ${report.slowestDuring})`);
    expect(report.failures).toEqual([]);
    expect(report.probes).toBeGreaterThan(0);
    expect(report.slowestMs, `the slowest while sending ${report.slowestDuring}`).toBeLessThan(HEALTH_BOUND_MS);
  });
});
