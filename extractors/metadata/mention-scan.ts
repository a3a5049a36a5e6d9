/**
 * Where a text names a municipality, found by looking each word up in a map of the names' first
 * words rather than by one regular expression alternating over all ~800 names (and their aliases
 * and accent-free forms): that alternation was tried at every position of every report and cost
 * about 8% of a worker's CPU. The rules are the alternation's: a name is matched with its own
 * capitals, typographic apostrophes stand for "'", a hyphen in a name may be printed as another
 * hyphen or as spaces (line breaks included), spaces in a name may be any run of white space, the
 * longest name wins at a position, and a name counts only as a whole word: no letter, digit,
 * apostrophe or hyphen right before it, no letter, digit or hyphen right after it. One difference:
 * a space in a name may be printed as a hyphen too ("Bergen-op-Zoom"). test/attribution.test.ts
 * checks both find the same names in the fixtures; the lookup is about 3× faster.
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
  /** The first key with this loose spelling; later ones are reached by their exact spelling (see scanNames). */
  exact: boolean;
}

const APOSTROPHE = /[’‘`´]/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters that may not stand right before a name (the old pattern's lookbehind). */
const BEFORE_FORBIDDEN = /[\p{L}\p{N}'’‘`´\-‐‑]/u;
/** Characters that may not stand right after one. */
const AFTER_FORBIDDEN = /[\p{L}\p{N}\-‐‑]/u;

