/**
 * Findings tables in a PDF, from text positions alone (ruling lines are not read: many exports
 * draw none, and reading the drawing costs as much as the text). A table is found by its header
 * row; the header cells give the column bands; the lines below are cut into columns and the
 * columns into rows where the indicator column and another column start a cell on the same
 * baseline after a gap (cells not top-aligned, e.g. centred vertically, are cut by pdf-rows.ts).
 * A row cut by a page break is stitched back together.
 */
import type { DocumentTable, TableRow } from '../tables/document-table.js';
import type { HeaderKind } from '../tables/header-row.js';
import type { SourceLocation } from '../model.js';
import { continuesBrokenWord, joinItems, joinWrapped, lineRuns, lineText, splitItemsAt, startsListItem, withoutBullet, type Line, type PdfItem, type Vocabulary } from './pdf-lines.js';
import { MARK_START, isWordAlone, type HeaderBand } from './pdf-header.js';
import { STARTS_WITH_MARK } from '../findings/verdict-marks.js';
import { alignedRowGroups, type RowGroup } from './pdf-rows.js';

// The header row's reading moved to pdf-header.ts; its exports stay available from here.
export { columnEdges, headerBandAt, sameHeader, splitHeaderAtColumns, type HeaderBand } from './pdf-header.js';

/** The part of a table on one page: its lines below the header (or below the repeated header). */
export interface TablePart {
  page: number;
  lines: Line[];
  /** Column edges on this page (a repeated header may show the columns laid out anew); else the table's. */
  lefts?: number[];
}

export interface OpenTable {
  band: HeaderBand;
  title: { text: string; page: number } | null;
  parts: TablePart[];
  /** Left edge of each column's text (the first is -Infinity). */
  lefts: number[];
  /** Items cut at a column edge by estimated glyph widths (see splitItemsAt): said in a warning. */
  estimatedSplits?: number;
}

const SENTENCE_END = /[.!?:;)"”’'…]$/u;
const pageLocation = (page: number): SourceLocation => ({ lineStart: null, lineEnd: null, page, locator: null });

const indicatorColumn = (kind: HeaderKind) => kind.indicatorColumn;

function columnOf(x: number, lefts: number[]): number {
  let column = 0;
  for (let i = 1; i < lefts.length; i++) if (x >= lefts[i]!) column = i;
  return column;
}

/**
 * Would this line continue the table? `previous` is the line above it in the table (the header
 * row or the last row line), null when the line opens a page the table may run on to.
 * Cell text never runs over a column edge; running text does. `following`: the lines after it on
 * its page, up to the next table header.
 */
export function continuesTable(table: OpenTable, line: Line, previous: Line | null, following: Line[] = []): boolean {
  const columns = columnsOf(table, line);
  if (columns === null) return false;
  if (previous === null) return columns.size >= 2 || /^\p{Ll}/u.test(lineText(line));
  const size = table.band.lines[0]!.size;
  const gap = line.y - previous.y;
  if (gap > 4.5 * size) return false;
  // After a gap (a new row, not the next line of a cell), text in the first column opens a row, and
  // a row has its findings on the same line; without them it is a heading or paragraph after the table.
  const findingsColumns = table.band.kind.kind === 'criteria' ? [table.band.kind.findingsColumn] : table.band.kind.assessedColumns;
  if (gap > 1.6 * line.size && columns.has(0) && !findingsColumns.some((c) => columns.has(c))) return findingsFollow(table, line, following, findingsColumns);
  return true;
}

/**
 * Cells set about their row's middle: a row's first line may hold its criterion alone, its
 * findings a few lines down at line spacing. A heading after the table is followed by running
 * text, another table's header (not among `following`) or nothing.
 */
function findingsFollow(table: OpenTable, line: Line, following: Line[], findingsColumns: number[]): boolean {
  let above = line;
  for (const next of following.slice(0, 4)) {
    if (next.page !== line.page || next.y - above.y > 1.6 * next.size) return false;
    const columns = columnsOf(table, next);
    if (columns === null) return false;
    if (findingsColumns.some((c) => columns.has(c))) return true;
    above = next;
  }
  return false;
}

