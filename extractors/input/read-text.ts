/** Text reports (.txt, .md and whatever earlier converters produced) → ReadDocument. */
import type { ReadDocument } from '../tables/document-table.js';
import { FLATTENED_TEXT, withFlattenedFallback } from '../tables/flattened-text.js';
import { findTextTables } from '../tables/text-tables.js';
import { decodeText, type DecodedText } from './decode-text.js';
import { LAYOUT_TEXT, withLayoutFallback } from './layout-text.js';

export function readTextReport(bytes: Uint8Array): ReadDocument {
  return readDecodedText(decodeText(bytes), 'text');
}

/** Text from a file or out of a binary format ('doc': read-doc.ts) → its tables, by the same readers. */
export function readDecodedText(decoded: DecodedText, format: 'text' | 'doc'): ReadDocument {
  // Flattened tables (running text) are the last resort, when no other reader found a findings table.
  // Layout text (pdftotext -layout, w3m -dump) comes before them: its columns are real tables.
  const layout = withLayoutFallback(decoded.text, findTextTables(decoded.text));
  const read = withFlattenedFallback(decoded.text, layout);
  const { tables, warnings } = read;
  const rebuiltFrom = read !== layout ? FLATTENED_TEXT : layout.text !== undefined ? LAYOUT_TEXT : 'rebuiltFrom' in read ? read.rebuiltFrom : undefined;
  return {
    text: layout.text ?? decoded.text,
    tables,
    warnings: [...decoded.warnings, ...warnings, ...omittedTables(decoded.text)],
    format,
    encoding: decoded.encoding,
    pageCount: null,
    notes: decoded.notes,
    ...(rebuiltFrom ? { rebuiltFrom } : {}),
    ...(read === layout && layout.textLines !== undefined ? { textLines: layout.textLines } : {}),
  };
}

/**
 * Pandoc's writers that cannot express a table (markua, and others for tables with merged or
 * multi-paragraph cells) leave "[TABLE]" in its place: the findings in it are not in the text at all.
 */
function omittedTables(text: string): NonNullable<ReadDocument['warnings']> {
  const warnings: NonNullable<ReadDocument['warnings']> = [];
  if (!text.includes('[TABLE]')) return warnings;
  text.split('\n').forEach((line, index) => {
    if (line.trim() !== '[TABLE]') return;
    warnings.push({
      code: 'table_omitted',
      severity: 'warning',
      message: `the converter wrote "[TABLE]" in place of a table at line ${index + 1}: whatever findings it held are not in this file; import the document it was made from`,
      location: { lineStart: index + 1, lineEnd: index + 1, page: null, locator: null },
    });
  });
  return warnings;
}
