// arXiv identifiers and categories, as every side reads them: ingest parsers, the schema's inputs,
// and the ARXIV_CATEGORIES setting. A leaf (imports nothing), so config.ts may use it too.

/** One category: "cs.LG", "hep-th", "math-ph", "q-bio.NC". */
const CATEGORY = String.raw`[a-z-]+(?:\.[A-Za-z-]+)?`;
export const ARXIV_CATEGORY = new RegExp(`^${CATEGORY}$`);
/** Categories separated by commas, with spaces allowed around each: "cs.LG, cs.CV". */
export const ARXIV_CATEGORY_LIST = new RegExp(String.raw`^\s*${CATEGORY}(?:\s*,\s*${CATEGORY})*\s*$`);

// New-style (2503.11731) and old-style (hep-th/9901001, math.AG/0309136) identifiers, without version.
const ID = String.raw`\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7}`;
/** An id as stored: no prefix, no version. */
export const ARXIV_ID = new RegExp(`^(?:${ID})$`);
const ARXIV_REF = new RegExp(
  String.raw`^(?:arxiv:)?(?:https?:\/\/(?:export\.|www\.)?arxiv\.org\/(?:abs|pdf)\/)?(${ID})(?:v(\d+))?(?:\.pdf)?$`,
  "i",
);

/**
 * "2503.11731v2", "arXiv:2503.11731", "hep-th/9901001v1", "https://arxiv.org/abs/2503.11731v2"
 * -> { id, version }; undefined when the text is no arXiv identifier.
 */
export function parseArxivId(text: string): { id: string; version?: number } | undefined {
  const m = ARXIV_REF.exec(text.trim());
  if (!m) return undefined;
  // Old-style ids: the archive is lower case, its subject class upper case (math.AG/0309136).
  const id = m[1]!.includes("/")
    ? m[1]!.replace(/^([a-z-]+)(?:\.([a-z]{2}))?\//i, (_s, a: string, c?: string) => `${a.toLowerCase()}${c ? `.${c.toUpperCase()}` : ""}/`)
    : m[1]!;
  return { id, version: m[2] ? Number(m[2]) : undefined };
}
