/**
 * Findings tables in a PDF, from text positions alone (ruling lines are not read: many exports
 * draw none, and reading the drawing costs as much as the text). A table is found by its header
 * row; the header cells give the column bands; the lines below are cut into columns and the
 * columns into rows where the indicator column and another column start a cell on the same
 * baseline after a gap. A row cut by a page break is stitched back together.
 */
import type { DocumentTable, TableRow } from '../tables/document-table.js';
import { classifyHeader, type HeaderKind } from '../tables/header-row.js';
import type { SourceLocation } from '../model.js';
import { joinItems, joinWrapped, lineRuns, lineText, splitItemAtEdges, splitItemsAt, startsListItem, withoutBullet, type Line, type PdfItem, type Vocabulary } from './pdf-lines.js';

interface HeaderCell {
  x0: number;
  x1: number;
  items: PdfItem[];
  text: string;
}

export interface HeaderBand {
  lines: Line[];
  cells: HeaderCell[];
  kind: HeaderKind;
  /** Header items cut at a column edge by estimated glyph widths. */
  estimatedSplits?: number;
}

/** The part of a table on one page: its lines below the header (or below the repeated header). */
export interface TablePart {
  page: number;
  lines: Line[];
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

const MARK_START = /^[✓✔√☑✅✗✘×☒❌✕✖\uF0FB\uF0FC\uF0FD\uF0FE]/u;
const SENTENCE_END = /[.!?:;)"”’'…]$/u;
const pageLocation = (page: number): SourceLocation => ({ lineStart: null, lineEnd: null, page, locator: null });

/** Does a findings table's header row start at lines[index]? Header cells may wrap onto a second line. */
export function headerBandAt(lines: Line[], index: number, vocabulary: Vocabulary): HeaderBand | null {
  const line = lines[index]!;
  // A cheap test first; a header word may be hyphenated across two lines in a narrow column.
  if (!/indic|criteri|bevind/i.test(lineText(line))) return null;
  // A header row has cells side by side; running text that mentions "indicatoren" has one run.
  if (lineRuns(line).length < 2) return null;
  const fonts = new Set(line.items.map((item) => item.font));
  const inHeaderFont = (other: Line) => other.items.every((item) => fonts.has(item.font));
  const band = [line];
  const above = lines[index - 1];
  if (above && line.y - above.y <= 1.45 * line.size && lineRuns(above).length >= 2 && inHeaderFont(above)) band.unshift(above);
  for (let next = index + 1; next < lines.length; next++) {
    const candidate = lines[next]!;
    if (candidate.y - band.at(-1)!.y > 1.45 * line.size || !inHeaderFont(candidate) || MARK_START.test(lineText(candidate))) break;
    band.push(candidate);
  }
  const cells: { x0: number; x1: number; items: PdfItem[] }[] = lineRuns(line).map((run) => ({ x0: run[0]!.x, x1: Math.max(...run.map((i) => i.x + i.width)), items: [...run] }));
  for (const other of band) {
    if (other === line) continue;
    for (const run of lineRuns(other)) {
      const x0 = run[0]!.x;
      const x1 = Math.max(...run.map((i) => i.x + i.width));
      const overlap = (cell: { x0: number; x1: number }) => Math.min(x1, cell.x1) - Math.max(x0, cell.x0);
      const best = cells.reduce<(typeof cells)[number] | null>((found, cell) => (overlap(cell) > 0 && (!found || overlap(cell) > overlap(found)) ? cell : found), null);
      if (best) {
        best.items.push(...run);
        best.x0 = Math.min(best.x0, x0);
        best.x1 = Math.max(best.x1, x1);
      } else cells.push({ x0, x1, items: [...run] });
    }
  }
  return classifiedBand(band, cells, vocabulary);
}

function classifiedBand(lines: Line[], cells: Omit<HeaderCell, 'text'>[], vocabulary: Vocabulary): HeaderBand | null {
  const sorted = [...cells].sort((a, b) => a.x0 - b.x0).map((cell) => ({ ...cell, text: cellLinesText(cell.items, vocabulary) }));
  const kind = classifyHeader(sorted.map((cell) => cell.text));
  return kind ? { lines, cells: sorted, kind } : null;
}

/** Left edges of the runs in these lines, with how many lines have a run starting there. */
function runEdges(lines: Line[]): Map<number, number> {
  const edges = new Map<number, number>();
  for (const line of lines) {
    for (const run of lineRuns(line)) {
      const x = Math.round(run[0]!.x * 2) / 2;
      edges.set(x, (edges.get(x) ?? 0) + 1);
    }
  }
  return edges;
}

/**
 * Two header cells whose words nearly touch ("2013 Versterkt Verder" and "2014" in narrow
 * columns) read as one; the body shows the column edge between them. Split such a cell where one
 * of its words starts at an edge many body lines start at.
 */
export function splitHeaderAtColumns(band: HeaderBand, below: Line[], vocabulary: Vocabulary): HeaderBand {
  // A column edge is where many lines start, not where a justified line happens to have a wide gap.
  const edges = [...runEdges(below).entries()].filter(([, count]) => count >= Math.max(3, 0.2 * below.length)).map(([x]) => x);
  const cells: Omit<HeaderCell, 'text'>[] = [];
  let split = false;
  let estimatedSplits = 0;
  for (const original of band.cells) {
    // The two cells' words may even share one item: cut it where a body column starts.
    const items = original.items.flatMap((item) => splitItemAtEdges(item, edges, 0.5 * item.size));
    estimatedSplits += items.length - original.items.length;
    const cell = { ...original, items };
    const startsWord = (item: PdfItem) => !cell.items.some((other) => other !== item && Math.abs(other.y - item.y) < 1 && Math.abs(other.x + other.width - item.x) < 0.15 * item.size);
    const cut = cell.items.find((item) => item.x > cell.x0 + 2 && startsWord(item) && edges.some((edge) => Math.abs(edge - item.x) <= 1.5));
    if (!cut) {
      cells.push(cell);
      continue;
    }
    split = true;
    const left = cell.items.filter((item) => item.x < cut.x - 0.5);
    const right = cell.items.filter((item) => item.x >= cut.x - 0.5);
    const extent = (items: PdfItem[]) => ({ x0: Math.min(...items.map((i) => i.x)), x1: Math.max(...items.map((i) => i.x + i.width)), items });
    cells.push(extent(left), extent(right));
  }
  const result = split ? classifiedBand(band.lines, cells, vocabulary) : null;
  return result ? { ...result, estimatedSplits } : band;
}

/** Header cell items (several lines) → text. */
function cellLinesText(items: PdfItem[], vocabulary: Vocabulary): string {
  const byLine = new Map<number, PdfItem[]>();
  for (const item of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const key = [...byLine.keys()].find((y) => Math.abs(y - item.y) <= 0.5 * item.size) ?? item.y;
    byLine.set(key, [...(byLine.get(key) ?? []), item]);
  }
  return [...byLine.values()].map(joinItems).reduce((text, line) => joinWrapped(text, line, vocabulary), '');
}

export const sameHeader = (a: HeaderBand, b: HeaderBand) =>
  a.cells.length === b.cells.length && a.cells.every((cell, i) => cell.text.toLowerCase() === b.cells[i]!.text.toLowerCase());

const indicatorColumn = (kind: HeaderKind) => kind.indicatorColumn;

function columnOf(x: number, lefts: number[]): number {
  let column = 0;
  for (let i = 1; i < lefts.length; i++) if (x >= lefts[i]!) column = i;
  return column;
}

/**
 * Column edges: where each column's text starts. That is the header cell's left edge when the
 * header is left-aligned, and left of it when it is centred; the lines below tell which.
 */
export function columnEdges(band: HeaderBand, below: Line[]): number[] {
  const { cells } = band;
  const edges = runEdges(below);
  const countNear = (x: number) => [...edges.entries()].reduce((sum, [edge, count]) => sum + (Math.abs(edge - x) <= 1.5 ? count : 0), 0);
  return cells.map((cell, i) => {
    if (i === 0) return -Infinity;
    // A centred header shows as an edge left of it that more lines start at than at the header's own
    // edge, and that no text crosses. Only an edge many lines start at counts: a justified line's
    // wide gaps start runs anywhere.
    const isGutter = (x: number) => !below.some((line) => line.items.some((item) => item.x < x - 1 && item.x + item.width > x + 1));
    const candidates = [...edges.entries()].filter(([x, count]) => count >= Math.max(3, 0.15 * below.length) && x > cells[i - 1]!.x1 && x < cell.x0 - 1.5 && isGutter(x));
    const best = candidates.reduce<[number, number] | null>((found, entry) => (!found || entry[1] > found[1] ? entry : found), null);
    return (best && countNear(best[0]) > countNear(cell.x0) ? best[0] : cell.x0) - 1;
  });
}

/**
 * Would this line continue the table? `previous` is the line above it in the table (the header
 * row or the last row line), null when the line opens a page the table may run on to.
 * Cell text never runs over a column edge; running text does.
 */
export function continuesTable(table: OpenTable, line: Line, previous: Line | null): boolean {
  const columns = columnsOf(table, line);
  if (columns === null) return false;
  if (previous === null) return columns.size >= 2 || /^\p{Ll}/u.test(lineText(line));
  const size = table.band.lines[0]!.size;
  const gap = line.y - previous.y;
  if (gap > 4.5 * size) return false;
  // After a gap (a new row, not the next line of a cell), text in the first column opens a row, and
  // a row has its findings on the same line; without them it is a heading or paragraph after the table.
  const findingsColumns = table.band.kind.kind === 'criteria' ? [table.band.kind.findingsColumn] : table.band.kind.assessedColumns;
  if (gap > 1.6 * line.size && columns.has(0) && !findingsColumns.some((c) => columns.has(c))) return false;
  return true;
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

interface TableLine {
  page: number;
  y: number;
  size: number;
  /** Column → that column's text on this line. */
  cells: Map<number, string>;
  partStart: boolean;
}

function tableLines(table: OpenTable, lefts: number[]): TableLine[] {
  const out: TableLine[] = [];
  for (const part of table.parts) {
    part.lines.forEach((line, index) => {
      const byColumn = new Map<number, PdfItem[]>();
      for (const item of line.items) {
        const column = columnOf(item.x, lefts);
        byColumn.set(column, [...(byColumn.get(column) ?? []), item]);
      }
      const cells = new Map([...byColumn.entries()].map(([column, items]) => [column, joinItems(items)] as const).filter(([, text]) => text.length > 0));
      out.push({ page: part.page, y: line.y, size: line.size, cells, partStart: index === 0 });
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
  columns: Map<number, { text: string; page: number; y: number }>;
}

export function buildTable(table: OpenTable, vocabulary: Vocabulary): DocumentTable {
  const { band } = table;
  const lines = tableLines(table, table.lefts);
  const pitch = linePitch(lines);
  const indicator = indicatorColumn(band.kind);
  const width = band.cells.length;

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
      ([...starts.keys()].some((c) => c !== indicator) || gapAbove > 1.8 * pitch);
    const row = rows.at(-1);
    if (!row || (anchor && !(line.partStart && line.page !== row.page && continuesRow(row, line, indicator, band.kind)))) {
      rows.push({ page: line.page, columns: new Map() });
    }
    appendLine(rows.at(-1)!, line, pitch, vocabulary);
    for (const column of line.cells.keys()) lastY.set(column, { page: line.page, y: line.y });
    previousLine = line;
  }

  const toRow = (row: RowDraft): TableRow => ({
    cells: Array.from({ length: width }, (_, c) => row.columns.get(c)?.text ?? ''),
    location: pageLocation(row.page),
  });
  const headerPage = band.lines[0]!.page;
  return {
    title: table.title ? { text: table.title.text, location: pageLocation(table.title.page) } : null,
    header: { cells: band.cells.map((c) => c.text), location: pageLocation(headerPage) },
    rows: rows.map(toRow).filter((row) => row.cells.some((c) => c.length > 0)),
  };
}

/**
 * The first row on a page that follows a page break: the rest of the row above, or a new row?
 * A new cell starts with a capital or a verdict mark; text that starts in lower case, or a
 * findings cell whose last line above ended mid-sentence, continues the row.
 */
function continuesRow(row: RowDraft, line: TableLine, indicator: number, kind: HeaderKind): boolean {
  const criterion = kind.kind === 'criteria' ? kind.criterionColumn : null;
  for (const [column, text] of line.cells) {
    if (/^[\p{Ll},;:)\]]/u.test(text)) return true;
    const before = row.columns.get(column);
    if (before && column !== indicator && column !== criterion && !SENTENCE_END.test(before.text)) return true;
  }
  return false;
}

function appendLine(row: RowDraft, line: TableLine, pitch: number, vocabulary: Vocabulary): void {
  for (const [column, raw] of line.cells) {
    const isItem = startsListItem(raw);
    const text = isItem ? withoutBullet(raw) : raw;
    const cell = row.columns.get(column);
    if (!cell) {
      row.columns.set(column, { text, page: line.page, y: line.y });
      continue;
    }
    const newBlock = isItem || MARK_START.test(text) || (cell.page === line.page && line.y - cell.y > 1.15 * pitch);
    cell.text = newBlock ? `${cell.text}\n${text}` : joinWrapped(cell.text, text, vocabulary);
    cell.page = line.page;
    cell.y = line.y;
  }
}
