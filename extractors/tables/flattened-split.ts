/**
 * The catalogue-anchored split of flattened findings text. A converter that lost the table
 * structure leaves "criterion indicator(s) MARK evidence … next criterion/indicator MARK …" as
 * running text; the text between one verdict's evidence and the next mark holds the end of that
 * evidence and then, maybe, the wording of the next row. Where the evidence ends is decided by the
 * catalogue: the longest tail of the text (starting at a line start or after a sentence end) that
 * splits wholly into catalogue wordings (an optional criterion, then one or more indicators, each
 * scoring at least the matcher's threshold) is the next row's wording. The search is bounded by
 * the longest catalogue wording, so a long gap costs no more than a short one.
 */
import type { CatalogueLevel } from '../framework/catalogue.js';
import { sharedMatcher, MATCH_THRESHOLD, type CatalogueMatcher } from '../framework/match.js';
import { verdictOfMark } from '../findings/verdict-marks.js';
import { foldText } from '../framework/normalise.js';
import type { Verdict } from '../model.js';

export interface FlatWord {
  text: string;
  /** 1-based line number in the document. */
  line: number;
  /** First word on its line. */
  lineStart: boolean;
  /** One or more blank lines come before this word. */
  afterBlank: boolean;
  /** The verdict this word marks, when it is a verdict mark. */
  mark: Exclude<Verdict, 'gemengd'> | null;
}

export interface RowWording {
  /** Index (into the gap's words) where the criterion starts, when one was recognised. */
  criterion: { start: number; end: number } | null;
  /** Indicator pieces, in order, as [start, end) word ranges. */
  indicators: { start: number; end: number }[];
}

export interface GapSplit {
  /** Where the next row's wording starts; gap.length when the gap is evidence only. */
  rowStart: number;
  wording: RowWording | null;
}

const SYMBOL_MARKS = '✓✔√☑✅\uF0FC\uF0FE✗✘×☒❌✕✖\uF0FB\uF0FD';
const SYMBOL = new RegExp(`([${SYMBOL_MARKS}])`, 'gu');
const LETTER_MARKS = new Set(['X', 'ü', 'û']);
/** A word that ends a sentence (or a bracketed or quoted one). */
export const ENDS_SENTENCE = /[.!?;:)\]"”’'…]$/;
const LIST_MARKER = /^(?:[-•·*–▪◦●]|\d{1,2}[.)]|[a-h][.)])$/;

/**
 * Lines → words with their line numbers and verdict marks. A mark symbol glued to a word is split
 * off; a letter mark (X, ü, û) counts only as a word of its own followed by a capitalised word.
 */
export function tokenize(lines: string[], firstLine: number): FlatWord[] {
  const words: FlatWord[] = [];
  let blank = false;
  lines.forEach((line, offset) => {
    const parts = line.replace(SYMBOL, ' $1 ').split(/\s+/).filter((p) => p.length > 0);
    if (parts.length === 0) {
      blank = true;
      return;
    }
    parts.forEach((text, index) => {
      const symbol = text.length === 1 && SYMBOL_MARKS.includes(text);
      words.push({ text, line: firstLine + offset, lineStart: index === 0, afterBlank: index === 0 && blank, mark: symbol ? verdictOfMark(text) : null });
    });
    blank = false;
  });
  words.forEach((word, index) => {
    const next = words[index + 1];
    if (LETTER_MARKS.has(word.text) && next && /^\p{Lu}/u.test(next.text)) word.mark = verdictOfMark(word.text);
  });
  return words;
}

export function flattenedMatcher(): CatalogueMatcher {
  return sharedMatcher();
}

const LEVELS: CatalogueLevel[] = ['beleid', 'casus'];

/** Limits of the search, from the catalogue: the longest wording, in words, with some slack. */
export function wordingLimits(matcher: CatalogueMatcher): { maxPiece: number; maxRow: number } {
  const longest = Math.max(
    ...matcher.catalogue.indicators.flatMap((i) => [i.text, ...i.variants]).map((t) => t.split(/\s+/).length),
    ...matcher.catalogue.criteria.flatMap((c) => [c.name, ...c.variants]).map((t) => t.split(/\s+/).length),
  );
  return { maxPiece: longest + 8, maxRow: longest * 6 };
}

const joinWords = (words: FlatWord[]) => words.map((w) => w.text).join(' ');

/** The best score of `text` as an indicator of either level (0 when it matches none). */
export function indicatorScore(matcher: CatalogueMatcher, text: string): number {
  let best = 0;
  for (const level of LEVELS) {
    const match = matcher.matchIndicator(text, level);
    if (match.indicator) best = Math.max(best, match.score);
  }
  return best;
}

