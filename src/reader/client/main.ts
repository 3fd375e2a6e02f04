/// <reference lib="dom" />
// The reader page's script: takes over the server-rendered list. Live: papers of the view that are
// ingested while the page is open gather in the "N new papers" bar (inserted on click, no reload;
// after a disconnect the subscription resumes with `after` = the last cursor seen), and each card's
// votes and comments follow paperUpdated. Signed in (logIn; the token kept for the tab): upvote, and
// the Subscribe box sets a daily or weekly digest. Thumbnails that fail to load are hidden.
import type { Client } from "graphql-ws";

import { type CardPaper, commentLabel, renderCard, voteLabel } from "../card.ts";
import { connect, request, session, subscribe } from "./api.ts";
import type { ReaderPaperIngestedSubscription } from "./gql/graphql.ts";
import { LogIn, LogOut, PaperIngested, PaperUpdated, RemoveUpvote, Subscribe, Upvote, Viewer } from "./operations.ts";

/** paperUpdated subscriptions at most: the server allows 100 per connection, paperIngested is one more. */
const MAX_WATCHED = 90;
/** PaperIngestedFilter.keywords: each at most 100 characters (README's limits table). */
const MAX_KEYWORD = 100;

const $ = <T extends Element>(selector: string, root: ParentNode = document) => root.querySelector<T>(selector);
const main = $<HTMLElement>("#papers")!;
const cards = $<HTMLOListElement>("#cards")!;
const bar = $<HTMLButtonElement>("#new-bar")!;
const view = {
  first: main.dataset.first ?? "",
  last: main.dataset.last ?? "",
  topic: main.dataset.topic || null,
  q: main.dataset.q || null,
};
let after: string | null = main.dataset.after || null;
let client: Client | null = null;
let retryMs = 500;
const pending: CardPaper[] = [];
const watched = new Map<string, () => void>();

// ---- cards ----

function cardOf(id: string): HTMLElement | null {
  return cards.querySelector<HTMLElement>(`li.card[data-id="${CSS.escape(id)}"]`);
}

function showCounts(id: string, votes: number, comments: number | null, upvoted: boolean | null): void {
  const card = cardOf(id);
  const button = card && $<HTMLButtonElement>("button.vote", card);
  if (!card || !button) return;
  const pressed = upvoted ?? button.getAttribute("aria-pressed") === "true";
  button.dataset.votes = String(votes);
  button.setAttribute("aria-pressed", String(pressed));
  button.textContent = voteLabel(votes, pressed);
  const span = $<HTMLElement>(".comments", card);
  if (span && comments !== null) span.textContent = commentLabel(comments);
}

function hideBrokenImages(root: ParentNode): void {
  for (const img of root.querySelectorAll<HTMLImageElement>("img.thumb")) {
    if (img.complete && img.naturalWidth === 0) img.classList.add("broken");
  }
}
// Errors of images that fail later (lazy ones): "error" does not bubble, so listen in capture.
document.addEventListener(
  "error",
  (e) => (e.target as Element).matches?.("img.thumb") && (e.target as Element).classList.add("broken"),
  true,
);

const topicHref = (slug: string) => {
  const url = new URL(location.href);
  url.searchParams.set("topic", slug);
  return url.pathname + url.search;
};

function toCard(p: ReaderPaperIngestedSubscription["paperIngested"]["paper"]): CardPaper {
  return {
    id: p.id,
    title: p.title,
    absUrl: p.links.abstract ?? null,
    pdfUrl: p.links.pdf ?? null,
    codeUrl: p.links.code ?? null,
    githubStars: p.githubStars ?? null,
    authors: p.authors.map((a) => a.name),
    topics: p.topics.map((t) => t.topic),
    votes: p.upvoteCount + p.sourceUpvotes,
    commentCount: p.commentCount,
    aiSummary: p.aiSummary ?? null,
    thumbnail: p.thumbnail ?? null,
    submitter: p.submittedBy?.handle ?? p.sourceSubmitter?.name ?? p.sourceSubmitter?.handle ?? null,
    listedOn: p.listedOn,
    viewerHasUpvoted: p.viewerHasUpvoted,
  };
}

