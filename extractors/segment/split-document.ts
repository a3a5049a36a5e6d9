/**
 * Each segment of a bundle as a document of its own, for the extractors to read as if it were the
 * whole file: its tables, its lines of text and the file line they start at (firstLine), so line
 * numbers (findings' source lines, evidence lines) still point into the file. Work is linear in the file: a file holding one
 * report thousands of times must not cost thousands of passes over the whole file.
 */
import type { DocumentTable, ReadDocument } from '../tables/document-table.js';
import type { Segment } from './segment-document.js';

export function splitDocument(document: ReadDocument, lines: readonly string[], findingsTables: readonly DocumentTable[], segments: readonly Segment[]): ReadDocument[] {
  const findingsSet = new Set(findingsTables);
  const owner = (line: number | null, page: number | null): number | null => {
    if (line !== null) {
      // Segments are in line order and contiguous: binary search for the last one starting at or before the line.
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (segments[mid]!.lineStart <= line) low = mid;
        else high = mid - 1;
      }
      const s = segments[low]!;
      return line >= s.lineStart && line <= s.lineEnd ? low : null;
    }
    if (page === null) return null;
    const i = segments.findIndex((s) => s.pageStart !== null && s.pageEnd !== null && page >= s.pageStart && page <= s.pageEnd);
    return i < 0 ? null : i;
  };
  // Every table once, in document order: a findings table to its segment, another table to the
  // segment whose lines hold it (none without lines).
  const segmentOfTable = new Map<DocumentTable, number>();
  segments.forEach((segment, i) => segment.tables.forEach((t) => segmentOfTable.set(findingsTables[t]!, i)));
  const tables = segments.map((): DocumentTable[] => []);
  for (const table of document.tables) {
    const i = segmentOfTable.get(table) ?? (findingsSet.has(table) || table.header.location.lineStart === null ? null : owner(table.header.location.lineStart, null));
    if (i !== null && i !== undefined) tables[i]!.push(table);
  }
  // A warning about a place goes with the segment holding it; one about the whole file goes with every segment.
  const warningsBySegment = segments.map((): NonNullable<ReadDocument['warnings']> => []);
  for (const w of document.warnings ?? []) {
    const at = w.location === null ? null : owner(w.location.lineStart, w.location.page);
    if (at !== null) warningsBySegment[at]!.push(w);
    else for (const list of warningsBySegment) list.push(w);
  }
  return segments.map((segment, i) => ({
    ...document,
    text: lines.slice(segment.lineStart - 1, segment.lineEnd).join('\n'),
    firstLine: segment.lineStart,
    ...(document.textLines ? { textLines: document.textLines.slice(segment.lineStart - 1, segment.lineEnd) } : {}),
    tables: tables[i]!,
    warnings: document.warnings === undefined ? undefined : warningsBySegment[i]!,
  }));
}