/** The columns a line has text in, or null when it cannot be a line of this table (another font size, text across a column edge). */
export function columnsOf(table: OpenTable, line: Line): Set<number> | null {
  const { lefts } = table;
  const size = table.band.lines[0]!.size;
  if (Math.abs(line.size - size) > 0.2 * size) return null;
  if (line.x0 < table.band.cells[0]!.x0 - 2 * size) return null;
  const tolerance = 0.5 * line.size;
  // A writer that sets a row's cells in one text operator leaves pdf.js one item for a cell that runs
  // up to the next column and that column's words. Only a line with a real gap before another
  // column's text is taken for a row: running text (one run) is never cut to fit the columns.
  const runs = lineRuns(line);
  if (runs.length >= 2 && runs.slice(1).some((run) => lefts.some((left, i) => i > 0 && Math.abs(run[0]!.x - left) <= tolerance))) {
    table.estimatedSplits = (table.estimatedSplits ?? 0) + splitItemsAt(line, lefts.slice(1), tolerance);
  }
  if (touchingRuns(line, lefts).some(([x0, x1]) => lefts.some((left, i) => i > 0 && x0 < left - tolerance && x1 > left + tolerance))) return null;
  return new Set(line.items.map((item) => columnOf(item.x, lefts)));
}

/** How many of these lines these column edges cut through (text across an edge is no table line's). */
export function linesAcrossEdges(lines: Line[], lefts: number[]): number {
  return lines.filter((line) => touchingRuns(line, lefts).some(([x0, x1]) => lefts.some((left, i) => i > 0 && x0 < left - 0.5 * line.size && x1 > left + 0.5 * line.size))).length;
}

/**
 * Items that touch are one word or phrase the PDF writer split (at a soft hyphen, a font change),
 * unless the second starts at a column edge: in a tight table one cell's text may run up to the next.
 */
function touchingRuns(line: Line, lefts: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const item of line.items) {
    const last = runs.at(-1);
    const atEdge = lefts.some((left) => Math.abs(item.x - left) <= 0.5 * item.size);
    if (last && !atEdge && item.x - last[1] < 0.15 * item.size) last[1] = Math.max(last[1], item.x + item.width);
    else runs.push([item.x, item.x + item.width]);
  }
  return runs;
}

export interface TableLine {
  page: number;
  y: number;
  size: number;
  /** Column → that column's text on this line. */
  cells: Map<number, string>;
  /** Column → how far right of its column edge that column's text starts on this line. */
  indents: Map<number, number>;
  /** Column → the baseline of that column's text: items within half a font size share a line, and cells set about their middle need not share a baseline. */
  baselines?: Map<number, number>;
  /** Columns whose text on this line is one word alone (perhaps the head of a word broken at the column's edge). */
  alone: Set<number>;
  partStart: boolean;
}

function tableLines(table: OpenTable): TableLine[] {
  const out: TableLine[] = [];
  for (const part of table.parts) {
    const lefts = part.lefts ?? table.lefts;
    const edge = (column: number) => (column === 0 ? table.band.cells[0]!.x0 : lefts[column]!);
    const split = part.lines.map((line) => {
      const byColumn = new Map<number, PdfItem[]>();
      for (const item of line.items) {
        const column = columnOf(item.x, lefts);
        byColumn.set(column, [...(byColumn.get(column) ?? []), item]);
      }
      return byColumn;
    });
    part.lines.forEach((line, index) => {
      const byColumn = split[index]!;
      const cells = new Map([...byColumn.entries()].map(([column, items]) => [column, joinItems(items)] as const).filter(([, text]) => text.length > 0));
      const indents = new Map([...byColumn.entries()].map(([column, items]) => [column, items[0]!.x - edge(column)] as const));
      const alone = new Set([...cells.entries()].filter(([, text]) => isWordAlone(text)).map(([column]) => column));
      const baselines = new Map([...byColumn.entries()].map(([column, items]) => [column, items[0]!.y] as const));
      out.push({ page: part.page, y: line.y, size: line.size, cells, indents, alone, baselines, partStart: index === 0 });
    });
  }
  return out;
}

/** Usual distance between two lines of one paragraph in this table. */
function linePitch(lines: TableLine[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    if (a.page !== b.page) continue;
    const gap = b.y - a.y;
    if (gap > 0.6 * b.size && gap < 2 * b.size && [...b.cells.keys()].some((c) => a.cells.has(c))) gaps.push(gap);
  }
  if (gaps.length === 0) return 1.2 * (lines[0]?.size ?? 10);
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)]!;
}

interface RowDraft {
  page: number;
  /** Fragments of the row stood on more than one page (stitched across a page break). */
  stitched?: boolean;
  /** Each column's text so far; `alone`: its last line was one word alone. */
  columns: Map<number, { text: string; page: number; y: number; alone: boolean }>;
}