function showBar(): void {
  bar.hidden = pending.length === 0;
  bar.textContent = `${pending.length} new paper${pending.length === 1 ? "" : "s"}: show ${pending.length === 1 ? "it" : "them"}`;
}

function insertPending(): void {
  if (pending.length === 0) return;
  const html = pending
    .reverse()
    .map((p) => renderCard(p, topicHref))
    .join("");
  pending.length = 0;
  cards.insertAdjacentHTML("afterbegin", html);
  $("#empty")?.remove();
  const fresh = [...cards.querySelectorAll<HTMLElement>("li.card:not([data-seen])")];
  for (const card of fresh) {
    card.dataset.seen = "";
    card.classList.add("fresh");
    if (client) watch(client, card.dataset.id!);
  }
  hideBrokenImages(cards);
  const count = $("#count");
  // "39 papers in Clustering" becomes "40 papers in Clustering".
  if (count) count.textContent = count.textContent!.replace(/^\d+\+? papers?/, `${cards.children.length} papers`);
  showBar();
  // Keyboard and screen-reader users land on the first paper that arrived.
  $<HTMLAnchorElement>("li.card .title a", cards)?.focus();
}

// ---- live ----

function watch(c: Client, id: string): void {
  if (watched.has(id) || watched.size >= MAX_WATCHED) return;
  watched.set(
    id,
    subscribe(c, PaperUpdated, { id }, ({ paperUpdated: p }) =>
      showCounts(p.id, p.upvoteCount + p.sourceUpvotes, p.commentCount, session.token ? p.viewerHasUpvoted : null),
    ),
  );
}

function inView(listedOn: string): boolean {
  return listedOn >= view.first && listedOn <= view.last;
}

function goLive(): void {
  watched.forEach((end) => end());
  watched.clear();
  // data-live says whether live updates flow (tests and styles read it).
  const c = connect(
    () => {
      main.dataset.live = "on";
      retryMs = 500;
    },
    () => {
      if (client !== c) return; // replaced on purpose (log-in, log-out)
      main.dataset.live = "off";
      client = null;
      // Back off, then resume after the last paper seen: no gap, no duplicate.
      setTimeout(goLive, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    },
  );
  client = c;
  const filter = { ...(view.topic ? { topics: [view.topic] } : {}), ...(view.q ? { keywords: [view.q] } : {}) };
  // A filter keyword is at most 100 characters: a longer search gets no live papers (the list is
  // still complete on reload) rather than a refused subscription.
  if (!view.q || view.q.length <= MAX_KEYWORD)
    subscribe(c, PaperIngested, { after, filter: Object.keys(filter).length ? filter : null }, ({ paperIngested }) => {
      after = paperIngested.cursor;
      const p = paperIngested.paper;
      if (!inView(p.listedOn) || cardOf(p.id) || pending.some((x) => x.id === p.id)) return;
      pending.push(toCard(p));
      showBar();
    });
  for (const card of cards.querySelectorAll<HTMLElement>("li.card")) {
    card.dataset.seen = "";
    watch(c, card.dataset.id!);
  }
}

function reconnect(): void {
  const old = client;
  client = null;
  old?.dispose();
  goLive();
}

// ---- account ----

const login = $<HTMLFormElement>("#login")!;
const signedIn = $<HTMLElement>("#signed-in")!;
const accountStatus = $<HTMLElement>("#account-status")!;
const subscribeForm = $<HTMLFormElement>("#subscribe")!;
const subscribeStatus = $<HTMLElement>("#subscribe-status")!;

function showAccount(handle: string | null): void {
  login.hidden = handle !== null;
  signedIn.hidden = handle === null;
  $("#who")!.textContent = handle ? `Signed in as ${handle}` : "";
  subscribeForm.hidden = false;
  if (handle === null) subscribeStatus.textContent = "Log in to subscribe.";
}

async function loadViewer(): Promise<void> {
  const ids = [...cards.querySelectorAll<HTMLElement>("li.card")].map((c) => c.dataset.id!).slice(0, 100);
  const data = await request(Viewer, { ids });
  if (!data.me) {
    session.token = null; // expired or revoked
    showAccount(null);
    return;
  }
  showAccount(data.me.handle);
  const frequency = data.digestSettings.frequency;
  if (frequency !== "OFF") subscribeStatus.textContent = `You get a ${frequency.toLowerCase()} digest.`;
  else subscribeStatus.textContent = "";
  for (const n of data.nodes) {
    if (n && "viewerHasUpvoted" in n) {
      const button = $<HTMLButtonElement>("button.vote", cardOf(n.id) ?? document.createElement("div"));
      if (button) showCounts(n.id, Number(button.dataset.votes), null, n.viewerHasUpvoted);
    }
  }
}

login.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(login);
  accountStatus.textContent = "Logging in…";
  try {
    const { logIn } = await request(LogIn, { emailOrHandle: String(form.get("emailOrHandle")), password: String(form.get("password")) });
    if (logIn.__typename !== "AuthPayload") {
      accountStatus.textContent = "message" in logIn ? logIn.message : "Could not log in.";
      return;
    }
    session.token = logIn.token;
    login.reset();
    accountStatus.textContent = `Logged in as ${logIn.user.handle}.`;
    await loadViewer();
    reconnect();
    $<HTMLButtonElement>("#logout")!.focus();
  } catch (e) {
    accountStatus.textContent = (e as Error).message;
  }
});

