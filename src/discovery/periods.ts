// Calendar periods of the daily listing: a day, an ISO 8601 week ("2025-W32") or a month
// ("2025-08"), as half-open ranges of listing days [start, end) in UTC.

export interface Period {
  kind: "day" | "week" | "month";
  /** "2025-08-08", "2025-W32" or "2025-08": the canonical label. */
  label: string;
  /** First day in the period (UTC midnight). */
  start: Date;
  /** First day after the period (UTC midnight). */
  end: Date;
}

const DAY_MS = 86_400_000;

export class PeriodError extends Error {}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The days a period may cover: four-digit years, as ISO 8601 dates and PostgreSQL timestamps are
 * written here (a period's end is the day after it, so the last day is 9999-12-30).
 */
const FIRST_DAY = Date.parse("0001-01-01T00:00:00Z");
const END_LIMIT = Date.parse("9999-12-31T00:00:00Z");

function utcDay(year: number, monthIndex: number, day: number): Date {
  // Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

function inRange(period: Period): Period {
  if (period.start.getTime() < FIRST_DAY || period.end.getTime() > END_LIMIT) {
    throw new PeriodError(`listing days run from 0001-01-01 to 9999-12-30, got ${period.label}`);
  }
  return period;
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** The Monday of ISO week 1 of an ISO year: the week with the year's first Thursday. */
function isoWeekOneMonday(isoYear: number): Date {
  const jan4 = utcDay(isoYear, 0, 4);
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(jan4, -weekday);
}

/** 52 or 53. */
function isoWeeksInYear(isoYear: number): number {
  return (isoWeekOneMonday(isoYear + 1).getTime() - isoWeekOneMonday(isoYear).getTime()) / (7 * DAY_MS);
}

export function dayPeriod(day: Date): Period {
  const start = utcDay(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return inRange({ kind: "day", label: isoDay(start), start, end: addDays(start, 1) });
}

/** "2025-W32" -> Monday to Sunday of that week. */
export function parseIsoWeek(value: string): Period {
  const m = /^(\d{4})-W(\d{2})$/.exec(value.trim());
  if (!m) throw new PeriodError(`expected an ISO 8601 week like "2025-W32", got "${value.slice(0, 40)}"`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) throw new PeriodError(`${year} has ISO weeks 01 to ${weeks}, got "${value.slice(0, 40)}"`);
  const start = addDays(isoWeekOneMonday(year), (week - 1) * 7);
  return inRange({ kind: "week", label: `${m[1]}-W${m[2]}`, start, end: addDays(start, 7) });
}

/** The ISO week a day belongs to. */
export function weekOf(day: Date): Period {
  const d = dayPeriod(day).start;
  const thursday = addDays(d, 3 - ((d.getUTCDay() + 6) % 7));
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - isoWeekOneMonday(isoYear).getTime()) / (7 * DAY_MS));
  return parseIsoWeek(`${isoYear}-W${String(week).padStart(2, "0")}`);
}

export function parseMonth(value: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!m) throw new PeriodError(`expected a month like "2025-08", got "${value.slice(0, 40)}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new PeriodError(`months run 01 to 12, got "${value.slice(0, 40)}"`);
  return inRange({ kind: "month", label: `${m[1]}-${m[2]}`, start: utcDay(year, month - 1, 1), end: utcDay(year, month, 1) });
}
