// paperIngested filters, evaluated in memory once per event per subscription (no GraphQL
// execution for a paper that does not match). Every given kind must match; within a kind, any
// value. Matching is case-, accent- and punctuation-insensitive.
//
// Cost: a filter is compiled once, when subscribing, into hash sets and indexes; a paper's words
// are indexed once per paper, for all subscriptions (the live log offers the same facts object to
// every one). Evaluating a filter is then a handful of hash lookups per value kind, bounded by the
// smaller of the filter and the paper, instead of a scan of the paper's text per keyword: one
// socket with its maximum of maximal filters cannot stall everyone else's deliveries.
import { authorKey, words } from "../text.ts";

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

/** Words and where they occur: positions in a text, or the authors (by index) who have them. */
type WordIndex = Map<string, number[]>;

interface PaperIndex {
  topics: Set<string>;
  categories: Set<string>;
  /** The title and abstract as words, the positions of each word, and each pair of adjacent words. */
  text: string[];
  textIndex: WordIndex;
  textPairs: Set<string>;
  /** Each author's words, and the authors (by position) who have each word. */
  authorWords: Set<string>[];
  authorIndex: WordIndex;
}

const pair = (a: string, b: string) => `${a} ${b}`;

function add(index: WordIndex, word: string, at: number): void {
  const list = index.get(word);
  if (!list) index.set(word, [at]);
  else if (list[list.length - 1] !== at) list.push(at);
}

const indexes = new WeakMap<PaperFacts, PaperIndex>();

function paperIndex(p: PaperFacts): PaperIndex {
  let index = indexes.get(p);
  if (index !== undefined) return index;
  const text = words(`${p.title} ${p.abstract}`);
  const textIndex: WordIndex = new Map();
  text.forEach((word, at) => add(textIndex, word, at));
  const authorWords = p.authors.map((key) => new Set(key.split(" ").filter(Boolean)));
  const authorIndex: WordIndex = new Map();
  authorWords.forEach((author, at) => author.forEach((word) => add(authorIndex, word, at)));
  const textPairs = new Set(text.slice(1).map((word, i) => pair(text[i]!, word)));
  const categories = new Set(p.categories.map((c) => c.toLowerCase()));
  index = { topics: new Set(p.topics), categories, text, textIndex, textPairs, authorWords, authorIndex };
  indexes.set(p, index);
  return index;
}

/** Whether the sets share a value, walking the smaller. */
function intersects(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const v of small) if (large.has(v)) return true;
  return false;
}

interface Phrase {
  words: string[];
  /** Its pairs of adjacent words: a phrase with one the text lacks is ruled out by a lookup. */
  pairs: string[];
}

/** Phrases by their first word. */
function byFirstWord(phrases: string[][]): Map<string, Phrase[]> {
  const map = new Map<string, Phrase[]>();
  for (const w of phrases) {
    const phrase = { words: w, pairs: w.slice(1).map((word, i) => pair(w[i]!, word)) };
    const list = map.get(w[0]!);
    if (list) list.push(phrase);
    else map.set(w[0]!, [phrase]);
  }
  return map;
}

function phraseAt(text: string[], at: number, phrase: string[]): boolean {
  for (let i = 1; i < phrase.length; i++) if (text[at + i] !== phrase[i]) return false;
  return true;
}

function keywordCheck(keywords: readonly string[]): PaperPredicate | undefined {
  const phrases = byFirstWord(keywords.map(words).filter((w) => w.length > 0));
  if (phrases.size === 0) return undefined;
  const firstWords = new Set(phrases.keys());
  return (p) => {
    const { text, textIndex, textPairs } = paperIndex(p);
    const matchesAt = (word: string) => {
      const positions = textIndex.get(word);
      if (!positions) return false;
      return phrases
        .get(word)!
        .some((phrase) => phrase.pairs.every((w) => textPairs.has(w)) && positions.some((at) => phraseAt(text, at, phrase.words)));
    };
    if (firstWords.size <= textIndex.size) {
      for (const word of firstWords) if (matchesAt(word)) return true;
      return false;
    }
    for (const word of textIndex.keys()) if (firstWords.has(word) && matchesAt(word)) return true;
    return false;
  };
}

// An author filter matches when all its words are words of one of the paper's authors:
// "Hinton" and "Geoffrey Hinton" both match "Geoffrey E. Hinton".
function authorCheck(names: readonly string[]): PaperPredicate | undefined {
  const wanted = names.map((a) => [...new Set(authorKey(a).split(" ").filter(Boolean))]).filter((a) => a.length > 0);
  if (wanted.length === 0) return undefined;
  return (p) => {
    const { authorWords, authorIndex } = paperIndex(p);
    return wanted.some((want) => {
      // The authors who have the word fewest authors have, checked for the other words.
      let fewest: number[] | undefined;
      for (const word of want) {
        const who = authorIndex.get(word);
        if (!who) return false;
        if (!fewest || who.length < fewest.length) fewest = who;
      }
      return fewest!.some((i) => want.every((w) => authorWords[i]!.has(w)));
    });
  };
}

/**
 * The filter as compileFilter reads it: two filters with the same key match the same papers (the
 * converse need not hold), so the live log evaluates each distinct filter once per paper, however
 * many subscriptions gave it.
 */
export function filterKey(filter: PaperFilterInput | null | undefined): string {
  const values = (list: readonly string[] | null | undefined, normalise: (v: string) => string) =>
    [...new Set((list ?? []).map(normalise).filter(Boolean))].sort();
  return JSON.stringify([
    values(filter?.topics, (t) => t.trim().toLowerCase()),
    values(filter?.categories, (c) => c.trim().toLowerCase()),
    // A keyword is a phrase: its words in order.
    values(filter?.keywords, (k) => words(k).join(" ")),
    // An author is the set of its words: their order does not matter.
    values(filter?.authors, (a) => [...new Set(authorKey(a).split(" ").filter(Boolean))].sort().join(" ")),
  ]);
}

export function compileFilter(filter: PaperFilterInput | null | undefined): PaperPredicate {
  // Cheapest first: a paper outside the topics never reaches the text.
  const checks: PaperPredicate[] = [];
  const topics = new Set(filter?.topics?.map((t) => t.trim().toLowerCase()).filter(Boolean));
  if (topics.size > 0) checks.push((p) => intersects(topics, paperIndex(p).topics));
  const categories = new Set(filter?.categories?.map((c) => c.trim().toLowerCase()).filter(Boolean));
  if (categories.size > 0) checks.push((p) => intersects(categories, paperIndex(p).categories));
  const keywords = filter?.keywords ? keywordCheck(filter.keywords) : undefined;
  if (keywords) checks.push(keywords);
  const authors = filter?.authors ? authorCheck(filter.authors) : undefined;
  if (authors) checks.push(authors);
  return (p) => checks.every((check) => check(p));
}
