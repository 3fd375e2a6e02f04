// Prisma loads the relations it joins (relationLoadStrategy "join") as JSONB: each related row a
// JSONB_BUILD_OBJECT, each list a JSONB_AGG, which PostgreSQL then prints back to text for us.
// JSONB is a binary format made for storing and querying: building it and printing it again cost
// more than building the text itself. The same 50-paper statement of the daily feed (authors,
// topics, the viewer's upvote) took 3.4-4.0 ms as JSONB and 2.4 ms as JSON (bench/README.md
// "Round 7"). The client reads both alike: adapter-pg and PGlite's adapter map json and jsonb to
// one column type, and JSON.parse keeps the last of duplicate keys, as JSONB does.
//
// Only statements that use JSONB nowhere else are rewritten: a JSONB value compared, cast or
// filtered (Prisma's Json filters) must stay JSONB, and json has no equality operator.
const BUILDERS = /\bJSONB_(BUILD_OBJECT|AGG)\(/g;

/** `sql` with its relation JSONB built as JSON, when that is all the JSONB it uses. */
export function relationsAsJson(sql: string): string {
  if (!sql.includes("JSONB_")) return sql;
  const json = sql.replace(BUILDERS, "JSON_$1(");
  return /jsonb/i.test(json) ? sql : json;
}
