/**
 * Pandoc-style grid tables, which some converters write when cells hold long text:
 *   +-----------+-------------+
 *   | Criteria  | Indicatoren |
 *   +===========+=============+
 *   | GGSR zijn | Alle        |
 *   | in beeld  | netwerk...  |
 *   +-----------+-------------+
 * Column edges are the '+' positions of the border line; a row is every line between two
 * borders, each cell's slices joined (a blank slice starts a new block, as a paragraph does).
 * Pandoc's writers leave two more traces to undo: a hard line break is a trailing "\" (markdown)
 * or a "| " line-block prefix (rst), and a word longer than the column is cut into pieces, the
 * remainder on a line of its own and then full-width pieces, which are glued back together.
 */
import { readFileSync } from 'node:fs';
import { referenceFilePath } from '../reference/locate.js';
import { cellToText } from './cell-markup.js';

let catalogueText: string | null = null;
/** The framework catalogue as text: its wordings (criteria, indicators) confirm words a cell cut. */
export const catalogueWords = () => (catalogueText ??= readFileSync(referenceFilePath('ggsr-framework.json'), 'utf8'));

/** smart: the document uses pandoc's smart punctuation; text: the whole document, to confirm cut words. */
export interface GridOptions {
  smart: boolean;
  text: string;
}

export interface GridRow {
  cells: string[];
  lineStart: number;
  lineEnd: number;
}

const BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/;

export const isGridBorder = (line: string) => BORDER.test(line);

/** Reads the grid table starting at lines[start] (a border line); returns its rows and the index after it. */
export function readGridTable(lines: string[], start: number, options: GridOptions = { smart: false, text: '' }): { rows: GridRow[]; next: number } {
  const edges = [...lines[start]!.matchAll(/\+/g)].map((m) => m.index);
  const rows: GridRow[] = [];
  let pending: Pending | null = null;
  let index = start + 1;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (isGridBorder(line)) {
      // A border right under a border with its corners elsewhere opens the next table (pandoc's Muse
      // writes tables with no blank line between them).
      if (isGridBorder(lines[index - 1]!) && gridCorners(line) !== gridCorners(lines[index - 1]!)) break;
      if (pending) rows.push(finishRow(pending, options));
      pending = null;
      continue;
    }
    if (!line.trimStart().startsWith('|')) break;
    pending ??= { slices: edges.slice(1).map(() => []), widths: [], lineStart: index + 1, lineEnd: index + 1 };
    pending.lineEnd = index + 1;
    for (let column = 0; column < edges.length - 1; column++) {
      const slice = line.slice(edges[column]! + 1, edges[column + 1]);
      pending.slices[column]!.push(slice.replace(/\|\s*$/, ''));
      pending.widths[column] = slice.length - 2;
    }
  }
  if (pending) rows.push(finishRow(pending, options));
  return { rows, next: index };
}

const gridCorners = (line: string) => [...line.trimEnd().matchAll(/\+/g)].map((m) => m.index).join(',');

interface Pending {
  slices: string[][];
  /** Each column's inner width (between "| " and " |"), to see a word cut at the column's edge. */
  widths: number[];
  lineStart: number;
  lineEnd: number;
}

const LINE_BLOCK = /^\| /;
/** Letters a piece needs before the document's words can say whether it is a word of its own. */
const MIN_WORD_EVIDENCE = 4;
const oneToken = (text: string | undefined) => text !== undefined && text.length > 0 && !/\s/.test(text);

/**
 * Whether lines[index], one token exactly as wide as the column, is a piece of a word pandoc cut
 * (it puts the cut word's remainder on a line of its own, then full-width pieces). The line before
 * must be one token too. Proof that it was put there alone: it would have fitted after the line
 * before it, as greedy wrapping would have done with a whole word. Without that proof (the line
 * before was full, or there was none) the joined word must occur elsewhere in the document or in
 * the framework catalogue (criteria and indicators are printed in narrow columns); otherwise the two stay
 * words ("voor" + "informatievoorziening" is two words that happen to wrap like a cut one).
 *
 * After a glued piece, a full-width token may be the cut word's next piece or the next word, exactly
 * as wide as the column ("t" + "oegeruste", then "regisseur"): a cut word's last piece is always full
 * width, so the layout cannot tell. The token goes on the word when the word so far plus the token is
 * printed in the document or the catalogue, or when the token is no word of its own there ("zieningen");
 * a token the document or catalogue prints as a word by itself ("regisseur") starts a new word.
 */
