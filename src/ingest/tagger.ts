// Deterministic topic tagging: arXiv categories plus keyword/phrase matches in title and abstract.
//
// raw score of a topic = 3 per keyword found in the title
//                      + 1 per occurrence in the abstract (at most 3 per keyword)
//                      + 3 if the primary category is one of the topic's, else 2 for any other match
// A topic is given when raw >= 3; a paper that reaches 3 nowhere gets its best topic if raw >= 1.
// The stored score is raw / (raw + 4): in (0, 1), growing with evidence, comparable across topics.
//
// Matching is one pass over the text's words with a phrase index (first word -> phrases), so the
// cost is linear in the text whatever the taxonomy size.
import { words } from "../text.ts";

export interface TaggableTopic {
  id: number;
  slug: string;
  keywords: string[];
  categories: string[];
}

export interface TaggableText {
  title: string;
  abstract: string;
  categories: string[];
  primaryCategory?: string | null;
}

export interface TopicScore {
  topicId: number;
  slug: string;
  score: number;
  raw: number;
}

const TITLE_WEIGHT = 3;
const ABSTRACT_CAP = 3;
const THRESHOLD = 3;

interface Phrase {
  topic: number;
  keyword: number;
  rest: string[];
}

export class Tagger {
  private readonly index = new Map<string, Phrase[]>();

  constructor(private readonly topics: TaggableTopic[]) {
    topics.forEach((t, ti) =>
      t.keywords.forEach((kw, ki) => {
        const w = words(kw);
        if (w.length === 0) return;
        // The last word may carry a plural: index the variants so matching stays a lookup.
        const last = w[w.length - 1]!;
        for (const variant of [last, `${last}s`, `${last}es`]) {
          const phraseWords = [...w.slice(0, -1), variant];
          const first = phraseWords[0]!;
          const list = this.index.get(first) ?? [];
          list.push({ topic: ti, keyword: ki, rest: phraseWords.slice(1) });
          this.index.set(first, list);
        }
      }),
    );
  }

  /** Per topic index, per keyword index: occurrences in `text`. */
  private count(text: string): Map<number, Map<number, number>> {
    const ws = words(text);
    const hits = new Map<number, Map<number, number>>();
    for (let i = 0; i < ws.length; i++) {
      const phrases = this.index.get(ws[i]!);
      if (!phrases) continue;
      for (const p of phrases) {
        let ok = true;
        for (let j = 0; j < p.rest.length; j++) {
          if (ws[i + 1 + j] !== p.rest[j]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const byKeyword = hits.get(p.topic) ?? new Map<number, number>();
        byKeyword.set(p.keyword, (byKeyword.get(p.keyword) ?? 0) + 1);
        hits.set(p.topic, byKeyword);
      }
    }
    return hits;
  }

  /** Topics for a paper, best first (ties by slug). */
  tag(paper: TaggableText): TopicScore[] {
    const title = this.count(paper.title);
    const abstract = this.count(paper.abstract);
    const scored: TopicScore[] = [];
    this.topics.forEach((t, ti) => {
      let raw = 0;
      for (const n of title.get(ti)?.values() ?? []) if (n > 0) raw += TITLE_WEIGHT;
      for (const n of abstract.get(ti)?.values() ?? []) raw += Math.min(n, ABSTRACT_CAP);
      if (paper.primaryCategory && t.categories.includes(paper.primaryCategory)) raw += 3;
      else if (paper.categories.some((c) => t.categories.includes(c))) raw += 2;
      if (raw > 0) scored.push({ topicId: t.id, slug: t.slug, raw, score: Math.round((raw / (raw + 4)) * 1000) / 1000 });
    });
    scored.sort((a, b) => b.raw - a.raw || a.slug.localeCompare(b.slug));
    const kept = scored.filter((s) => s.raw >= THRESHOLD);
    return kept.length > 0 ? kept : scored.slice(0, 1);
  }
}
