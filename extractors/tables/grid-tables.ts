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
 */
import { cellToText } from './cell-markup.js';

export interface GridRow {
  cells: string[];
  lineStart: number;
  lineEnd: number;
}

const BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/;

export const isGridBorder = (line: string) => BORDER.test(line);

/** Reads the grid table starting at lines[start] (a border line); returns its rows and the index after it. */
export function readGridTable(lines: string[], start: number): { rows: GridRow[]; next: number } {
  const edges = [...lines[start]!.matchAll(/\+/g)].map((m) => m.index);
  const rows: GridRow[] = [];
  let pending: { slices: string[][]; lineStart: number; lineEnd: number } | null = null;
  let index = start + 1;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (isGridBorder(line)) {
      if (pending) rows.push(finishRow(pending));
      pending = null;
      continue;
    }
    if (!line.trimStart().startsWith('|')) break;
    pending ??= { slices: edges.slice(1).map(() => []), lineStart: index + 1, lineEnd: index + 1 };
    pending.lineEnd = index + 1;
    for (let column = 0; column < edges.length - 1; column++) {
      pending.slices[column]!.push(line.slice(edges[column]! + 1, edges[column + 1]).replace(/\|\s*$/, ''));
    }
  }
  if (pending) rows.push(finishRow(pending));
  return { rows, next: index };
}

function finishRow(pending: { slices: string[][]; lineStart: number; lineEnd: number }): GridRow {
  const cells = pending.slices.map((slices) => {
    const paragraphs: string[] = [''];
    for (const slice of slices) {
      if (slice.trim().length === 0) paragraphs.push('');
      else paragraphs[paragraphs.length - 1] += ` ${slice.trim()}`;
    }
    return cellToText(paragraphs.filter((p) => p.trim()).join('<br>'));
  });
  return { cells, lineStart: pending.lineStart, lineEnd: pending.lineEnd };
}
