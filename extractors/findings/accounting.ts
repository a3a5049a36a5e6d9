/**
 * The accounting invariant (issue 10): every verdict mark in a findings table ends up in a finding,
 * and every column that holds marks is read. The findings collectors say which cells they took;
 * whatever they did not take is a located warning, never a silent loss:
 *
 *   verdict_unaccounted  a mark in a findings table that no finding took (a cell in the indicator or
 *                        criterion column, a findings cell without an indicator, a line of the table's
 *                        region that no row holds), or in a text report a mark opening a line outside
 *                        every findings table read, or in an HTML, Word or OpenDocument table a mark in
 *                        a row no findings table holds (html-tables.ts)
 *   column_unread        a column with marks that is no assessed column of its table's header
 *   row_stitched (info)  a finding whose row was put together from fragments across a page break
 */
import type { SourceLocation } from '../model.js';
import type { DocumentTable, TableRow } from '../tables/document-table.js';
import { countVerdictMarks, hasMarkCharacter } from './verdict-marks.js';
import type { FindingsCollector } from './cell-findings.js';

/** A legend of the marks ("✓ = voldoet", "X: verbeterpunt"), which names a verdict but gives none. */
const LEGEND = /^\s*\S{1,2}\s*[=:–-]?\s*(?:voldoet|voldoende|verbeterpunt|onvoldoende)\b.{0,20}$/iu;

/** Verdict marks in a cell, as the findings reader sees them (at a block start or after a sentence). */
export function countMarks(text: string): number {
  return countVerdictMarks(text);
}

/** Marks in the cells of a row outside every findings table read: a legend ("✓ = voldoet") gives none. */
export function marksInCells(cells: string[]): number {
  return cells.reduce((sum, cell) => sum + (LEGEND.test(cell) ? 0 : countMarks(cell.trim())), 0);
}

const where = (location: SourceLocation) =>
  location.lineStart !== null ? `line ${location.lineStart}${location.lineEnd !== null && location.lineEnd !== location.lineStart ? `-${location.lineEnd}` : ''}` : location.page !== null ? `page ${location.page}` : 'the table';

/** Marks in cells no finding reads: each is a `verdict_unaccounted` warning at its row. */
export function unaccountedMarks(collector: FindingsCollector, row: TableRow, columns: number[], why: string): void {
  for (const column of columns) {
    const marks = countMarks(row.cells[column] ?? '');
    if (marks === 0) continue;
    collector.warn('verdict_unaccounted', 'warning', `${marks} verdict mark(s) at ${where(row.location)}, column ${column + 1}, that no finding took: ${why}`, row.location);
  }
}

/** Columns a table's header does not read whose cells hold marks: one `column_unread` warning each. */
export function unreadColumns(collector: FindingsCollector, table: DocumentTable, read: Set<number>): void {
  const width = Math.max(table.header.cells.length, ...table.rows.map((r) => r.cells.length));
  for (let column = 0; column < width; column++) {
    if (read.has(column)) continue;
    const marks = table.rows.reduce((sum, row) => sum + countMarks(row.cells[column] ?? ''), 0);
    if (marks === 0) continue;
    const label = table.header.cells[column]?.trim();
    collector.warn('column_unread', 'warning', `column ${column + 1}${label ? ` ("${label}")` : ' (no header)'} holds ${marks} verdict mark(s) but is not read as an assessed column`, table.header.location);
  }
}

/** An info warning on each finding made from a row stitched across a page break. */
export function stitchedRowFindings(collector: FindingsCollector, row: { location: SourceLocation; stitched?: boolean }, firstFinding: number): void {
  if (!row.stitched) return;
  for (let index = firstFinding; index < collector.findings.length; index++) {
    collector.warn('row_stitched', 'info', `the row was stitched from fragments on two pages (${where(row.location)}); check that its cells belong together`, row.location, index);
  }
}

/**
 * Lines of a text report inside or right after a findings table (up to the next blank line) that
 * no row holds: a mark there was dropped on the way to the table. Located by line.
 */
export function marksOutsideRows(collector: FindingsCollector, tables: DocumentTable[], text: string, firstLine = 1): void {
  // `text` may be one report's part of a bundle: its first line is file line `firstLine`, and the
  // tables' rows are located by file lines. Lines are looked up by their file line number.
  const own = text.split('\n');
  const lastLine = firstLine + own.length - 1;
  const lineText = (line: number) => own[line - firstLine] ?? '';
  const held = new Set<number>();
  for (const table of tables) {
    for (const row of [table.header, ...table.rows]) {
      const { lineStart, lineEnd } = row.location;
      if (lineStart === null) return;
      for (let line = lineStart; line <= (lineEnd ?? lineStart); line++) held.add(line);
    }
    if (table.title?.location.lineStart) held.add(table.title.location.lineStart);
  }
  const inRegion = new Set<number>();
  for (const table of tables) {
    const first = table.header.location.lineStart!;
    const last = table.rows.reduce((end, row) => Math.max(end, row.location.lineEnd ?? row.location.lineStart ?? end), first);
    let end = last;
    while (end < lastLine && lineText(end + 1).trim().length > 0 && !held.has(end + 1)) end++;
    for (let line = first; line <= end; line++) {
      inRegion.add(line);
      if (held.has(line)) continue;
      // Per cell too: a row line no row holds may carry a mark after its bars ("…gemist.| | ✓ De"), where the
      // whole line shows none at a block start.
      const marks = Math.max(countMarks(lineText(line)), marksInCells(lineText(line).split(/[|\t^]+/)));
      if (marks === 0) continue;
      const location = { lineStart: line, lineEnd: line, page: null, locator: null };
      collector.warn('verdict_unaccounted', 'warning', `${marks} verdict mark(s) at line ${line}, in a findings table's region but in none of its rows`, location);
    }
  }
  // A mark opening a line or cell anywhere else stands in a table the readers did not recognise (a
  // converter's table syntax they do not know): its finding is missing, so the mark is reported.
  own.forEach((text, index) => {
    const line = index + firstLine;
    if (inRegion.has(line) || held.has(line)) return;
    if (!hasMarkCharacter(text)) return;
    // Cells of whatever table syntax the line has: bars (pipe, org, DokuWiki, Jira), tabs, carets.
    const marks = marksInCells(text.split(/[|\t^]+/));
    if (marks === 0) return;
    const location = { lineStart: line, lineEnd: line, page: null, locator: null };
    collector.warn('verdict_unaccounted', 'warning', `${marks} verdict mark(s) at line ${line}, outside every findings table read: a table in a form the reader does not know`, location);
  });
}
