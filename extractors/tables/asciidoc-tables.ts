/**
 * AsciiDoc tables, as pandoc's asciidoc writer leaves them:
 *   [width="100%",cols="23%,29%,48%",options="header",]
 *   |===
 *   |Criteria |Indicatoren |Bevindingen
 *   |GGSR zijn in beeld |Alle netwerkpartners hanteren dezelfde omschrijving
 *   van GGSR a|
 *   ✓ De ondervraagden …
 *   |===
 * A cell starts at a "|" that opens a line or follows white space, with an optional style before it
 * ("a|": a cell of paragraphs, apart by blank lines); its text runs on over lines until the next cell;
 * " +" at a line's end is a line break. Rows are the cells taken a row's width at a time, the width
 * from the `cols` attribute or the first line's cells, spans placed as AsciiDoc places them (layOut).
 */
import { cellToText } from './cell-markup.js';
import { lineLocation, type DocumentTable, type TableRow } from './document-table.js';
import { classifyHeader } from './header-row.js';

const DELIMITER = /^\|===\s*$/;
/** A cell's start: its bar, at a line's start or after white space, with an optional style or span before it. */
const CELL_START = /(^|[ \t])((?:\d*(?:\.\d+)?\+)?[adehlmsv]?)(?<!\\)\|/g;

/** The index of the closing "|===" of a table opened at `start`, or null. */
export function asciidocTableEnd(lines: string[], start: number): number | null {
  if (!DELIMITER.test(lines[start]!)) return null;
  for (let index = start + 1; index < lines.length; index++) if (DELIMITER.test(lines[index]!)) return index;
  return null;
}

interface Cell {
  text: string;
  line: number;
  /** Columns and rows it spans ("3+|", ".2+|", "2.3+|"). */
  columns: number;
  rows: number;
}

/**
 * The table between lines[start] and lines[end] (both "|==="): none when its cells do not fill whole
 * rows. `attributes` is the "[…]" line above it, if any.
 */
export function readAsciidocTable(lines: string[], start: number, end: number, attributes: string | null, title: DocumentTable['title']): DocumentTable[] {
  const cells: Cell[] = [];
  let widthOfFirstLine = 0;
  for (let index = start + 1; index < end; index++) {
    const line = lines[index]!;
    let last = 0;
    let starts = 0;
    for (const match of line.matchAll(CELL_START)) {
      const span = /^(\d*)(?:\.(\d+))?\+/.exec(match[2]!);
      if (cells.length > 0) cells.at(-1)!.text += line.slice(last, match.index! + match[1]!.length);
      cells.push({ text: '', line: index + 1, columns: Number(span?.[1] || 1), rows: Number(span?.[2] || 1) });
      last = match.index! + match[0].length;
      starts++;
    }
    if (cells.length > 0) cells.at(-1)!.text += `${line.slice(last)}\n`;
    if (widthOfFirstLine === 0 && starts > 0) widthOfFirstLine = starts;
  }
  const width = columnsOf(attributes) ?? widthOfFirstLine;
  const laidOut = layOut(cells, width);
  if (laidOut === null) return [];
  const rows: TableRow[] = laidOut.map((row, index) => {
    const next = laidOut[index + 1];
    const lastLine = next ? next.firstLine - 1 : end;
    return { cells: row.texts.map(cellText), location: lineLocation(row.firstLine, Math.max(row.firstLine, lastLine)) };
  });
  // The findings header may come after a theme row across the table (its one filled cell is the title).
  const headerAt = rows.findIndex((row) => classifyHeader(row.cells) !== null);
  if (headerAt < 0) return [];
  const themeRow = headerAt > 0 ? rows[headerAt - 1]!.cells.filter((cell) => cell !== '') : [];
  const theme = themeRow.length === 1 ? { text: themeRow[0]!, location: rows[headerAt - 1]!.location } : title;
  return [{ title: theme, header: rows[headerAt]!, rows: rows.slice(headerAt + 1) }];
}

/**
 * The cells in rows of `width` columns, as AsciiDoc places them: a cell spanning columns ("3+|") fills
 * them, one spanning rows (".2+|") holds its columns in the rows below, which are left empty there (as
 * a criterion printed once). Null when the cells do not fill whole rows.
 */
function layOut(cells: Cell[], width: number): { texts: string[]; firstLine: number }[] | null {
  if (width < 2 || cells.length === 0) return null;
  const rows: { texts: string[]; firstLine: number }[] = [];
  const heldFor = new Array<number>(width).fill(0);
  let next = 0;
  while (next < cells.length) {
    const texts: string[] = [];
    let firstLine = cells[next]!.line;
    let column = 0;
    while (column < width) {
      if (heldFor[column]! > 0) {
        heldFor[column]!--;
        texts.push('');
        column++;
        continue;
      }
      const cell = cells[next++];
      if (!cell || column + cell.columns > width) return null;
      if (texts.every((text) => text === '')) firstLine = Math.min(firstLine, cell.line);
      texts.push(cell.text, ...Array<string>(cell.columns - 1).fill(''));
      for (let spanned = column; spanned < column + cell.columns; spanned++) heldFor[spanned] = cell.rows - 1;
      column += cell.columns;
    }
    rows.push({ texts, firstLine });
  }
  return heldFor.every((held) => held === 0) ? rows : null;
}

/** The number of columns the `cols` attribute gives ("23%,29%,48%", "3*", "1,2,3"), or null. */
function columnsOf(attributes: string | null): number | null {
  const cols = /cols="([^"]*)"/.exec(attributes ?? '')?.[1];
  if (!cols) return null;
  const repeat = /^(\d+)\*/.exec(cols);
  if (repeat) return Number(repeat[1]);
  // Entries may be empty (",,": three columns of default width).
  return cols.split(',').length;
}

/**
 * A cell's text: " +" line breaks and blank lines end blocks, other line ends are spaces, "\|" a bar,
 * and AsciiDoc's bold ("*X*", how a verdict mark in bold comes out) is plain.
 */
function cellText(raw: string): string {
  const blocks = raw
    .replace(/\\\|/g, '|')
    .replace(/(^|[^\p{L}\p{N}*])\*([^*\n]+(?:\n[^*\n]+)*)\*(?![\p{L}\p{N}*])/gu, '$1$2')
    .split(/ \+\n|\n[ \t]*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block.length > 0);
  return cellToText(blocks.join('<br>'));
}
