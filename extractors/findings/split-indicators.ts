/**
 * One indicator cell may hold several indicators: separated by <br>/<p> (blocks here) or simply
 * run together on one line. The catalogue decides where one ends: among all cuts at block
 * boundaries and before capitalised words, take the segmentation whose pieces match the
 * catalogue best, weighted by how many words each piece covers. A piece that matches nothing is
 * allowed only between block boundaries, so unknown wording stays whole rather than being chopped.
 */
import type { CatalogueLevel } from '../framework/catalogue.js';
import type { CatalogueMatcher, IndicatorMatch } from '../framework/match.js';

export interface IndicatorPiece {
  raw: string;
  match: IndicatorMatch;
}

interface Word {
  text: string;
  startsBlock: boolean;
  marker: boolean;
  /** Printed right after the word before it, with no space: the second part of "bijgehoudenDe". */
  glued?: boolean;
}

/** As printed, less a leading bullet or number; the wording compared leaves every marker out. */
const printed = (piece: Word[]) =>
  piece
    .slice(piece.findIndex((w) => !w.marker))
    .map((w, index) => (index > 0 && w.glued ? w.text : ` ${w.text}`))
    .join('')
    .trimStart();
const wording = (piece: Word[]) => piece.filter((w) => !w.marker).map((w) => w.text).join(' ');

const LIST_MARKER = /^(?:[-•·*–▪◦●]|\d{1,2}[.)]|[a-h][.)])$/;

/**
 * A capitalised word glued to the end of another ("bijgehoudenDe gemeente", "GGSRDe"): odt2txt writes a
 * cell's line breaks as nothing at all, so indicators run together without a space. A cut may fall there.
 */
const GLUED_WORD_START = /(?<=\p{Ll}{2}|\p{Lu}{2})(?=\p{Lu}\p{Ll})/u;

/** Longest piece tried, in words: the longest catalogue wording has about 25. */
const MAX_PIECE_WORDS = 60;

/**
 * Splits per matcher, level and cell text. Indicator cells repeat across a batch (the catalogue's
 * wordings, a few variants), and a split tries every cut pair (one catalogue lookup each, hashing
 * a new string every time), so a repeated cell is split once per thread. The result depends on
 * nothing else; it is shared, so callers must not change it. Forgets everything once full, as the
 * matcher's own memo does.
 */
const splitMemo = new WeakMap<CatalogueMatcher, Record<CatalogueLevel, Map<string, readonly IndicatorPiece[]>>>();
const MAX_CACHED_CELLS = 20_000;

export function splitIndicators(cellText: string, level: CatalogueLevel, matcher: CatalogueMatcher): readonly IndicatorPiece[] {
  let byLevel = splitMemo.get(matcher);
  if (!byLevel) splitMemo.set(matcher, (byLevel = { beleid: new Map(), casus: new Map() }));
  const cache = byLevel[level];
  let pieces = cache.get(cellText);
  if (pieces === undefined) {
    pieces = split(cellText, level, matcher);
    if (cache.size >= MAX_CACHED_CELLS) cache.clear();
    cache.set(cellText, pieces);
  }
  return pieces;
}

function split(cellText: string, level: CatalogueLevel, matcher: CatalogueMatcher): IndicatorPiece[] {
  const words: Word[] = [];
  for (const block of cellText.split('\n')) {
    block
      .split(/\s+/)
      .filter((text) => text.length > 0)
      // A bullet or list number starts an item the way a line break does.
      .forEach((text, index) => {
        const [first, ...rest] = text.split(GLUED_WORD_START);
        words.push({ text: first!, startsBlock: index === 0 || LIST_MARKER.test(text), marker: LIST_MARKER.test(text) });
        for (const part of rest) words.push({ text: part, startsBlock: false, marker: false, glued: true });
      });
  }
  if (words.length === 0) return [];

  const cuts = [0];
  words.forEach((word, index) => {
    if (index > 0 && (word.startsBlock || (/^\p{Lu}/u.test(word.text) && !words[index - 1]!.marker))) cuts.push(index);
  });
  cuts.push(words.length);
  const isBlockCut = (position: number) => position === 0 || position === words.length || words[position]!.startsBlock;

  // best[k]: best value of a segmentation of words[0 .. cuts[k]); ties go to fewer pieces.
  const best: { value: number; pieces: number; from: number; match: IndicatorMatch | null }[] = cuts.map(() => ({
    value: -Infinity,
    pieces: 0,
    from: -1,
    match: null,
  }));
  best[0] = { value: 0, pieces: 0, from: -1, match: null };
  for (let end = 1; end < cuts.length; end++) {
    for (let start = end - 1; start >= 0; start--) {
      const length = cuts[end]! - cuts[start]!;
      if (length > MAX_PIECE_WORDS) break;
      if (best[start]!.value === -Infinity) continue;
      const piece = words.slice(cuts[start], cuts[end]);
      if (piece.every((w) => w.marker)) continue;
      const match = matcher.matchIndicator(wording(piece), level);
      let gain: number;
      if (match.indicator) gain = length * match.score;
      else if (isBlockCut(cuts[start]!) && isBlockCut(cuts[end]!)) gain = 0;
      else continue;
      const value = best[start]!.value + gain;
      const pieces = best[start]!.pieces + 1;
      const current = best[end]!;
      if (value > current.value + 1e-9 || (Math.abs(value - current.value) <= 1e-9 && pieces < current.pieces)) {
        best[end] = { value, pieces, from: start, match };
      }
    }
  }

  const result: IndicatorPiece[] = [];
  for (let end = cuts.length - 1; end > 0; ) {
    const step = best[end]!;
    if (step.from < 0) break;
    result.unshift({ raw: printed(words.slice(cuts[step.from], cuts[end])), match: step.match! });
    end = step.from;
  }
  return result;
}
