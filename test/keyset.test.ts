// Keyset pagination's SQL, without a database: the "strictly after" condition for mixed sort
// directions, the ORDER BY that matches it, and the cursor values taken from a row.
import { describe, expect, it } from "vitest";

import { afterCondition, keyValues, orderBy, type SortKey } from "../src/discovery/keyset.ts";

const score: SortKey = { column: "score", type: "float8", desc: true };
const title: SortKey = { column: "title", type: "text", desc: false };
const listed: SortKey = { column: "listed_on", type: "date", desc: true };
const id: SortKey = { column: "id", type: "int4", desc: false };

describe("keyset pagination", () => {
  it.each([
    ["one ascending key", [id], [7], "((id > $1::int4))", [7]],
    [
      "a descending key, then a tie-breaker",
      [score, id],
      [0.5, 7],
      "((score < $1::float8) OR (score = $2::float8 AND id > $3::int4))",
      [0.5, 0.5, 7],
    ],
    [
      "a date, a text and an id",
      [listed, title, id],
      ["2025-08-08", "b", 3],
      '((listed_on < $1::date) OR (listed_on = $2::date AND title COLLATE "C" > $3::text) OR ' +
        '(listed_on = $4::date AND title COLLATE "C" = $5::text AND id > $6::int4))',
      ["2025-08-08", "2025-08-08", "b", "2025-08-08", "b", 3],
    ],
  ])("rows strictly after a cursor on %s", (_keys, keys, values, sql, bound) => {
    const condition = afterCondition(keys, values);
    expect(condition.text).toBe(sql);
    // The values travel as parameters, never inside the SQL text.
    expect(condition.values).toEqual(bound);
  });

  it.each([
    [[id], "id ASC"],
    [[score, id], "score DESC, id ASC"],
    [[listed, title, id], 'listed_on DESC, title COLLATE "C" ASC, id ASC'],
  ])("orders by the keys %#, text byte-wise", (keys, sql) => {
    expect(orderBy(keys).text).toBe(sql);
  });

  it.each([
    [{ id: 3, score: 0.25 }, [score, id], [0.25, 3]],
    [{ listed_on: new Date("2025-08-08T00:00:00Z"), title: "x", id: 1 }, [listed, title, id], ["2025-08-08", "x", 1]],
    [{ listed_on: "2025-08-09", title: "y", id: 2 }, [listed, title, id], ["2025-08-09", "y", 2]],
  ])("takes the cursor values of row %#, dates as YYYY-MM-DD", (row, keys, values) => {
    expect(keyValues(row, keys)).toEqual(values);
  });
});
