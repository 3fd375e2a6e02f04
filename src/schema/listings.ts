// The daily / weekly / monthly listings (like Hugging Face's daily papers) and trending.
import type { Context } from "../context.ts";
import { rankedPapers, type RankedRow } from "../discovery/listings.ts";
import { addDays, dayPeriod, parseIsoWeek, parseMonth, type Period, PeriodError } from "../discovery/periods.ts";
import { SORT_KEYS } from "../discovery/ranking.ts";
import { topicIdsWithin } from "../discovery/topics.ts";
import { builder } from "./builder.ts";
import { fingerprint } from "./cursors.ts";
import { badInput, refusedArguments } from "./ids.ts";
import { NAME_MAX, SLUG_MAX } from "./input-limits.ts";
import { type ConnectionShape, readPage, toConnection } from "./paging.ts";
import { Paper } from "./paper.ts";

export const PaperSortEnum = builder.enumType("PaperSort", {
  description: "The order of a listing.",
  values: {
    TRENDING: { description: 'By trending score (README "Trending"), then title.' },
    UPVOTES: { description: "Most votes (our upvotes + Hugging Face upvotes) first, then title." },
    NEWEST: { description: "Latest listing day first, then the latest ingested." },
    GITHUB_STARS: { description: "Most stars of the code repository first (papers without a count last), then votes, then title." },
  } as const,
});

export const TrendingWindowEnum = builder.enumType("TrendingWindow", {
  description: "How far back a trending list looks from its instant.",
  values: {
    DAY: { description: "Papers listed in the last 24 hours (the listing day of asOf and the day before)." },
    WEEK: { description: "Papers listed in the last 7 days." },
    MONTH: { description: "Papers listed in the last 30 days." },
  } as const,
});
export type TrendingWindow = "DAY" | "WEEK" | "MONTH";
const WINDOW_DAYS: Record<TrendingWindow, number> = { DAY: 1, WEEK: 7, MONTH: 30 };

export type RankedEdge = { score: number; votes: number };

export const RankedPaperEdge = builder.edgeObject<typeof Paper, ConnectionShape<RankedEdge>>({
  name: "RankedPaperEdge",
  description: "A paper in a listing, with the numbers it was ranked by.",
  type: Paper,
  fields: (t) => ({
    score: t.exposeFloat("score", {
      description: "The paper's trending score at the list's instant: votes / (age in hours + 2)^1.8.",
    }),
    votes: t.exposeInt("votes", { description: "upvoteCount + sourceUpvotes." }),
  }),
});

const PeriodKind = builder.enumType("PeriodKind", {
  description: "The length of a listing's period.",
  values: {
    DAY: { description: "One listing day (UTC)." },
    WEEK: { description: "An ISO 8601 week, Monday to Sunday." },
    MONTH: { description: "A calendar month." },
  } as const,
});

const ListingPeriod = builder.objectRef<Period>("ListingPeriod").implement({
  description: "The days a listing covers.",
  fields: (t) => ({
    kind: t.field({
      type: PeriodKind,
      description: "A day, a week or a month.",
      resolve: (p) => p.kind.toUpperCase() as "DAY" | "WEEK" | "MONTH",
    }),
    label: t.exposeString("label", { description: '"2025-08-08", "2025-W32" or "2025-08".' }),
    firstDay: t.field({ type: "Date", description: "The first listing day, inclusive.", resolve: (p) => p.start }),
    lastDay: t.field({ type: "Date", description: "The last listing day, inclusive.", resolve: (p) => addDays(p.end, -1) }),
  }),
});

type DailyConnection = ConnectionShape<RankedEdge> & { period: Period };
type TrendingConnection = ConnectionShape<RankedEdge> & { asOf: Date; firstDay: Date };

const DailyPapersConnection = builder.connectionObject<typeof Paper, DailyConnection>(
  {
    type: Paper,
    name: "DailyPapersConnection",
    description: "A page of a day's, week's or month's listing.",
    fields: (t) => ({
      period: t.field({ type: ListingPeriod, description: "The days this listing covers.", resolve: (c) => c.period }),
    }),
  },
  RankedPaperEdge,
);

