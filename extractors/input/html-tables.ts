/**
 * HTML <table> → DocumentTables. Cells are laid out on a grid (rowspan, colspan) the way a
 * browser does; the grid is read as every marked-up table is (extractors/tables/cell-grid.ts).
 * Locations are the table's number and its rows ("table 2, rows 3-4"): HTML has no lines to give.
 */
import type { SourceLocation } from '../model.js';
import type { DocumentTable, ReadDocument } from '../tables/document-table.js';
import { readGrid, squareGrid, type GridRow, type LocateRows } from '../tables/cell-grid.js';
import { attribute, elementBlocks, ownCells, ownRows, type HtmlElement } from './html-text.js';

const span = (element: HtmlElement, name: string, max: number) => {
  const value = Number.parseInt(attribute(element, name) ?? '1', 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, max) : 1;
};

/**
 * The table's cells on a grid, as the HTML table model places them. Some writers (wvHtml) list every
 * row in full, the slots a rowspan covers as cells of their own (`<td rowspan="0">`, empty, or holding
 * the next criterion under a rowspan that runs past it): laid out as a browser would, the rest of each
 * such row moves right, past the verdict column. When every row fills the table's width by itself,
 * the rows are taken as written and the rowspans ignored; a criterion printed once then stands over
 * empty cells, as in text tables.
 */
export function tableGrid(table: HtmlElement): GridRow[] {
  const rows = ownRows(table);
  const rowCells = rows.map((row) => ownCells(row).map((cell) => ({ cell, colspan: span(cell, 'colspan', 100) })));
  const widths = rowCells.map((cells) => cells.reduce((sum, c) => sum + c.colspan, 0));
  const asWritten = widths.every((w) => w === widths[0]) && rowCells.some((cells) => cells.some((c) => span(c.cell, 'rowspan', rows.length) > 1));
  const occupied: boolean[][] = rows.map(() => []);
  const grid: GridRow[] = rows.map((_, index) => ({ cells: [], rowspans: [], number: index + 1 }));
  rowCells.forEach((cells, r) => {
    let column = 0;
    for (const { cell, colspan } of cells) {
      while (occupied[r]![column]) column++;
      const rowspan = asWritten ? 1 : span(cell, 'rowspan', rows.length - r);
      const text = elementBlocks(cell);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          occupied[r + dr]![column + dc] = true;
          grid[r + dr]!.cells[column + dc] = dr === 0 && dc === 0 ? text : '';
          grid[r + dr]!.rowspans[column + dc] = dr === 0 && dc === 0 ? rowspan : 1;
        }
      }
      column += colspan;
    }
  });
  return squareGrid(grid);
}

const locator = (tableNumber: number, first: number, last: number = first): SourceLocation => ({
  lineStart: null,
  lineEnd: null,
  page: null,
  locator: first === last ? `table ${tableNumber}, row ${first}` : `table ${tableNumber}, rows ${first}-${last}`,
});
const rowsOf = (tableNumber: number): LocateRows => (first, last) => locator(tableNumber, first.number, last.number);

/** The line before the table as a possible title, located before the table (HTML has no lines). */
const before = (tableNumber: number, lineBefore: string | null) => (lineBefore ? { text: lineBefore, location: { lineStart: null, lineEnd: null, page: null, locator: `before table ${tableNumber}` } } : null);

/** The findings tables inside one HTML table (usually one; a long table may repeat its header per theme). */
export function findingsTables(table: HtmlElement, tableNumber: number, lineBefore: string | null): DocumentTable[] {
  // HTML inside a text file: these callers keep tables only, so a header inferred here would go
  // without its warning; the text path accounts for the marks of rows it does not read.
  return readHtmlTable(table, tableNumber, lineBefore, false).tables;
}

type DocumentWarning = NonNullable<ReadDocument['warnings']>[number];

/**
 * The findings tables of one HTML table, and a `verdict_unaccounted` warning for each row with verdict
 * marks that none of them holds, its header inferred if a converter dropped it (cell-grid.ts). Rows
 * whose cells hold a table of their own are left to that table.
 */
export function readHtmlTable(table: HtmlElement, tableNumber: number, lineBefore: string | null, inferHeader = true): { tables: DocumentTable[]; warnings: DocumentWarning[] } {
  const elements = ownRows(table);
  return readGrid(tableGrid(table), before(tableNumber, lineBefore), rowsOf(tableNumber), (row) => ownCells(elements[row.number - 1]!).some(holdsTable), inferHeader);
}

const holdsTable = (element: HtmlElement): boolean => element.childNodes.some((child) => 'tagName' in child && (child.tagName === 'table' || holdsTable(child)));
