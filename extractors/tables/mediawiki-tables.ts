/**
 * MediaWiki tables, as pandoc's mediawiki writer and wiki exports leave them:
 *   {|
 *   ! Criteria
 *   ! Indicatoren
 *   ! Bevindingen
 *   |-
 *   | rowspan="2" | GGSR zijn in beeld
 *   | Alle netwerkpartners hanteren dezelfde omschrijving van GGSR
 *   | ✓ De ondervraagden …<br />
 *   LET OP: …
 *   |}
 * "|-" starts a row, "!" header cells and "|" data cells (several on a line apart by "!!" or "||"), a
 * cell's attributes before a single "|" (rowspan, colspan); a line that starts with none of these goes
 * on in the cell above it. The table is turned into the HTML it stands for and read by the HTML
 * reader's table model (html-in-text.ts), so spans and theme rows mean what they mean in an .html file.
 */
import { parseFragment } from 'parse5';
import { isElement } from '../input/html-text.js';
import type { DocumentTable } from './document-table.js';
import { findingsTablesAtLines } from './html-in-text.js';

export const startsMediawikiTable = (line: string) => line.startsWith('{|');

/** The index of the "|}" closing a table opened at `start` (nested tables counted), or null. */
export function mediawikiTableEnd(lines: string[], start: number): number | null {
  let depth = 0;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!.trimStart();
    if (line.startsWith('{|')) depth++;
    else if (line.startsWith('|}')) depth--;
    if (depth === 0) return index;
  }
  return null;
}

interface WikiCell {
  tag: 'th' | 'td';
  attributes: string;
  content: string;
}

interface WikiRow {
  cells: WikiCell[];
  /** 0-based lines of the text the row runs over. */
  first: number;
  last: number;
}

/** "rowspan="2" style="…"": what may stand before a cell's single "|". */
const ATTRIBUTES = /^\s*(?:[A-Za-z-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'|]+)\s*)+$/;
const SPAN_ATTRIBUTE = /\b(colspan|rowspan)\s*=\s*["']?(\d{1,4})/gi;

/**
 * The findings tables of the MediaWiki table on lines[start..end] ("{|" to "|}"): none when it holds
 * another table (left to be read as text). `tableNumber` counts the file's HTML-modelled tables.
 */
export function readMediawikiTable(lines: string[], start: number, end: number, tableNumber: number, lineBefore: string | null): DocumentTable[] {
  const rows: WikiRow[] = [];
  let row: WikiRow | null = null;
  let caption: string | null = null;
  const cellAt = () => row?.cells.at(-1) ?? null;
  for (let index = start + 1; index < end; index++) {
    const raw = lines[index]!;
    const line = raw.trimStart();
    if (line.startsWith('{|')) return [];
    if (line.startsWith('|-')) {
      row = { cells: [], first: index, last: index };
      rows.push(row);
      continue;
    }
    if (line.startsWith('|+')) {
      caption = wikiInline(line.slice(2).trim());
      continue;
    }
    const tag = line.startsWith('!') ? 'th' : line.startsWith('|') ? 'td' : null;
    if (tag === null) {
      const cell = cellAt();
      if (cell) cell.content += `\n${raw}`;
      if (row) row.last = index;
      continue;
    }
    if (!row) {
      row = { cells: [], first: index, last: index };
      rows.push(row);
    }
    row.last = index;
    // Header lines may part their cells by "!!" or "||", data lines by "||".
    const parts = line.slice(1).split(tag === 'th' ? /!!|\|\|/ : /\|\|/);
    for (const part of parts) row.cells.push({ tag, ...splitAttributes(part) });
  }
  const filled = rows.filter((r) => r.cells.length > 0);
  if (filled.length === 0) return [];
  const html = `<table>${filled.map((r) => `<tr>${r.cells.map(cellHtml).join('')}</tr>`).join('\n')}</table>`;
  const table = parseFragment(html).childNodes.filter(isElement).find((node) => node.tagName === 'table');
  if (!table) return [];
  const rowLines = filled.map((r) => ({ start: r.first + 1, end: r.last + 1 }));
  return findingsTablesAtLines(table, tableNumber, caption ?? lineBefore, rowLines, start + 1);
}

/** A cell's attributes (before a single "|", when they read as attributes) and its content. */
function splitAttributes(part: string): { attributes: string; content: string } {
  const bar = singleBar(part);
  if (bar >= 0 && ATTRIBUTES.test(part.slice(0, bar))) return { attributes: part.slice(0, bar), content: part.slice(bar + 1) };
  return { attributes: '', content: part };
}

/** The first "|" outside a link ("[[a|b]]"), or -1. */
function singleBar(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('[[', i)) depth++;
    else if (text.startsWith(']]', i)) depth = Math.max(0, depth - 1);
    else if (text[i] === '|' && depth === 0) return i;
  }
  return -1;
}

function cellHtml(cell: WikiCell): string {
  const spans = [...cell.attributes.matchAll(SPAN_ATTRIBUTE)].map((m) => ` ${m[1]!.toLowerCase()}="${m[2]}"`).join('');
  // A blank line parts paragraphs; a single line end is a space, as MediaWiki renders it.
  const content = wikiInline(cell.content).replace(/\n[ \t]*\n\s*/g, '<br>');
  return `<${cell.tag}${spans}>${content}</${cell.tag}>`;
}

/** Inline wiki markup to text: bold and italic quotes, links; HTML (<br />, entities) stays for the parser. */
function wikiInline(text: string): string {
  return text
    // Paired only: a lone "''" is a writer's literal quotes, left as printed.
    .replace(/'''(.+?)'''/g, '$1')
    .replace(/''(.+?)''/g, '$1')
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[(?:https?|ftp|mailto):[^\s\]]+\s+([^\]]*)\]/g, '$1')
    .trim();
}
