// paperIngested filters evaluated in memory, without a database: each kind alone, kinds combined,
// and the case-, accent- and punctuation-insensitive matching of keywords and authors.
import { describe, expect, it } from "vitest";

import { compileFilter, filterKey, type PaperFacts, type PaperFilterInput } from "../src/live/filter.ts";
import { authorKey } from "../src/text.ts";

const paper: PaperFacts = {
  id: 1,
  seq: 1n,
  title: "Spectral clustering of tidal bores",
  abstract: "We study self-supervised learning on gauges; Schrödinger bridges appear too.",
  categories: ["cs.LG", "physics.ao-ph"],
  topics: ["clustering", "machine-learning"],
  authors: ["Geoffrey E. Hinton", "José García"].map(authorKey),
};

describe("live filters", () => {
  it.each<[string, PaperFilterInput | null, boolean]>([
    ["no filter", null, true],
    ["an empty filter", {}, true],
    ["empty lists", { topics: [], keywords: [], authors: [], categories: [] }, true],
    ["a topic it has", { topics: ["clustering"] }, true],
    ["a topic, in another case and with spaces", { topics: [" Clustering "] }, true],
    ["only topics it lacks", { topics: ["robotics", "vision"] }, false],
    ["any of the topics", { topics: ["robotics", "machine-learning"] }, true],
    ["a category, in another case", { categories: ["CS.lg"] }, true],
    ["a category it lacks", { categories: ["math.CO"] }, false],
    ["a keyword of the title", { keywords: ["tidal"] }, true],
    ["a keyword of the abstract, folded", { keywords: ["SCHRODINGER"] }, true],
    ["a phrase of adjacent words, punctuation ignored", { keywords: ["self supervised learning"] }, true],
    ["words present but not adjacent", { keywords: ["spectral bores"] }, false],
    ["a keyword it lacks", { keywords: ["quasar"] }, false],
    ["keywords that are only punctuation", { keywords: ["--", "!!"] }, true],
    ["an author's last name", { authors: ["Hinton"] }, true],
    ["an author's name in another order and without accents", { authors: ["garcia, jose"] }, true],
    ["words of two different authors", { authors: ["Geoffrey Garcia"] }, false],
    ["an author it lacks", { authors: ["Ada Lovelace"] }, false],
    ["every kind matching", { topics: ["clustering"], categories: ["cs.LG"], keywords: ["bores"], authors: ["Hinton"] }, true],
    ["every kind but one matching", { topics: ["clustering"], categories: ["cs.LG"], keywords: ["quasar"], authors: ["Hinton"] }, false],
  ])("%s: %s", (_what, filter, matches) => {
    expect(compileFilter(filter)(paper)).toBe(matches);
  });

  it("gives the same answer for a paper seen again (its index is kept)", () => {
    const match = compileFilter({ keywords: ["tidal bores"] });
    expect([match(paper), match(paper), match({ ...paper, title: "Tidal bores" })]).toEqual([true, true, true]);
  });

  // The live log evaluates a filter once per paper for every subscription with the same key.
  it("gives filters the same key only when they read the same", () => {
    const same: [PaperFilterInput | null, PaperFilterInput | null][] = [
      [null, {}],
      [{}, { topics: [], keywords: [" "] }],
      [{ topics: ["Clustering", "vision"] }, { topics: [" vision", "clustering", "clustering"] }],
      [{ keywords: ["Self-supervised  learning"] }, { keywords: ["self supervised learning"] }],
      [{ authors: ["Geoffrey Hinton"] }, { authors: ["hinton, geoffrey"] }],
    ];
    for (const [a, b] of same) expect(filterKey(a), JSON.stringify([a, b])).toBe(filterKey(b));
    const different: [PaperFilterInput, PaperFilterInput][] = [
      [{ topics: ["clustering"] }, { categories: ["clustering"] }],
      [{ keywords: ["learning self supervised"] }, { keywords: ["self supervised learning"] }],
      [{ keywords: ["tidal bores"] }, { keywords: ["tidal", "bores"] }],
      [{ authors: ["Geoffrey Hinton"] }, { authors: ["Geoffrey", "Hinton"] }],
      [{ topics: ["a"], keywords: ["b"] }, { topics: ["a"] }],
    ];
    for (const [a, b] of different) expect(filterKey(a), JSON.stringify([a, b])).not.toBe(filterKey(b));
  });
});
