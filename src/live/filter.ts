// paperIngested filters, evaluated in memory once per event per subscription (no GraphQL
// execution for a paper that does not match). Every given kind must match; within a kind, any
// value. Matching is case-, accent- and punctuation-insensitive.
import { authorKey } from "../ingest/normalize.ts";
import { words } from "../ingest/tagger.ts";

export interface PaperFilterInput {
  topics?: readonly string[] | null;
  categories?: readonly string[] | null;
  keywords?: readonly string[] | null;
  authors?: readonly string[] | null;
}

/** What the live log knows about each paper: enough to evaluate any filter. */
export interface PaperFacts {
  id: number;
  seq: bigint;
  title: string;
  abstract: string;
  categories: string[];
  topics: string[];
  /** Normalised author keys (authorKey). */
  authors: string[];
}

export type PaperPredicate = (facts: PaperFacts) => boolean;

const phrase = (s: string) => ` ${words(s).join(" ")} `;

// What the checks derive from a paper, derived once per paper rather than once per subscriber:
// the live log offers the same facts object to every subscription.
const texts = new WeakMap<PaperFacts, string>();
const authorWords = new WeakMap<PaperFacts, Set<string>[]>();

function textOf(p: PaperFacts): string {
  let text = texts.get(p);
  if (text === undefined) texts.set(p, (text = phrase(`${p.title} ${p.abstract}`)));
  return text;
}

function authorWordsOf(p: PaperFacts): Set<string>[] {
  let sets = authorWords.get(p);
  if (sets === undefined) authorWords.set(p, (sets = p.authors.map((key) => new Set(key.split(" ")))));
  return sets;
}

export function compileFilter(filter: PaperFilterInput | null | undefined): PaperPredicate {
  const checks: PaperPredicate[] = [];
  const topics = filter?.topics?.map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (topics?.length) checks.push((p) => p.topics.some((t) => topics.includes(t)));
  const categories = filter?.categories?.map((c) => c.trim().toLowerCase()).filter(Boolean);
  if (categories?.length) checks.push((p) => p.categories.some((c) => categories.includes(c.toLowerCase())));
  const keywords = filter?.keywords?.map(phrase).filter((k) => k.trim());
  if (keywords?.length) {
    checks.push((p) => {
      const text = textOf(p);
      return keywords.some((k) => text.includes(k));
    });
  }
  // An author filter matches when all its words are words of one of the paper's authors:
  // "Hinton" and "Geoffrey Hinton" both match "Geoffrey E. Hinton".
  const authors = filter?.authors?.map((a) => authorKey(a).split(" ").filter(Boolean)).filter((a) => a.length > 0);
  if (authors?.length) {
    checks.push((p) => authorWordsOf(p).some((have) => authors.some((want) => want.every((w) => have.has(w)))));
  }
  return (p) => checks.every((check) => check(p));
}
