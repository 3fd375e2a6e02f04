// What a reader-page URL asks for: /?date=2025-08-08 | week=2025-W32 | month=2025-08 (at most one;
// none: the latest day with papers), sort=trending|upvotes|newest, topic=<slug>, q=<search words>.
// A parameter that cannot be read is an HttpError 400 in one line (the route wrapper answers it),
// as the feeds do; parameters the page does not know (utm_source...) are ignored.
import { dayPeriod, parseIsoWeek, parseMonth, type Period, PeriodError } from "../discovery/periods.ts";
import { MAX_QUERY_LENGTH } from "../discovery/search.ts";
import { HttpError } from "../errors.ts";

export const SORTS = { trending: "TRENDING", upvotes: "UPVOTES", newest: "NEWEST" } as const;
export type SortParam = keyof typeof SORTS;

/** Topic slugs are at most this long (SLUG_MAX of the schema's input limits). */
const SLUG_MAX = 100;

export interface ReaderView {
  /** Null: the latest day with papers (known once the database is asked). */
  period: Period | null;
  sort: SortParam;
  topic: string | null;
  q: string | null;
}

function one(url: URL, name: string): string | null {
  const all = url.searchParams.getAll(name);
  if (all.length > 1) throw new HttpError(400, `Query parameter ${name} is given ${all.length} times: give it once.`);
  const v = all[0]?.trim();
  return v === undefined || v === "" ? null : v;
}

const shown = (v: string) => JSON.stringify(v.slice(0, 40));

export function readView(url: URL): ReaderView {
  const given = (["date", "week", "month"] as const).map((k) => [k, one(url, k)] as const).filter(([, v]) => v !== null);
  if (given.length > 1) throw new HttpError(400, `Give one of date, week and month, not ${given.map(([k]) => k).join(" and ")}.`);
  let period: Period | null = null;
  const [kind, value] = given[0] ?? [];
  if (kind && value) {
    try {
      if (kind === "date") {
        const d = new Date(`${value}T00:00:00Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(value))
          throw new PeriodError(`expected a day like 2025-08-08, got ${shown(value)}`);
        period = dayPeriod(d);
      } else period = kind === "week" ? parseIsoWeek(value) : parseMonth(value);
    } catch (e) {
      if (e instanceof PeriodError) throw new HttpError(400, `Query parameter ${kind}: ${e.message}.`);
      throw e;
    }
  }
  const sort = one(url, "sort") ?? "trending";
  if (!(sort in SORTS)) throw new HttpError(400, `Query parameter sort must be trending, upvotes or newest, got ${shown(sort)}.`);
  const topic = one(url, "topic");
  if (topic !== null && topic.length > SLUG_MAX)
    throw new HttpError(400, `Query parameter topic is ${topic.length} characters long (at most ${SLUG_MAX}).`);
  const q = one(url, "q");
  if (q !== null && q.length > MAX_QUERY_LENGTH)
    throw new HttpError(400, `Query parameter q is ${q.length} characters long (at most ${MAX_QUERY_LENGTH}).`);
  return { period, sort: sort as SortParam, topic, q };
}

/** The page's URL for a view, parameters in a stable order; `period: null` leaves the period out. */
export function viewHref(v: { period: Period | null; sort: SortParam; topic: string | null; q: string | null }): string {
  const params = new URLSearchParams();
  if (v.period) params.set(v.period.kind === "day" ? "date" : v.period.kind, v.period.label);
  if (v.sort !== "trending") params.set("sort", v.sort);
  if (v.topic) params.set("topic", v.topic);
  if (v.q) params.set("q", v.q);
  const s = params.toString();
  return s ? `/?${s}` : "/";
}
