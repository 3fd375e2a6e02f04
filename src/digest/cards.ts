// A digest paper as a card, in MJML (for the HTML part) and as plain text: the reader page's card
// (src/reader/card.ts) for mail clients: title linked to the paper, authors, topics, votes and
// comments, links to the abstract, the PDF and the code (with its stars). A section is a heading
// and its cards: a new kind of section (e.g. recommendations) is one more sectionMjml/sectionText call.
import { escapeHtml as e } from "../discovery/highlight.ts";
import { paperUrl } from "../discovery/links.ts";
import type { DigestPaper, DigestSection } from "./content.ts";

const INK = "#1a1a1a";
const MUTED = "#4a4a4a";
const ACCENT = "#0b5cad";

export function authorLine(p: DigestPaper): string {
  const names = p.authors.map((a) => a.name);
  return names.length === 6 ? `${names.slice(0, 5).join(", ")} et al.` : names.join(", ");
}

const votes = (p: DigestPaper) => p.upvoteCount + p.sourceUpvotes;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Abstract, PDF and code, as [label, url]. */
function links(p: DigestPaper): [string, string][] {
  return [
    ["Abstract", paperUrl(p)],
    ...(p.pdfUrl ? [["PDF", p.pdfUrl] as [string, string]] : []),
    ...(p.codeUrl ? [[p.githubStars !== null ? `Code (★ ${p.githubStars})` : "Code", p.codeUrl] as [string, string]] : []),
  ];
}

/** A card; `reason` says why a recommended paper is listed. */
export function paperCardMjml(p: DigestPaper, reason?: string): string {
  const link = (label: string, url: string) => `<a href="${e(url)}" style="color:${ACCENT}">${e(label)}</a>`;
  const chips = p.topics
    .map(
      (t) =>
        `<span style="display:inline-block;background:#eef3fa;color:${INK};border-radius:999px;padding:0 8px;margin:0 4px 4px 0">` +
        `${e(t.topic.name)}</span>`,
    )
    .join("");
  const facts = `▲ ${e(plural(votes(p), "vote"))} · ${e(plural(p.commentCount, "comment"))}`;
  return [
    `<mj-section padding="8px 0" border-top="1px solid #d6d6d6"><mj-column>`,
    `<mj-text padding="4px 16px" font-size="17px" line-height="1.35" font-weight="600" color="${INK}">` +
      `<a class="paper-title" href="${e(paperUrl(p))}" style="color:${ACCENT};text-decoration:none">${e(p.title)}</a></mj-text>`,
    `<mj-text padding="0 16px" font-size="13px" color="${MUTED}">${e(authorLine(p))}</mj-text>`,
    reason ? `<mj-text padding="4px 16px 0" font-size="13px" font-style="italic" color="${MUTED}">${e(reason)}</mj-text>` : "",
    chips ? `<mj-text padding="6px 16px 0" font-size="12px" color="${INK}">${chips}</mj-text>` : "",
    `<mj-text padding="4px 16px 8px" font-size="13px" color="${MUTED}">` +
      `${facts} · ${links(p)
        .map(([l, u]) => link(l, u))
        .join(" · ")}</mj-text>`,
    `</mj-column></mj-section>`,
  ].join("\n");
}

export function sectionMjml(section: DigestSection): string {
  const heading =
    `<mj-section padding="16px 0 4px"><mj-column><mj-text padding="0 16px" color="${INK}">` +
    `<h2 style="font-size:20px;margin:0">${e(section.heading)}</h2></mj-text></mj-column></mj-section>`;
  return [heading, ...section.papers.map((p) => paperCardMjml(p, section.reasons?.[p.id]))].join("\n");
}

export function paperCardText(p: DigestPaper, i: number, reason?: string): string[] {
  const topics = p.topics.map((t) => t.topic.name).join(", ");
  return [
    "",
    `${i + 1}. ${p.title}`,
    `   ${authorLine(p)}`,
    ...(reason ? [`   ${reason}`] : []),
    ...(topics ? [`   Topics: ${topics}`] : []),
    `   ${plural(votes(p), "vote")}, ${plural(p.commentCount, "comment")}`,
    ...links(p).map(([label, url]) => `   ${label === "Abstract" ? "Paper" : label.replace(/ \(.*\)$/, "")}: ${url}`),
  ];
}

export function sectionText(section: DigestSection): string[] {
  return [
    "",
    section.heading,
    "=".repeat(section.heading.length),
    ...section.papers.flatMap((p, i) => paperCardText(p, i, section.reasons?.[p.id])),
  ];
}
