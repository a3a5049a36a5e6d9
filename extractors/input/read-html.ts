/**
 * HTML reports (.html, .htm: saved web pages, Word's "save as web page") → ReadDocument. The
 * tables are real <table> elements, so no layout guessing: cells come from the table model
 * (rowspan, colspan) and keep their block structure (<p>, <br>, lists) as "\n".
 */
import { parse } from 'parse5';
import type { ReadDocument } from '../tables/document-table.js';
import { decodeText } from './decode-text.js';
import { findingsTables } from './html-tables.js';
import { documentText } from './html-text.js';

export function readHtmlReport(bytes: Uint8Array): ReadDocument {
  const decoded = decodeText(bytes);
  return { ...readHtmlString(decoded.text, 'html', decoded.encoding, decoded.notes), warnings: decoded.warnings };
}

/** Also the DOCX path: mammoth turns a Word document into this same HTML. */
export function readHtmlString(html: string, format: 'html' | 'docx', encoding: string, notes: string[]): ReadDocument {
  const { lines, tables } = documentText(parse(html));
  return {
    text: lines.join('\n'),
    tables: tables.flatMap(({ element, lineBefore }, index) => findingsTables(element, index + 1, lineBefore)),
    format,
    encoding,
    pageCount: null,
    notes,
  };
}
