/**
 * Fixed-width pipe tables whose cells go on over lines, with no line between rows: antiword's text of
 * a .doc ("|Criteria   |Indicatoren   |Bevindingen   |", each cell's text wrapped inside its column,
 * padded, every line of the table with its bars in the same places), and pandoc's org tables, which
 * put each paragraph of a cell on a line of its own. Read as markdown, every line would be a row of its
 * own: fragments of indicators as indicators, a cell's second verdict given to the next indicator.
 *
 * Rows are told apart by what starts on a line. A new criterion (a filled criterion cell starting with
 * a capital) starts a row. So may a line whose indicator cell starts with a capitalised word (an
 * indicator's first; a wrapped one goes on in lower case or with an acronym) and whose first filled verdict column starts with a
 * verdict mark; but a cell can hold several indicators and as many verdict paragraphs side by side,
 * and its second indicator looks the same. Such a line starts a row only when the row so far has at
 * least as many verdict paragraphs as indicators; otherwise it goes on the row (one cell of several
 * indicators and verdicts, read one-to-one or as a shared cell like any other), with a
 * `wrapped_rows_joined` warning. Each column's pieces are joined, a new paragraph where a piece starts
 * with a mark or "LET OP". Where rows are still told apart wrongly an indicator is cut or two run
 * together: the tables are marked as rebuilt, so such doubts refuse the document (extract-report.ts).
 */
import { STARTS_WITH_MARK } from '../findings/verdict-marks.js';
import type { ExtractionWarning } from '../model.js';
import { lineLocation, type DocumentTable, type TableRow } from './document-table.js';
import { cellToText } from './cell-markup.js';
import { catalogueWords } from './grid-tables.js';
import { classifyHeader, type HeaderKind } from './header-row.js';

/** What the text readers say such tables were rebuilt from (ReadDocument.rebuiltFrom). */
export const WRAPPED_PIPE_TABLES = 'fixed-width text tables with wrapped cells (antiword)';

/** A piece that opens with a verdict: a cell's first line, or a mark alone on it ("X", the rest wrapped). */
const VERDICT_START = new RegExp(`${STARTS_WITH_MARK.source}|^X$`, 'u');
/** A piece that opens a paragraph of its cell: a verdict or a LET OP remark. */
const NEW_PARAGRAPH = new RegExp(`${STARTS_WITH_MARK.source}|^LET OP\\b`, 'u');
/** Header lines a wrapped header may take ("2013 / Multiprobleemgezinnen"). */
const MAX_HEADER_LINES = 3;

export const isPipeLine = (line: string) => /^\|.*\|\s*$/.test(line);

/** Where the bars of a line stand. */
export function barPositions(line: string): string {
  const positions: number[] = [];
  const trimmed = line.trimEnd();
  for (let i = 0; i < trimmed.length; i++) if (trimmed.charCodeAt(i) === 124) positions.push(i);
  return positions.join(',');
}

/** An org table's rule under its header: "|----+----|". */
export const ORG_RULE = /^\|-+(?:\+-+)+\|\s*$/;

/**
 * The end of an org table (pandoc's org writer) starting at its header, or null: a "|---+---|" rule
 * right under the header, every line after it with the header's bars, and a row over several lines (a
 * line of empty cells between a cell's paragraphs, or a "\\\\" line break ending a cell's line): org
 * cannot hold a cell of several paragraphs, so pandoc writes it over lines of their own.
 */
function orgTableEnd(lines: string[], start: number): number | null {
  if (!ORG_RULE.test(lines[start + 1] ?? '')) return null;
  const bars = barPositions(lines[start]!);
  let end = start + 2;
  while (end < lines.length && isPipeLine(lines[end]!) && barPositions(lines[end]!) === bars) end++;
  const rows = lines.slice(start + 2, end).map(cellsOf);
  const multiLine = rows.some((cells) => cells.every((cell) => cell === '') || cells.some((cell) => cell.endsWith('\\\\')));
  return end - start >= 3 && multiLine ? end : null;
}

/** A line's cells, and which of them run up to the column's right edge (antiword pads the others). */
interface CellLine {
  cells: string[];
  full: boolean[];
}

function cellLine(line: string): CellLine {
  const raw = line.trimEnd().slice(1, -1).split('|');
  return { cells: raw.map((cell) => cell.trim()), full: raw.map((cell) => cell.length > 0 && !cell.endsWith(' ')) };
}

/** Cells of a line by its bars, each trimmed. */
const cellsOf = (line: string) => cellLine(line).cells;

/**
 * The end (exclusive) of a wrapped pipe table starting at `start`, or null: at least three lines, every
 * one with its bars where the first has them, each cell's text right after its bar, no markdown
 * separator row, and at least one line that continues a row (a cell going on in lower case after an
 * empty first one).
 */
