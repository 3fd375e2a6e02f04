// The learned part of recommendations, pure and in memory: the API (recommendations.ts) and the
// offline evaluation (bench/eval-recommend.ts) both rank through rankForProfile, so what the eval
// measures is what users get.
//
// Features: TF-IDF over a paper's title (counted twice: it says what the paper is about), abstract,
// AI keywords and arXiv categories (one feature each, "cat:cs.CV", weighted up: a listing category is
// the strongest single word a paper has), unigrams and adjacent-word bigrams, sublinear tf, L2-norm.
// IDF comes from the papers being ranked (a week holds ~1,000-2,000), so "model" or "language" weigh
// little in a week of language-model papers and much in a week of astrophysics.
//
// Learner: chosen by `npm run eval:recommend`, which prints every variant here. The centroid of the
// user's papers minus a small share of the window's centroid (Rocchio) tied the plain centroid
// (precision@20 0.97) and costs one pass; a logistic regression on the same features (positives =
// the user's papers, negatives = the window, as arxiv-sanity-lite trains its SVM) scored 0.96 and
// costs 20 passes. Without the category features all three score 0.41-0.42. The regression is kept
// for the eval's comparison; ml-logistic-regression (dense ml-matrix) would need a 2,000 x 20,000
// dense matrix per request, so its few lines of sparse SGD are ours.

export interface PaperText {
  id: number;
  title: string;
  abstract: string;
  keywords: readonly string[];
  categories: readonly string[];
}

/** A paper as sparse, L2-normalised TF-IDF: parallel arrays of feature ids and weights. */
export interface Vector {
  idx: Int32Array;
  val: Float64Array;
}

export type Learner = "ROCCHIO" | "CENTROID" | "LOGISTIC";

export interface ModelOptions {
  learner: Learner;
  /** Weight of one listing category against one word occurrence. */
  categoryWeight: number;
  /** Rocchio: share of the window's centroid subtracted from the user's. */
  negativeWeight: number;
}

export const DEFAULT_MODEL: ModelOptions = { learner: "ROCCHIO", categoryWeight: 6, negativeWeight: 0.3 };

// Words that say nothing about a paper's subject in any field.
const STOP = new Set(
  (
    "a an the and or of in on for to with by from at as is are was were be been being this that these those we our " +
    "it its into than then also which such can may via using use used based new show shows propose proposed paper " +
    "approach method methods results result work study present presents while both however not no more most over " +
    "has have had between through each other their they them there when where how what who all any one two three " +
    "only well further across among within without existing different several many e g i et al"
  ).split(" "),
);

const CATEGORY = "cat:";
/** Bigram keys: (first word id + 1) * PAIR + second word id; word ids stay below PAIR. */
const PAIR = 2 ** 24;
const NUMBER = /^\d+$/;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case words. Not text.ts `words`: its accent folding (NFKD) tripled the cost of a window, for prose that is nearly all ASCII. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The TF-IDF space of a window of papers: its vocabulary, IDF and vectors. Papers outside the window
 * (the user's own, often older) are put in the same space by vectorize; terms the window lacks
 * are left out, as they could not make any window paper score higher. Words are interned to
 * numbers and bigrams keyed by a number, which keeps building a 2,000-paper window cheap.
 */
export class TermSpace {
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  /** term key (word id, bigram key) -> feature id, for terms in at least two window papers. */
  private readonly features = new Map<number, number>();
  private readonly keys: number[] = [];
  private readonly idf: number[] = [];
  readonly vectors = new Map<number, Vector>();

  constructor(
    papers: readonly PaperText[],
    private readonly opts: ModelOptions = DEFAULT_MODEL,
  ) {
    const docs = papers.map((p) => ({ id: p.id, counts: this.termCounts(p) }));
    const df = new Map<number, number>();
    for (const d of docs) for (const k of d.counts.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    const n = docs.length;
    for (const [k, f] of df) {
      // A term of one paper only cannot make two papers alike.
      if (f < 2) continue;
      this.features.set(k, this.keys.length);
      this.keys.push(k);
      // Smoothed IDF as scikit-learn's TfidfVectorizer computes it.
      this.idf.push(Math.log((1 + n) / (1 + f)) + 1);
    }
    for (const d of docs) this.vectors.set(d.id, this.fromCounts(d.counts));
  }

  get size(): number {
    return this.keys.length;
  }

  /** A paper's vector in this space (a window paper's is precomputed). */
  vectorize(p: PaperText): Vector {
    return this.vectors.get(p.id) ?? this.fromCounts(this.termCounts(p));
  }

  /** A feature as a reader would write it: a word, "word pair", or an arXiv category. */
  label(feature: number): string {
    const k = this.keys[feature]!;
    const w = k < PAIR ? this.words[k]! : `${this.words[Math.floor(k / PAIR) - 1]!} ${this.words[k % PAIR]!}`;
    return w.startsWith(CATEGORY) ? w.slice(CATEGORY.length) : w;
  }

  private wordId(w: string): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(w, id);
      this.words.push(w);
    }
    return id;
  }

  private addCounts(counts: Map<number, number>, text: string, weight: number): void {
    let prev = -1;
    for (const t of tokens(text)) {
      if (t.length < 2 || STOP.has(t) || NUMBER.test(t)) {
        prev = -1;
        continue;
      }
      const id = this.wordId(t);
      counts.set(id, (counts.get(id) ?? 0) + weight);
      if (prev >= 0) {
        const pair = (prev + 1) * PAIR + id;
        counts.set(pair, (counts.get(pair) ?? 0) + weight);
      }
      prev = id;
    }
  }

  /** Term counts of one paper (before IDF): the title counts twice. */
  private termCounts(p: PaperText): Map<number, number> {
    const counts = new Map<number, number>();
    this.addCounts(counts, p.title, 2);
    this.addCounts(counts, p.abstract, 1);
    for (const k of p.keywords) this.addCounts(counts, k, 1);
    if (this.opts.categoryWeight > 0) for (const c of p.categories) counts.set(this.wordId(CATEGORY + c), this.opts.categoryWeight);
    return counts;
  }

  private fromCounts(counts: Map<number, number>): Vector {
    const ids: number[] = [];
    const vals: number[] = [];
    let norm = 0;
    for (const [k, c] of counts) {
      const id = this.features.get(k);
      if (id === undefined) continue;
      const w = (1 + Math.log(c)) * this.idf[id]!;
      ids.push(id);
      vals.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    return { idx: Int32Array.from(ids), val: Float64Array.from(vals, (x) => x / norm) };
  }
}

function dot(v: Vector, w: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.idx.length; k++) s += v.val[k]! * w[v.idx[k]!]!;
  return s;
}

