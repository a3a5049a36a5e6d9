/**
 * A PDF follow-up header cell holding two years (extractors/input/pdf-header.ts splitHeaderAtColumns):
 * two header cells set close together, or in one text run, are two columns; a range of years is one.
 */
import { describe, expect, it } from 'vitest';
import { splitHeaderAtColumns, type HeaderBand } from '../extractors/input/pdf-header.js';
import type { Line, PdfItem } from '../extractors/input/pdf-lines.js';
import { classifyHeader } from '../extractors/tables/header-row.js';

const item = (str: string, x: number, width = 6 * str.length): PdfItem => ({ str, x, y: 100, width, size: 10, font: 'f' });
const vocabulary = { has: () => false };

/** A follow-up header band of one line: "Indicator" and the given cells, each a list of items. */
function band(...cells: PdfItem[][]): HeaderBand {
  const all = [item('Indicator', 50), ...cells.flat()];
  const line: Line = { page: 1, y: 100, size: 10, x0: 50, x1: Math.max(...all.map((i) => i.x + i.width)), items: all, text: all.map((i) => i.str).join(' ') };
  const headerCells = [[item('Indicator', 50)], ...cells].map((items) => ({ x0: items[0]!.x, x1: Math.max(...items.map((i) => i.x + i.width)), items, text: items.map((i) => i.str).join(' ') }));
  return { lines: [line], cells: headerCells, kind: classifyHeader(headerCells.map((c) => c.text))! };
}
const labels = (header: HeaderBand) => header.cells.map((cell) => cell.text);

describe('follow-up header cells with two years', () => {
  it('splits two cells a few points apart and two cells in one text run', () => {
    expect(labels(splitHeaderAtColumns(band([item('2013', 150)], [item('2014', 262, 28), item('2014', 295, 28)]), [], vocabulary))).toEqual(['Indicator', '2013', '2014', '2014']);
    expect(labels(splitHeaderAtColumns(band([item('2013', 150)], [item('2014 2014', 262, 60)]), [], vocabulary))).toEqual(['Indicator', '2013', '2014', '2014']);
  });

  it('keeps a range of years one label, in one text run or in several', () => {
    for (const range of ['2013 - 2014', '2013/ 2014', '2013 t/m 2014', '2013 tot en met 2014']) {
      expect(labels(splitHeaderAtColumns(band([item(range, 150)]), [], vocabulary))).toEqual(['Indicator', range]);
    }
    expect(labels(splitHeaderAtColumns(band([item('2013', 150, 28), item('-', 180, 6), item('2014', 188, 28)]), [], vocabulary))).toEqual(['Indicator', '2013 - 2014']);
  });
});
