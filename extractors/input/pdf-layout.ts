/**
 * A PDF's pages of positioned text → the ReadDocument parts: its findings tables, and its text
 * in reading order (paragraphs rejoined, page headers and footers left out, each table row on
 * one line with its cells tab-separated, as the text reports have them).
 */
import type { DocumentTable } from '../tables/document-table.js';
import { OPENING_SYMBOLS } from '../findings/verdict-marks.js';
import { documentVocabulary, findFurniture, joinItems, lineRuns, lineText, pageLines, paragraphs, type Line, type PdfPage } from './pdf-lines.js';
import { buildTable, columnEdges, columnsOf, continuesTable, headerBandAt, linesAcrossEdges, sameHeader, splitHeaderAtColumns, type HeaderBand, type OpenTable } from './pdf-tables.js';

export interface PdfLayout {
  text: string;
  tables: DocumentTable[];
  /** Items cut at a column edge by estimated glyph widths: the cut may be a word off. */
  estimatedSplits: number;
  /** The page of each line of text. */
  linePages: number[];
  /**
   * Where each line of text comes from: the first and last source lines of its paragraph, or the table part it
   * writes (row -2 its title, -1 its header). Readers of synthetic pages map these back to their own
   * lines (layout-text.ts).
   */
  lineSources: LineSource[];
  /**
   * Verdict marks in text outside every table read, by page: a findings row the table engine did not
   * take (a table it ended too early) is otherwise lost without a word.
   */
  strayMarks: { page: number; marks: number }[];
}

export type LineSource = { kind: 'prose'; first: Line; last: Line } | { kind: 'table'; table: number; row: number };

type Segment = { kind: 'prose'; lines: Line[] } | { kind: 'table'; table: OpenTable };

/** A short single label right above a header row names the table (a theme), as in the text reports. */
function isTitleAbove(line: Line, band: HeaderBand): boolean {
  const text = lineText(line);
  const first = band.lines[0]!;
  return (
    line.page === first.page &&
    lineRuns(line).length === 1 &&
    text.length <= 40 &&
    !/[.:;]$/.test(text) &&
    first.y - line.y > 0 &&
    first.y - line.y <= 3.5 * first.size
  );
}

/** A theme title left alone at the foot of the previous page, its table starting on this one. */
function titleLeftOnPreviousPage(segments: Segment[], page: number): string | null {
  const last = segments.at(-1);
  if (last?.kind !== 'prose') return null;
  const line = last.lines.at(-1)!;
  const text = lineText(line);
  if (line.page !== page - 1 || lineRuns(line).length !== 1 || text.length > 40 || /[.:;]$/.test(text)) return null;
  last.lines.pop();
  if (last.lines.length === 0) segments.pop();
  return text;
}

/**
 * Does the table go on at the top of this page, its header not repeated? The first lines must fit
 * its columns, and a row in two or more columns must come before any running text: the rest of a
 * row (text in one column only) is then the part the page break cut off.
 */
function goesOnWithoutHeader(table: OpenTable, lines: Line[], start: number, bandAt: Map<Line, HeaderBand>): boolean {
  for (let i = start; i < Math.min(lines.length, start + 40); i++) {
    const columns = bandAt.has(lines[i]!) ? null : columnsOf(table, lines[i]!);
    if (columns === null) return false;
    if (columns.size >= 2 || (i === start && /^\p{Ll}/u.test(lineText(lines[i]!)))) return true;
  }
  return false;
}

/**
 * The lines a header's column edges are read from: the lines below it, up to the next table's
 * header (another table's columns would give false edges). A table that runs to the page foot may
 * have few there, so its likely continuation on the next page counts too, past a repeated header
 * at its top (alone or under the same title), but not past another table's header.
 */
