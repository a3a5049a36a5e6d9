/**
 * Finds the tables in text that earlier converters made from the reports: markdown pipe tables
 * (HTML inside cells), tab-separated rows and pandoc grid tables. A run of consecutive rows is a
 * block; every header row inside a block starts a table, and the row or line just above it, when
 * it holds a single label, is the table's title (the theme, as printed). Rows that look like
 * findings but come without a header continue the table before them, with a warning, rather
 * than being dropped.
 */
import { STARTS_WITH_MARK } from '../findings/verdict-marks.js';
import { ExtractionFailure, type ExtractionWarning } from '../model.js';
import { cellToText, collapseWhitespace, plainTitle } from './cell-markup.js';
import { lineLocation, type DocumentTable, type TableRow } from './document-table.js';
import { isDashGroupLine, readDashedTable } from './dashed-tables.js';
import { isGridBorder, readGridTable } from './grid-tables.js';
import { classifyHeader } from './header-row.js';
import { HARD_BREAK, joinHardBreakRow, rowStartsAt, THEME_RULE } from './hard-break-rows.js';
import { BARE_PIPE_SEPARATOR, closesWithBar, isMarkdownSeparator, joinBarRow, joinParagraphCells, LEADING_EMPTY_CELL, MUSE_HEADER, splitBarePipes, splitRowLine } from './row-lines.js';
import { inferredHeaderWarning } from './cell-grid.js';
import { headerCellsFor, inferCriteriaColumns } from './inferred-header.js';
import { sharedMatcher } from '../framework/match.js';
import { asciidocTableEnd, readAsciidocTable } from './asciidoc-tables.js';
import { mediawikiTableEnd, readMediawikiTable, startsMediawikiTable } from './mediawiki-tables.js';
import { htmlTableEnd, readHtmlTableLines, startsHtmlTable } from './html-in-text.js';
import { barPositions, isPipeLine, ORG_RULE, readWrappedPipeTable, WRAPPED_PIPE_TABLES, wrappedPipeTableEnd } from './wrapped-pipe-tables.js';

interface RowLine {
  cells: string[];
  lineStart: number;
  lineEnd: number;
  /**
   * A tab row with fewer cells than its table's header that went on over lines without tabs: the
   * converter dropped cells (catdoc drops empty ones), so whether those lines continue the last cell
   * or fill the missing ones cannot be told.
   */
  cellsLost?: boolean;
}

/** Markup tables read by the HTML table model: where one ends, and its findings tables (line-located). */
interface ModelledTables {
  end(lines: string[], start: number): number | null;
  read(lines: string[], start: number, end: number, tableNumber: number, lineBefore: string | null): DocumentTable[];
}
const HTML_TABLES: ModelledTables = { end: htmlTableEnd, read: readHtmlTableLines };
const MEDIAWIKI_TABLES: ModelledTables = { end: mediawikiTableEnd, read: readMediawikiTable };

