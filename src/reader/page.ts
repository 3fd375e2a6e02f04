// The reader page's HTML: the whole view rendered on the server (a link preview, a reader without
// JavaScript and a search engine see the papers), with the controls the script brings to life
// (log-in, upvotes, the Subscribe box, the "N new papers" bar). No inline script or style: the
// Content-Security-Policy (plugin.ts) forbids them; the script reads its state from data- attributes.
import { addDays, dayPeriod, isoDay, parseMonth, type Period, weekOf } from "../discovery/periods.ts";
import { escapeHtml as e, renderCard } from "./card.ts";
import type { ReaderListing } from "./papers.ts";
import { type ReaderView, type SortParam, viewHref } from "./view.ts";

export interface AssetUrls {
  script: string;
  style: string;
  icon: string;
}

function shift(period: Period, step: -1 | 1): Period {
  if (period.kind === "day") return dayPeriod(addDays(period.start, step));
  if (period.kind === "week") return weekOf(addDays(period.start, step * 7));
  const d = period.start;
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1));
  return parseMonth(isoDay(m).slice(0, 7));
}

function periodTitle(p: Period): string {
  if (p.kind === "day") {
    return new Date(p.start).toLocaleDateString("en-US", {
      timeZone: "UTC",
      weekday: "long",
      year: "numeric",
      month: "long",
      day: "numeric",
    });
  }
  if (p.kind === "week") return `Week ${p.label.slice(6)} of ${p.label.slice(0, 4)} (${isoDay(p.start)} to ${isoDay(addDays(p.end, -1))})`;
  return new Date(p.start).toLocaleDateString("en-US", { timeZone: "UTC", year: "numeric", month: "long" });
}

function safePeriod(f: () => Period): Period | null {
  try {
    return f();
  } catch {
    return null; // before 0001-01-01 or after 9999-12-30: no link
  }
}

function navigation(view: ReaderView, period: Period): string {
  const at = (p: Period | null) => viewHref({ ...view, period: p });
  const prev = safePeriod(() => shift(period, -1));
  const next = safePeriod(() => shift(period, 1));
  const unit = period.kind;
  const kinds: [Period["kind"], string, Period][] = [
    ["day", "Day", dayPeriod(period.start)],
    ["week", "Week", weekOf(period.start)],
    ["month", "Month", parseMonth(isoDay(period.start).slice(0, 7))],
  ];
  return (
    `<nav class="periods" aria-label="Period">` +
    `<ul class="pager">` +
    (prev ? `<li><a href="${e(at(prev))}" rel="prev">← Previous ${unit}</a></li>` : "") +
    (next ? `<li><a href="${e(at(next))}" rel="next">Next ${unit} →</a></li>` : "") +
    `</ul><ul class="kinds">` +
    kinds
      .map(([kind, name, p]) =>
        kind === unit ? `<li><a href="${e(at(p))}" aria-current="page">${name}</a></li>` : `<li><a href="${e(at(p))}">${name}</a></li>`,
      )
      .join("") +
    `</ul></nav>`
  );
}

function filters(view: ReaderView, period: Period, topics: ReaderListing["topics"]): string {
  const periodParam = period.kind === "day" ? "date" : period.kind;
  const sorts: [SortParam, string][] = [
    ["trending", "Trending"],
    ["upvotes", "Most upvoted"],
    ["newest", "Newest"],
  ];
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${e(value)}"${selected ? " selected" : ""}>${e(label)}</option>`;
  return (
    `<form class="filters" role="search" method="get" action="/">` +
    `<input type="hidden" name="${periodParam}" value="${e(period.label)}">` +
    `<div class="field"><label for="q">Search</label>` +
    `<input id="q" name="q" type="search" maxlength="500" value="${e(view.q ?? "")}"></div>` +
    `<div class="field"><label for="topic">Topic</label><select id="topic" name="topic">` +
    option("", "All topics", !view.topic) +
    topics.map((t) => option(t.slug, t.name, t.slug === view.topic)).join("") +
    `</select></div>` +
    `<div class="field"><label for="sort">Sort</label><select id="sort" name="sort">` +
    sorts.map(([v, l]) => option(v, l, v === view.sort)).join("") +
    `</select></div>` +
    `<button type="submit">Show</button></form>`
  );
}