function linesBelowHeader(rest: Line[], nextPage: Line[], bandAt: Map<Line, HeaderBand>, title: string | null): Line[] {
  const LIMIT = 60;
  const upToBand = (lines: Line[], from: number) => {
    const end = lines.findIndex((line, index) => index >= from && bandAt.has(line));
    return end < 0 ? lines : lines.slice(0, end);
  };
  const here = upToBand(rest, 0);
  if (here.length < rest.length || here.length >= LIMIT) return here.slice(0, LIMIT);
  // A header at the top repeats this one; under another title it opens another table.
  const first = nextPage.findIndex((line) => bandAt.has(line));
  const repeated = first === 0 || (first === 1 && title !== null && lineText(nextPage[0]!) === title);
  return [...here, ...upToBand(nextPage, repeated ? first + 1 : 0)].slice(0, LIMIT);
}

/** A few lines from `start` on, up to the next table header. */
function linesUpToHeader(lines: Line[], start: number, bandAt: Map<Line, HeaderBand>): Line[] {
  const out: Line[] = [];
  for (let i = start; i < Math.min(lines.length, start + 4) && !bandAt.has(lines[i]!); i++) out.push(lines[i]!);
  return out;
}

export function layoutPdf(pages: PdfPage[]): PdfLayout {
  const vocabulary = documentVocabulary(pages);
  const linesByPage = pages.map(pageLines);
  const bandAt = new Map<Line, HeaderBand>();
  const inBand = new Set<Line>();
  for (const lines of linesByPage) {
    for (let i = 0; i < lines.length; i++) {
      if (inBand.has(lines[i]!)) continue;
      const band = headerBandAt(lines, i, vocabulary);
      if (!band) continue;
      bandAt.set(band.lines[0]!, band);
      for (const line of band.lines) inBand.add(line);
    }
  }
  const furniture = findFurniture(pages, linesByPage, (line) => inBand.has(line));

  const segments: Segment[] = [];
  const prose = (line: Line) => {
    const last = segments.at(-1);
    if (last?.kind === 'prose') last.lines.push(line);
    else segments.push({ kind: 'prose', lines: [line] });
  };
  let open: OpenTable | null = null;
  // The line a table part's next line is measured from: the header above it, or its own last line.
  let previous: Line | null = null;
  pages.forEach((page, pageIndex) => {
    const lines = linesByPage[pageIndex]!.filter((line) => !furniture.has(line));
    let top = true;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const next = lines[i + 1];
      const band = bandAt.get(line);
      const titled = !band && next && bandAt.has(next) && isTitleAbove(line, bandAt.get(next)!) ? bandAt.get(next)! : null;
      const found = band ?? titled;
      if (found) {
        const nextLines = (linesByPage[pageIndex + 1] ?? []).filter((other) => !furniture.has(other));
        const below = linesBelowHeader(lines.slice(i + found.lines.length + (titled ? 1 : 0)), nextLines, bandAt, titled ? lineText(line) : null);
        const header = splitHeaderAtColumns(found, below, vocabulary);
        const title = titled ? lineText(line) : top ? titleLeftOnPreviousPage(segments, page.number) : null;
        const lefts = columnEdges(header, below);
        // A header repeated at the top of the next page (under the same title, if any) continues the table.
        const atPageTop = open !== null && top && open.parts.at(-1)!.page === page.number - 1;
        const repeated = atPageTop && sameHeader(open!.band, header) && (title === null || title === open!.title?.text);
        // LibreOffice may repeat another table's header rows (its title, widths, even its cells) over
        // a table's rest on the next page: the text below then fits the open table's columns, and
        // the header's own edges cut through it.
        const misplaced = atPageTop && linesAcrossEdges(below, open!.lefts) < linesAcrossEdges(below, lefts);
        if (repeated || misplaced) {
          // A browser may lay a table's columns out anew on each page (Chromium does, at large type):
          // a repeated header that moved gives this page's column edges.
          const moved = repeated && header.cells.some((cell, c) => Math.abs(cell.x0 - open!.band.cells[c]!.x0) > 1);
          if (moved && !misplaced) open!.lefts = lefts;
          open!.parts.push({ page: page.number, lines: [], lefts: open!.lefts });
        } else {
          open = { band: header, title: title === null ? null : { text: title, page: page.number }, parts: [{ page: page.number, lines: [], lefts }], lefts, estimatedSplits: header.estimatedSplits ?? 0 };
          segments.push({ kind: 'table', table: open });
        }
        previous = header.lines.at(-1)!;
        i += header.lines.length - (titled ? 0 : 1);
        top = false;
        continue;
      }
      if (open) {
        const part = open.parts.at(-1)!;
        if (part.page === page.number && continuesTable(open, line, previous, linesUpToHeader(lines, i + 1, bandAt))) {
          part.lines.push(line);
          previous = line;
          top = false;
          continue;
        }
        // A table that ran to the foot of the last page may go on here without repeating its header.
        if (part.page === page.number - 1 && top && goesOnWithoutHeader(open, lines, i, bandAt)) {
          open.parts.push({ page: page.number, lines: [line], lefts: open.lefts });
          previous = line;
          top = false;
          continue;
        }
        open = null;
      }
      prose(line);
      top = false;
    }
  });

  const proseLines = segments.flatMap((s) => (s.kind === 'prose' ? s.lines : []));
  const strayMarks = marksOutsideTables(proseLines);
  const rightEdge = proseLines.reduce((edge, line) => Math.max(edge, line.x1), 0);
  const tables: DocumentTable[] = [];
  const out: string[] = [];
  const lineSources: LineSource[] = [];
  let estimatedSplits = 0;
  for (const segment of segments) {
    if (segment.kind === 'prose') {
      const spans: { first: Line; last: Line }[] = [];
      out.push(...paragraphs(segment.lines, vocabulary, rightEdge, spans));
      lineSources.push(...spans.map((span) => ({ kind: 'prose' as const, ...span })));
      continue;
    }
    estimatedSplits += segment.table.estimatedSplits ?? 0;
    const table = buildTable(segment.table, vocabulary);
    const index = tables.push(table) - 1;
    if (table.title) {
      out.push(table.title.text);
      lineSources.push({ kind: 'table', table: index, row: -2 });
    }
    out.push(table.header.cells.join('\t'));
    lineSources.push({ kind: 'table', table: index, row: -1 });
    table.rows.forEach((row, r) => {
      out.push(row.cells.map((cell) => cell.replace(/\n/g, ' ')).join('\t'));
      lineSources.push({ kind: 'table', table: index, row: r });
    });
  }
  // A paragraph's page is the one it starts on; a table's lines take the page the table starts on
  // (their rows carry their own pages).
  const tableStarts = segments.flatMap((s) => (s.kind === 'table' ? [s.table.parts[0]!.page] : []));
  const linePages = lineSources.map((source) => (source.kind === 'prose' ? source.first.page : tableStarts[source.table]!));
  return { text: out.join('\n'), tables, estimatedSplits, linePages, lineSources, strayMarks };
}

/**
 * A verdict symbol before a capitalised word, anywhere in a line: a writer may set a cell's mark
 * against the cell left of it ("verbonden aan✓ Vanuit"), so it opens no run. A legend ("✓ = voldoet")
 * or a mention ("(✓)") is not followed by one.
 */
const SYMBOL_BEFORE_WORD = new RegExp(`[${OPENING_SYMBOLS}](?=\\s*["“„'‘]?\\p{Lu})`, 'gu');
/** The letter marks (X, and Wingdings' ü/û) count only where they open a run. */
const LETTER_MARK_OPENING = /^(?:X|ü|û)\s/u;

/** Per page, the verdict marks of these lines (cells side by side, or a line alone). */
function marksOutsideTables(lines: Line[]): { page: number; marks: number }[] {
  const byPage = new Map<number, number>();
  for (const line of lines) {
    const symbols = lineText(line).match(SYMBOL_BEFORE_WORD)?.length ?? 0;
    const marks = symbols + lineRuns(line).filter((run) => LETTER_MARK_OPENING.test(joinItems(run).trimStart())).length;
    if (marks > 0) byPage.set(line.page, (byPage.get(line.page) ?? 0) + marks);
  }
  return [...byPage].map(([page, marks]) => ({ page, marks }));
}
