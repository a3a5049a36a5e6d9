/**
 * One segment of a bundle as a document of its own, for the extractors to read as if it were the
 * whole file: its tables, and its text with every line outside the segment left empty, so line
 * numbers (findings' source lines, evidence lines) still point into the file.
 */
import type { ReadDocument } from '../tables/document-table.js';
import type { Segment } from './segment-document.js';

export function segmentDocumentOf(document: ReadDocument, lines: readonly string[], findingsTables: ReadDocument['tables'], segment: Segment): ReadDocument {
  const kept = new Set(segment.tables.map((i) => findingsTables[i]!));
  const text = lines.map((line, i) => (i + 1 >= segment.lineStart && i + 1 <= segment.lineEnd ? line : '')).join('\n');
  const inSpan = (lineStart: number | null, page: number | null) =>
    lineStart !== null
      ? lineStart >= segment.lineStart && lineStart <= segment.lineEnd
      : page !== null && segment.pageStart !== null && segment.pageEnd !== null
        ? page >= segment.pageStart && page <= segment.pageEnd
        : true;
  return {
    ...document,
    text,
    // Other tables (not findings tables) go with the segment whose lines hold them; those without lines are left out.
    tables: document.tables.filter((t) => kept.has(t) || (!findingsTables.includes(t) && t.header.location.lineStart !== null && inSpan(t.header.location.lineStart, null))),
    // A warning about a place goes with the segment holding it; one about the whole file goes with every segment.
    warnings: document.warnings?.filter((w) => w.location === null || inSpan(w.location.lineStart, w.location.page)),
  };
}
