// A digest as one multipart email: a plain-text part and an HTML part rendered with MJML (mail
// clients show its tables consistently), with the same papers, cards and links (cards.ts).
// MJML takes seconds to load: it is imported on the first digest rendered, never at server start.
import type Mjml2Html from "mjml";

import { escapeHtml as e } from "../discovery/highlight.ts";
import type { Period } from "../discovery/periods.ts";
import { sectionMjml, sectionText } from "./cards.ts";
import type { DigestContent } from "./content.ts";

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

function periodName(period: Period): string {
  return period.kind === "week" ? `week ${period.label}` : period.label;
}

let mjml: Promise<typeof Mjml2Html> | undefined;
const loadMjml = () => (mjml ??= import("mjml").then((m) => m.default));

/** `pageUrl`: the period on the reader page, linked from the email. */
export async function renderDigest(
  name: string,
  period: Period,
  content: DigestContent,
  unsubscribeUrl: string,
  pageUrl: string,
): Promise<RenderedDigest> {
  const kind = period.kind === "week" ? "weekly" : "daily";
  const subject = `Paperboy ${kind} digest, ${periodName(period)}: ${content.paperCount} paper${content.paperCount === 1 ? "" : "s"}`;
  const text = [
    `Hello ${name},`,
    "",
    `Your Paperboy ${kind} digest for ${periodName(period)}.`,
    `On the web: ${pageUrl}`,
    ...content.sections.flatMap(sectionText),
    "",
    "--",
    `Unsubscribe: ${unsubscribeUrl}`,
    "",
  ].join("\n");
  const font = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";
  const greeting =
    `Hello ${e(name)}, your Paperboy ${kind} digest for ` + `<a href="${e(pageUrl)}" style="color:#0b5cad">${e(periodName(period))}</a>.`;
  const preview = e(`Your Paperboy ${kind} digest for ${periodName(period)}`);
  const source = `<mjml>
<mj-head><mj-title>${e(subject)}</mj-title><mj-preview>${preview}</mj-preview>
<mj-attributes><mj-all font-family="${font}" /><mj-text line-height="1.5" /></mj-attributes></mj-head>
<mj-body width="640px" background-color="#ffffff">
<mj-section padding="16px 0 0"><mj-column>
<mj-text padding="0 16px" font-size="24px" font-weight="700" color="#1a1a1a">Daily Papers</mj-text>
<mj-text padding="4px 16px" color="#4a4a4a">${greeting}</mj-text>
</mj-column></mj-section>
${content.sections.map(sectionMjml).join("\n")}
<mj-section padding="16px 0" border-top="1px solid #d6d6d6"><mj-column>
<mj-text padding="0 16px" font-size="12px" color="#4a4a4a">
<a href="${e(unsubscribeUrl)}" style="color:#0b5cad">Unsubscribe</a> from these digests.</mj-text>
</mj-column></mj-section>
</mj-body></mjml>`;
  const { html, errors } = await (await loadMjml())(source, { validationLevel: "strict" });
  // Strict validation throws on invalid markup; anything left is a bug of ours, not the reader's.
  if (errors.length > 0) throw new Error(`MJML: ${errors.map((x) => x.formattedMessage).join("; ")}`);
  return { subject, text, html };
}
