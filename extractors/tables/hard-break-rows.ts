/**
 * Tables that Python's html2text (html2markdown) writes: rows without outer bars, hard-wrapped at 78
 * columns, each row (the header and its separator line too) ended by markdown's hard break, two
 * spaces. A cell's paragraphs stand on lines of their own, after a hard break or a blank line; the
 * slots a rowspan covers are left out of the rows below it, not written as empty cells.
 * findTextTables (text-tables.ts) reads a table so only when its separator line ends in that break.
 */
import { STARTS_WITH_MARK } from '../findings/verdict-marks.js';
import { BARE_PIPE_SEPARATOR, splitAtBars } from './row-lines.js';

/** Markdown's hard line break: a line that ends in two spaces or more. */
export const HARD_BREAK = / {2,}$/;
/** The rule under a one-column table's only header cell: html2text sets a theme row spanning the columns so. */
export const THEME_RULE = /^-{3,} {2,}$/;

/** Lines one row may run over; more is not a row. */
const MAX_ROW_LINES = 40;

/** Bars that part cells: not an escaped "\|". */
const cellBars = (line: string) => splitAtBars(line).length - 1;
/** Text after the row's last bar on that bar's own line: a last cell that goes on from its bar. */
const LAST_CELL_ON_BAR_LINE = /(?<!\\)\|[^|\n]*[^|\s][^|\n]*$/;

/**
 * The row that starts at `index`: its lines up to the first that brings the bars to the header's count
 * (`width` cells), ends in a hard break and stands before another row or a blank line; a leading bar
 * is an empty first cell. Wrapped lines are joined with a space; a hard break or a blank line before
 * the row's end parts a cell's paragraphs (indicators run together, a verdict paragraph each). A row
 * one cell short whose last cell opens with a verdict mark sits under a criterion's rowspan: its
 * criterion cell is the one left out. Null when none of that is met exactly: the line is then read as before.
 */
export function joinHardBreakRow(lines: string[], index: number, width: number): { cells: string[]; next: number } | null {
  if (lines[index]!.trim().length === 0) return null;
  let bars = 0;
  let joined = '';
  let paragraphEnds = false;
  for (let next = index; next < lines.length && next <= index + MAX_ROW_LINES; next++) {
    const line = lines[next]!;
    if (line.trim().length === 0) {
      // The table's last row may end without its break, at a blank line: where its last cell's text goes on
      // from its bar. A last cell still empty there opens with paragraphs of its own (a verdict paragraph each).
      if (bars === width - 1 && !paragraphEnds && LAST_CELL_ON_BAR_LINE.test(joined)) return { cells: splitAtBars(joined), next };
      paragraphEnds = true;
      continue;
    }
    if (BARE_PIPE_SEPARATOR.test(line) || THEME_RULE.test(line)) return null;
    joined += (next === index ? '' : paragraphEnds ? '\n' : ' ') + line.trim();
    bars += cellBars(line);
    if (bars > width - 1) return null;
    paragraphEnds = HARD_BREAK.test(line);
    if (!paragraphEnds || !opensRowOrNone(lines, next + 1)) continue;
    if (bars === width - 1) return { cells: splitAtBars(joined), next: next + 1 };
    const cells = splitAtBars(joined);
    if (bars === width - 2 && bars > 0 && STARTS_WITH_MARK.test(cells.at(-1)!.trim())) return { cells: ['', ...cells], next: next + 1 };
  }
  return null;
}

/**
 * Does the text from `index` open another row (a bar comes before a hard break: a first cell wrapped
 * before its bar, perhaps), a theme's title, or none (a blank line, the end)? A paragraph that ends in
 * a hard break with no bar before it is otherwise the last cell's next paragraph ("LET OP: …" after a
 * verdict paragraph).
 */
function opensRowOrNone(lines: string[], index: number): boolean {
  for (let next = index; next < lines.length && next <= index + MAX_ROW_LINES; next++) {
    const line = lines[next]!;
    if (line.trim().length === 0 || cellBars(line) > 0) return true;
    // A line over a rule ("Gezin centraal  " / "---  ") is the next theme's row, set as a table of its own.
    if (HARD_BREAK.test(line)) return THEME_RULE.test(lines[next + 1] ?? '');
  }
  return true;
}

/**
 * Does a row start at `index`, after a line of spaces alone (which html2text sets between rows after a
 * cell of several paragraphs, and after a table's last row before a blank line): a bar before the next
 * blank line? Its first cell may wrap, or hold paragraphs (indicators run together), before that bar.
 */
export function rowStartsAt(lines: string[], index: number): boolean {
  for (let next = index; next < lines.length && next <= index + MAX_ROW_LINES; next++) {
    const line = lines[next]!;
    if (line.trim().length === 0) return false;
    if (cellBars(line) > 0) return true;
  }
  return false;
}
