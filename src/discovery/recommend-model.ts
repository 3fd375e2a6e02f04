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
// user's papers minus a small share of the window's centroid (Rocchio) ranked best on the 60k corpus
// and costs one pass; a logistic regression on the same features (positives = the user's papers,
// negatives = the window, as arxiv-sanity-lite trains its SVM) scored lower and costs 20 passes.
// ml-logistic-regression (dense ml-matrix) would need a 2,000 x 50,000 dense matrix per request,
// so the few lines of sparse SGD below are ours.
import { words } from "../text.ts";

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
  val: Float32Array;
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

function addCounts(counts: Map<string, number>, tokens: string[], weight: number): void {
  let prev: string | undefined;
  for (const t of tokens) {
    if (t.length < 2 || STOP.has(t) || /^\d+$/.test(t)) {
      prev = undefined;
      continue;
    }
    counts.set(t, (counts.get(t) ?? 0) + weight);
    if (prev) counts.set(`${prev} ${t}`, (counts.get(`${prev} ${t}`) ?? 0) + weight);
    prev = t;
  }
}

/** Term counts of one paper (before IDF). */
export function termCounts(p: PaperText, opts: ModelOptions = DEFAULT_MODEL): Map<string, number> {
  const counts = new Map<string, number>();
  addCounts(counts, words(p.title), 2);
  addCounts(counts, words(p.abstract), 1);
  for (const k of p.keywords) addCounts(counts, words(k), 1);
  if (opts.categoryWeight > 0) for (const c of p.categories) counts.set(CATEGORY + c, opts.categoryWeight);
  return counts;
}

/**
 * The TF-IDF space of a window of papers: its vocabulary, IDF and vectors. Papers outside the window
 * (the user's own, often older) are put in the same space by vectorize; terms the window lacks
 * are left out, as they could not make any window paper score higher.
 */
export class TermSpace {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly idf: number[] = [];
  readonly vectors = new Map<number, Vector>();

  constructor(
    papers: readonly PaperText[],
    private readonly opts: ModelOptions = DEFAULT_MODEL,
  ) {
    const docs = papers.map((p) => ({ id: p.id, counts: termCounts(p, opts) }));
    const df = new Map<string, number>();
    for (const d of docs) for (const t of d.counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = docs.length;
    for (const [t, f] of df) {
      // A term of one paper only cannot make two papers alike.
      if (f < 2) continue;
      this.ids.set(t, this.terms.length);
      this.terms.push(t);
      // Smoothed IDF as scikit-learn's TfidfVectorizer computes it.
      this.idf.push(Math.log((1 + n) / (1 + f)) + 1);
    }
    for (const d of docs) this.vectors.set(d.id, this.fromCounts(d.counts));
  }

  /** A paper's vector in this space (a window paper's is precomputed). */
  vectorize(p: PaperText): Vector {
    return this.vectors.get(p.id) ?? this.fromCounts(termCounts(p, this.opts));
  }

  private fromCounts(counts: Map<string, number>): Vector {
    const ids: number[] = [];
    const vals: number[] = [];
    let norm = 0;
    for (const [t, c] of counts) {
      const id = this.ids.get(t);
      if (id === undefined) continue;
      const w = (1 + Math.log(c)) * this.idf[id]!;
      ids.push(id);
      vals.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    return { idx: Int32Array.from(ids), val: Float32Array.from(vals, (x) => x / norm) };
  }

  /** A term as a reader would write it: "cat:cs.CV" -> "cs.CV". */
  label(id: number): string {
    const t = this.terms[id]!;
    return t.startsWith(CATEGORY) ? t.slice(CATEGORY.length) : t;
  }
}

function dot(v: Vector, w: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.idx.length; k++) s += v.val[k]! * w[v.idx[k]!]!;
  return s;
}

function sparseDot(a: Vector, b: Vector): number {
  // Both index lists are short (~200); a map of the smaller one is simpler than sorting.
  let s = 0;
  const m = new Map<number, number>();
  for (let k = 0; k < a.idx.length; k++) m.set(a.idx[k]!, a.val[k]!);
  for (let k = 0; k < b.idx.length; k++) {
    const x = m.get(b.idx[k]!);
    if (x !== undefined) s += x * b.val[k]!;
  }
  return s;
}

function addTo(w: Float64Array, v: Vector, scale: number): void {
  for (let k = 0; k < v.idx.length; k++) w[v.idx[k]!]! += scale * v.val[k]!;
}

/** The weights of a linear model over the space: high for the profile's terms. */
export function learnWeights(space: TermSpace, profile: readonly PaperText[], window: readonly number[], opts: ModelOptions): Float64Array {
  const w = new Float64Array(space.terms.length);
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
  return scored.slice(0, o.limit).map(({ id, score }) => {
    const v = space.vectors.get(id)!;
    const contributions: { t: number; c: number }[] = [];
    for (let k = 0; k < v.idx.length; k++) {
      const c = v.val[k]! * w[v.idx[k]!]!;
      if (c > 0) contributions.push({ t: v.idx[k]!, c });
    }
    contributions.sort((a, b) => b.c - a.c || a.t - b.t);
    const because = profileVectors
      .map((p) => ({ id: p.id, s: sparseDot(p.v, v) }))
      .filter((p) => p.s > 0)
      .sort((a, b) => b.s - a.s || a.id - b.id)
      .slice(0, o.explain)
      .map((p) => p.id);
    return { id, score, terms: contributions.slice(0, o.explain).map((x) => space.label(x.t)), because };
  });
}
