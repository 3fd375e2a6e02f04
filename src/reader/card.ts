// One paper as a card of the reader page: the same markup whether the server renders the first
// paint or the browser script inserts a paper that just arrived, so this module imports nothing
// (it is bundled into the page's script too). Every text goes through escapeHtml; links are
// written only when they are http(s), so a hostile source cannot inject a javascript: URL.

export interface CardPaper {
  /** The Paper's global id (what GraphQL operations take). */
  id: string;
  title: string;
  /** The abstract page; a title search on arXiv when the paper has no id. */
  absUrl: string | null;
  pdfUrl: string | null;
  codeUrl: string | null;
  githubStars: number | null;
  authors: string[];
  topics: { slug: string; name: string }[];
  /** Our upvotes plus the source's. */
  votes: number;
  commentCount: number;
  aiSummary: string | null;
  thumbnail: string | null;
  /** Who submitted it: at the source, or one of our users. */
  submitter: string | null;
  /** YYYY-MM-DD */
  listedOn: string;
  viewerHasUpvoted: boolean;
}

/** Authors shown before "et al.". */
export const SHOWN_AUTHORS = 8;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The URL when it is http(s), else null: only those become links or images. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

export function paperLink(p: Pick<CardPaper, "absUrl" | "title">): string {
  return safeUrl(p.absUrl) ?? `https://arxiv.org/search/?searchtype=title&query=${encodeURIComponent(p.title)}`;
}

export function authorLine(authors: string[]): string {
  return authors.length > SHOWN_AUTHORS ? `${authors.slice(0, SHOWN_AUTHORS).join(", ")} et al.` : authors.join(", ");
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The text of the vote button's count, and the accessible name of the button. */
export function voteLabel(votes: number, upvoted: boolean): string {
  return `${upvoted ? "Remove upvote" : "Upvote"} (${plural(votes, "vote", "votes")})`;
}

export function commentLabel(n: number): string {
  return plural(n, "comment", "comments");
}

/** The card as an <li>; `topicHref` makes a topic chip a link to the current view filtered by it. */
export function renderCard(p: CardPaper, topicHref: (slug: string) => string): string {
  const e = escapeHtml;
  const link = paperLink(p);
  const pdf = safeUrl(p.pdfUrl);
  const code = safeUrl(p.codeUrl);
  const thumb = safeUrl(p.thumbnail);
  const links = [
    `<a href="${e(link)}">Abstract</a>`,
    pdf ? `<a href="${e(pdf)}">PDF</a>` : "",
    code ? `<a href="${e(code)}">Code${p.githubStars !== null ? ` <span class="stars">★ ${p.githubStars}</span>` : ""}</a>` : "",
  ].filter(Boolean);
  const topics = p.topics.map((t) => `<li><a class="chip" href="${e(topicHref(t.slug))}">${e(t.name)}</a></li>`).join("");
  return (
    `<li class="card" data-id="${e(p.id)}" data-listed-on="${e(p.listedOn)}">` +
    `<article aria-labelledby="t-${e(p.id)}">` +
    (thumb ? `<img class="thumb" src="${e(thumb)}" alt="" loading="lazy" width="160" height="90">` : "") +
    `<div class="body">` +
    `<h2 class="title" id="t-${e(p.id)}"><a href="${e(link)}" dir="auto">${e(p.title)}</a></h2>` +
    `<p class="authors" dir="auto">${e(authorLine(p.authors))}</p>` +
    (topics ? `<ul class="topics" aria-label="Topics">${topics}</ul>` : "") +
    (p.aiSummary ? `<p class="summary" dir="auto">${e(p.aiSummary)}</p>` : "") +
    `<p class="meta">` +
    `<button type="button" class="vote" aria-pressed="${p.viewerHasUpvoted}" data-votes="${p.votes}">` +
    `${e(voteLabel(p.votes, p.viewerHasUpvoted))}</button> ` +
    `<span class="comments">${e(commentLabel(p.commentCount))}</span>` +
    (p.submitter ? ` <span class="submitter">Submitted by <span dir="auto">${e(p.submitter)}</span></span>` : "") +
    `</p>` +
    `<p class="links">${links.join(" ")}</p>` +
    `</div></article></li>`
  );
}