export function wrappedPipeTableEnd(lines: string[], start: number): number | null {
  if (!isPipeLine(lines[start]!)) return null;
  const org = orgTableEnd(lines, start);
  if (org !== null) return org;
  const bars = barPositions(lines[start]!);
  if (bars.split(',').length < 3) return null;
  let end = start + 1;
  while (end < lines.length && isPipeLine(lines[end]!) && barPositions(lines[end]!) === bars) end++;
  if (end - start < 3) return null;
  // antiword sets a cell's text right after its bar and writes no separator rows; a markdown pipe table
  // pads its cells ("| Criteria |") and has a separator row somewhere in its run of bar lines.
  const block = lines.slice(start, end);
  if (block.some((line) => line.trimEnd().slice(1, -1).split('|').some((cell) => /^\s+\S/.test(cell)))) return null;
  let runStart = start;
  while (runStart > 0 && isPipeLine(lines[runStart - 1]!)) runStart--;
  if (lines.slice(runStart, end).some((line) => cellsOf(line).every((cell) => /^:?-{2,}:?$/.test(cell)))) return null;
  // Each line a row of its own (a fixed-width table that does not wrap) is left to the pipe-table reader:
  // a wrapped line goes on with a word in lower case, which no row's cell starts with.
  const wraps = lines.slice(start + 1, end).some((line) => {
    const cells = cellsOf(line);
    return cells[0] === '' && cells.some((cell) => /^\p{Ll}/u.test(cell));
  });
  return wraps ? end : null;
}

/**
 * The tables of lines [start, end): a header (on up to MAX_HEADER_LINES lines) and its rows; a block
 * without a findings header gives none (its rows are no findings: a table of contents, a framework
 * overview).
 */
export function readWrappedPipeTable(lines: string[], tableStart: number, end: number, titleLine: { text: string; line: number } | null, documentText = ''): WrappedTables {
  const org = ORG_RULE.test(lines[tableStart + 1] ?? '');
  // An org table whose first row is its theme (one filled cell), the rule under it, then the header.
  const themeRow = org ? cellsOf(lines[tableStart]!).filter((cell) => cell !== '') : [];
  const themeFirst = themeRow.length === 1 && tableStart + 2 < end && classifyHeader(cellsOf(lines[tableStart + 2]!)) !== null;
  const start = themeFirst ? tableStart + 2 : tableStart;
  // A theme row across the whole table (one cell, bars of its own) stands right above it.
  const above = start > 0 && isPipeLine(lines[start - 1]!) ? cellsOf(lines[start - 1]!) : null;
  const title = themeFirst
    ? { text: themeRow[0]!, location: lineLocation(tableStart + 1) }
    : above?.length === 1 && above[0] !== '' ? { text: above[0]!, location: lineLocation(start) } : titleLine ? { text: titleLine.text, location: lineLocation(titleLine.line) } : null;
  const width = cellsOf(lines[start]!).length;
  // The org rule stands for nothing: a line of empty cells keeps the line numbers.
  const parsed = lines.slice(start, end).map((line) => (ORG_RULE.test(line) ? { cells: Array<string>(width).fill(''), full: Array<boolean>(width).fill(false) } : cellLine(line)));
  const cellLines = parsed.map((line) => line.cells);
  const joinColumns = (from: number, to: number) => joinPieces(parsed.slice(from, to), documentText, org);
  let header: { kind: HeaderKind; lines: number } | null = null;
  for (let count = 1; count <= MAX_HEADER_LINES && count < cellLines.length && !header; count++) {
    if (cellLines.slice(0, count).some((cells) => cells.some((cell) => VERDICT_START.test(cell)))) break;
    const kind = classifyHeader(joinColumns(0, count));
    if (kind) header = { kind, lines: count };
  }
  if (!header) return { tables: [], warnings: [] };
  // The header's cells may wrap further ("2013 Versterkt" / "Verder"): a data row's first line names its
  // indicator, so lines without one and without a verdict still belong to the header.
  while (header.lines < cellLines.length - 1 && isHeaderRest(cellLines[header.lines]!, header.kind.indicatorColumn)) header.lines++;
  header.kind = classifyHeader(joinColumns(0, header.lines)) ?? header.kind;
  const { kind } = header;
  const indicatorColumn = kind.indicatorColumn;
  const criterionColumn = kind.kind === 'criteria' ? kind.criterionColumn : null;
  const verdictColumns = kind.kind === 'criteria' ? [kind.findingsColumn] : kind.assessedColumns;
  const capital = (cell: string | undefined) => /^\p{Lu}/u.test(cell ?? '');
  // A word, not an acronym: a wrapped indicator may go on with "GGSR" on its next line.
  const opensIndicator = (cell: string | undefined) => /^\p{Lu}\p{Ll}/u.test(cell ?? '');
  const newCriterion = (cells: string[]) => criterionColumn !== null && capital(cells[criterionColumn]);
  const mayStartRow = (cells: string[]) => {
    const firstFilled = verdictColumns.map((c) => cells[c] ?? '').find((cell) => cell !== '');
    return opensIndicator(cells[indicatorColumn]) && firstFilled !== undefined && VERDICT_START.test(firstFilled);
  };

  const rows: TableRow[] = [];
  const warnings: WrappedTables['warnings'] = [];
  const closeRow = (from: number, to: number) => rows.push({ cells: joinColumns(from, to), location: lineLocation(start + from + 1, start + to) });
  let rowStart = header.lines;
  let indicators = 0;
  let verdicts = 0;
  for (let i = header.lines; i < cellLines.length; i++) {
    const cells = cellLines[i]!;
    if (i > rowStart && newCriterion(cells)) {
      closeRow(rowStart, i);
      [rowStart, indicators, verdicts] = [i, 0, 0];
    } else if (i > rowStart && mayStartRow(cells)) {
      if (verdicts >= indicators) {
        closeRow(rowStart, i);
        [rowStart, indicators, verdicts] = [i, 0, 0];
      } else {
        warnings.push({
          code: 'wrapped_rows_joined',
          severity: 'warning',
          message: `line ${start + i + 1} could start a row but is read as part of the row above, which had ${indicators} indicator(s) and ${verdicts} verdict(s) by then: its cells are read as one (check shared_cell)`,
          location: lineLocation(start + rowStart + 1, start + i + 1),
        });
      }
    }
    if (opensIndicator(cells[indicatorColumn])) indicators++;
    verdicts += verdictColumns.filter((c) => VERDICT_START.test(cells[c] ?? '')).length;
  }
  if (cellLines.length > rowStart) closeRow(rowStart, cellLines.length);
  const headerRow: TableRow = { cells: joinColumns(0, header.lines), location: lineLocation(start + 1, start + header.lines) };
  return { tables: [{ title, header: headerRow, rows }], warnings };
}