export const TrendingConnectionRef = builder.connectionObject<typeof Paper, TrendingConnection>(
  {
    type: Paper,
    name: "TrendingConnection",
    description: "A page of papers by trending score.",
    fields: (t) => ({
      asOf: t.expose("asOf", { type: "DateTime", description: "The instant the scores were computed at." }),
      firstDay: t.expose("firstDay", { type: "Date", description: "The first listing day in the window." }),
    }),
  },
  RankedPaperEdge,
);

function periodOf(args: { date?: Date | null; week?: string | null; month?: string | null }): Period | null {
  const given = (["date", "week", "month"] as const).filter((k) => args[k] != null);
  if (given.length > 1) throw badInput(given[1]!, `give one of date, week and month, not ${given.join(" and ")}`);
  try {
    if (args.date != null) return dayPeriod(args.date);
    if (args.week != null) return parseIsoWeek(args.week);
    if (args.month != null) return parseMonth(args.month);
  } catch (e) {
    if (e instanceof PeriodError) throw badInput(given[0]!, e.message);
    throw e;
  }
  return null;
}

async function latestListedDay(ctx: Context): Promise<Period> {
  const { _max } = await ctx.prisma.paper.aggregate({ _max: { listedOn: true } });
  return dayPeriod(_max.listedOn ?? new Date());
}