export function buildTable(table: OpenTable, vocabulary: Vocabulary): DocumentTable {
  const { band } = table;
  const lines = tableLines(table);
  const pitch = linePitch(lines);
  const width = band.cells.length;
  const aligned = alignedRowGroups(lines, band.kind);
  const rows = aligned ? alignedRows(aligned.groups, aligned.pitch, band.kind, vocabulary) : mergeCountedRows(topAlignedRows(lines, pitch, band.kind, vocabulary), band.kind);
  const toRow = (row: RowDraft): TableRow => ({
    cells: Array.from({ length: width }, (_, c) => row.columns.get(c)?.text ?? ''),
    location: pageLocation(row.page),
    ...(row.stitched ? { stitched: true } : {}),
  });
  const headerPage = band.lines[0]!.page;
  return {
    title: table.title ? { text: table.title.text, location: pageLocation(table.title.page) } : null,
    header: { cells: band.cells.map((c) => c.text), location: pageLocation(headerPage) },
    rows: rows.map(toRow).filter((row) => row.cells.some((c) => c.length > 0)),
  };
}

/** Rows of a table whose cells are not top-aligned (pdf-rows.ts): a group on a new page may be the rest of the row above. */
function alignedRows(groups: RowGroup[], pitch: number, kind: HeaderKind, vocabulary: Vocabulary): RowDraft[] {
  const rows: RowDraft[] = [];
  for (const group of groups) {
    const row = rows.at(-1);
    const continued = row !== undefined && group.partStart && (!group.anchored || continuesRow(row, firstLines(group.lines), kind.indicatorColumn, kind));
    if (!continued) rows.push({ page: group.lines[0]?.page ?? 0, columns: new Map() });
    for (const line of group.lines) appendLine(rows.at(-1)!, line, pitch, vocabulary);
  }
  return rows;
}

/** Each column's first line in a group, as one line (what continuesRow reads). */
function firstLines(lines: TableLine[]): TableLine {
  const cells = new Map<number, string>();
  for (const line of lines) for (const [column, text] of line.cells) if (!cells.has(column)) cells.set(column, text);
  return { ...lines[0]!, cells };
}

/** Rows of a table whose cells are top-aligned: cut where the indicator and another column start a cell on one baseline. */
function topAlignedRows(lines: TableLine[], pitch: number, kind: HeaderKind, vocabulary: Vocabulary): RowDraft[] {
  const indicator = indicatorColumn(kind);
  // Where the indicator column's cells start: a line indented from it (a list inside the cell) never opens a row.
  const indicatorIndent = lines.reduce((least, line) => Math.min(least, line.indents.get(indicator) ?? Infinity), Infinity);

  // Where each column last had text, to tell a new cell (after a gap) from the next line of the same one.
  const lastY = new Map<number, { page: number; y: number }>();
  const startsCell = (line: TableLine, column: number) => {
    const last = lastY.get(column);
    return !last || last.page !== line.page || line.y - last.y > 1.15 * pitch;
  };
  const rows: RowDraft[] = [];
  let previousLine: TableLine | null = null;
  for (const line of lines) {
    const starts = new Map([...line.cells.keys()].map((column) => [column, startsCell(line, column)] as const));
    const gapAbove = previousLine && previousLine.page === line.page ? line.y - previousLine.y : Infinity;
    const anchor =
      line.cells.has(indicator) &&
      starts.get(indicator)! &&
      [...starts.values()].every(Boolean) &&
      ([...starts.keys()].some((c) => c !== indicator) || (gapAbove > 1.8 * pitch && line.indents.get(indicator)! - indicatorIndent < line.size));
    const row = rows.at(-1);
    if (!row || (anchor && !(line.partStart && line.page !== row.page && continuesRow(row, line, indicator, kind)))) {
      rows.push({ page: line.page, columns: new Map() });
    }
    appendLine(rows.at(-1)!, line, pitch, vocabulary);
    for (const column of line.cells.keys()) lastY.set(column, { page: line.page, y: line.y });
    previousLine = line;
  }
  return rows;
}

/**
 * A cell of several indicators beside a cell of as many verdict paragraphs may have its third
 * indicator paragraph start on the baseline of the second verdict paragraph: that looks like a new
 * row, and cutting there would leave two indicators sharing one verdict above and one indicator
 * with two verdicts below (a verdict moved to a neighbour). When a row without a criterion of its
 * own leaves the row above with more indicator paragraphs than verdicts, and the two together have
 * as many of each, they are one row.
 */
