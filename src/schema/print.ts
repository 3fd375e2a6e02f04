// The schema as SDL, sorted: `npm run codegen` writes it to schema.graphql, and a test checks
// that the committed file matches.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { lexicographicSortSchema, printSchema } from "graphql";

import { schema } from "./index.ts";

export const SCHEMA_FILE = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`Wrote ${SCHEMA_FILE}`);
}