$<HTMLButtonElement>("#logout")!.addEventListener("click", async () => {
  try {
    await request(LogOut, {});
  } catch {
    // The token is forgotten here either way.
  }
  session.token = null;
  showAccount(null);
  accountStatus.textContent = "Logged out.";
  subscribeStatus.textContent = "Log in to subscribe.";
  for (const b of cards.querySelectorAll<HTMLButtonElement>("button.vote")) {
    const id = b.closest<HTMLElement>("li.card")!.dataset.id!;
    showCounts(id, Number(b.dataset.votes), null, false);
  }
  reconnect();
  $<HTMLInputElement>("#login-name")!.focus();
});

function needLogin(status: HTMLElement, what: string): void {
  status.textContent = `Log in to ${what}.`;
  $<HTMLInputElement>("#login-name")!.focus();
}

cards.addEventListener("click", async (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>("button.vote");
  if (!button) return;
  if (!session.token) return needLogin(accountStatus, "upvote");
  const id = button.closest<HTMLElement>("li.card")!.dataset.id!;
  const undo = button.getAttribute("aria-pressed") === "true";
  button.disabled = true;
  try {
    const result = undo ? (await request(RemoveUpvote, { id })).removeUpvote : (await request(Upvote, { id })).upvotePaper;
    if (result.__typename === "Paper") showCounts(result.id, result.upvoteCount + result.sourceUpvotes, null, result.viewerHasUpvoted);
    else accountStatus.textContent = "message" in result ? result.message : "Could not vote.";
  } catch (e) {
    accountStatus.textContent = (e as Error).message;
  } finally {
    button.disabled = false;
    button.focus();
  }
});

subscribeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!session.token) return needLogin(subscribeStatus, "subscribe");
  const frequency = new FormData(subscribeForm).get("frequency") === "WEEKLY" ? "WEEKLY" : "DAILY";
  try {
    const { updateDigestSettings: r } = await request(Subscribe, { frequency });
    subscribeStatus.textContent =
      r.__typename === "UpdateDigestSettingsPayload"
        ? `Subscribed: you get a ${r.data.frequency.toLowerCase()} digest.`
        : "message" in r
          ? r.message
          : "Could not subscribe.";
  } catch (e) {
    subscribeStatus.textContent = (e as Error).message;
  }
});

bar.addEventListener("click", insertPending);

// ---- start ----

hideBrokenImages(document);
showAccount(null);
if (session.token) loadViewer().catch((e: Error) => (accountStatus.textContent = e.message));
goLive();
