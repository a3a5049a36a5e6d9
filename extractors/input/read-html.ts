/**
 * HTML reports (.html, .htm: saved web pages, Word's "save as web page") → ReadDocument. The
 * tables are real <table> elements, so no layout guessing: cells come from the table model
 * (rowspan, colspan) and keep their block structure (<p>, <br>, lists) as "\n".
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { ReadDocument } from '../tables/document-table.js';
import { decodeText } from './decode-text.js';
import { readHtmlTable } from './html-tables.js';
import { documentText } from './html-text.js';
import { inputLimits, tooDeep } from './limits.js';

export function readHtmlReport(bytes: Uint8Array): ReadDocument {
  const decoded = decodeText(bytes);
  const document = readHtmlString(decoded.text, 'html', decoded.encoding, decoded.notes);
  // The tables' warnings (rows no findings table holds, headers inferred) and the decoding's, both.
  const warnings = [...decoded.warnings, ...(document.warnings ?? [])];
  return { ...document, warnings };
}

/** Also the DOCX path: mammoth turns a Word document into this same HTML. */
export function readHtmlString(html: string, format: 'html' | 'docx' | 'odt' | 'rtf', encoding: string, notes: string[]): ReadDocument {
  const tree = parse(html);
  // The text walk below recurses; a tree deeper than any real document is refused before it.
  const depth = nestingDepth(tree, inputLimits().maxDepth);
  if (depth > inputLimits().maxDepth) throw tooDeep(`elements nested more than ${inputLimits().maxDepth} deep`);
  const { lines, tables } = documentText(tree);
  const read = tables.map(({ element, lineBefore }, index) => readHtmlTable(element, index + 1, lineBefore));
  const warnings = read.flatMap((table) => table.warnings);
  return {
    text: lines.join('\n'),
    tables: read.flatMap((table) => table.tables),
    ...(warnings.length > 0 ? { warnings } : {}),
    format,
    encoding,
    pageCount: null,
    notes,
  };
}

type Node = DefaultTreeAdapterTypes.Node;

/** Deepest nesting of the tree, counted without recursion and given up on past the limit. */
function nestingDepth(root: Node, limit: number): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if ('childNodes' in node) for (const child of node.childNodes) stack.push([child, depth + 1]);
    // <template> keeps its children in a separate fragment.
    if ('content' in node) stack.push([node.content, depth + 1]);
  }
  return deepest;
}