/** The log-in form and the Subscribe box: hidden until the script runs (they need it). */
function accountControls(): string {
  return (
    `<section class="account" aria-labelledby="account-h">` +
    `<h2 id="account-h" class="visually-hidden">Your account</h2>` +
    `<form id="login" class="login" hidden>` +
    `<div class="field"><label for="login-name">Email or handle</label>` +
    `<input id="login-name" name="emailOrHandle" autocomplete="username" required maxlength="254"></div>` +
    `<div class="field"><label for="login-password">Password</label>` +
    `<input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength="200"></div>` +
    `<button type="submit">Log in</button></form>` +
    `<div id="signed-in" class="signed-in" hidden><span id="who"></span> <button type="button" id="logout">Log out</button></div>` +
    `<p id="account-status" class="status" role="status" aria-live="polite"></p>` +
    `</section>` +
    `<section class="subscribe" aria-labelledby="subscribe-h">` +
    `<h2 id="subscribe-h">Get trending papers in your email inbox!</h2>` +
    `<form id="subscribe" hidden><fieldset><legend>How often</legend>` +
    `<label><input type="radio" name="frequency" value="DAILY" checked> Daily</label> ` +
    `<label><input type="radio" name="frequency" value="WEEKLY"> Weekly</label></fieldset>` +
    `<button type="submit">Subscribe</button></form>` +
    `<p id="subscribe-status" class="status" role="status" aria-live="polite"></p>` +
    `</section>`
  );
}

const EMPTY = "No papers in this view yet. New ones appear here as they arrive.";

export function readerPage(view: ReaderView, listing: ReaderListing, assets: AssetUrls): string {
  const { period, papers } = listing;
  const current = { ...view, period };
  const topicHref = (slug: string) => viewHref({ ...current, topic: slug });
  const topicName = view.topic ? (listing.topics.find((t) => t.slug === view.topic)?.name ?? view.topic) : null;
  const scope = [topicName ? `in ${topicName}` : "", view.q ? `matching “${view.q}”` : ""].filter(Boolean).join(" ");
  const count = `${papers.length}${listing.truncated ? "+" : ""} paper${papers.length === 1 ? "" : "s"}${scope ? ` ${scope}` : ""}`;
  const list =
    papers.length > 0
      ? `<ol class="cards" id="cards">${papers.map((p) => renderCard(p, topicHref)).join("")}</ol>`
      : `<ol class="cards" id="cards"></ol><p class="empty" id="empty">${EMPTY}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Daily Papers, ${e(period.label)} · Paperboy</title>
<meta name="description" content="${e(`${count}: ${periodTitle(period)}`)}">
<link rel="icon" href="${e(assets.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${e(assets.style)}">
<script type="module" src="${e(assets.script)}"></script>
</head>
<body>
<a class="skip" href="#papers">Skip to the papers</a>
<header class="top">
<p class="brand"><a href="/">Paperboy</a></p>
<h1>Daily Papers <span class="by">by AK and the research community</span></h1>
${accountControls()}
</header>
<main id="papers" tabindex="-1" data-first="${isoDay(period.start)}" data-last="${isoDay(addDays(period.end, -1))}"
 data-after="${e(listing.after ?? "")}" data-topic="${e(view.topic ?? "")}" data-q="${e(view.q ?? "")}">
<h2 class="period">${e(periodTitle(period))}</h2>
${navigation(view, period)}
${filters(view, period, listing.topics)}
<p class="count" id="count">${e(count)}${listing.truncated ? " (the first ones shown; the API lists them all)" : ""}</p>
<div class="live" role="status" aria-live="polite"><button type="button" id="new-bar" class="new-bar" hidden></button></div>
${list}
</main>
<footer class="bottom"><p><a href="/graphql">GraphQL API</a> · <a href="/feeds/daily.atom">Atom feed</a> ·
 <a href="/feeds/daily.json">JSON Feed</a></p>
<noscript><p>Live updates, log-in, upvotes and the digest need JavaScript; the list above is complete without it.</p></noscript></footer>
</body>
</html>
`;
}
