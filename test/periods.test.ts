// Calendar periods of the daily listing, without a database: ISO weeks at year boundaries,
// months, single days, and the inputs each parser refuses.
import { describe, expect, it } from "vitest";

import { dayPeriod, parseIsoWeek, parseMonth, PeriodError, weekOf } from "../src/discovery/periods.ts";

const range = (p: { label: string; start: Date; end: Date }) => [
  p.label,
  p.start.toISOString().slice(0, 10),
  p.end.toISOString().slice(0, 10),
];

describe("periods", () => {
  it.each([
    ["2025-W32", "2025-08-04", "2025-08-11"],
    ["2025-W01", "2024-12-30", "2025-01-06"],
    ["2020-W53", "2020-12-28", "2021-01-04"],
    ["2026-W53", "2026-12-28", "2027-01-04"],
    ["2021-W01", "2021-01-04", "2021-01-11"],
  ])("ISO week %s runs from Monday %s to the Monday %s", (label, start, end) => {
    expect(range(parseIsoWeek(label))).toEqual([label, start, end]);
  });

  it.each([
    ["2025-08-08", "2025-W32"],
    ["2024-12-30", "2025-W01"],
    ["2021-01-03", "2020-W53"],
    ["2027-01-03", "2026-W53"],
    ["2025-08-10", "2025-W32"],
  ])("the day %s is in week %s", (day, week) => {
    expect(weekOf(new Date(`${day}T23:59:00Z`)).label).toBe(week);
  });

  it.each([
    ["2025-08", "2025-08-01", "2025-09-01"],
    ["2024-02", "2024-02-01", "2024-03-01"],
    ["2025-12", "2025-12-01", "2026-01-01"],
    ["0001-01", "0001-01-01", "0001-02-01"],
  ])("month %s runs from %s to %s", (label, start, end) => {
    expect(range(parseMonth(label))).toEqual([label, start, end]);
  });

  it("takes a day's UTC date, whatever its time", () => {
    expect(range(dayPeriod(new Date("2025-08-08T23:30:00Z")))).toEqual(["2025-08-08", "2025-08-08", "2025-08-09"]);
    expect(range(dayPeriod(new Date("0050-03-01T00:00:00Z")))).toEqual(["0050-03-01", "0050-03-01", "0050-03-02"]);
  });

  it.each([
    [parseIsoWeek, "2025-32", /expected an ISO 8601 week/],
    [parseIsoWeek, "2025-W00", /2025 has ISO weeks 01 to 52/],
    [parseIsoWeek, "2025-W53", /2025 has ISO weeks 01 to 52/],
    [parseIsoWeek, "9999-W52", /listing days run from 0001-01-01 to 9999-12-30/],
    [parseMonth, "2025-13", /months run 01 to 12/],
    [parseMonth, "2025-8", /expected a month like "2025-08"/],
    [parseMonth, "August 2025", /expected a month/],
    [parseMonth, "9999-12", /listing days run from/],
  ])("%o refuses %s", (parse, value, message) => {
    expect(() => parse(value)).toThrow(PeriodError);
    expect(() => parse(value)).toThrow(message);
  });
});
