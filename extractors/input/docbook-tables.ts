/**
 * A DocBook table (<table>, <informaltable>) → a grid of cells, as cell-grid.ts reads every
 * marked-up table. DocBook has two table models:
 *   - CALS (what pandoc and most tools write): <tgroup cols> with <colspec colname colnum> and
 *     <spanspec>, rows in <thead>, <tbody>, <tfoot>; an <entry> sits in the column its colname,
 *     namest or spanname names, or else in the next free one; namest…nameend span columns, morerows
 *     spans rows below (within its head, body or foot).
 *   - HTML (DocBook 5): <tr> with <td>/<th>, colspan and rowspan, as a browser places them.
 * Each grid row keeps the file lines of its <row>/<tr>, so a finding is located in the file.
 *
 * pandoc 2.17 writes no spans at all (a merged criterion is an empty entry under it, as the text
 * reports print it); the span attributes are what other producers (and hand-edited files) write.
 */
import { ExtractionFailure } from '../model.js';
import type { GridRow } from '../tables/cell-grid.js';
import { squareGrid } from '../tables/cell-grid.js';
import { docbookName } from './docbook-blocks.js';
import { elements, type XmlNode } from './xml-tree.js';

/** A grid row with the file lines of the row element: from its start tag to its end tag. */
export interface DocBookGridRow extends GridRow {
  lines: { start: number; end: number };
  /** A cell of the row holds a table of its own, read as a table too: that table accounts for its marks. */
  holdsTable: boolean;
}

/** The elements that make a table: a findings table may stand in either. */
export const TABLES = new Set(['table', 'informaltable']);

/** A table wider than this is no report's: columns past it are not laid out (a crafted colnum="1000000"). */
const MAX_COLUMNS = 256;

/**
 * Slots of one table's grid (rows × columns): a findings table has a few hundred. Spans make a few
 * elements cover many slots (a morerows down a long table, repeated), so the grid is counted as it
 * is laid out, and a table past this fails the file rather than the memory.
 */
const MAX_SLOTS = 1_000_000;

/** A cell as its markup places it: a column (null: the next free one), and how many columns and rows it covers. */
interface CellSpec {
  element: XmlNode;
  column: number | null;
  colspan: number;
  rowspan: number;
}

type CellText = (cell: XmlNode) => string;

const named = (node: XmlNode, ...names: string[]) => names.includes(docbookName(node) ?? '');
const childrenNamed = (node: XmlNode, ...names: string[]) => [...elements(node)].filter((child) => named(child, ...names));

/** A DocBook attribute (no namespace), as written. */
const attribute = (node: XmlNode, name: string): string | null => node.attributes?.get(` ${name}`) ?? null;

/** A positive whole number attribute, or `fallback` where it is absent or not one. */
function count(node: XmlNode, name: string, fallback: number): number {
  const value = attribute(node, name);
  if (value === null || !/^\s*\d+\s*$/.test(value)) return fallback;
  return Number.parseInt(value, 10);
}

/** The table's rows on a grid. */
export function docbookTableGrid(table: XmlNode, cellText: CellText): DocBookGridRow[] {
  const grid: DocBookGridRow[] = [];
  const laid = { slots: 0 };
  const groups = childrenNamed(table, 'tgroup');
  if (groups.length > 0) {
    // Several tgroups are parts of one table one under the other, each with its own columns.
    for (const group of groups) {
      const width = Math.min(count(group, 'cols', 0), MAX_COLUMNS);
      for (const section of calsSections(group)) layOut(section.rows, section.cells, grid, cellText, width, laid);
    }
  } else {
    for (const rows of htmlSections(table)) layOut(rows, htmlCells, grid, cellText, 0, laid);
  }
  grid.forEach((row, index) => (row.number = index + 1));
  const width = Math.max(0, ...grid.map((row) => row.cells.length));
  checkSlots(grid.length * width);
  return squareGrid(grid);
}

