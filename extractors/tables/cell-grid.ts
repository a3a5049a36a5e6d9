/**
 * A table whose cells a format marks up (HTML, DocBook), laid out on a grid → DocumentTables. As in
 * the text reports, every header row starts a findings table, and a row with a single label right
 * above it (a theme spanning the columns) or the line just before the table names it. A criterion
 * printed once for several rows (a rowspan) is left empty below, as the text reports have it; a
 * findings cell spanning several indicator rows is one cell for all of them, so those rows are read
 * as one.
 *
 * The readers place the cells (each format has its own span model); this file only reads the grid,
 * so a table means the same whichever markup it came in.
 */
import { marksInCells } from '../findings/accounting.js';
import { hasMarkCharacter } from '../findings/verdict-marks.js';
import type { SourceLocation } from '../model.js';
import type { DocumentTable, ReadDocument, TableRow } from './document-table.js';
import { classifyHeader } from './header-row.js';
import { plainTitle } from './cell-markup.js';
import { headerCellsFor, inferCriteriaColumns, type InferredColumns } from './inferred-header.js';
import { sharedMatcher } from '../framework/match.js';

export interface GridRow {
  /** Text at the cell's top-left slot; '' in the slots a span covers. */
  cells: string[];
  /** How many rows the cell starting in each column spans (1 where none starts). */
  rowspans: number[];
  /** The row's place in its table, from 1. */
  number: number;
}

/** Where rows first..last of the grid stand in the source. */
export type LocateRows<T extends GridRow = GridRow> = (first: T, last: T) => SourceLocation;

/** The text line just before the table, and where it stands. */
export interface LineBefore {
  text: string;
  location: SourceLocation;
}

type DocumentWarning = NonNullable<ReadDocument['warnings']>[number];

/** A line that may name the table below it: short, and not a sentence or a lead-in ("…:"). */
export const isTitleText = (text: string) => text.length > 0 && text.length <= 40 && !/[.:;]$/.test(text);

const filled = (row: GridRow) => row.cells.filter((c) => c.length > 0);

/** Rows padded to the widest one, so every column has a slot in every row. */
export function squareGrid<T extends GridRow>(grid: T[]): T[] {
  const width = Math.max(0, ...grid.map((row) => row.cells.length));
  for (const row of grid) {
    row.cells = Array.from({ length: width }, (_, c) => row.cells[c] ?? '');
    row.rowspans = Array.from({ length: width }, (_, c) => row.rowspans[c] ?? 1);
  }
  return grid;
}

