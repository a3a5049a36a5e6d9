/**
 * Line numbers counted in a document's text → lines of the file. Most readers' text is the file's
 * own lines, from `firstLine` on (a report cut out of a bundle). Text rebuilt from the file's lines
 * (layout text read as pages) says for each of its lines which file lines it was made from
 * (ReadDocument.textLines); a line it cannot place keeps its text line numbers in a locator.
 */
import type { SourceLocation } from './model.js';
import type { ReadDocument } from './tables/document-table.js';

export type TextLineMapper = (location: SourceLocation) => SourceLocation;

/** Maps locations whose line numbers count `document.text` from `firstLine`; identity when the text is the file's lines. */
export function textLineMapper(document: Pick<ReadDocument, 'textLines' | 'firstLine'>): TextLineMapper {
  const spans = document.textLines;
  if (!spans) return (location) => location;
  const firstLine = document.firstLine ?? 1;
  return (location) => {
    if (location.lineStart === null) return location;
    const first = spans[location.lineStart - firstLine];
    const last = spans[(location.lineEnd ?? location.lineStart) - firstLine];
    if (!first) return { lineStart: null, lineEnd: null, page: location.page, locator: `rebuilt text lines ${location.lineStart}-${location.lineEnd ?? location.lineStart}` };
    return { lineStart: first.start, lineEnd: Math.max(first.start, last?.end ?? first.end), page: location.page, locator: location.locator };
  };
}
