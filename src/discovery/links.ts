// Where a person reads a paper: its abstract page, or, for a paper known only by its title (the
// Daily Papers page gives no arXiv id), an arXiv title search that finds it. Paperboy serves no
// HTML pages of its own, so this is what feeds and emails link to.
export function paperUrl(p: { absUrl: string | null; title: string }): string {
  return p.absUrl ?? `https://arxiv.org/search/?searchtype=title&query=${encodeURIComponent(p.title)}`;
}