async function submitterId(ctx: Context, handle: string): Promise<number> {
  const user = await ctx.prisma.user.findUnique({ where: { handleKey: handle.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw badInput("submitter", `no user has the handle "${handle.slice(0, 60)}"`);
  return user.id;
}

/** The id of the organization with this name; an unknown name is an error naming `argument`. */
export async function organizationId(ctx: Context, name: string, argument = "organization"): Promise<number> {
  const org = await ctx.prisma.organization.findUnique({ where: { name: name.trim() }, select: { id: true } });
  if (!org) throw badInput(argument, `no organization has the name "${name.slice(0, 60)}"`);
  return org.id;
}

/** What hasCode means wherever papers are listed. */
export const hasCodeDescription = "true: only papers with a code link (links.code); false: only papers without one.";

export const edgeExtra = (r: RankedRow): RankedEdge => ({ score: r.score, votes: r.votes });

/** The instant a trending list is computed at: its cursor's, else asOf, else now. */
const AS_OF_KEY = { column: "as_of", type: "float8", desc: false } as const;

export async function trendingConnection(
  ctx: Context,
  info: Parameters<typeof toConnection>[1],
  args: {
    window: TrendingWindow;
    topicIds?: number[];
    hasCode?: boolean | null;
    organizationId?: number;
    asOf?: Date | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<TrendingConnection> {
  const keys = [AS_OF_KEY, ...SORT_KEYS.TRENDING];
  const fp = fingerprint(["trending", args.window, args.topicIds ?? null, args.hasCode ?? null, args.organizationId ?? null]);
  const page = readPage(args, 20, fp, keys);
  let asOf = args.asOf ?? new Date();
  let after = page.after;
  if (after) {
    const cursorAsOf = new Date(after[0] as number);
    if (args.asOf != null && args.asOf.getTime() !== cursorAsOf.getTime()) throw badInput("after", "was made for another asOf");
    asOf = cursorAsOf;
    after = after.slice(1);
  }
  let today: Period;
  let firstDay: Date;
  try {
    today = dayPeriod(asOf);
    firstDay = dayPeriod(new Date(asOf.getTime() - WINDOW_DAYS[args.window] * 86_400_000)).start;
  } catch (e) {
    const window = `the ${args.window.toLowerCase()} window of this instant`;
    if (e instanceof PeriodError) throw badInput(args.asOf != null ? "asOf" : "after", `${e.message} (${window})`);
    throw e;
  }
  const rows = await rankedPapers(ctx.prisma, {
    from: firstDay,
    until: today.end,
    sort: "TRENDING",
    asOf,
    topicIds: args.topicIds,
    hasCode: args.hasCode ?? undefined,
    organizationId: args.organizationId,
    limit: page.size + 1,
    after,
  });
  const withAsOf = rows.map((r) => ({ ...r, as_of: asOf.getTime() }));
  const connection = await toConnection(ctx, info, withAsOf, { ...page, after }, fp, keys, edgeExtra);
  return { ...connection, asOf, firstDay };
}

builder.queryFields((t) => ({
  dailyPapers: t.field({
    type: DailyPapersConnection,
    description:
      "The papers listed on a day, in an ISO 8601 week or in a month (give at most one of date, week, month; " +
      "none means the latest day with papers). Listing days are UTC.",
    args: {
      date: t.arg({ type: "Date", description: "A listing day, YYYY-MM-DD." }),
      week: t.arg.string({ maxLength: 20, description: 'An ISO 8601 week, e.g. "2025-W32" (Monday to Sunday).' }),
      month: t.arg.string({ maxLength: 20, description: 'A month, e.g. "2025-08".' }),
      sort: t.arg({ type: PaperSortEnum, defaultValue: "UPVOTES", required: true, description: "The order (default: most votes first)." }),
      submitter: t.arg.string({ maxLength: NAME_MAX, description: "Only papers submitted by the user with this handle." }),
      hasCode: t.arg.boolean({ description: hasCodeDescription }),
      organization: t.arg.string({
        maxLength: NAME_MAX,
        description: "Only papers of the organization with this name (Organization.name).",
      }),
      first: t.arg.int({ description: "Page size (default 50)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (_root, args, ctx, info) => {
      const period = periodOf(args) ?? (await latestListedDay(ctx));
      const submitter = args.submitter != null ? await submitterId(ctx, args.submitter) : undefined;
      const organization = args.organization != null ? await organizationId(ctx, args.organization) : undefined;
      const sort = args.sort;
      const keys = SORT_KEYS[sort];
      const fp = fingerprint(["daily", period.label, sort, submitter ?? null, args.hasCode ?? null, organization ?? null]);
      const page = readPage(args, 50, fp, keys);
      // Trending within a period is scored at the period's end, so a past period's order is stable.
      const rows = await rankedPapers(ctx.prisma, {
        from: period.start,
        until: period.end,
        sort,
        asOf: period.end,
        submitterId: submitter,
        hasCode: args.hasCode ?? undefined,
        organizationId: organization,
        limit: page.size + 1,
        after: page.after,
      });
      return { ...(await toConnection(ctx, info, rows, page, fp, keys, edgeExtra)), period };
    },
  }),
  trending: t.field({
    type: TrendingConnectionRef,
    description: 'Papers by trending score over a window ending at asOf (default: now). README "Trending" has the formula.',
    args: {
      window: t.arg({
        type: TrendingWindowEnum,
        defaultValue: "WEEK",
        required: true,
        description: "How far back to look (default a week).",
      }),
      topic: t.arg.string({ maxLength: SLUG_MAX, description: "A topic slug: papers of the topic and its subtopics." }),
      hasCode: t.arg.boolean({ description: `${hasCodeDescription} trending(hasCode: true) is "trending papers with code".` }),
      organization: t.arg.string({
        maxLength: NAME_MAX,
        description: "Only papers of the organization with this name (Organization.name).",
      }),
      asOf: t.arg({ type: "DateTime", description: "The instant to rank at (default now); later pages keep the first page's." }),
      first: t.arg.int({ description: "Page size (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: async (_root, args, ctx, info) => {
      const { topic } = args;
      const topicIds = topic != null ? await refusedArguments(() => topicIdsWithin(ctx.prisma, topic, "topic")) : undefined;
      const organization = args.organization != null ? await organizationId(ctx, args.organization) : undefined;
      return trendingConnection(ctx, info, { ...args, topicIds, organizationId: organization });
    },
  }),
}));