const SMART_ESCAPES = /\\["']/;

/** A run of rows, or tables already read whole (raw HTML tables, whose reader finds their headers itself). */
type Block = { rows: RowLine[] } | { tables: DocumentTable[] };

/**
 * Consecutive row lines → blocks. A text line without a separator directly between two rows is
 * a cell that a converter wrapped onto its own line: it continues the last cell of the row above.
 */
function rowBlocks(lines: string[], smart: boolean, text: string, rebuilt: { found: boolean; warnings: TextTables['warnings'] }): Block[] {
  const blocks: Block[] = [];
  let current: RowLine[] = [];
  let wrapped: { text: string; line: number }[] = [];
  let bareTable = false;
  /** That table's rows end in markdown's hard break, and may run over lines (hard-break-rows.ts). */
  let hardBreakRows = false;
  let htmlTables = 0;
  /** Cells in the tab-separated header row of the table being read (null outside one). */
  let tabWidth: number | null = null;
  /**
   * The last row read ended in a tab, so its last cell is empty: a line after it cannot be that cell
   * wrapped. Converters that write every cell followed by a tab (word-extractor, from Word's cell
   * marks) end every row so, and put paragraphs, a theme's title and the next table's rows right after.
   */
  let lastRowTerminated = false;
  const closeBlock = () => {
    if (current.length > 0) blocks.push({ rows: current });
    current = [];
    wrapped = [];
    tabWidth = null;
    lastRowTerminated = false;
  };
  const flushWrapped = () => {
    const previous = current.at(-1)!;
    if (tabWidth !== null && previous.cells.length < tabWidth) previous.cellsLost = true;
    const last = previous.cells.length - 1;
    previous.cells[last] = [previous.cells[last], ...wrapped.map((w) => cellToText(w.text, smart))].filter(Boolean).join('\n');
    previous.lineEnd = wrapped.at(-1)!.line;
    wrapped = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (isGridBorder(line)) {
      closeBlock();
      const grid = readGridTable(lines, index, { smart, text });
      blocks.push({ rows: grid.rows });
      index = grid.next - 1;
      continue;
    }
    if (isDashGroupLine(line)) {
      const dashed = readDashedTable(lines, index, smart);
      if (dashed) {
        closeBlock();
        blocks.push({ rows: dashed.rows });
        index = dashed.next - 1;
        continue;
      }
    }
    // The first line of a run of bar lines: antiword's fixed-width tables, cells wrapped inside their columns.
    const previous = lines[index - 1] ?? '';
    // Markdown's pipe rows ("| cell |" or "|---|", no org rule under them) are the common case and skip this at once.
    const second = line.charCodeAt(1);
    const mayWrap = line.startsWith('|') && ((second !== 32 && second !== 45 && second !== 58) || ORG_RULE.test(lines[index + 1] ?? ''));
    const runStart = mayWrap && !(isPipeLine(previous) && barPositions(previous) === barPositions(line));
    const wrappedEnd = runStart ? wrappedPipeTableEnd(lines, index) : null;
    // Without a findings header of its own the run is left to the other readers (a header in another
    // syntax above it, a table of contents).
    const wrappedTables = wrappedEnd !== null ? readWrappedPipeTable(lines, index, wrappedEnd, titleAbove(lines, index + 1), text) : null;
    if (wrappedTables && wrappedTables.tables.length > 0) {
      closeBlock();
      rebuilt.found = true;
      rebuilt.warnings.push(...wrappedTables.warnings);
      blocks.push({ tables: wrappedTables.tables });
      index = wrappedEnd! - 1;
      continue;
    }
    const asciidocEnd = line.startsWith('|===') ? asciidocTableEnd(lines, index) : null;
    if (asciidocEnd !== null) {
      closeBlock();
      // Its attribute line ("[cols=…,options="header"]") stands right above it; the title above that.
      const attributes = /^\[.*\]\s*$/.test(lines[index - 1] ?? '') ? lines[index - 1]! : null;
      const above = titleAbove(lines, attributes === null ? index + 1 : index);
      const title = above ? { text: above.text.replace(/^\*(.+)\*$/, '$1'), location: lineLocation(above.line) } : null;
      blocks.push({ tables: readAsciidocTable(lines, index, asciidocEnd, attributes, title) });
      index = asciidocEnd;
      continue;
    }
    // Tables read by the HTML table model: raw HTML, and MediaWiki turned into the HTML it stands for.
    const modelled = startsMediawikiTable(line) ? MEDIAWIKI_TABLES : startsHtmlTable(line) ? HTML_TABLES : null;
    const modelledEnd = modelled ? modelled.end(lines, index) : null;
    if (modelled && modelledEnd !== null) {
      closeBlock();
      const before = titleAbove(lines, index + 1);
      blocks.push({ tables: modelled.read(lines, index, modelledEnd, ++htmlTables, before?.text ?? null) });
      index = modelledEnd;
      continue;
    }
    // A tab row short of the table's width whose cell goes on over lines of their own (Word's "save as
    // text" of a multi-paragraph cell): the lines that bring its tabs up to the width are that row.
    const joined = tabWidth !== null && line.includes('\t') && !line.trim().startsWith('|') ? joinParagraphCells(lines, index, tabWidth) : null;
    if (joined) {
      if (wrapped.length > 0) flushWrapped();
      current.push({ cells: joined.cells.map((cell) => cellToText(cell, smart)), lineStart: index + 1, lineEnd: joined.next });
      lastRowTerminated = endsWithTab(lines[joined.next - 1]!);
      index = joined.next - 1;
      continue;
    }
    // A bar row left open after rows that close with their bar (pandoc's jira writer: a cell's paragraphs
    // on lines of their own): the lines up to the one that closes it are that row.
    const above = current.at(-1);
    const barRow = above && line.startsWith('|') && !closesWithBar(line) && closesWithBar(lines[above.lineEnd - 1]!) ? joinBarRow(lines, index, above.cells.length) : null;
    if (barRow) {
      if (wrapped.length > 0) flushWrapped();
      const cells = barRow.cells.map((cell) => cell.split('\n').map((part) => cellToText(part, smart)).filter(Boolean).join('\n'));
      current.push({ cells, lineStart: index + 1, lineEnd: barRow.next });
      lastRowTerminated = false;
      index = barRow.next - 1;
      continue;
    }
    // A row of a table without outer bars hard-wrapped over lines, ended by two spaces (Python's html2text).
    // Between such rows a line of spaces alone may stand (after a cell of several paragraphs): not the table's end.
    if (hardBreakRows && above && line.length > 0 && line.trim().length === 0 && rowStartsAt(lines, index + 1)) continue;
    const bareRow = hardBreakRows && above ? joinHardBreakRow(lines, index, above.cells.length) : null;
    if (bareRow) {
      if (wrapped.length > 0) flushWrapped();
      current.push({ cells: bareRow.cells.map((cell) => cell.split('\n').map((part) => cellToText(part, smart)).filter(Boolean).join('\n')), lineStart: index + 1, lineEnd: bareRow.next });
      lastRowTerminated = false;
      index = bareRow.next - 1;
      continue;
    }
    // Inside a table without outer bars a row whose first cell is empty starts with white space and a bar
    // (Muse: "      |  De gemeente heeft zicht … |  ✓ …"): that bar parts the empty cell from the next.
    let cells = bareTable && current.length > 0 && LEADING_EMPTY_CELL.test(line) ? splitBarePipes(line) : splitRowLine(line);
    if (cells === null && (BARE_PIPE_SEPARATOR.test(lines[index + 1] ?? '') || (bareTable && (current.length > 0 || hardBreakRows)))) {
      cells = splitBarePipes(line);
    }
    // Muse's header row ("Indicator || 2013 || 2014") opens a table of bare "|" rows, with no separator line.
    if (cells === null && line.includes('||') && MUSE_HEADER.test(line) && / \| /.test(lines[index + 1] ?? '')) {
      cells = splitBarePipes(line);
      bareTable = true;
    }
    // Python's html2text sets a theme row that spans the columns as a table of its own ("Toeleiding  " over
    // "---  "), the header row right under it: a table of hard-break rows starts at that header.
    if (THEME_RULE.test(line) && /(?<!\\)\|.* {2,}$/.test(lines[index + 1] ?? '')) {
      closeBlock();
      bareTable = true;
      hardBreakRows = true;
      continue;
    }
    if (BARE_PIPE_SEPARATOR.test(line)) {
      bareTable = true;
      hardBreakRows = HARD_BREAK.test(line);
      continue;
    }
    if (cells === null) {
      bareTable = false;
      hardBreakRows = false;
      // A tab table's last row may end in paragraphs of its last cell: they end at the blank line. Short
      // lines without closing punctuation just before it are what follows the table (a colofon, a page
      // footer), not evidence.
      if (line.trim().length === 0 && wrapped.length > 0 && tabWidth !== null) {
        wrapped.splice(wrapped.length - trailingHeadings(wrapped));
        if (wrapped.length > 0) flushWrapped();
      }
      // After a row that ended in a tab, a line without one is text after the table, not a wrapped cell.
      if (line.trim().length === 0 || current.length === 0 || lastRowTerminated) closeBlock();
      else wrapped.push({ text: line, line: index + 1 });
      continue;
    }
    // Org's rule under a table's first row ("|----+----|"), when that row is a theme's and not the header.
    if (isMarkdownSeparator(cells) || ORG_RULE.test(line)) continue;
    const row: RowLine = { cells: cells.map((cell) => cellToText(cell, smart)), lineStart: index + 1, lineEnd: index + 1 };
    if (wrapped.length > 0) {
      // Text right above a header is the next table's title (and page headings), not the end of the last
      // cell above it: converters that write no blank lines (catdoc) put it there.
      const headings = classifyHeader(row.cells) ? trailingHeadings(wrapped) : 0;
      wrapped.splice(wrapped.length - headings);
      if (wrapped.length > 0) flushWrapped();
      if (headings > 0) closeBlock();
    }
    if (line.includes('\t') && classifyHeader(row.cells)) tabWidth = cells.length;
    lastRowTerminated = endsWithTab(line);
    const listOf = current.length > 0 && wrapped.length === 0 ? listContinuing(current.at(-1)!, row) : null;
    if (listOf !== null) {
      const above = current.at(-1)!;
      above.cells[listOf] = `${above.cells[listOf]} ${row.cells[listOf]}`;
      above.lineEnd = row.lineEnd;
      continue;
    }
    current.push(row);
  }
  closeBlock();
  return blocks;
}

const endsWithTab = (line: string) => /\t\r?$/.test(line);

/**
 * The column of `row` that holds the list a cell of `above` announces, when that is all the row holds: one
 * filled cell opening with a list marker under a cell ending in ":" ("… toereikend om:" / "- Een
 * probleemanalyse te maken - …"). Writers that hold a row on one line (org, from HTML) put a cell's list
 * on a row of its own; no indicator or finding opens with a list marker.
 */
function listContinuing(above: RowLine, row: RowLine): number | null {
  if (above.cells.length !== row.cells.length) return null;
  const filled = row.cells.flatMap((cell, column) => (cell.length > 0 ? [column] : []));
  if (filled.length !== 1) return null;
  const column = filled[0]!;
  return /^[-*•]\s/.test(row.cells[column]!) && /:$/.test(above.cells[column]!) ? column : null;
}

/**
 * Lines at the end of `wrapped` that read as headings: short, without closing punctuation, no verdict
 * and no LET OP remark (a cell's last paragraph may be "LET OP: zie bijlage 2").
 */
function trailingHeadings(wrapped: { text: string }[]): number {
  let count = 0;
  for (let i = wrapped.length - 1; i >= 0; i--) {
    const text = collapseWhitespace(wrapped[i]!.text);
    if (text.length === 0 || text.length > 60 || /[.:;,]$/.test(text) || STARTS_WITH_MARK.test(text) || /^let op\b/i.test(text)) break;
    count++;
  }
  return count;
}

const nonEmptyCells = (cells: string[]) => cells.filter((c) => c.length > 0);

/**
 * The one label a row holds: a single filled cell, or the same text in every filled cell (converters
 * such as Docling repeat a spanning theme row's text in each cell it spans).
 */
function singleLabel(cells: string[]): string | null {
  const filled = nonEmptyCells(cells);
  return filled.length > 0 && filled.every((cell) => cell === filled[0]) ? filled[0]! : null;
}

/** A line above a table that may name it: plain text, markdown heading or bold. */
function titleAbove(lines: string[], firstRowLine: number): { text: string; line: number } | null {
  for (let index = firstRowLine - 2; index >= 0; index--) {
    if (isGridBorder(lines[index]!) || /^\s*-{3,}\s*$/.test(lines[index]!)) continue;
    // The last row of a table right above (Muse writes grid tables with no line between them).
    if (/^\s*\|/.test(lines[index]!)) return null;
    const text = plainTitle(lines[index]!);
    if (text.length === 0) continue;
    return text.length <= 40 && !/[.:;]$/.test(text) ? { text, line: index + 1 } : null;
  }
  return null;
}

export interface TextTables {
  tables: DocumentTable[];
  warnings: Omit<ExtractionWarning, 'findingIndex'>[];
  /** Set when tables had to be rebuilt from text that lost their rows (wrapped-pipe-tables.ts). */
  rebuiltFrom?: string;
}

export { splitRowLine };

export function findTextTables(text: string): TextTables {
  const lines = text.split('\n');
  // Escaped quotes are what pandoc's smart-punctuation markdown writes; see smartPunctuation.
  // (includes first: a native scan for the backslash, which most texts lack, is far cheaper than the pattern's.)
  const smart = text.includes('\\') && SMART_ESCAPES.test(text);
  const tables: DocumentTable[] = [];
  const warnings: TextTables['warnings'] = [];
  const rebuilt = { found: false, warnings };
  for (const item of rowBlocks(lines, smart, text, rebuilt)) {
    if ('tables' in item) {
      tables.push(...item.tables);
      continue;
    }
    const block = item.rows;
    // Each row classified once: every row is asked whether it is a header, and again as the row after its predecessor.
    const headers = block.map((row) => classifyHeader(row.cells) !== null);
    let table: DocumentTable | null = null;
    block.forEach((row, position) => {
      if (row.cellsLost && table && classifyHeader(table.header.cells)?.kind === 'followup') {
        throw new ExtractionFailure(
          'no_findings_tables',
          `follow-up table row at line ${row.lineStart} has ${row.cells.length} of its header's ${table.header.cells.length} cells and goes on over lines without tabs: the converter dropped empty cells, so which year a verdict belongs to cannot be told; import the Word file or PDF itself`,
        );
      }
      if (headers[position]) {
        const previous = position > 0 ? block[position - 1]! : null;
        const titleFromRow =
          previous && singleLabel(previous.cells) !== null ? { text: singleLabel(previous.cells)!, location: lineLocation(previous.lineStart) } : null;
        const titleLine = position === 0 ? titleAbove(lines, row.lineStart) : null;
        table = {
          title: titleFromRow ?? (titleLine ? { text: titleLine.text, location: lineLocation(titleLine.line) } : null),
          header: toTableRow(row),
          rows: [],
        };
        tables.push(table);
        return;
      }
      // A single-label row right before the next header is that table's title, not content.
      if (headers[position + 1] && singleLabel(row.cells) !== null) return;
      if (nonEmptyCells(row.cells).length === 0) return;
      if (!table) table = continueHeaderless(tables, block, lines, warnings);
      table?.rows.push(toTableRow(row));
    });
  }
  return { tables, warnings, ...(rebuilt.found ? { rebuiltFrom: WRAPPED_PIPE_TABLES } : {}) };
}

/**
 * Rows before any header in their block. Findings rows continue the last table of their width, unless a
 * title above them names another theme; otherwise, where the rows show their columns themselves, the
 * header a converter dropped is inferred (inferred-header.ts: pandoc's Muse writer leaves Word's tables
 * without their header rows). Other rows are not findings.
 */
function continueHeaderless(tables: DocumentTable[], block: RowLine[], lines: string[], warnings: TextTables['warnings']): DocumentTable | null {
  const previous = tables.at(-1);
  const looksLikeFindings = block.some((row) => row.cells.some((cell) => STARTS_WITH_MARK.test(cell)));
  if (!looksLikeFindings) return null;
  const location = lineLocation(block[0]!.lineStart, block.at(-1)!.lineEnd);
  const width = block[0]!.cells.length;
  const above = titleAbove(lines, block[0]!.lineStart);
  const title = above ? { text: above.text, location: lineLocation(above.line) } : null;
  const namesTheme = title !== null && sharedMatcher().matchTheme(title.text) !== null;
  const continues = previous !== undefined && previous.header.cells.length === width;
  const inferred = continues && !namesTheme ? null : inferCriteriaColumns(block.map((row) => row.cells), sharedMatcher());
  if (continues && !inferred) {
    warnings.push({ code: 'table_header_missing', severity: 'warning', message: 'rows with verdict marks but no header row; read as a continuation of the table above', location });
    return pushTable(tables, previous);
  }
  if (inferred) {
    warnings.push(inferredHeaderWarning(inferred, location));
    const table: DocumentTable = { title, header: { cells: headerCellsFor(inferred, width), location: lineLocation(block[0]!.lineStart) }, rows: [] };
    tables.push(table);
    return table;
  }
  warnings.push({ code: 'rows_without_header', severity: 'warning', message: 'rows with verdict marks that belong to no findings table (no header row, and no table above of the same width); not read', location });
  return null;
}

function pushTable(tables: DocumentTable[], previous: DocumentTable): DocumentTable {
  const continuation: DocumentTable = { title: null, header: previous.header, rows: [] };
  tables.push(continuation);
  return continuation;
}

function toTableRow(row: RowLine): TableRow {
  return { cells: row.cells, location: lineLocation(row.lineStart, row.lineEnd) };
}
