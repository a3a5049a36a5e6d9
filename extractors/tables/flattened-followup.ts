/**
 * Follow-up tables (Indicator | one column per assessed approach and year) in "cell per line"
 * text. Flattened text in general drops empty cells (lynx joins a row's cells into running text),
 * so a verdict cannot be given its column and such tables are refused (flattened-text.ts).
 * LibreOffice's text export is different: it writes every table cell on a line of its own and an
 * empty cell as an empty line, so a row is its indicator line and then exactly one line per column.
 *
 * That form is read only when the structure proves itself, line by line:
 * - the header is "Indicator" alone on a line, then one column label per line, each naming one year;
 * - every row opens with a line that matches a catalogue indicator (at least the matcher's threshold);
 * - the row's next lines, one per column, are each empty or open with a verdict mark;
 * - the line after the last row can be no further cell line (see tableEndDoubt).
 * A cell of several paragraphs adds a line; that line then stands where the next row's indicator,
 * or a cell, or the table's end should be, and the table is refused with the line that broke the
 * count, never read with verdicts shifted into another column.
 *
 * The rows are handed on as printed (header labels too): the follow-up logic resolves a header
 * that disagrees with the document's other tables, as for every other reader.
 */
import { lineLocation, type TableRow } from './document-table.js';
import { YEAR_PATTERN } from './header-row.js';
import { ENDS_SENTENCE, flattenedMatcher, indicatorScore, tokenize } from './flattened-split.js';
import { MATCH_THRESHOLD } from '../framework/match.js';
import { foldText } from '../framework/normalise.js';

export interface CellPerLineHeader {
  /** 0-based line indices of the "Indicator" line and the last label line. */
  start: number;
  end: number;
  /** "Indicator", then the column labels as printed. */
  cells: string[];
}

export type CellPerLineRead = { rows: TableRow[] } | { refused: string; line: number };

/** Header cells and the text after a table are short: a line of more words is neither. */
const MAX_SHORT_LINE_WORDS = 8;
const YEARS = new RegExp(YEAR_PATTERN.source, 'g');

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const startsWithMark = (text: string) => tokenize([text], 1)[0]?.mark != null;

/** A column label: a short line naming exactly one year (two years would be two columns run together). */
function isColumnLabel(text: string): boolean {
  return text.length > 0 && wordCount(text) <= MAX_SHORT_LINE_WORDS && (text.match(YEARS) ?? []).length === 1 && !startsWithMark(text);
}

function isIndicatorLine(text: string): boolean {
  if (text.length === 0 || startsWithMark(text)) return false;
  return indicatorScore(flattenedMatcher(), text) >= MATCH_THRESHOLD;
}

/** "Indicator" alone on its line, then one column label per line: the header as a cell-per-line export writes it. */
export function cellPerLineHeaderAt(lines: string[], index: number): CellPerLineHeader | null {
  if (!/^indicator(en)?$/.test(foldText(lines[index] ?? ''))) return null;
  const cells = ['Indicator'];
  let cursor = index + 1;
  while (cursor < lines.length && isColumnLabel(lines[cursor]!.trim())) cells.push(lines[cursor++]!.trim());
  return cells.length > 1 ? { start: index, end: cursor - 1, cells } : null;
}

/**
 * Why the line at `at`, right after the last row, may still belong to the table (null when it
 * cannot). An empty line may be an empty cell of a row whose earlier cell took two lines; it is
 * taken for the closing paragraph a word processor keeps after a document's last table only when
 * it is the text's last line. A line with a verdict mark is a cell; a line that is not short and
 * heading-like may be a cell's further paragraph. Beyond that line, a verdict mark at a line start
 * before the next table means rows were left behind (an indicator the catalogue does not know).
 */
function tableEndDoubt(lines: string[], at: number, end: number, textEnd: number): { reason: string; line: number } | null {
  if (at >= end) return null;
  const text = lines[at]!.trim();
  if (text.length === 0) {
    if (at === textEnd - 1) return null;
    return { reason: `line ${at + 1}, after the last row, is empty: it may be an empty cell of a row with a cell over two lines`, line: at };
  }
  if (startsWithMark(text)) return { reason: `line ${at + 1}, after the last row, opens with a verdict mark: one more cell than columns`, line: at };
  const heading = wordCount(text) <= MAX_SHORT_LINE_WORDS && !ENDS_SENTENCE.test(text) && /^\p{Lu}/u.test(text);
  if (!heading) return { reason: `line ${at + 1}, after the last row, reads as a further paragraph of a cell, not as text after the table`, line: at };
  for (let index = at + 1; index < end; index++) {
    if (startsWithMark(lines[index]!.trim())) {
      return { reason: `line ${index + 1}, after the table's end at line ${at + 1}, opens with a verdict mark: a row whose indicator line matches no catalogue indicator was left behind`, line: index };
    }
  }
  return null;
}

/**
 * The rows of a cell-per-line follow-up table whose header is `header`, up to `regionEnd` (0-based,
 * exclusive: the next table's title or header, or the text's end), or why they cannot be trusted.
 */
export function readCellPerLineRows(lines: string[], header: CellPerLineHeader, regionEnd: number): CellPerLineRead {
  const columns = header.cells.length - 1;
  // A final line terminator leaves an empty last element that is no line of the text.
  const textEnd = lines.length > 0 && lines.at(-1) === '' ? lines.length - 1 : lines.length;
  const end = Math.min(regionEnd, textEnd);
  const rows: TableRow[] = [];
  let at = header.end + 1;
  while (at < end && isIndicatorLine(lines[at]!.trim())) {
    const cells = [lines[at]!.trim()];
    for (let column = 1; column <= columns; column++) {
      const index = at + column;
      if (index >= end) {
        return { refused: `the row of line ${at + 1} has ${column - 1} line(s) before the table ends, for ${columns} columns`, line: at };
      }
      const text = lines[index]!.trim();
      if (text.length > 0 && !startsWithMark(text)) {
        const what = isIndicatorLine(text) ? 'an indicator: the row has fewer lines than columns' : 'no verdict mark: a cell spans several lines';
        return { refused: `line ${index + 1}, in the place of column ${column} of the row of line ${at + 1}, opens with ${what}`, line: index };
      }
      cells.push(text);
    }
    rows.push({ cells, location: lineLocation(at + 1, at + columns + 1) });
    at += columns + 1;
  }
  if (rows.length === 0) {
    return { refused: `line ${header.end + 2}, after the header, matches no catalogue indicator`, line: Math.min(header.end + 1, lines.length - 1) };
  }
  const doubt = tableEndDoubt(lines, at, end, textEnd);
  return doubt ? { refused: doubt.reason, line: doubt.line } : { rows };
}
