/**
 * Text out of a parsed HTML tree (parse5), as the text pipeline expects it: a cell's content as
 * blocks joined by "\n" (block elements and <br> end a block, as in cell-markup.ts), and a
 * document as lines: one per paragraph, list items as "- item", table rows as tab-separated cells.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { blockLines, collapseWhitespace } from '../tables/cell-markup.js';
import { normaliseSymbolText, symbolTableFor } from './symbol-fonts.js';

export type HtmlElement = DefaultTreeAdapterTypes.Element;
type HtmlNode = DefaultTreeAdapterTypes.Node;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'legend', 'li', 'list', 'list-item', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'svg', 'math', 'object', 'iframe']);

export const isElement = (node: HtmlNode): node is HtmlElement => 'tagName' in node;
export const attribute = (element: HtmlElement, name: string): string | null => element.attrs.find((a) => a.name === name)?.value ?? null;
const childrenOf = (node: HtmlNode): HtmlNode[] => ('childNodes' in node ? node.childNodes : []);

/** A symbol font set on this element (Word's HTML marks ✓ as <span style="font-family:Wingdings">ü</span>). */
function symbolFontOn(element: HtmlElement): string | null {
  const family = /font-family\s*:\s*["']?([^;"',]+)/i.exec(attribute(element, 'style') ?? '')?.[1] ?? (element.tagName === 'font' ? attribute(element, 'face') : null);
  return family && symbolTableFor(family.trim()) ? family.trim() : null;
}

/** Blocks of an element's text: block boundaries become "\n", white space collapses as a browser would. */
export function elementBlocks(element: HtmlElement): string {
  const parts: string[] = [];
  const walk = (node: HtmlNode, symbolFont: string | null) => {
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value;
      parts.push(symbolFont ? normaliseSymbolText(value, symbolFont) : value.replace(/\n/g, ' '));
      return;
    }
    if (!isElement(node)) return;
    if (SKIPPED.has(node.tagName)) return;
    const block = BLOCK.has(node.tagName);
    if (block) parts.push('\n');
    const font = symbolFontOn(node) ?? symbolFont;
    for (const child of childrenOf(node)) walk(child, font);
    if (block) parts.push('\n');
  };
  for (const child of childrenOf(element)) walk(child, symbolFontOn(element));
  return blockLines(parts);
}

/** Table rows of this table, not of tables nested in its cells. */
export function ownRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  for (const child of table.childNodes.filter(isElement)) {
    if (child.tagName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) rows.push(...child.childNodes.filter(isElement).filter((c) => c.tagName === 'tr'));
  }
  return rows;
}

export const ownCells = (row: HtmlElement) => row.childNodes.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th');

export interface HtmlText {
  lines: string[];
  /** Every table in document order (nested ones too), with the text line just before it. */
  tables: { element: HtmlElement; lineBefore: string | null }[];
}

/** The document as lines of text, and where its tables are. */
export function documentText(root: HtmlNode): HtmlText {
  const lines: string[] = [];
  const tables: HtmlText['tables'] = [];
  let current = '';
  /** The last element opened was an <li>: its marker alone is in `current`, waiting for its text. */
  let markerOpen = false;
  const flush = () => {
    const text = collapseWhitespace(current);
    if (text) lines.push(text);
    current = '';
  };
  const walk = (node: HtmlNode, symbolFont: string | null) => {
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value;
      current += symbolFont ? normaliseSymbolText(value, symbolFont) : value;
      return;
    }
    if (!isElement(node)) {
      for (const child of childrenOf(node)) walk(child, symbolFont);
      return;
    }
    if (SKIPPED.has(node.tagName)) return;
    if (node.tagName === 'table') {
      flush();
      noteTables(node, lines.at(-1) ?? null);
      for (const row of ownRows(node)) {
        const cells = ownCells(row).map((cell) => elementBlocks(cell).replace(/\n/g, ' '));
        if (cells.some((c) => c.length > 0)) lines.push(cells.join('\t'));
      }
      return;
    }
    const block = BLOCK.has(node.tagName);
    // A list item's first paragraph (<li><p>…</p>, as LibreOffice and the OpenDocument reader write
    // it; <li><blockquote><p>, as pandoc's html4 does) goes on the item's line, after its marker, as a
    // browser shows it. JATS writes a list item as <list-item>.
    const waiting = markerOpen && current.trim() === '-';
    if (block && !waiting) flush();
    const item = node.tagName === 'li' || node.tagName === 'list-item';
    markerOpen = item || waiting;
    if (item) current = '- ';
    const font = symbolFontOn(node) ?? symbolFont;
    for (const child of childrenOf(node)) walk(child, font);
    if (block) flush();
  };
  // Nested tables are found too (a web page may lay its findings table out inside another table).
  const noteTables = (table: HtmlElement, lineBefore: string | null) => {
    tables.push({ element: table, lineBefore });
    const visit = (node: HtmlNode) => {
      for (const child of childrenOf(node)) {
        if (isElement(child) && child.tagName === 'table') tables.push({ element: child, lineBefore: null });
        visit(child);
      }
    };
    visit(table);
  };
  walk(root, null);
  flush();
  return { lines, tables };
}
