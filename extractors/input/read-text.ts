/** Text reports (.txt, .md and whatever earlier converters produced) → ReadDocument. */
import type { ReadDocument } from '../tables/document-table.js';
import { findTextTables } from '../tables/text-tables.js';
import { decodeText } from './decode-text.js';

export function readTextReport(bytes: Uint8Array): ReadDocument {
  const decoded = decodeText(bytes);
  const { tables, warnings } = findTextTables(decoded.text);
  return {
    text: decoded.text,
    tables,
    warnings: [...decoded.warnings, ...warnings],
    format: 'text',
    encoding: decoded.encoding,
    pageCount: null,
    notes: decoded.notes,
  };
}
