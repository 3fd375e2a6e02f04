// A digest as one multipart email: a plain-text part and an HTML part with the same papers and links.
import { escapeHtml } from "../discovery/highlight.ts";
import { paperUrl } from "../discovery/links.ts";
import type { Period } from "../discovery/periods.ts";
import type { DigestContent, DigestPaper } from "./content.ts";

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

function periodName(period: Period): string {
  return period.kind === "week" ? `week ${period.label}` : period.label;
}

function authorLine(p: DigestPaper): string {
  const names = p.authors.map((a) => a.name);
  return names.length === 6 ? `${names.slice(0, 5).join(", ")} et al.` : names.join(", ");
}

function snippet(abstract: string): string {
  return abstract.length > 300 ? `${abstract.slice(0, 297).replace(/\s+\S*$/, "")}…` : abstract;
}

export function renderDigest(name: string, period: Period, content: DigestContent, unsubscribeUrl: string): RenderedDigest {
  const kind = period.kind === "week" ? "weekly" : "daily";
  const subject = `Paperboy ${kind} digest, ${periodName(period)}: ${content.paperCount} paper${content.paperCount === 1 ? "" : "s"}`;
  const text = [
    `Hello ${name},`,
    "",
    `Your Paperboy ${kind} digest for ${periodName(period)}.`,
    ...content.sections.flatMap((s) => [
      "",
      s.heading,
      "=".repeat(s.heading.length),
      ...s.papers.flatMap((p, i) => [
        "",
        `${i + 1}. ${p.title}`,
        `   ${authorLine(p)}`,
        `   Paper: ${paperUrl(p)}`,
        ...(p.pdfUrl ? [`   PDF: ${p.pdfUrl}`] : []),
        ...(p.codeUrl ? [`   Code: ${p.codeUrl}`] : []),
      ]),
    ]),
    "",
    "--",
    `Unsubscribe: ${unsubscribeUrl}`,
    "",
  ].join("\n");
  const paperHtml = (p: DigestPaper) => {
    const title = `<a href="${escapeHtml(paperUrl(p))}">${escapeHtml(p.title)}</a>`;
    const links = [
      p.pdfUrl ? `<a href="${escapeHtml(p.pdfUrl)}">PDF</a>` : "",
      p.codeUrl ? `<a href="${escapeHtml(p.codeUrl)}">Code</a>` : "",
    ]
      .filter(Boolean)
      .join(" · ");
    return (
      `<li style="margin-bottom:1em"><strong>${title}</strong><br><small>${escapeHtml(authorLine(p))}</small>` +
      `<br>${escapeHtml(snippet(p.abstract))}${links ? `<br>${links}` : ""}</li>`
    );
  };
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:40em">
<p>Hello ${escapeHtml(name)},</p><p>Your Paperboy ${kind} digest for ${escapeHtml(periodName(period))}.</p>
${content.sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2><ol>${s.papers.map(paperHtml).join("\n")}</ol>`).join("\n")}
<hr><p><small><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a> from these digests.</small></p>
</body></html>`;
  return { subject, text, html };
}
