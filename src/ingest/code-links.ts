// Code and project links found in a paper's own words (abstract, arXiv comment), for papers whose
// source gave none. The rule (README "Code links from text"):
// - a GitHub or GitLab repository, or a Hugging Face model or dataset repository, is the code;
//   GitHub and GitLab win over Hugging Face when the text names both;
// - a Hugging Face Space (a demo) or a GitHub Pages site is the project page;
// - the first such URL in the text wins; the abstract is read before the comment.
// URLs are reduced to the repository itself: "https://github.com/a/b/tree/main." -> https://github.com/a/b,
// and TeX leftovers ("...GKNet{here}.") and sentence punctuation are not part of them.

const NAME = String.raw`[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?`;
const SCHEME = String.raw`(?:https?:\/\/)?(?:www\.)?`;
// Preceded by the start or by something that cannot end a host name ("mygithub.com" is not GitHub).
const START = String.raw`(?<![A-Za-z0-9.-])`;

const GITHUB = new RegExp(`${START}${SCHEME}github\\.com\\/(${NAME})\\/(${NAME})`, "gi");
// GitLab groups nest: group/subgroup/project, up to the "/-/" of its own pages.
const GITLAB = new RegExp(`${START}${SCHEME}gitlab\\.com\\/(${NAME}(?:\\/${NAME})+)`, "gi");
const HF_REPO = new RegExp(`${START}${SCHEME}huggingface\\.co\\/(?:(datasets|spaces)\\/)?(${NAME})\\/(${NAME})`, "gi");
const GITHUB_PAGES = new RegExp(`${START}(?:https?:\\/\\/)?(${NAME})\\.github\\.io((?:\\/${NAME})*)`, "gi");

// Paths of huggingface.co that are not repositories.
const HF_RESERVED = new Set(["papers", "docs", "blog", "learn", "models", "collections", "organizations", "settings", "join", "login"]);

export interface FoundLinks {
  code?: string;
  project?: string;
}

interface Match {
  index: number;
  url: string;
}

function first(matches: Match[]): string | undefined {
  return matches.sort((a, b) => a.index - b.index)[0]?.url;
}

/** A repository name without a trailing ".git". */
const repo = (name: string) => name.replace(/\.git$/i, "");

/** The code repository and the project page one text names, by the rule above. */
export function linksInText(text: string): FoundLinks {
  if (!/github|gitlab|huggingface/i.test(text)) return {};
  const forges: Match[] = [
    ...[...text.matchAll(GITHUB)].map((m) => ({ index: m.index, url: `https://github.com/${m[1]}/${repo(m[2]!)}` })),
    ...[...text.matchAll(GITLAB)].map((m) => ({ index: m.index, url: `https://gitlab.com/${repo(m[1]!)}` })),
  ];
  const hfCode: Match[] = [];
  const project: Match[] = [];
  for (const m of text.matchAll(HF_REPO)) {
    const [kind, owner, name] = [m[1]?.toLowerCase(), m[2]!, m[3]!];
    if (!kind && HF_RESERVED.has(owner.toLowerCase())) continue;
    const url = `https://huggingface.co/${kind ? `${kind}/` : ""}${owner}/${name}`;
    (kind === "spaces" ? project : hfCode).push({ index: m.index, url });
  }
  for (const m of text.matchAll(GITHUB_PAGES)) project.push({ index: m.index, url: `https://${m[1]}.github.io${m[2] ?? ""}` });
  return { code: first(forges) ?? first(hfCode), project: first(project) };
}