const normalise = (word: string) => (/[’‘`´]/.test(word) ? word.replace(APOSTROPHE, "'") : word);

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

/** White space (as \s) and the hyphens a printed name may break at: the separators of words. */
function isSeparator(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 127) return code === 45;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2010 || code === 0x2011 ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

const isWordChar = (char: string) => {
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(char);
};

/** End of the word starting at `from` (the next separator or the text's end). */
function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
  return i;
}

/** Start of the next word after `from`, or -1. */
function nextWordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
  return i < text.length ? i : -1;
}

let cachedFor: MunicipalityIndex | null = null;
/**
 * The code units some name starts with, as one character class: the scan jumps from one to the
 * next natively instead of looking at every character of the report in JavaScript (most
 * characters are lower case, and no name starts with one). No u flag: it matches code units, as
 * the character-by-character loop it replaced did.
 */
let nameStart = /(?!)/g;
/**
 * Per first code unit of a name's first word (apostrophes as "'"), the lengths that first words
 * starting with it have: bit min(length, 31). A word whose length no first word has, and that
 * carries no punctuation, is no name's start, and is rejected without being copied out of the text.
 */
let firstWordLengths = new Uint32Array(0x10000);
const lengthBit = (length: number) => 1 << Math.min(length, 31);
/**
 * The first two code units of first words, each cut to its low byte: 1 where some first word may
 * begin so. A filter that may let through what is no name, never the reverse; together with the
 * lengths it turns away most capitalised words ("Het", "Binnen", "Volgens") before any copy.
 */
let firstPairs = new Uint8Array(0x10000);
const pairOf = (first: number, second: number) => ((first & 0xff) << 8) | (second & 0xff);
const APOSTROPHE_CODES = [...'’‘`´'].map((a) => a.charCodeAt(0));

/** Letters, digits, apostrophes and hyphens: none may stand right before a name. */
function joinsBefore(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 39 || code === 45 || code === 96;
  return BEFORE_FORBIDDEN.test(char);
}

export function scanNames(text: string, index: MunicipalityIndex): NameMatch[] {
  if (cachedFor !== index) {
    byFirstWord = buildIndex(index);
    firstWordLengths = new Uint32Array(0x10000);
    for (const word of byFirstWord.keys()) firstWordLengths[word.charCodeAt(0)]! |= lengthBit(word.length);
    const apostrophe = firstWordLengths[39]!;
    if (apostrophe) for (const a of APOSTROPHE_CODES) firstWordLengths[a]! |= apostrophe;
    firstPairs = new Uint8Array(0x10000);
    // An apostrophe of a key may be printed as any of its variants (normalise maps them back).
    const spellings = (code: number) => (code === 39 ? [39, ...APOSTROPHE_CODES] : [code]);
    for (const word of byFirstWord.keys()) {
      if (word.length < 2) continue;
      for (const first of spellings(word.charCodeAt(0))) for (const second of spellings(word.charCodeAt(1))) firstPairs[pairOf(first, second)] = 1;
    }
    const starts: string[] = [];
    firstWordLengths.forEach((lengths, code) => {
      if (lengths !== 0) starts.push(`\\u${code.toString(16).padStart(4, '0')}`);
    });
    nameStart = starts.length > 0 ? new RegExp(`[${starts.join('')}]`, 'g') : /(?!)/g;
    cachedFor = index;
  }
  const matches: NameMatch[] = [];
  nameStart.lastIndex = 0;
  for (let at = nameStart.exec(text); at !== null; at = nameStart.exec(text)) {
    const start = at.index;
    if (start > 0 && joinsBefore(text[start - 1]!)) continue;
    const found = matchAt(text, start);
    if (!found) continue;
    // A spelling that is itself a key (an alias with a space where the official name has a hyphen) keeps its own key.
    const printed = text.slice(start, found.end).replace(APOSTROPHE, "'").replace(/[‐‑]/g, '-').replace(/\s+/g, ' ');
    matches.push({ key: index.byPrintedName.has(printed) ? printed : found.key, start, end: found.end });
    // Go on after the name (a find that returned null leaves lastIndex at 0 and ends the loop).
    nameStart.lastIndex = found.end;
  }
  return matches;
}

function matchAt(text: string, start: number): { key: string; end: number } | null {
  const firstEnd = wordEnd(text, start);
  if (!mayBeFirstWord(text, start, firstEnd) && !hasPunctuationIn(text, start, firstEnd)) return null;
  const first = normalise(text.slice(start, firstEnd));
  // Most capitalised words are no name's first word: one lookup tells, unless punctuation clings to the word.
  if (!byFirstWord.has(first) && !hasPunctuation(first)) return null;
  // The first word may carry trailing punctuation when the name is one word: try the word as it
  // stands and its prefixes ending before punctuation ("Dordrecht." → "Dordrecht").
  for (const prefix of prefixesOf(first)) {
    const candidates = byFirstWord.get(prefix);
    if (!candidates) continue;
    for (const candidate of candidates) {
      if (!candidate.exact) continue;
      const end = endOf(text, start, firstEnd, prefix, candidate.rest);
      if (end !== null) return { key: candidate.key, end };
    }
  }
  return null;
}

/** False only when text[start, end) is certainly no first word of a name (see firstWordLengths and firstPairs). */
function mayBeFirstWord(text: string, start: number, end: number): boolean {
  if ((firstWordLengths[text.charCodeAt(start)]! & lengthBit(end - start)) === 0) return false;
  return end - start < 2 || firstPairs[pairOf(text.charCodeAt(start), text.charCodeAt(start + 1))] === 1;
}

function hasPunctuation(word: string): boolean {
  return hasPunctuationIn(word, 0, word.length);
}

function hasPunctuationIn(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isWordChar(text[k]!)) return true;
  return false;
}

/** The word itself, then shorter prefixes ending at a letter or digit before punctuation. */
function prefixesOf(word: string): string[] {
  const out = [word];
  for (let k = word.length - 1; k > 0; k--) {
    if (!isWordChar(word[k]!) && isWordChar(word[k - 1]!)) out.push(word.slice(0, k));
  }
  return out;
}

function endOf(text: string, start: number, firstEnd: number, firstPrefix: string, rest: string[]): number | null {
  if (rest.length === 0) {
    const end = start + firstPrefix.length;
    return end < text.length && AFTER_FORBIDDEN.test(text[end]!) ? null : end;
  }
  // A name of several words: the first word must be whole, then each word in turn, the last of
  // which may be followed by punctuation. Only separators (white space, hyphens) stand between.
  if (start + firstPrefix.length !== firstEnd) return null;
  let at = firstEnd;
  for (let r = 0; r < rest.length; r++) {
    const wordStart = nextWordStart(text, at);
    if (wordStart < 0) return null;
    at = wordEnd(text, wordStart);
    const printed = normalise(text.slice(wordStart, at));
    if (r < rest.length - 1) {
      if (printed !== rest[r]) return null;
      continue;
    }
    if (!printed.startsWith(rest[r]!)) return null;
    const end = wordStart + rest[r]!.length;
    return end < text.length && AFTER_FORBIDDEN.test(text[end]!) ? null : end;
  }
  return null;
}
