/**
 * HTML <table> → DocumentTables. Cells are laid out on a grid (rowspan, colspan) the way a
 * browser does; then, as in the text reports, every header row starts a findings table, and a
 * row with a single label right above it (a theme spanning the columns) or the line just before
 * the table names it. A criterion printed once for several rows (rowspan) is left empty below,
 * as the text reports have it; a findings cell spanning several indicator rows is one cell for
 * all of them, so those rows are read as one.
 */
import { marksInCells } from '../findings/accounting.js';
import { hasMarkCharacter } from '../findings/verdict-marks.js';
import type { SourceLocation } from '../model.js';
import type { DocumentTable, ReadDocument, TableRow } from '../tables/document-table.js';
import { classifyHeader } from '../tables/header-row.js';
import { plainTitle } from '../tables/cell-markup.js';
import { headerCellsFor, inferCriteriaColumns, type InferredColumns } from '../tables/inferred-header.js';
import { sharedMatcher } from '../framework/match.js';
import { attribute, elementBlocks, ownCells, ownRows, type HtmlElement } from './html-text.js';

interface GridRow {
  /** Text at the cell's top-left slot; '' in the slots a span covers. */
  cells: string[];
  /** How many rows the cell starting in each column spans (1 where none starts). */
  rowspans: number[];
  number: number;
}

const span = (element: HtmlElement, name: string, max: number) => {
  const value = Number.parseInt(attribute(element, name) ?? '1', 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, max) : 1;
};

/** The table's cells on a grid, as the HTML table model places them. */
export function tableGrid(table: HtmlElement): GridRow[] {
  const rows = ownRows(table);
  const occupied: boolean[][] = rows.map(() => []);
  const grid: GridRow[] = rows.map((_, index) => ({ cells: [], rowspans: [], number: index + 1 }));
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of ownCells(row)) {
      while (occupied[r]![column]) column++;
      const colspan = span(cell, 'colspan', 100);
      const rowspan = span(cell, 'rowspan', rows.length - r);
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
  const width = Math.max(0, ...grid.map((row) => row.cells.length));
  for (const row of grid) {
    row.cells = Array.from({ length: width }, (_, c) => row.cells[c] ?? '');
    row.rowspans = Array.from({ length: width }, (_, c) => row.rowspans[c] ?? 1);
  }
  return grid;
}

const filled = (row: GridRow) => row.cells.filter((c) => c.length > 0);
const locator = (tableNumber: number, first: number, last: number = first): SourceLocation => ({
  lineStart: null,
  lineEnd: null,
  page: null,
  locator: first === last ? `table ${tableNumber}, row ${first}` : `table ${tableNumber}, rows ${first}-${last}`,
});

/** The findings tables inside one HTML table (usually one; a long table may repeat its header per theme). */
export function findingsTables(table: HtmlElement, tableNumber: number, lineBefore: string | null): DocumentTable[] {
  // HTML inside a text file: these callers keep tables only, so a header inferred here would go
  // without its warning; the text path accounts for the marks of rows it does not read.
  return readHtmlTable(table, tableNumber, lineBefore, false).tables;
}

type DocumentWarning = NonNullable<ReadDocument['warnings']>[number];

/**
 * The findings tables of one HTML table, and a `verdict_unaccounted` warning for each row with verdict
 * marks that none of them holds: every row from the first header row on is in a findings table, so
 * these are the rows above it, or all rows of a table without one (a converter that dropped the
 * header row: pandoc's OpenDocument of a table with two header rows keeps only the first, unless its
 * rows show their columns: inferred-header.ts). Rows whose cells hold a table of their own are left to
 * that table.
 */
export function readHtmlTable(table: HtmlElement, tableNumber: number, lineBefore: string | null, inferHeader = true): { tables: DocumentTable[]; warnings: DocumentWarning[] } {
  const warnings: DocumentWarning[] = [];
  let grid = tableGrid(table);
  if (inferHeader && !grid.some((row) => classifyHeader(row.cells) !== null)) {
    const inferred = inferCriteriaColumns(grid.map((row) => row.cells), sharedMatcher());
    if (inferred) {
      grid = withInferredHeaders(grid, inferred);
      warnings.push(inferredHeaderWarning(grid, inferred, tableNumber));
    }
  }
  const tables = findingsTablesOf(grid, tableNumber, lineBefore);
  const firstHeader = grid.findIndex((row) => classifyHeader(row.cells) !== null);
  const unread = firstHeader < 0 ? grid : grid.slice(0, firstHeader);
  const elements = ownRows(table);
  for (const row of unread) {
    if (!row.cells.some(hasMarkCharacter)) continue;
    if (ownCells(elements[row.number - 1]!).some(holdsTable)) continue;
    const marks = marksInCells(row.cells);
    if (marks === 0) continue;
    const location = locator(tableNumber, row.number);
    warnings.push({
      code: 'verdict_unaccounted',
      severity: 'warning',
      message: `${marks} verdict mark(s) at ${location.locator}, in a row no findings table holds (${firstHeader < 0 ? 'the table has no "Criteria | Indicatoren | Bevindingen" or "Indicator | <jaar>" header row' : 'above the table\'s header row'}): its findings are missing`,
      location,
    });
  }
  return { tables, warnings };
}

