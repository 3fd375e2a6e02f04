// Text normalisation of ingested records, without a database: cleaning, TeX accents, and the
// folded keys under which two spellings of one title or one author are the same.
import { describe, expect, it } from "vitest";

import { cleanProse, cleanText } from "../src/ingest/normalize.ts";
import { authorKey, foldKey, texToUnicode } from "../src/text.ts";

describe("normalisation", () => {
  it.each([
    ["  line\n  wrapped\ttext  ", "line wrapped text"],
    ["bell\u0007 and escape\u001b removed", "bell and escape removed"],
    ["tab\tLF\nCR\r collapse", "tab LF CR collapse"],
    ["Ünïcödé stays", "Ünïcödé stays"],
  ])("cleanText(%j) = %j", (input, out) => {
    expect(cleanText(input)).toBe(out);
  });

  it.each([
    ["A &amp; B", "A & B"],
    ["&amp;lt;b&amp;gt;", "&lt;b&gt;"],
    ["AT&T and &copy2020", "AT&T and &copy2020"],
    ["x &lt; y", "x < y"],
  ])("cleanProse(%j) = %j: entities decoded once, strictly", (input, out) => {
    expect(cleanProse(input)).toBe(out);
  });

  it.each([
    ["Bal\\'azs", "Balázs"],
    ['G\\"{o}del', "Gödel"],
    ["{\\`e}", "è"],
    ["\\c{c}a", "ça"],
    ["\\v s", "š"],
    ["Stra\\ss e", "Straße"],
    ["{\\'E}mile {Smith}", "Émile Smith"],
    ["{Smith}", "{Smith}"],
    ["plain", "plain"],
  ])("texToUnicode(%j) = %j", (input, out) => {
    expect(texToUnicode(input)).toBe(out);
  });

  it.each([
    ["Attention Is All You Need", "Attention is all you need!"],
    ["Gödel's theorem", "Godel’s  Theorem"],
    ["G\\\"{o}del's theorem", "Godel's theorem"],
    ["Self-Supervised Learning", "self supervised   learning"],
  ])("folds %j and %j to one key", (a, b) => {
    expect(foldKey(a)).toBe(foldKey(b));
  });

  it.each([
    ["Smith, John", "John Smith"],
    ["Bal\\'azs Szegedy", "Balazs Szegedy"],
    ["José  García", "jose garcia"],
  ])("knows %j and %j as one author", (a, b) => {
    expect(authorKey(a)).toBe(authorKey(b));
  });

  it("keeps apart what differs in letters, and does not reorder a name with two commas", () => {
    expect(foldKey("Attention is all you need")).not.toBe(foldKey("Attention is not all you need"));
    expect(authorKey("Smith, John, Jr.")).toBe("smith john jr");
  });
});
