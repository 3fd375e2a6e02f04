// Folding and word splitting: how ingest, the live filters and search agree that two spellings are
// one word, title or author. Deterministic and pure; imports nothing of ours (a leaf under every layer).

// TeX accent commands as they appear in arXiv author lists: \'a, \"{o}, {\`e}, \c{c}, \v s ...
const TEX_ACCENTS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
};
const TEX_LETTERS: Record<string, string> = {
  ss: "ß",
  o: "ø",
  O: "Ø",
  l: "ł",
  L: "Ł",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  i: "ı",
  j: "ȷ",
};

/** Turn TeX accents and special letters into Unicode: Bal\'azs -> Balázs, G\"{o}del -> Gödel. */
export function texToUnicode(s: string): string {
  if (!s.includes("\\")) return s;
  let out = s
    // \'{a}, {\'a}, \'a, \c{c}, \v{s}; a letter-named accent needs braces or a space before its letter.
    .replace(/\{?\\(['`^"~=.])\s*\{?\\?([A-Za-z])\}?\}?/g, (_m, acc: string, ch: string) => (ch + TEX_ACCENTS[acc]).normalize("NFC"))
    .replace(/\{?\\([uvHckr])(?:\{\\?([A-Za-z])\}|\s+([A-Za-z]))\}?/g, (_m, acc: string, a?: string, b?: string) =>
      ((a ?? b ?? "") + TEX_ACCENTS[acc]).normalize("NFC"),
    )
    .replace(/\{?\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s?\}?/g, (_m, name: string) => TEX_LETTERS[name] ?? name);
  // Leftover grouping braces around plain text: {Smith} -> Smith.
  out = out.replace(/\{([^{}\\]*)\}/g, "$1");
  return out;
}

/** Case and accents folded ("Gödel" -> "godel"); punctuation and spacing kept. */
function foldCase(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

function splitWords(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Lower-case words; punctuation and hyphens separate words ("K-Medoids" -> ["k", "medoids"]). */
export function words(text: string): string[] {
  return splitWords(foldCase(text));
}

/** Fold case, accents, TeX, punctuation and whitespace: the key two spellings of one thing share. */
export function foldKey(s: string): string {
  // TeX commands left after texToUnicode (\alpha, math $) separate words like punctuation does.
  return splitWords(foldCase(texToUnicode(s)).replace(/\$|\\[a-z]+/g, " ")).join(" ");
}

/** Author identity: folded name; "Smith, John" and "John Smith" are the same person. */
export function authorKey(name: string): string {
  const clean = texToUnicode(name);
  const comma = clean.indexOf(",");
  const ordered = comma > 0 && !clean.slice(comma + 1).includes(",") ? `${clean.slice(comma + 1)} ${clean.slice(0, comma)}` : clean;
  return foldKey(ordered);
}
