/**
 * Raw HTML <table>s inside a text or markdown file. Pandoc writes one when a table is too complex
 * for the target's own table syntax (rowspan/colspan, several paragraphs in a cell): always for
 * commonmark and markdown_strict, for gfm and its default markdown when cells are merged. The
 * table is read by the HTML reader's own table model (extractors/input/html-tables.ts), so
 * rowspans and spanning theme rows mean the same here as in an .html file; only the locations
 * are turned back into line numbers of the text file.
 */
import { parseFragment } from 'parse5';
import { findingsTables } from '../input/html-tables.js';
import { isTitleText } from './cell-grid.js';
import { withEnDashes } from './cell-markup.js';
import { isElement, ownRows, type HtmlElement } from '../input/html-text.js';
import type { DocumentTable } from './document-table.js';

const TABLE_OPEN = /<table\b/gi;
const TABLE_CLOSE = /<\/table\s*>/gi;

export const startsHtmlTable = (line: string) => /^\s*<table\b/i.test(line);

/**
 * The lines from `start` (a line opening a <table>) to the one closing it, nested tables counted.
 * Returns null when the table never closes (truncated file): the lines are then read as text.
 */
export function htmlTableEnd(lines: string[], start: number): number | null {
  let depth = 0;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.includes('table')) continue;
    depth += (line.match(TABLE_OPEN)?.length ?? 0) - (line.match(TABLE_CLOSE)?.length ?? 0);
    if (depth <= 0) return index;
  }
  return null;
}

/**
 * Findings tables of the HTML table on lines[start..end] (0-based, inclusive). `lineBefore` is the
 * text line above it that may name it (a theme printed as a paragraph); `tableNumber` counts the
 * HTML tables in the file, for the HTML reader's locators, which are mapped back to lines here.
 */
export function readHtmlTableLines(lines: string[], start: number, end: number, tableNumber: number, lineBefore: string | null): DocumentTable[] {
  // Spelled en dashes as the text's own cells read them (Textile writes its HTML cells' "–" as "  -  "):
  // the HTML model collapses the spaces that tell them from a hyphen. Lines and their count stay.
  const fragment = parseFragment(withEnDashes(lines.slice(start, end + 1).join('\n')), { sourceCodeLocationInfo: true });
  const table = fragment.childNodes.filter(isElement).find((node) => node.tagName === 'table');
  if (!table) return [];
  return findingsTablesAtLines(table, tableNumber, lineBefore, ownRows(table).map((row) => rowSpan(row, start)), start + 1);
}

/**
 * The findings tables of an HTML table written in a text file, their locations as lines of the file:
 * `rowLines` gives each <tr>'s first and last line (1-based), `fallbackLine` the line of what has no row.
 */
export function findingsTablesAtLines(table: HtmlElement, tableNumber: number, lineBefore: string | null, rowLines: { start: number; end: number }[], fallbackLine: number): DocumentTable[] {
  const found = findingsTables(table, tableNumber, lineBefore && isTitleText(lineBefore) ? lineBefore : null);
  const relocate = (location: DocumentTable['header']['location']): DocumentTable['header']['location'] => {
    const rows = /rows? (\d+)(?:-(\d+))?$/.exec(location.locator ?? '');
    if (!rows) return { ...location, lineStart: fallbackLine, lineEnd: fallbackLine, locator: null };
    const first = rowLines[Number(rows[1]) - 1];
    const last = rowLines[Number(rows[2] ?? rows[1]) - 1];
    return first && last ? { lineStart: first.start, lineEnd: last.end, page: null, locator: null } : location;
  };
  return found.map((t) => ({
    title: t.title ? { text: t.title.text, location: relocate(t.title.location) } : null,
    header: { cells: t.header.cells, location: relocate(t.header.location) },
    rows: t.rows.map((row) => ({ cells: row.cells, location: relocate(row.location) })),
  }));
}

/** A <tr>'s first and last line in the text file (1-based). */
function rowSpan(row: HtmlElement, firstLineIndex: number): { start: number; end: number } {
  const where = row.sourceCodeLocation;
  const start = firstLineIndex + (where?.startLine ?? 1);
  return { start, end: firstLineIndex + (where?.endLine ?? where?.startLine ?? 1) };
}
