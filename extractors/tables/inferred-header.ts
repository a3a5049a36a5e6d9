/**
 * The columns of a findings table whose header row a converter dropped. pandoc's OpenDocument
 * writer keeps only the first of a table's header rows, so a table headed by its theme and then
 * "Criteria | Indicatoren | Bevindingen" arrives with the theme alone: every finding is there, cell
 * by cell, but no row says which column is which.
 *
 * The rows say it themselves, and only then is a header inferred: one column whose cells are the
 * catalogue's indicators, a column right of it whose cells open with a verdict mark, in the same
 * rows, and no mark opening a cell anywhere else. A follow-up table (a mark column per assessed
 * year) fails the last test: its years were in the lost row and cannot be told, so it stays unread.
 */
import type { CatalogueMatcher } from '../framework/match.js';
import { STARTS_WITH_MARK } from '../findings/verdict-marks.js';

/** Rows that must show an indicator beside a marked findings cell: one could be chance, two are a table. */
const MIN_FINDINGS_ROWS = 2;
/** Of the rows with an indicator or a marked cell, the share that must hold both. */
const MIN_AGREEING_SHARE = 0.5;
/** An indicator cell may hold several indicators, one per block; more blocks than this are no indicator cell. */
const MAX_INDICATOR_BLOCKS = 8;

export interface InferredColumns {
  criterionColumn: number | null;
  indicatorColumn: number;
  findingsColumn: number;
  /** Rows holding an indicator beside a marked findings cell: the evidence, for the warning. */
  findingsRows: number;
}

const blocksOf = (cell: string) => cell.split('\n').map((b) => b.trim()).filter((b) => b.length > 0);
const opensWithMark = (cell: string) => STARTS_WITH_MARK.test(blocksOf(cell)[0] ?? '');

function holdsIndicator(cell: string, matcher: CatalogueMatcher): boolean {
  const blocks = blocksOf(cell);
  if (blocks.length === 0 || blocks.length > MAX_INDICATOR_BLOCKS || opensWithMark(cell)) return false;
  return blocks.some((block) => matcher.matchIndicator(block, 'beleid').indicator !== null || matcher.matchIndicator(block, 'casus').indicator !== null);
}

function holdsCriterion(cell: string, matcher: CatalogueMatcher): boolean {
  const first = blocksOf(cell)[0];
  return first !== undefined && (matcher.matchCriterion(first, 'beleid') !== null || matcher.matchCriterion(first, 'casus') !== null);
}

/**
 * The columns of rows (cells on a grid, every row as wide) that hold findings without a header, or
 * null when the rows do not prove them.
 */
export function inferCriteriaColumns(rows: readonly (readonly string[])[], matcher: CatalogueMatcher): InferredColumns | null {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width < 2) return null;
  const marked = rows.map((row) => row.map(opensWithMark));
  const markColumns = new Set<number>();
  marked.forEach((row) => row.forEach((m, c) => m && markColumns.add(c)));
  // Marks opening cells in two columns: a follow-up table, or columns this cannot tell apart.
  if (markColumns.size !== 1) return null;
  const findingsColumn = [...markColumns][0]!;
  if (findingsColumn === 0) return null;

  let best: { column: number; both: number; either: number } | null = null;
  for (let column = 0; column < findingsColumn; column++) {
    let both = 0;
    let either = 0;
    rows.forEach((row, r) => {
      const indicator = holdsIndicator(row[column] ?? '', matcher);
      const mark = marked[r]![findingsColumn]!;
      if (indicator && mark) both++;
      if (indicator || mark) either++;
    });
    if (!best || both > best.both) best = { column, both, either };
  }
  if (!best || best.both < MIN_FINDINGS_ROWS || best.both < best.either * MIN_AGREEING_SHARE) return null;

  let criterionColumn: number | null = null;
  for (let column = best.column - 1; column >= 0 && criterionColumn === null; column--) {
    if (rows.some((row) => holdsCriterion(row[column] ?? '', matcher))) criterionColumn = column;
  }
  return { criterionColumn, indicatorColumn: best.column, findingsColumn, findingsRows: best.both };
}

/** The header row the columns stand for, in the wording classifyHeader reads. */
export function headerCellsFor(columns: InferredColumns, width: number): string[] {
  const cells = Array.from({ length: width }, () => '');
  if (columns.criterionColumn !== null) cells[columns.criterionColumn] = 'Criteria';
  cells[columns.indicatorColumn] = 'Indicatoren';
  cells[columns.findingsColumn] = 'Bevindingen';
  return cells;
}