/** A tgroup's head, body and foot, in the order a rendering shows them (DocBook 4 writes the foot first). */
function calsSections(group: XmlNode): { rows: XmlNode[]; cells: (row: XmlNode) => CellSpec[] }[] {
  const columns = new Map<string, number>();
  let next = 0;
  for (const spec of childrenNamed(group, 'colspec')) {
    const column = Math.min(count(spec, 'colnum', next + 1), MAX_COLUMNS) - 1;
    const name = attribute(spec, 'colname');
    if (name !== null && column >= 0) columns.set(name, column);
    next = column + 1;
  }
  const spans = new Map<string, { start: string; end: string }>();
  for (const spec of childrenNamed(group, 'spanspec')) {
    const [name, start, end] = ['spanname', 'namest', 'nameend'].map((a) => attribute(spec, a));
    if (name && start && end) spans.set(name, { start, end });
  }
  const cells = (row: XmlNode) => childrenNamed(row, 'entry', 'entrytbl').map((entry) => calsCell(entry, columns, spans));
  const section = (name: string) => childrenNamed(group, name).flatMap((part) => childrenNamed(part, 'row'));
  return ['thead', 'tbody', 'tfoot'].map((name) => ({ rows: section(name), cells }));
}

/** Where an entry goes: colname, namest or spanname, and how far namest…nameend and morerows reach. */
function calsCell(entry: XmlNode, columns: Map<string, number>, spans: Map<string, { start: string; end: string }>): CellSpec {
  const span = spans.get(attribute(entry, 'spanname') ?? '');
  const startName = attribute(entry, 'namest') ?? span?.start ?? attribute(entry, 'colname');
  const endName = attribute(entry, 'nameend') ?? span?.end ?? startName;
  const start = startName !== null ? columns.get(startName) : undefined;
  const end = endName !== null ? columns.get(endName) : undefined;
  return {
    element: entry,
    column: start ?? null,
    colspan: start !== undefined && end !== undefined && end > start ? end - start + 1 : 1,
    rowspan: count(entry, 'morerows', 0) + 1,
  };
}

/** The row groups of an HTML-model table: rows directly in it, then those of each thead, tbody, tfoot. */
function htmlSections(table: XmlNode): XmlNode[][] {
  const sections: XmlNode[][] = [childrenNamed(table, 'tr')];
  for (const name of ['thead', 'tbody', 'tfoot']) for (const part of childrenNamed(table, name)) sections.push(childrenNamed(part, 'tr'));
  return sections;
}

const htmlCells = (row: XmlNode): CellSpec[] =>
  childrenNamed(row, 'td', 'th').map((cell) => ({ element: cell, column: null, colspan: Math.max(1, count(cell, 'colspan', 1)), rowspan: Math.max(1, count(cell, 'rowspan', 1)) }));

/**
 * The rows of one row group onto the grid. A cell without a column takes the next slot no cell
 * above reaches into; a span ends at the group's last row and the table's last column. `laid`
 * counts the slots the table's groups have laid so far.
 */
function layOut(rows: XmlNode[], cellsOf: (row: XmlNode) => CellSpec[], grid: DocBookGridRow[], cellText: CellText, width: number, laid: { slots: number }): void {
  const first = grid.length;
  laid.slots += rows.length * width;
  checkSlots(laid.slots);
  // Slots no entry fills (a row that leaves out its last empty entries) are empty cells, as wide as the table.
  for (const row of rows) grid.push({ cells: Array<string>(width).fill(''), rowspans: Array<number>(width).fill(1), number: 0, lines: { start: row.line, end: row.endLine }, holdsTable: false });
  const occupied: boolean[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of cellsOf(row)) {
      // An entry named into a slot a span above already covers (malformed) takes the next free one: no slot is laid twice.
      if (cell.column !== null) column = cell.column;
      while (occupied[r]![column]) column++;
      if (column >= MAX_COLUMNS) break;
      const colspan = Math.min(cell.colspan, MAX_COLUMNS - column);
      const rowspan = Math.min(cell.rowspan, rows.length - r);
      laid.slots += colspan * rowspan;
      checkSlots(laid.slots);
      const text = cellText(cell.element);
      if (nestedTables(cell.element).length > 0) grid[first + r]!.holdsTable = true;
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          occupied[r + dr]![column + dc] = true;
          const at = grid[first + r + dr]!;
          at.cells[column + dc] = dr === 0 && dc === 0 ? text : '';
          at.rowspans[column + dc] = dr === 0 && dc === 0 ? rowspan : 1;
        }
      }
      column += colspan;
    }
  });
}

/** Tables inside an element (a table's cells), at any depth, in document order. */
export function nestedTables(element: XmlNode): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (node: XmlNode) => {
    for (const child of elements(node)) {
      if (TABLES.has(docbookName(child) ?? '')) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

function checkSlots(slots: number): void {
  if (slots > MAX_SLOTS) throw new ExtractionFailure('too_large', `DocBook table of more than ${MAX_SLOTS} cells (rows × columns, spans counted): over the limit for one report (a findings table has a few hundred)`);
}