/** The findings tables inside one grid (usually one; a long table may repeat its header per theme). */
export function gridFindingsTables<T extends GridRow>(grid: T[], lineBefore: LineBefore | null, locate: LocateRows<T>): DocumentTable[] {
  const tables: DocumentTable[] = [];
  let current: { table: DocumentTable; body: T[]; criterion: number | null } | null = null;
  const close = () => {
    if (current) current.table.rows = mergeSpannedRows(current.body, current.criterion).map((rows) => toRow(rows, locate));
    current = null;
  };
  grid.forEach((row, position) => {
    const header = classifyHeader(row.cells);
    if (header) {
      const previous = position > 0 ? grid[position - 1]! : null;
      let title: DocumentTable['title'] = null;
      if (previous && filled(previous).length === 1) {
        title = { text: filled(previous)[0]!.replace(/\n/g, ' '), location: locate(previous, previous) };
        // The label row closed the table before; it is not that table's content.
        if (current && current.body.at(-1) === previous) current.body.pop();
      } else if (position === 0 && lineBefore && isTitleText(lineBefore.text)) {
        title = { text: plainTitle(lineBefore.text), location: lineBefore.location };
      }
      close();
      current = {
        table: { title, header: { cells: row.cells.map((c) => c.replace(/\n/g, ' ')), location: locate(row, row) }, rows: [] },
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

/**
 * A `verdict_unaccounted` warning for each row with verdict marks that no findings table of the grid
 * holds: every row from the first header row on is in a findings table, so these are the rows above
 * it, or all rows of a table without one (a converter that dropped the header row: pandoc's
 * OpenDocument of a table with two header rows keeps only the first, unless its rows show their
 * columns: readGrid). `skip` leaves out rows whose
 * cells hold a table of their own: that table accounts for them.
 */
export function unaccountedRows<T extends GridRow>(grid: T[], locate: LocateRows<T>, skip: (row: T) => boolean = () => false): DocumentWarning[] {
  const firstHeader = grid.findIndex((row) => classifyHeader(row.cells) !== null);
  const unread = firstHeader < 0 ? grid : grid.slice(0, firstHeader);
  const warnings: DocumentWarning[] = [];
  for (const row of unread) {
    if (!row.cells.some(hasMarkCharacter) || skip(row)) continue;
    const marks = marksInCells(row.cells);
    if (marks === 0) continue;
    const location = locate(row, row);
    const where = location.locator ?? (location.lineStart !== null ? `lines ${location.lineStart}-${location.lineEnd ?? location.lineStart}` : `row ${row.number}`);
    warnings.push({
      code: 'verdict_unaccounted',
      severity: 'warning',
      message: `${marks} verdict mark(s) at ${where}, in a row no findings table holds (${firstHeader < 0 ? 'the table has no "Criteria | Indicatoren | Bevindingen" or "Indicator | <jaar>" header row' : 'above the table\'s header row'}): its findings are missing`,
      location,
    });
  }
  return warnings;
}

/**
 * A grid read whole: its findings tables, and warnings for the rows with marks none of them holds.
 * A grid without any header row has its header inferred from its rows where they show their columns
 * (inferred-header.ts: a converter that dropped the header row), unless `inferHeader` is false (the
 * caller has no way to pass the warning on).
 */
export function readGrid<T extends GridRow>(grid: T[], lineBefore: LineBefore | null, locate: LocateRows<T>, skip: (row: T) => boolean = () => false, inferHeader = true): { tables: DocumentTable[]; warnings: DocumentWarning[] } {
  const warnings: DocumentWarning[] = [];
  let rows = grid;
  if (inferHeader && grid.length > 0 && !grid.some((row) => classifyHeader(row.cells) !== null)) {
    const inferred = inferCriteriaColumns(grid.map((row) => row.cells), sharedMatcher());
    if (inferred) {
      rows = withInferredHeaders(grid, inferred);
      warnings.push(inferredHeaderWarning(inferred, locate(grid[0]!, grid.at(-1)!)));
    }
  }
  warnings.push(...unaccountedRows(rows, locate, skip));
  return { tables: gridFindingsTables(rows, lineBefore, locate), warnings };
}

/**
 * The grid with the header rows a converter dropped put back: one above the first row of cells, and
 * one under every later row that names a theme alone, where the source repeated theme and header.
 * Each stands where the row it precedes stands, as the lost row did.
 */
function withInferredHeaders<T extends GridRow>(grid: T[], columns: InferredColumns): T[] {
  const header = (before: T): T => ({ ...before, cells: headerCellsFor(columns, before.cells.length), rowspans: before.cells.map(() => 1) });
  const matcher = sharedMatcher();
  const out: T[] = [];
  let started = false;
  grid.forEach((row, position) => {
    const label = filled(row).length === 1 ? filled(row)[0]! : null;
    if (!started && label === null && filled(row).length > 0) {
      out.push(header(row));
      started = true;
    }
    out.push(row);
    const next = grid[position + 1];
    if (started && label !== null && next && matcher.matchTheme(label.replace(/\n/g, ' ')) !== null) out.push(header(next));
  });
  return out;
}

export function inferredHeaderWarning(columns: InferredColumns, location: SourceLocation): DocumentWarning {
  const column = (index: number | null) => (index === null ? 'none' : `column ${index + 1}`);
  const where = location.locator ?? (location.lineStart !== null ? `the table at lines ${location.lineStart}-${location.lineEnd ?? location.lineStart}` : 'a table');
  return {
    code: 'table_header_missing',
    severity: 'warning',
    message:
      `${where.replace(/, rows? [\d-]+$/, '')} has no "Criteria | Indicatoren | Bevindingen" header row; its columns were read off its rows, ` +
      `${columns.findingsRows} of which hold a catalogue indicator beside a cell opening with a verdict mark, and no other column opens with one: ` +
      `criterion ${column(columns.criterionColumn)}, indicator ${column(columns.indicatorColumn)}, findings ${column(columns.findingsColumn)}`,
    location,
  };
}

/** Groups body rows: a cell spanning rows (other than the criterion) makes those rows one. */
function mergeSpannedRows<T extends GridRow>(body: T[], criterionColumn: number | null): T[][] {
  const groups: T[][] = [];
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

function toRow<T extends GridRow>(rows: T[], locate: LocateRows<T>): TableRow {
  const width = rows[0]!.cells.length;
  const cells = Array.from({ length: width }, (_, c) => rows.map((row) => row.cells[c]!).filter(Boolean).join('\n'));
  return { cells, location: locate(rows[0]!, rows.at(-1)!) };
}
