// schema.graphql is the committed contract: it must be what the code builds.
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { printedSchema, SCHEMA_FILE } from "../src/schema/print.ts";

describe("schema.graphql", () => {
  it("matches the schema the code builds (run npm run codegen after changing it)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(printedSchema());
  });
});