function criterionScore(matcher: CatalogueMatcher, text: string): number {
  let best = 0;
  for (const level of LEVELS) best = Math.max(best, matcher.matchCriterion(text, level)?.score ?? 0);
  return best;
}

/** A place where a piece of wording may start or end inside row wording. */
const isPieceCut = (words: FlatWord[], index: number) =>
  index === 0 ||
  index === words.length ||
  words[index]!.lineStart ||
  /^\p{Lu}/u.test(words[index]!.text) ||
  LIST_MARKER.test(words[index]!.text);

/**
 * A place where a row may start: a capitalised word (or a list marker) at a line start. Flattened
 * text keeps each row (lynx) or cell (pdftotext) on lines of its own, while the evidence after a
 * mark goes on on the mark's line: this is what keeps an evidence sentence that paraphrases an
 * indicator from being read as the next row's wording.
 */
export const isRowStart = (words: FlatWord[], index: number) =>
  words[index]!.lineStart && (/^[\p{Lu}\d]/u.test(words[index]!.text) || LIST_MARKER.test(words[index]!.text));

/** A wording is one phrase: a sentence end inside it means it runs over into other text. */
const SENTENCE_INSIDE = /[.!?]["”’')]?$/;
const oneSentence = (words: FlatWord[], start: number, end: number) => {
  for (let index = start; index < end - 1; index++) if (SENTENCE_INSIDE.test(words[index]!.text)) return false;
  return true;
};

interface Segmentation {
  value: number;
  pieces: { start: number; end: number }[];
}

/**
 * The longest tail of `words` that splits wholly into catalogue wordings: [criterion] indicator+.
 * Returns null when no tail does. Only tails of at most maxRow words are tried.
 */
export function explainTail(words: FlatWord[], matcher: CatalogueMatcher = flattenedMatcher()): { start: number; wording: RowWording } | null {
  const { maxPiece, maxRow } = wordingLimits(matcher);
  const n = words.length;
  const lowest = Math.max(0, n - maxRow);
  // indicatorsFrom[j]: best split of words[j..n) into indicators only.
  const indicatorsFrom = new Map<number, Segmentation>([[n, { value: 0, pieces: [] }]]);
  let found: { start: number; wording: RowWording; value: number } | null = null;
  for (let start = n - 1; start >= lowest; start--) {
    if (!isPieceCut(words, start)) continue;
    let best: Segmentation | null = null;
    let bestWithCriterion: { value: number; criterionEnd: number; rest: Segmentation } | null = null;
    for (let end = start + 1; end <= Math.min(n, start + maxPiece); end++) {
      if (!isPieceCut(words, end)) continue;
      const rest = indicatorsFrom.get(end);
      if (!rest) continue;
      if (words.slice(start, end).every((w) => LIST_MARKER.test(w.text))) continue;
      if (!oneSentence(words, start, end)) break;
      const text = joinWords(words.slice(start, end));
      const score = indicatorScore(matcher, text);
      if (score >= MATCH_THRESHOLD) {
        const value = rest.value + (end - start) * score;
        if (!best || value > best.value + 1e-9) best = { value, pieces: [{ start, end }, ...rest.pieces] };
      }
      if (rest.pieces.length > 0 && isRowStart(words, start)) {
        const criterion = criterionScore(matcher, text);
        if (criterion >= MATCH_THRESHOLD) {
          const value = rest.value + (end - start) * criterion;
          if (!bestWithCriterion || value > bestWithCriterion.value + 1e-9) bestWithCriterion = { value, criterionEnd: end, rest };
        }
      }
    }
    if (best) indicatorsFrom.set(start, best);
    if (!isRowStart(words, start)) continue;
    // The longest explained tail wins; at the same start, the better-scoring reading.
    const options: { wording: RowWording; value: number }[] = [];
    if (best) options.push({ wording: { criterion: null, indicators: best.pieces }, value: best.value });
    if (bestWithCriterion) {
      options.push({
        wording: { criterion: { start, end: bestWithCriterion.criterionEnd }, indicators: bestWithCriterion.rest.pieces },
        value: bestWithCriterion.value,
      });
    }
    options.sort((a, b) => b.value - a.value);
    if (options[0]) found = { start, ...options[0] };
  }
  return found ? { start: found.start, wording: found.wording } : null;
}

/**
 * The words after the last sentence end (or the last line start after one): where an unknown
 * wording would sit when the catalogue explains none of the gap's tail. Null when the gap ends a
 * sentence, i.e. reads as evidence only.
 */
export function unexplainedTail(words: FlatWord[], maxPiece: number): number | null {
  if (words.length === 0 || ENDS_SENTENCE.test(words.at(-1)!.text)) return null;
  for (let index = words.length - 1; index > 0; index--) {
    if (words.length - index > maxPiece) return null;
    if (ENDS_SENTENCE.test(words[index - 1]!.text)) return index;
  }
  return null;
}

/**
 * Signs that a converter interleaved the cells of a row (pdftotext without -layout: each cell is a
 * block of short lines, and blocks that share a baseline are merged line by line, or emitted a
 * column at a time). Text read in cell order (lynx) never shows them: there a row's wording is
 * complete before its verdict mark. A sign is a catalogue wording cut by a verdict mark, its first
 * words before the mark on the mark's line and its next words after the mark, before the next
 * one: the row's cells are not in reading order, so no boundary the reader draws can be trusted.
 */
export interface InterleaveSign {
  line: number;
  message: string;
}

interface FoldedWording {
  tokens: string[];
  text: string;
}

let foldedWordings: FoldedWording[] | null = null;
function catalogueWordings(matcher: CatalogueMatcher): FoldedWording[] {
  foldedWordings ??= [
    ...matcher.catalogue.indicators.flatMap((i) => [i.text, ...i.variants]),
    ...matcher.catalogue.criteria.flatMap((c) => [c.name, ...c.variants]),
  ]
    .map((text) => ({ text, tokens: foldText(text).split(' ').filter(Boolean) }))
    .filter((w) => w.tokens.length >= 3);
  return foldedWordings;
}

/** Folded tokens of words[from, to), each with the index of the word it came from. */
function foldedTokens(words: FlatWord[], from: number, to: number): { token: string; word: number }[] {
  const tokens: { token: string; word: number }[] = [];
  for (let index = from; index < to; index++) {
    for (const token of foldText(words[index]!.text).split(' ')) if (token) tokens.push({ token, word: index });
  }
  return tokens;
}

const startsWith = (tokens: string[], prefix: string[]) => prefix.every((t, i) => tokens[i] === t);
const containsRun = (haystack: string[], run: string[]) => {
  for (let i = 0; i + run.length <= haystack.length; i++) if (startsWith(haystack.slice(i), run)) return true;
  return false;
};

/**
 * Catalogue wordings cut by a verdict mark: the words before a mark on its line end with the first
 * two or more words of a wording (and are not a whole wording themselves), and the wording's next
 * words follow the mark before the next mark. Two words of the remainder are required (one, when
 * only one is left and it stands as a line of its own), so evidence that happens to repeat a word
 * is no sign.
 */
export function interleaveSigns(words: FlatWord[], matcher: CatalogueMatcher = flattenedMatcher()): InterleaveSign[] {
  const wordings = catalogueWordings(matcher);
  const { maxPiece } = wordingLimits(matcher);
  const whole = new Set(wordings.map((w) => w.tokens.join(' ')));
  const signs: InterleaveSign[] = [];
  words.forEach((mark, markIndex) => {
    if (!mark.mark) return;
    // The row's wording before the mark: back to the previous mark or sentence end, at most maxPiece words.
    let from = markIndex;
    while (from > 0 && markIndex - from < maxPiece && !words[from - 1]!.mark && !SENTENCE_INSIDE.test(words[from - 1]!.text)) from--;
    if (from === markIndex) return;
    let next = markIndex + 1;
    while (next < words.length && !words[next]!.mark) next++;
    const before = foldedTokens(words, from, markIndex);
    const after = foldedTokens(words, markIndex + 1, next);
    const lines = new Map<number, string[]>();
    for (const t of after) lines.set(words[t.word]!.line, [...(lines.get(words[t.word]!.line) ?? []), t.token]);
    for (let start = 0; start + 2 <= before.length; start++) {
      // A wording starts a cell, so with a capital: at a line start, or where the next cell goes on along a
      // merged line. A line that opens in lower case goes on with a hard-wrapped cell ("… melden GGSR aan
      // voor" / "de aanpak", odt2txt), however much a wording it may look like the start of.
      const word = words[before[start]!.word]!;
      if (start > 0 && before[start - 1]!.word === before[start]!.word) continue;
      if (!/^\p{Lu}/u.test(word.text)) continue;
      const tail = before.slice(start).map((t) => t.token);
      if (whole.has(tail.join(' '))) continue;
      for (const wording of wordings) {
        if (wording.tokens.length <= tail.length || !startsWith(wording.tokens, tail)) continue;
        const rest = wording.tokens.slice(tail.length);
        const found = rest.length === 1 ? [...lines.values()].some((l) => l.length === 1 && l[0] === rest[0]) : containsRun(after.map((t) => t.token), rest.slice(0, 2));
        if (!found) continue;
        signs.push({
          line: mark.line,
          message: `the wording "${wording.text}" is cut by the verdict mark on line ${mark.line}: "${joinWords(words.slice(before[start]!.word, markIndex))}" before it, "${rest.join(' ')}" after it`,
        });
        return;
      }
    }
  });
  return signs;
}

export { joinWords };
