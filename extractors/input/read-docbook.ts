/**
 * DocBook XML (.xml, .dbk: what pandoc -t docbook / docbook4 / docbook5 and publishing tool chains
 * write) → ReadDocument. The file is text, read by a strict XML parser (a file cut short or with an
 * end tag that closes nothing fails as damaged, rather than lose what the damage hid); its tables
 * are real tables (docbook-tables.ts), read by the grid every marked-up table goes through
 * (cell-grid.ts), and its prose becomes lines as the HTML reader makes them (docbook-text.ts).
 *
 * Unlike HTML, a DocBook file's lines are kept: each finding is located by the file lines of its
 * <row>, each line of the text by the lines it was made from, as for the text formats.
 *
 * pandoc without -s writes a body without its document element (several <section>s or <para>s side
 * by side, xlink:href without its namespace declaration): that is read as an XML fragment.
 */
import { parseFragment } from 'parse5';
import type { DocumentTable, ReadDocument } from '../tables/document-table.js';
import { readGrid, type LocateRows } from '../tables/cell-grid.js';
import { decodeText } from './decode-text.js';
import { docbookText } from './docbook-text.js';
import type { DocBookGridRow } from './docbook-tables.js';
import { inputLimits } from './limits.js';
import { loadSaxes, parseXml } from './xml-tree.js';

/** Elements per paragraph a report may hold: a table cell is an <entry> and a <para>, a list item three. */
const ELEMENTS_PER_PARAGRAPH = 5;

const locateRows: LocateRows<DocBookGridRow> = (first, last) => ({ lineStart: first.lines.start, lineEnd: last.lines.end, page: null, locator: null });

export async function readDocBookReport(bytes: Uint8Array): Promise<ReadDocument> {
  const decoded = decodeText(bytes);
  const SaxesParser = await loadSaxes();
  const limits = inputLimits();
  const root = parseXml(SaxesParser, decoded.text, {
    what: 'DocBook XML',
    fragment: !/^\s*<(?:\?xml\s|!DOCTYPE\s)/.test(decoded.text),
    unboundPrefix: 'urn:x-unbound-prefix',
    maxDepth: limits.maxDepth,
    maxElements: limits.maxParagraphs * ELEMENTS_PER_PARAGRAPH,
    entity: isoEntity,
  });
  const { lines, spans, tables } = docbookText(root);
  const read: DocumentTable[] = [];
  const warnings = [...decoded.warnings];
  for (const { grid, lineBefore } of tables) {
    const found = readGrid(grid, lineBefore, locateRows, (row) => row.holdsTable);
    read.push(...found.tables);
    warnings.push(...found.warnings);
  }
  return {
    text: lines.join('\n'),
    tables: read,
    ...(warnings.length > 0 ? { warnings } : {}),
    format: 'docbook',
    encoding: decoded.encoding,
    pageCount: null,
    notes: decoded.notes,
    textLines: spans,
  };
}

/**
 * An entity DocBook 4's DTD defines (&eacute;, &nbsp;, &mdash;: the ISO 8879 sets, whose names and
 * characters HTML took over), resolved as HTML resolves it: saxes reads no DTD. A name HTML does not
 * know stays undefined, and the file fails as damaged.
 */
function isoEntity(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]{0,31}$/.test(name)) return undefined;
  const node = parseFragment(`&${name};`).childNodes[0];
  const value = node && 'value' in node ? node.value : undefined;
  return value !== undefined && value !== `&${name};` ? value : undefined;
}
