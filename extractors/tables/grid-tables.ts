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

interface Pending {
  slices: string[][];
  /** Each column's inner width (between "| " and " |"), to see a word cut at the column's edge. */
  widths: number[];
  lineStart: number;
  lineEnd: number;
}

const LINE_BLOCK = /^\| /;
const oneToken = (text: string | undefined) => text !== undefined && text.length > 0 && !/\s/.test(text);

/**
 * Whether lines[index], one token exactly as wide as the column, is a piece of a word pandoc cut
 * (it puts the cut word's remainder on a line of its own, then full-width pieces). The line before
 * must be one token too. Proof that it was put there alone: it would have fitted after the line
 * before it, as greedy wrapping would have done with a whole word. Without that proof (the line
 * before was full, or there was none) the joined word must occur elsewhere in the document or in
 * the framework catalogue (criteria and indicators are printed in narrow columns); otherwise the two stay
 * words ("voor" + "informatievoorziening" is two words that happen to wrap like a cut one).
 */
function isCutPiece(lines: string[], index: number, previousGlued: boolean, text: string): boolean {
  const token = lines[index]!;
  const previous = lines[index - 1];
  if (!oneToken(token) || !oneToken(previous)) return false;
  if (previousGlued) return true;
  const before = lines[index - 2];
  const width = token.length;
  if (before && before.length + 1 + previous!.length <= width) return true;
  const word = previous! + token;
  return text.includes(word) || catalogueWords().includes(word);
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
      glued = width > 0 && slice.length === width && isCutPiece(lines, index, glued, options.text);
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