/**
 * The grid with the header rows a converter dropped put back: one above the first row of cells, and
 * one under every later row that names a theme alone, where the source repeated theme and header.
 * Each stands at the row it precedes (its number), as the lost row did.
 */
function withInferredHeaders(grid: GridRow[], columns: InferredColumns): GridRow[] {
  const width = grid[0]?.cells.length ?? 0;
  const header = (number: number): GridRow => ({ cells: headerCellsFor(columns, width), rowspans: Array.from({ length: width }, () => 1), number });
  const matcher = sharedMatcher();
  const out: GridRow[] = [];
  let started = false;
  grid.forEach((row, position) => {
    const label = filled(row).length === 1 ? filled(row)[0]! : null;
    if (!started && label === null && filled(row).length > 0) {
      out.push(header(row.number));
      started = true;
    }
    out.push(row);
    const next = grid[position + 1];
    if (started && label !== null && next && matcher.matchTheme(label.replace(/\n/g, ' ')) !== null) out.push(header(next.number));
  });
  return out;
}

function inferredHeaderWarning(grid: GridRow[], columns: InferredColumns, tableNumber: number): DocumentWarning {
  const column = (index: number | null) => (index === null ? 'none' : `column ${index + 1}`);
  return {
    code: 'table_header_missing',
    severity: 'warning',
    message:
      `table ${tableNumber} has no "Criteria | Indicatoren | Bevindingen" header row; its columns were read off its rows, ` +
      `${columns.findingsRows} of which hold a catalogue indicator beside a cell opening with a verdict mark, and no other column opens with one: ` +
      `criterion ${column(columns.criterionColumn)}, indicator ${column(columns.indicatorColumn)}, findings ${column(columns.findingsColumn)}`,
    location: locator(tableNumber, grid[0]?.number ?? 1, grid.at(-1)?.number ?? 1),
  };
}

const holdsTable = (element: HtmlElement): boolean => element.childNodes.some((child) => 'tagName' in child && (child.tagName === 'table' || holdsTable(child)));

function findingsTablesOf(grid: GridRow[], tableNumber: number, lineBefore: string | null): DocumentTable[] {
  const tables: DocumentTable[] = [];
  let current: { table: DocumentTable; body: GridRow[]; criterion: number | null } | null = null;
  const close = () => {
    if (current) current.table.rows = mergeSpannedRows(current.body, current.criterion).map((rows) => toRow(rows, tableNumber));
    current = null;
  };
  grid.forEach((row, position) => {
    const header = classifyHeader(row.cells);
    if (header) {
      const previous = position > 0 ? grid[position - 1]! : null;
      let title: DocumentTable['title'] = null;
      if (previous && filled(previous).length === 1) {
        title = { text: filled(previous)[0]!.replace(/\n/g, ' '), location: locator(tableNumber, previous.number) };
        // The label row closed the table before; it is not that table's content.
        if (current && current.body.at(-1) === previous) current.body.pop();
      } else if (position === 0 && lineBefore && isTitleText(lineBefore)) {
        title = { text: plainTitle(lineBefore), location: { lineStart: null, lineEnd: null, page: null, locator: `before table ${tableNumber}` } };
      }
      close();
      current = {
        table: { title, header: { cells: row.cells.map((c) => c.replace(/\n/g, ' ')), location: locator(tableNumber, row.number) }, rows: [] },
        body: [],
        criterion: header.kind === 'criteria' ? header.criterionColumn : null,
      };
      tables.push(current.table);
      return;
    }
    if (current && filled(row).length > 0) current.body.push(row);
  });
  close();
  return tables;
}

/** A line that may name the table below it: short, and not a sentence or a lead-in ("…:"). */
export const isTitleText = (text: string) => text.length > 0 && text.length <= 40 && !/[.:;]$/.test(text);

/** Groups body rows: a cell spanning rows (other than the criterion) makes those rows one. */
function mergeSpannedRows(body: GridRow[], criterionColumn: number | null): GridRow[][] {
  const groups: GridRow[][] = [];
  for (let index = 0; index < body.length; ) {
    let end = index + 1;
    for (let r = index; r < end; r++) {
      body[r]!.rowspans.forEach((rowspan, column) => {
        if (column !== criterionColumn && rowspan > 1) end = Math.min(body.length, Math.max(end, r + rowspan));
      });
    }
    groups.push(body.slice(index, end));
    index = end;
  }
  return groups;
}

function toRow(rows: GridRow[], tableNumber: number): TableRow {
  const width = rows[0]!.cells.length;
  const cells = Array.from({ length: width }, (_, c) => rows.map((row) => row.cells[c]!).filter(Boolean).join('\n'));
  return { cells, location: locator(tableNumber, rows[0]!.number, rows.at(-1)!.number) };
}
