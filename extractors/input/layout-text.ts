/**
 * Layout text (`pdftotext -layout`, `w3m -dump`, `html2text`): a page set in a fixed-pitch font,
 * columns aligned with spaces, pages split by form feeds. It is read as the PDF pages it is: one
 * synthetic text item per word, on a character grid, through the PDF layout engine (pdf-layout.ts),
 * which finds the tables by their header rows, cuts rows, stitches pages and rejoins paragraphs.
 *
 * The converters do not keep columns exactly aligned: a cell may start a few characters left or
 * right of its header, and one space may be all that separates two cells. Positions that exact
 * would put words in the wrong column, so the lines under a findings header are first cut into
 * cells here (see layout-columns.ts) and set again on a clean grid; everything else keeps its
 * character positions.
 */
import { ExtractionFailure, type SourceLocation } from '../model.js';
import type { DocumentTable, ReadDocument } from '../tables/document-table.js';
import { classifyHeader, type HeaderKind } from '../tables/header-row.js';
import { layoutPdf } from './pdf-layout.js';
import type { PdfItem, PdfPage } from './pdf-lines.js';
import { cutRegion, isHeaderAt, MARK, MAX_HEADER_WRAPS, wordsOf, type CutLine, type Region, type Word } from './layout-columns.js';
import { inFrameworkWording } from './wording-lines.js';
import { centredRows, looksCentred } from './layout-centred.js';

/** One character's advance: half the font size, so one space joins words and two part runs (pdf-lines lineRuns). */
const SIZE = 10;
const ADVANCE = SIZE / 2;
const LINE_HEIGHT = 1.2 * SIZE;
/** Set-apart columns in the re-set tables, in characters: wide enough for the engine to see a gap. */
const COLUMN_GAP = 4;
const BODY_FONT = 'layout-text';
// The engine tells a header row's wrapped lines from the body by their font, as PDFs set headers in bold.
const HEADER_FONT = 'layout-text-header';

/** What the text reader says tables read from layout text were rebuilt from (ReadDocument.rebuiltFrom). */
export const LAYOUT_TEXT = 'layout text';

const PAGE_NUMBER = /^(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:\/|van|of|-)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$/i;

interface SourceLine {
  /** 1-based line number in the text. */
  number: number;
  text: string;
}

/** A line set out as a findings header on its own: two or more cells apart by two spaces or more, that classify as a header. */
export function isLayoutHeaderLine(line: string): boolean {
  return isHeaderAt([line], 0);
}

/** Does this text hold a findings header set out in aligned columns? */
export function looksLikeLayoutText(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((_, i) => isHeaderAt(lines, i));
}

/** Pages of lines, split at form feeds; line numbers count the text's lines. */
function sourcePages(text: string): SourceLine[][] {
  const pages: SourceLine[][] = [[]];
  text.split('\n').forEach((raw, index) => {
    const parts = raw.split('\f');
    parts.forEach((part, i) => {
      if (i > 0) pages.push([]);
      pages.at(-1)!.push({ number: index + 1, text: part.replace(/\s+$/, '') });
    });
  });
  return pages.filter((page) => page.some((line) => line.text.length > 0));
}

/**
 * Running headers and footers: the first and last few lines of a page that recur (digits aside) on
 * at least half the pages, and bare page numbers there. The PDF engine finds furniture by position
 * on the page, which layout text does not keep (a short page ends higher up), so it goes here.
 */
