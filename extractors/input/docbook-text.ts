/**
 * A DocBook tree as the lines of text the pipeline reads (metadata, narrative), in the shape the HTML
 * reader gives them (html-text.ts's documentText): one line per paragraph or title, list items as
 * "- item" with their first paragraph on the marker's line, table rows as tab-separated cells, a
 * verbatim block line by line; footnotes after the document. Each line keeps the file lines it was
 * made from, so what is found in the text is located in the file.
 *
 * Tables are laid out here (docbook-tables.ts) with the line before each, which may name it; a
 * table's own <title> is that line.
 */
import { collapseWhitespace } from '../tables/cell-markup.js';
import type { LineBefore } from '../tables/cell-grid.js';
import { BLOCK, docbookName, elementBlocks, HIDDEN, INFO, isTitle, VERBATIM } from './docbook-blocks.js';
import { docbookTableGrid, nestedTables, TABLES, type DocBookGridRow } from './docbook-tables.js';
import { DOCUMENT, TEXT, type XmlNode } from './xml-tree.js';

export interface DocBookText {
  lines: string[];
  /** For each line, the first and last file line it was made from. */
  spans: { start: number; end: number }[];
  /** Every table in document order (those in a cell too, after theirs), with the line before it. */
  tables: { grid: DocBookGridRow[]; lineBefore: LineBefore | null }[];
}

export function docbookText(root: XmlNode): DocBookText {
  const lines: string[] = [];
  const spans: DocBookText['spans'] = [];
  const tables: DocBookText['tables'] = [];
  const notes: XmlNode[] = [];
  let current = '';
  /** File lines of the text in `current`; null while it holds none. */
  let span: { start: number; end: number } | null = null;
  /** The line of the block element `current` belongs to: the span of a line without text (a lone list marker). */
  let blockLine = 1;
  /** The last element opened was a list item: its marker alone is in `current`, waiting for its text. */
  let markerOpen = false;

  const push = (text: string, at: { start: number; end: number }) => {
    lines.push(text);
    spans.push(at);
  };
  const flush = () => {
    const text = collapseWhitespace(current);
    if (text) push(text, span ?? { start: blockLine, end: blockLine });
    current = '';
    span = null;
  };
  const extend = (start: number, end: number) => {
    span = span ? { start: Math.min(span.start, start), end: Math.max(span.end, end) } : { start, end };
  };

  const text = (node: XmlNode, verbatim: boolean) => {
    const value = node.nodeValue ?? '';
    if (!verbatim) {
      current += value;
      if (node.line > 0) extend(node.line, node.endLine);
      return;
    }
    // A verbatim block's line breaks end its lines; each piece is on its own file line.
    const pieces = value.split('\n');
    const firstLine = node.line - (value.slice(0, Math.max(0, value.search(/\S/))).match(/\n/g)?.length ?? 0);
    pieces.forEach((piece, index) => {
      if (index > 0) flush();
      current += piece;
      if (piece.trim()) extend(firstLine + index, firstLine + index);
    });
  };

  const table = (node: XmlNode) => {
    flush();
    // The table's caption is printed above it, and may name it (a theme).
    for (const child of node.childNodes) if (isTitle(child) || docbookName(child) === 'caption') walk(child, false);
    flush();
    const lineBefore = lines.length > 0 ? { text: lines.at(-1)!, location: { lineStart: spans.at(-1)!.start, lineEnd: spans.at(-1)!.end, page: null, locator: null } } : null;
    const grid = docbookTableGrid(node, (cell) => elementBlocks(cell, notes));
    tables.push({ grid, lineBefore });
    // A table inside a cell is read too (its cell's text holds it as well, as in HTML).
    for (const inner of nestedTables(node)) tables.push({ grid: docbookTableGrid(inner, (cell) => elementBlocks(cell, [])), lineBefore: null });
    for (const row of grid) if (row.cells.some((cell) => cell.length > 0)) push(row.cells.map((cell) => cell.replace(/\n/g, ' ')).join('\t'), row.lines);
  };

  const walk = (node: XmlNode, verbatim: boolean) => {
    if (node.nodeType === TEXT) return text(node, verbatim);
    const name = docbookName(node);
    if (name === null) {
      // The document node, or a formula or drawing: only the first is walked.
      if (node.nodeType === DOCUMENT) for (const child of node.childNodes) walk(child, verbatim);
      return;
    }
    if (HIDDEN.has(name)) return;
    if (name === 'footnote') return void notes.push(node);
    if (TABLES.has(name)) return table(node);
    if (INFO.has(name)) {
      for (const child of node.childNodes) if (isTitle(child)) walk(child, false);
      return;
    }
    const block = BLOCK.has(name);
    // A list item's first paragraph goes on the item's line, after its marker, as a rendering shows it.
    const waiting = markerOpen && current.trim() === '-';
    if (block && !waiting) flush();
    const item = name === 'listitem';
    markerOpen = item || waiting;
    if (block && !waiting) blockLine = node.line;
    if (item) current = '- ';
    const inVerbatim = verbatim || VERBATIM.has(name);
    for (const child of node.childNodes) walk(child, inVerbatim);
    if (block) flush();
  };

  walk(root, false);
  flush();
  // Footnotes, in the order they were met (a note inside a note after its own); each a paragraph of its own.
  for (let index = 0; index < notes.length; index++) {
    const note = notes[index]!;
    for (const child of note.childNodes) walk(child, false);
    flush();
  }
  return { lines, spans, tables };
}