function addTo(w: Float64Array, v: Vector, scale: number): void {
  for (let k = 0; k < v.idx.length; k++) w[v.idx[k]!]! += scale * v.val[k]!;
}

/** The weights of a linear model over the space: high for the profile's terms. */
export function learnWeights(space: TermSpace, profile: readonly PaperText[], window: readonly number[], opts: ModelOptions): Float64Array {
  const w = new Float64Array(space.size);
  const pos = profile.map((p) => space.vectorize(p));
  if (pos.length === 0) return w;
  const positives = new Set(profile.map((p) => p.id));
  const neg = window.filter((id) => !positives.has(id)).map((id) => space.vectors.get(id)!);
  if (opts.learner !== "LOGISTIC") {
    for (const v of pos) addTo(w, v, 1 / pos.length);
    if (opts.learner === "ROCCHIO" && neg.length > 0) for (const v of neg) addTo(w, v, -opts.negativeWeight / neg.length);
    return w;
  }
  // Class-balanced logistic regression by SGD, L2-regularised; fixed order and epochs: deterministic.
  const epochs = 20;
  const l2 = 1e-4;
  let bias = 0;
  const examples = [...pos.map((v) => ({ v, y: 1, c: neg.length / pos.length })), ...neg.map((v) => ({ v, y: 0, c: 1 }))];
  for (let e = 0; e < epochs; e++) {
    const rate = 0.5 / (1 + e);
    for (let i = 0; i < examples.length; i++) {
      // A fixed stride through the examples mixes positives among negatives without a random source.
      const ex = examples[(i * 7919) % examples.length]!;
      const p = 1 / (1 + Math.exp(-(dot(ex.v, w) + bias)));
      const g = (p - ex.y) * ex.c;
      addTo(w, ex.v, -rate * g);
      bias -= rate * g * 0.1;
    }
    for (let j = 0; j < w.length; j++) w[j]! *= 1 - rate * l2;
  }
  return w;
}

export interface Recommendation {
  id: number;
  score: number;
  /** The terms that added most to the score, most first. */
  terms: string[];
  /** The profile papers most like this one, most first. */
  because: number[];
}

export interface RankOptions {
  limit: number;
  /** Terms and profile papers named per recommendation. */
  explain: number;
  model?: ModelOptions;
}

/**
 * The window's papers (never the profile's own) ranked by a model learned from the profile, best
 * first, `limit` of them, each with the terms and profile papers that weighed most.
 */
export function rankForProfile(
  space: TermSpace,
  profile: readonly PaperText[],
  window: readonly number[],
  o: RankOptions,
): Recommendation[] {
  const opts = o.model ?? DEFAULT_MODEL;
  const w = learnWeights(space, profile, window, opts);
  const own = new Set(profile.map((p) => p.id));
  const scored: { id: number; score: number }[] = [];
  for (const id of window) {
    if (own.has(id)) continue;
    const v = space.vectors.get(id);
    if (v) scored.push({ id, score: dot(v, w) });
  }
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  const profileVectors = profile.map((p) => ({ id: p.id, v: space.vectorize(p) }));
  // The candidate spread into a dense array, so each profile paper's likeness is one pass over it.
  const dense = new Float64Array(space.size);
  return scored.slice(0, o.limit).map(({ id, score }) => {
    const v = space.vectors.get(id)!;
    const contributions: { t: number; c: number }[] = [];
    for (let k = 0; k < v.idx.length; k++) {
      const c = v.val[k]! * w[v.idx[k]!]!;
      if (c > 0) contributions.push({ t: v.idx[k]!, c });
    }
    contributions.sort((a, b) => b.c - a.c || a.t - b.t);
    let because: number[] = [];
    if (o.explain > 0) {
      for (let k = 0; k < v.idx.length; k++) dense[v.idx[k]!] = v.val[k]!;
      because = profileVectors
        .map((p) => ({ id: p.id, s: dot(p.v, dense) }))
        .filter((p) => p.s > 0)
        .sort((a, b) => b.s - a.s || a.id - b.id)
        .slice(0, o.explain)
        .map((p) => p.id);
      for (let k = 0; k < v.idx.length; k++) dense[v.idx[k]!] = 0;
    }
    return { id, score, terms: contributions.slice(0, o.explain).map((x) => space.label(x.t)), because };
  });
}