export interface WrappedTables {
  tables: DocumentTable[];
  warnings: Omit<ExtractionWarning, 'findingIndex'>[];
}

const isHeaderRest = (cells: string[], indicatorColumn: number) =>
  cells[indicatorColumn] === '' && cells.some((cell) => cell !== '') && !cells.some((cell) => VERDICT_START.test(cell));

/**
 * Each column's pieces over the lines, joined: by a line end before a piece that opens a paragraph (or
 * before every piece of an org table: each is a paragraph), else by a space, or by nothing where
 * antiword cut a word too long for its column (see isCutWord).
 */
function joinPieces(lines: CellLine[], documentText: string, paragraphs: boolean): string[] {
  const width = lines[0]?.cells.length ?? 0;
  return Array.from({ length: width }, (_, column) => {
    let text = '';
    // The piece of the line before, when it ran to the column's edge.
    let fullPiece: string | null = null;
    for (const line of lines) {
      const piece = line.cells[column] ?? '';
      if (piece === '') {
        fullPiece = null;
        continue;
      }
      const separator = text === '' ? '' : paragraphs || NEW_PARAGRAPH.test(piece) ? '\n' : fullPiece !== null && isCutWord(fullPiece, piece, documentText) ? '' : ' ';
      text += separator + piece;
      fullPiece = line.full[column] ? piece : null;
    }
    // The markup other writers of such tables leave (DokuWiki's "\\\\" line breaks) goes as in any pipe table.
    return cellToText(text.replace(/ {2,}/g, ' '));
  });
}

/**
 * Whether the piece of a line that ran to the column's edge and the next line's first word are one word
 * antiword cut ("Multiprobleemgezin" + "nen"; a comma it moved on is glued back too). It cuts only a
 * word too long for the column, after moving it to a line of its own: so the line holds that one
 * token, the next piece starts in lower case, and the joined word is printed elsewhere in the document
 * or the framework catalogue, or neither piece is ("gemeenschappelijkh" + "eid"). Otherwise they stay
 * two words: a word as wide as the column may stand alone ("gemeenschappelijke" + "omschrijving").
 */
function isCutWord(before: string, piece: string, documentText: string): boolean {
  if (/^[,.;:!?)]/.test(piece)) return true;
  if (/\s/.test(before) || !/^\p{Ll}/u.test(piece)) return false;
  const headWord = /[\p{L}\p{N}]+$/u.exec(before)?.[0];
  const tail = /^[\p{L}\p{N}]+/u.exec(piece)?.[0];
  if (!headWord || !tail) return false;
  if (timesPrinted(headWord + tail, documentText) > 0) return true;
  // Each piece stands in the document once, here, when it is no word of its own.
  return timesPrinted(headWord, documentText) <= 1 && timesPrinted(tail, documentText) <= 1;
}

/** How often `word` (letters and digits) stands as a whole word in the document and the framework catalogue. */
function timesPrinted(word: string, documentText: string): number {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'gu');
  return (documentText.match(pattern)?.length ?? 0) + (catalogueWords().match(pattern)?.length ?? 0);
}
