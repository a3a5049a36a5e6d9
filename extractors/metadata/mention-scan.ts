/**
 * Where a text names a municipality, found by looking each word up in a map of the names' first
 * words rather than by one regular expression alternating over all ~800 names (and their aliases
 * and accent-free forms): that alternation was tried at every position of every report and cost
 * about 8% of a worker's CPU. The rules are the alternation's: a name is matched with its own
 * capitals, typographic apostrophes stand for "'", a hyphen in a name may be printed as another
 * hyphen or as spaces (line breaks included), spaces in a name may be any run of white space, the
 * longest name wins at a position, and a name counts only as a whole word: no letter, digit,
 * apostrophe or hyphen right before it, no letter, digit or hyphen right after it.
 */
import type { MunicipalityIndex } from './municipalities.js';

export interface NameMatch {
  /** A key of index.byPrintedName. */
  key: string;
  /** Offsets of the name in the text (end exclusive). */
  start: number;
  end: number;
}

interface Candidate {
  key: string;
  /** The name's words after the first, loosened (apostrophes as "'"), to compare with the text's. */
  rest: string[];
  /** The whole name loosened, to tell which key a loose spelling stands for. */
  exact: boolean;
}

const APOSTROPHE = /[’‘`´]/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters that may not stand right before a name (the old pattern's lookbehind). */
const BEFORE_FORBIDDEN = /[\p{L}\p{N}'’‘`´\-‐‑]/u;
/** Characters that may not stand right after one. */
const AFTER_FORBIDDEN = /[\p{L}\p{N}\-‐‑]/u;
/** What separates the words of a name in print: white space and hyphens. */
const SEPARATORS = /[\s\-‐‑]+/gu;

const normalise = (word: string) => word.replace(APOSTROPHE, "'");

let cachedFor: MunicipalityIndex | null = null;
let byFirstWord: Map<string, Candidate[]> = new Map();

/** Name words: the key split where a printed name may break (spaces, hyphens). */
function wordsOf(key: string): string[] {
  return normalise(key).split(/[\s\-‐‑]+/u).filter((w) => w.length > 0);
}

function buildIndex(index: MunicipalityIndex): Map<string, Candidate[]> {
  const map = new Map<string, Candidate[]>();
  const seenLoose = new Set<string>();
  // Exact keys first, so a loose spelling maps to the same key the old keyOf gave it (the first
  // key in index order with that loose form).
  for (const key of index.byPrintedName.keys()) {
    const words = wordsOf(key);
    const loose = words.join(' ');
    const candidate = { key, rest: words.slice(1), exact: !seenLoose.has(loose) };
    seenLoose.add(loose);
    const list = map.get(words[0]!) ?? [];
    list.push(candidate);
    map.set(words[0]!, list);
  }
  // Longest first: at one position the longest name wins, as in the alternation sorted by length.
  for (const list of map.values()) list.sort((a, b) => b.rest.length - a.rest.length || b.key.length - a.key.length);
  return map;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

/** The text's words between separators, with offsets. */
function wordsIn(text: string): Word[] {
  const words: Word[] = [];
  let start = 0;
  SEPARATORS.lastIndex = 0;
  for (let m = SEPARATORS.exec(text); m; m = SEPARATORS.exec(text)) {
    if (m.index > start) words.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) words.push({ text: text.slice(start), start, end: text.length });
  return words;
}

/**
 * The first word of a name may follow punctuation in the same word ("(Dordrecht", "“Zwolle"),
 * and the last may be followed by some (Dordrecht.", "Zwolle)"): the offsets within the word
 * where a name could start.
 */
function leadingCut(word: string): number {
  let i = 0;
  while (i < word.length && !WORD_CHAR.test(word[i]!) && !"'’‘`´".includes(word[i]!)) i++;
  return i;
}

export function scanNames(text: string, index: MunicipalityIndex): NameMatch[] {
  if (cachedFor !== index) {
    byFirstWord = buildIndex(index);
    cachedFor = index;
  }
  const words = wordsIn(text);
  const matches: NameMatch[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const cut = leadingCut(word.text);
    const start = word.start + cut;
    if (start > 0 && BEFORE_FORBIDDEN.test(text[start - 1]!)) continue;
    const found = matchAt(text, words, i, cut);
    if (!found) continue;
    // A spelling that is itself a key (an alias with a space where the official name has a hyphen) keeps its own key.
    const printed = text.slice(start, found.end).replace(APOSTROPHE, "'").replace(/[‐‑]/g, '-').replace(/\s+/g, ' ');
    matches.push({ key: index.byPrintedName.has(printed) ? printed : found.key, start, end: found.end });
    i = found.lastWord;
  }
  return matches;
}

function matchAt(text: string, words: Word[], i: number, cut: number): { key: string; end: number; lastWord: number } | null {
  const first = normalise(words[i]!.text.slice(cut));
  // The first word may carry trailing punctuation when the name is one word: try the word as it
  // stands and its letters-only prefixes ("Dordrecht." → "Dordrecht").
  for (const prefix of prefixesOf(first)) {
    const candidates = byFirstWord.get(prefix);
    if (!candidates) continue;
    for (const candidate of candidates) {
      if (!candidate.exact) continue;
      const end = endOf(text, words, i, cut, prefix, candidate.rest);
      if (end !== null) return { key: candidate.key, end: end.end, lastWord: end.lastWord };
    }
  }
  return null;
}

/** The word itself, then shorter prefixes ending at a letter or digit before punctuation. */
function prefixesOf(word: string): string[] {
  const out = [word];
  for (let k = word.length - 1; k > 0; k--) {
    if (!WORD_CHAR.test(word[k]!) && WORD_CHAR.test(word[k - 1]!)) out.push(word.slice(0, k));
  }
  return out;
}

function endOf(text: string, words: Word[], i: number, cut: number, firstPrefix: string, rest: string[]): { end: number; lastWord: number } | null {
  if (rest.length === 0) {
    const end = words[i]!.start + cut + firstPrefix.length;
    return end < text.length && AFTER_FORBIDDEN.test(text[end]!) ? null : { end, lastWord: i };
  }
  // A name of several words: the first word must be whole.
  if (words[i]!.start + cut + firstPrefix.length !== words[i]!.end) return null;
  for (let r = 0; r < rest.length; r++) {
    const word = words[i + 1 + r];
    if (!word) return null;
    const printed = normalise(word.text);
    const last = r === rest.length - 1;
    if (!last && printed !== rest[r]) return null;
    if (last) {
      if (!printed.startsWith(rest[r]!)) return null;
      const end = word.start + rest[r]!.length;
      if (end < text.length && AFTER_FORBIDDEN.test(text[end]!)) return null;
      // A hyphen of the name printed as white space is fine; an apostrophe or space is not a hyphen,
      // so only separators from SEPARATORS stand between the words (guaranteed by wordsIn).
      return { end, lastWord: i + 1 + r };
    }
  }
  return null;
}