function isCutPiece(lines: string[], index: number, wordSoFar: string | null, text: string): boolean {
  const token = lines[index]!;
  const previous = lines[index - 1];
  if (!oneToken(token) || !oneToken(previous)) return false;
  if (wordSoFar !== null) {
    if (isPrinted(wordSoFar + token, text)) return true;
    const piece = bare(token);
    // Pieces of a very narrow column ("2" "0" "1" "4") are printed everywhere: they prove nothing.
    if (piece.length < MIN_WORD_EVIDENCE) return true;
    return !isKnownWord(piece, text);
  }
  const before = lines[index - 2];
  const width = token.length;
  if (before && before.length + 1 + previous!.length <= width) return true;
  if (isPrinted(previous! + token, text)) return true;
  // Neither piece a word the document or catalogue prints ("geme" + "enschappelijke"): one cut word.
  return [previous!, token].every((part) => {
    const piece = bare(part);
    return piece.length >= MIN_WORD_EVIDENCE && !isKnownWord(piece, text);
  });
}

/** Whether the document or the catalogue prints piece as a word of its own. */
const isKnownWord = (piece: string, text: string) => printedAsWord(piece, text) || printedAsWord(piece, catalogueWords());

/** A word without the emphasis marks and punctuation around it ("toereikend**" → "toereikend"). */
const bare = (word: string) => word.replace(/^[*_`"'([]+|[*_`"'.,;:!?)\]]+$/gu, '');

/** Whether the document or the catalogue prints word (its emphasis and punctuation aside) anywhere. */
function isPrinted(word: string, text: string): boolean {
  const letters = bare(word);
  return letters.length > 0 && (text.includes(letters) || catalogueWords().includes(letters));
}

/**
 * Whether text prints token as a word of its own (no letter or digit either side, any case) beside other
 * text: not alone between a grid table's bars (emphasis and punctuation aside), as the pieces of cut
 * words stand (the token itself, here).
 */
function printedAsWord(token: string, text: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline;
    const left = text.lastIndexOf('|', at);
    const right = text.indexOf('|', at + token.length);
    const from = left >= lineStart ? left + 1 : lineStart;
    const to = right >= 0 && right < lineEnd ? right : lineEnd;
    if (bare(text.slice(from, to).trim()).length !== token.length) return true;
  }
  return false;
}

function finishRow(pending: Pending, options: GridOptions): GridRow {
  const cells = pending.slices.map((slices, column) => {
    const width = pending.widths[column] ?? 0;
    const paragraphs: string[] = [''];
    const lines = slices.map((raw) => raw.trim());
    let glued = false;
    lines.forEach((slice, index) => {
      if (slice.length === 0) {
        paragraphs.push('');
        return;
      }
      // The word a glued piece ended: the last token of the block so far.
      const wordSoFar = glued ? /\S+$/.exec(paragraphs.at(-1)!)?.[0] ?? null : null;
      glued = width > 0 && slice.length === width && isCutPiece(lines, index, wordSoFar, options.text);
      const lineBlock = LINE_BLOCK.test(slice);
      const text = lineBlock ? slice.replace(LINE_BLOCK, '') : slice;
      if (lineBlock && paragraphs.at(-1)!.length > 0) paragraphs.push('');
      paragraphs[paragraphs.length - 1] += glued ? text : ` ${text}`;
      // A hard line break ("\\" at the end, pandoc markdown) ends the block here.
      if (text.endsWith('\\') && !text.endsWith('\\\\')) {
        paragraphs[paragraphs.length - 1] = paragraphs.at(-1)!.slice(0, -1);
        paragraphs.push('');
      }
    });
    return cellToText(paragraphs.filter((p) => p.trim()).join('<br>'), options.smart);
  });
  return { cells, lineStart: pending.lineStart, lineEnd: pending.lineEnd };
}