function furniture(pages: SourceLine[][]): Set<SourceLine> {
  const EDGE = 3;
  const edges = pages.map((page) => {
    const texts = page.map((line) => line.text);
    // A header's lines are no furniture, nor the lines right under it that its labels may wrap onto
    // ("Multiprobleemgezinnen" under every repeated "2013": it recurs at the top of the page as a
    // running header would).
    const inHeader = new Set<number>();
    texts.forEach((_, i) => {
      if (!isHeaderAt(texts, i)) return;
      for (let j = i; j <= i + MAX_HEADER_WRAPS && j < texts.length && texts[j]!.trim().length > 0; j++) inHeader.add(j);
    });
    const filled = page.filter((line, i) => line.text.trim().length > 0 && !inHeader.has(i));
    return [...filled.slice(0, EDGE), ...filled.slice(-EDGE)];
  });
  const key = (line: SourceLine) => line.text.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#').toLowerCase();
  const counts = new Map<string, number>();
  for (const lines of edges) for (const k of new Set(lines.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const out = new Set<SourceLine>();
  for (const lines of edges) {
    for (const line of lines) if ((counts.get(key(line)) ?? 0) >= needed || PAGE_NUMBER.test(line.text.trim())) out.add(line);
  }
  return out;
}

/** The header's lines and region of the table a page ends in (no text after its region), or null. */
function openTableAtFoot(lines: SourceLine[], found: Map<number, Region>): { lines: SourceLine[]; region: Region } | null {
  let lastFilled = lines.length - 1;
  while (lastFilled >= 0 && lines[lastFilled]!.text.trim().length === 0) lastFilled--;
  for (const [row, region] of found) {
    if (row + region.lines.length - 1 >= lastFilled) return { lines: lines.slice(row, row + region.headerLines), region };
  }
  return null;
}

/** Does the page open with a header of its own (within its first three lines with text: a title may stand above it)? */
function opensWithHeader(lines: SourceLine[]): boolean {
  const texts = lines.map((line) => line.text);
  const filled = lines.flatMap((line, i) => (line.text.trim().length > 0 ? [i] : []));
  return filled.slice(0, 3).some((i) => isHeaderAt(texts, i));
}

export interface LayoutPages {
  pages: PdfPage[];
  /** Synthetic page number and baseline → the text's line number. */
  lineAt(page: number, y: number): number | null;
  /** Lines cut into cells under a header whose cuts were guesses: said in a warning. */
  guessedCuts: number[];
  /** First and last line number of each header and the table lines cut under it. */
  regions: { start: number; end: number }[];
  /** Line numbers of lines with text that were kept (not page furniture). */
  filled: Set<number>;
}

/** Layout text → synthetic PDF pages: one item per word, x from its column, y from its line. */
export function layoutTextPages(text: string): LayoutPages {
  const source = sourcePages(text);
  const skip = furniture(source);
  const byPage = new Map<string, number>();
  const guessedCuts: number[] = [];
  const kept = source.map((lines) => lines.map((line) => (skip.has(line) ? { ...line, text: '' } : line)));
  // Regions first: every table of one width is set on one grid, so a table that goes on over a page
  // keeps its columns where the engine measured them under its first header.
  const regions: Map<number, Region>[] = [];
  const carried = new Set<Region>();
  kept.forEach((page, index) => {
    // A table still open at the foot of the page before goes on at the top of this one, often without
    // its header: the header is carried over (as a PDF repeats it), so these lines are cut into its
    // columns too, not left at their raw positions, where a findings line set a few characters left
    // falls into the indicator column.
    const open = index > 0 ? openTableAtFoot(kept[index - 1]!, regions[index - 1]!) : null;
    // The header goes over with the lines its labels wrapped onto ("2013" over "Multiprobleemgezinnen"),
    // right above the page's first line with text: the blank lines above that (where the running header
    // stood) would set the rows too far under the header for the engine to take them as the table's.
    const firstFilled = page.findIndex((line) => line.text.trim().length > 0);
    const lines = open && !opensWithHeader(page) ? [...open.lines, ...page.slice(Math.max(0, firstFilled))] : page;
    kept[index] = lines;
    const found = new Map<number, Region>();
    const texts = lines.map((line) => line.text);
    for (let row = 0; row < lines.length; row++) {
      // A header the page repeats over that table takes wrapped label lines only up to that table's labels.
      const region = cutRegion(texts, row, inFrameworkWording, lines !== page && row === 0, open?.region.header.texts);
      if (!region) continue;
      if (lines !== page && row === 0) carried.add(region);
      found.set(row, region);
      row += region.lines.length - 1;
    }
    regions.push(found);
  });
  const grids = gridStarts(regions.flatMap((found) => [...found.values()]));
  const pages: PdfPage[] = kept.map((lines, index) => {
    const number = index + 1;
    const items: PdfItem[] = [];
    // Rows follow each other at line pitch in layout text; the engine tells rows apart by the space
    // a PDF leaves between them, so a row's first line is set that much lower.
    let shift = 0;
    const place = (line: SourceLine, row: number, x: number, word: Word, font: string) => {
      const y = (row + 1 + shift) * LINE_HEIGHT;
      byPage.set(`${number}|${y}`, line.number);
      items.push({ str: word.text, x: x * ADVANCE, y, width: [...word.text].length * ADVANCE, size: SIZE, font });
    };
    for (let row = 0; row < lines.length; row++) {
      const region = regions[index]!.get(row);
      if (!region) {
        for (const word of wordsOf(lines[row]!.text)) place(lines[row]!, row, word.col, word, BODY_FONT);
        continue;
      }
      const starts = grids.get(region.header.cols.length)!;
      const kind = classifyHeader(region.header.texts)!;
      const setCell = (offset: number, at: number, column: number, font: string) => {
        const words = region.lines[offset]!.cells[column]!;
        const first = words[0];
        if (!first) return;
        words.forEach((word, i) => {
          // html2text's list item in a cell ("* - Een probleemanalyse"): a bullet, as a PDF's is read.
          const text = i === 0 && word.text === '*' && words.length > 1 ? '•' : word.text;
          place(lines[row + offset]!, at, starts[column]! + word.col - first.col, { ...word, text }, font);
        });
      };
      // Cells centred in their rows are set again top-aligned when their rows can be told; in doubt the
      // lines stay as they stand, and the check on the verdict marks refuses what they put out of place.
      const centred = looksCentred(region, kind, carried.has(region)) ? centredRows(region, kind) : null;
      if (centred && 'rows' in centred) {
        // Cells centred in their rows: set again top-aligned, row by row (layout-centred.ts).
        for (let offset = 0; offset < region.headerLines; offset++) region.lines[offset]!.cells.forEach((_, column) => setCell(offset, row + offset, column, HEADER_FONT));
        let at = row + region.headerLines;
        for (const cells of centred.rows) {
          shift += ROW_GAP;
          let height = 0;
          for (const [column, offsets] of cells) {
            for (const offset of offsets) setCell(offset, at + offset - offsets[0]!, column, BODY_FONT);
            height = Math.max(height, offsets.at(-1)! - offsets[0]! + 1);
          }
          at += height;
        }
        for (const cut of region.lines) if (cut.guessed) guessedCuts.push(lines[row + region.lines.indexOf(cut)]!.number);
        // Rows set taller than they stood (a criterion moved to its run's first row) push what follows down.
        shift += Math.max(0, at - (row + region.lines.length));
      } else {
        const ruled = blankBetweenRows(region, kind);
        region.lines.forEach((cut: CutLine, offset) => {
          const above = region.lines[offset - 1];
          if (offset >= region.headerLines && startsRow(cut, kind, offset === region.headerLines, ruled ? above : undefined)) shift += ROW_GAP;
          cut.cells.forEach((_, column) => setCell(offset, row + offset, column, offset < region.headerLines ? HEADER_FONT : BODY_FONT));
          if (cut.guessed) guessedCuts.push(lines[row + offset]!.number);
        });
      }
      row += region.lines.length - 1;
      // The table ends here (its cut said so): what follows is set apart as a PDF sets text after a
      // table, or the engine reads a line right under the last row as more of its cells.
      shift += TABLE_END_GAP;
    }
    return { number, width: 0, height: (lines.length + 1) * LINE_HEIGHT, items };
  });
  for (const page of pages) page.width = Math.max(0, ...page.items.map((item) => item.x + item.width));
  const spans = kept.flatMap((lines, index) => [...regions[index]!.entries()].map(([row, region]) => ({ start: lines[row]!.number, end: lines[row + region.lines.length - 1]!.number })));
  const filled = new Set(kept.flat().filter((line) => line.text.trim().length > 0).map((line) => line.number));
  return { pages, guessedCuts, regions: spans, filled, lineAt: (page, y) => byPage.get(`${page}|${Math.round(y * 1000) / 1000}`) ?? null };
}

/**
 * Space set before a row, in lines: with the line itself more than two font sizes, so that the
 * engine's line pitch (pdf-tables.ts linePitch, gaps under two font sizes) comes from a cell's own
 * lines even in a table where nearly every line opens a row (html2text: one-line rows, no blank
 * lines); less than the space after a table.
 */
const ROW_GAP = 0.75;
/** Space set after a table, in lines. */
const TABLE_END_GAP = 1;

/**
 * Does a new row start on this line? The first line under the header does; later, a line whose
 * indicator cell starts with a capital beside a verdict mark that opens a findings cell. Indicators
 * run together in one cell, or a mark that opens a second finding beside an indicator's wrapped
 * line, start no row.
 */
function startsRow(cut: CutLine, kind: HeaderKind, first: boolean, ruledAbove?: CutLine): boolean {
  if (first) return true;
  const findings = kind.kind === 'criteria' ? [kind.findingsColumn] : kind.assessedColumns;
  const indicator = cut.cells[kind.indicatorColumn]?.[0];
  const opens = indicator !== undefined && /^[\p{Lu}\d]/u.test(indicator.text) && findings.some((c) => MARK.test(cut.cells[c]?.[0]?.text ?? ''));
  // Where rows are set apart by blank lines, a mark right under an indicator's last line opens a second
  // finding in its cell; but not beside a criterion that starts there (a row of its own, whatever is above).
  if (ruledAbove === undefined) return opens;
  const criterion = kind.kind === 'criteria' && kind.criterionColumn !== null ? kind.criterionColumn : null;
  const newCriterion = criterion !== null && /^\p{Lu}/u.test(cut.cells[criterion]?.[0]?.text ?? '') && ruledAbove.cells[criterion]!.length === 0;
  return opens && (newCriterion || ruledAbove.cells.every((c) => c.length === 0) || ruledAbove.cells[kind.indicatorColumn]!.length === 0);
}

/** Rows set apart by blank lines (a browser's cell padding): a blank line right above a line that opens a row. */
function blankBetweenRows(region: Region, kind: HeaderKind): boolean {
  return region.lines.some((cut, i) => i > region.headerLines && region.lines[i - 1]!.cells.every((c) => c.length === 0) && startsRow(cut, kind, false));
}

/** Clean grids, one per table width: each column starts where the widest cell of the one before it ends, plus a gap. */
function gridStarts(regions: Region[]): Map<number, number[]> {
  const widths = new Map<number, number[]>();
  const left = new Map<number, number>();
  for (const region of regions) {
    const n = region.header.cols.length;
    const row = widths.get(n) ?? region.header.cols.map(() => 0);
    widths.set(n, row);
    left.set(n, Math.min(left.get(n) ?? Infinity, region.header.cols[0]!));
    for (const line of region.lines) {
      line.cells.forEach((words, column) => {
        if (words.length > 0) row[column] = Math.max(row[column]!, words.at(-1)!.end - words[0]!.col);
      });
    }
  }
  const grids = new Map<number, number[]>();
  for (const [n, row] of widths) {
    const starts = [left.get(n)!];
    for (let i = 1; i < row.length; i++) starts.push(starts[i - 1]! + row[i - 1]! + COLUMN_GAP);
    grids.set(n, starts);
  }
  return grids;
}

/**
 * The text reader's fallback: a text whose pipe, tab, grid or HTML tables hold no findings table,
 * but that has a findings header set out in aligned columns, is read as layout text.
 */
export function withLayoutFallback<T extends { tables: DocumentTable[]; warnings: NonNullable<ReadDocument['warnings']> }>(
  text: string,
  found: T,
): (T & { text?: undefined; textLines?: undefined }) | { tables: DocumentTable[]; warnings: NonNullable<ReadDocument['warnings']>; text: string; textLines: NonNullable<ReadDocument['textLines']> } {
  if (found.tables.some((t) => classifyHeader(t.header.cells) !== null) || !looksLikeLayoutText(text)) return found;
  const layout = readLayoutText(text);
  if (!layout.tables.some((t) => classifyHeader(t.header.cells) !== null)) return found;
  const doubt = misplacedMarks(text, layout.tables);
  if (doubt) throw new ExtractionFailure('no_findings_tables', `layout text (pdftotext -layout, w3m, html2text) whose table columns cannot be told apart reliably: ${doubt}; import the PDF or HTML itself`);
  return { tables: layout.tables, warnings: [...found.warnings, ...(layout.warnings ?? [])], text: layout.text, textLines: layout.textLines ?? [] };
}

const MARK_WORD = /(?:^|\s)(?:[✓✔√✗✘×üû\uF0FB\uF0FC]|X(?= \p{Lu}))(?=\s|$)/gu;

const startsWithMark = (cell: string) => MARK.test(cell.trim().split(/\s+/)[0] ?? '');

/**
 * Verdict marks are the check on the cut: every mark in the text must land in a findings cell. A mark left in an indicator or criterion cell, or lost, means cells were cut at
 * the wrong place or rows were taken apart (a converter that centres cells vertically), and the
 * findings would be wrong without saying so.
 */
function misplacedMarks(text: string, tables: DocumentTable[]): string | null {
  let inTables = 0;
  let misplaced = 0;
  let late = 0;
  for (const table of tables) {
    const kind = classifyHeader(table.header.cells);
    if (!kind) continue;
    const findings = new Set(kind.kind === 'criteria' ? [kind.findingsColumn] : kind.assessedColumns);
    for (const row of table.rows) {
      row.cells.forEach((cell, column) => {
        const count = cell.match(MARK_WORD)?.length ?? 0;
        if (!findings.has(column)) misplaced += count;
        else inTables += count;
        // A follow-up column's cell opens with its verdict mark: words before it came from the cell beside it.
        if (kind.kind === 'followup' && findings.has(column) && count > 0 && !startsWithMark(cell)) late++;
      });
    }
  }
  // In the whole text, not only the lines cut under a header: a table whose header the reader did not
  // know (its cells one space apart) or table lines no header's cut took in (a row whose columns
  // drifted) are lost otherwise. A mark standing as a word of its own is found nowhere else.
  const inText = text.split('\n').reduce((n, line) => n + (line.match(MARK_WORD)?.length ?? 0), 0);
  if (misplaced > 0) return `${misplaced} verdict mark(s) landed in an indicator or criterion cell`;
  if (late > 0) return `${late} follow-up cell(s) hold text before their verdict mark`;
  if (inTables < inText) return `${inText - inTables} of ${inText} verdict marks in the text are in no findings cell`;
  return null;
}

/** Layout text → the ReadDocument parts, rows located by the text's line numbers. */
export function readLayoutText(text: string): Pick<ReadDocument, 'text' | 'tables' | 'warnings' | 'pageCount' | 'textLines'> & { regions: LayoutPages['regions'] } {
  const layout = layoutTextPages(text);
  const result = layoutPdf(layout.pages);
  const tables = result.tables.map((table) => locateTable(table, layout));
  const textLines = result.lineSources.map((source) => {
    if (source.kind === 'prose') {
      const start = layout.lineAt(source.first.page, source.first.y);
      const end = layout.lineAt(source.last.page, source.last.y);
      return start === null ? null : { start, end: end !== null && end >= start ? end : start };
    }
    const table = tables[source.table]!;
    const location = source.row === -2 ? table.title?.location : source.row === -1 ? table.header.location : table.rows[source.row]?.location;
    const start = location?.lineStart ?? null;
    return start === null ? null : { start, end: Math.max(start, location?.lineEnd ?? start) };
  });
  const warnings: NonNullable<ReadDocument['warnings']> = [];
  // One warning per line, so that the finding read from it carries it (extract-report.ts).
  for (const line of layout.guessedCuts) {
    warnings.push({
      code: 'layout_cells_split_by_estimate',
      severity: 'warning',
      message: `line ${line} had only single spaces between cells and was cut where the lines around it put the column edge: a word at the cut may belong to the neighbouring cell`,
      location: { lineStart: line, lineEnd: line, page: null, locator: null },
    });
  }
  return { text: result.text, tables, warnings, pageCount: layout.pages.length, regions: layout.regions, textLines };
}

/**
 * The engine locates rows by page. A layout-text row starts on the line its cells' first words stand
 * on, found again in the synthetic page it came from, and ends where the next row starts, or with
 * the lines cut under its header.
 */
function locateTable(table: DocumentTable, layout: LayoutPages): DocumentTable {
  const at = (location: SourceLocation, text: string | null): SourceLocation => {
    const page = location.page;
    if (page === null) return location;
    const line = text === null ? null : findLine(layout, page, text, 0);
    return { lineStart: line, lineEnd: line, page: null, locator: `page ${page}` };
  };
  let from = 0;
  const starts = table.rows.map((row) => {
    const page = row.location.page;
    if (page === null) return null;
    // A cell's first four words, or three, or two: a cell whose first line holds fewer is still found.
    let start: number | null = null;
    for (let words = 4; words >= 2 && start === null; words--) {
      const found = row.cells.filter((c) => c.trim().length > 0).map((cell) => findLine(layout, page, firstWords(cell, words), from)).filter((n): n is number => n !== null);
      if (found.length > 0) start = Math.min(...found);
    }
    if (start !== null) from = start + 1;
    return start;
  });
  return {
    rowsGuessed: true,
    title: table.title ? { text: table.title.text, location: at(table.title.location, table.title.text) } : null,
    header: { cells: table.header.cells, location: at(table.header.location, table.header.cells.find((c) => c.length > 0) ?? null) },
    rows: table.rows.map((row, i) => {
      const page = row.location.page;
      const lineStart = starts[i] ?? null;
      if (page === null || lineStart === null) return row;
      const next = starts.slice(i + 1).find((n): n is number => n !== null);
      const region = layout.regions.find((r) => r.start <= lineStart && lineStart <= r.end);
      let lineEnd = next !== undefined ? next - 1 : (region?.end ?? lineStart);
      while (lineEnd > lineStart && !layout.filled.has(lineEnd)) lineEnd--;
      return { cells: row.cells, location: { lineStart, lineEnd, page: null, locator: `page ${page}` } };
    }),
  };
}

const firstWords = (cell: string, count: number) => cell.trim().split(/\s+/).slice(0, count).join(' ');

/** The first line at or after `from` (on this page, or any page when null) whose words hold `words` in a row. */
function findLine(layout: LayoutPages, page: number | null, words: string, from: number): number | null {
  const wanted = words.split(' ');
  let best: number | null = null;
  for (const p of layout.pages) {
    if (page !== null && p.number !== page) continue;
    for (const { line, strs } of wordLines(layout, p)) {
      if (line === null || line < from || (best !== null && line >= best)) continue;
      const hit = strs.some((_, i) => wanted.every((w, j) => strs[i + j] === w || (j === wanted.length - 1 && strs[i + j]?.startsWith(w.replace(/-$/, '')))));
      if (hit) best = line;
    }
    if (best !== null) return best;
  }
  return best;
}

const pageWordLines = new WeakMap<PdfPage, { line: number | null; strs: string[] }[]>();

/** A synthetic page's lines as the text's line numbers and their words left to right: made once per page, asked for every row. */
function wordLines(layout: LayoutPages, page: PdfPage): { line: number | null; strs: string[] }[] {
  let lines = pageWordLines.get(page);
  if (!lines) {
    const byY = new Map<number, PdfItem[]>();
    for (const item of page.items) {
      const items = byY.get(item.y);
      if (items) items.push(item);
      else byY.set(item.y, [item]);
    }
    lines = [...byY].map(([y, items]) => ({ line: layout.lineAt(page.number, y), strs: [...items].sort((a, b) => a.x - b.x).map((item) => item.str) }));
    pageWordLines.set(page, lines);
  }
  return lines;
}