function mergeCountedRows(rows: RowDraft[], kind: HeaderKind): RowDraft[] {
  if (kind.kind !== 'criteria') return rows;
  const indicators = (row: RowDraft) => paragraphCount(row.columns.get(kind.indicatorColumn)?.text);
  const verdicts = (row: RowDraft) => paragraphCount(row.columns.get(kind.findingsColumn)?.text, MARK_START);
  const out: RowDraft[] = [];
  for (const row of rows) {
    const above = out.at(-1);
    const ownCriterion = kind.criterionColumn !== null && row.columns.has(kind.criterionColumn);
    if (above && !ownCriterion && above.page === row.page && indicators(above) > verdicts(above) && verdicts(above) > 0 && indicators(row) !== verdicts(row) && indicators(above) + indicators(row) === verdicts(above) + verdicts(row)) {
      above.stitched ||= row.stitched;
      for (const [column, cell] of row.columns) {
        const into = above.columns.get(column);
        if (into) into.text = `${into.text}\n${cell.text}`;
        else above.columns.set(column, { ...cell });
      }
      continue;
    }
    out.push(row);
  }
  return out;
}

/**
 * The first row on a page that follows a page break: the rest of the row above, or a new row?
 * A new cell starts with a capital or a verdict mark; text that starts in lower case, or a
 * findings cell whose last line above ended mid-sentence, continues the row, unless the line opens
 * every one of its cells and the row above already has a verdict for each of its indicators.
 */
function continuesRow(row: RowDraft, line: TableLine, indicator: number, kind: HeaderKind): boolean {
  const criterion = kind.kind === 'criteria' ? kind.criterionColumn : null;
  if (opensEveryCell(line, indicator, criterion) && verdictsMatchIndicators(row, indicator, criterion)) return false;
  for (const [column, text] of line.cells) {
    if (/^[\p{Ll},;:)\]]/u.test(text)) return true;
    const before = row.columns.get(column);
    if (before && column !== indicator && column !== criterion && !SENTENCE_END.test(before.text)) return true;
  }
  return false;
}

/** A line whose indicator (and criterion) start with a capital and whose every other cell starts with a verdict mark. */
function opensEveryCell(line: TableLine, indicator: number, criterion: number | null): boolean {
  if (!line.cells.has(indicator)) return false;
  for (const [column, text] of line.cells) {
    const opens = column === indicator || column === criterion ? /^\p{Lu}/u.test(text) : STARTS_WITH_MARK.test(text.trim());
    if (!opens) return false;
  }
  return true;
}

/**
 * Has every findings column of the row that holds text as many verdict paragraphs as the row has indicators?
 * Then a line that opens every cell is the next row, even where the text above seems to stop mid-sentence
 * (AbiWord clips the line ends of a table's last column at the page's edge, periods too): joined, its marks
 * would stand beside the indicator above in the columns the row above leaves empty.
 */
function verdictsMatchIndicators(row: RowDraft, indicator: number, criterion: number | null): boolean {
  const indicators = paragraphCount(row.columns.get(indicator)?.text);
  if (indicators === 0) return false;
  for (const [column, cell] of row.columns) {
    if (column === indicator || column === criterion) continue;
    if (paragraphCount(cell.text, STARTS_WITH_MARK) < indicators) return false;
  }
  return true;
}

/** A cell's paragraphs (its lines of text), or those that open with `opening` (a verdict mark). */
function paragraphCount(text: string | undefined, opening?: RegExp): number {
  return (text ?? '').split('\n').filter((block) => (opening ? opening.test(block.trim()) : block.trim().length > 0)).length;
}

function appendLine(row: RowDraft, line: TableLine, pitch: number, vocabulary: Vocabulary): void {
  if (line.page !== row.page && line.cells.size > 0) row.stitched = true;
  for (const [column, raw] of line.cells) {
    const isItem = startsListItem(raw);
    const text = isItem ? withoutBullet(raw) : raw;
    const cell = row.columns.get(column);
    if (!cell) {
      row.columns.set(column, { text, page: line.page, y: line.y, alone: line.alone.has(column) });
      continue;
    }
    const newBlock = isItem || MARK_START.test(text) || (cell.page === line.page && line.y - cell.y > 1.15 * pitch);
    const wordGoesOn = !newBlock && cell.alone && continuesBrokenWord(cell.text, text, vocabulary);
    cell.text = newBlock ? `${cell.text}\n${text}` : wordGoesOn ? cell.text + text : joinWrapped(cell.text, text, vocabulary);
    cell.page = line.page;
    cell.y = line.y;
    cell.alone = line.alone.has(column);
  }
}
