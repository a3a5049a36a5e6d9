/**
 * The format-neutral table every reader (text, PDF, HTML, DOCX, DOC) produces and the findings
 * extractors consume. Cells hold plain text whose blocks are separated by "\n".
 */
import type { ExtractionWarning, SourceLocation } from '../model.js';

export interface TableRow {
  cells: string[];
  location: SourceLocation;
  /** Set when the row was stitched together from fragments on two pages (a row broken by a page). */
  stitched?: boolean;
}

export interface DocumentTable {
  /** The row or line above the header that names the table (a theme, in these reports). */
  title: { text: string; location: SourceLocation } | null;
  header: TableRow;
  rows: TableRow[];
  /**
   * The rows were told apart by a guess, not by the source's cells (layout text, where a row's start
   * is read off the lines): findings that balance only across two rows mean the cut may be wrong.
   */
  rowsGuessed?: boolean;
}

/** A report as readers hand it on: its plain text (for metadata) and its tables. */
export interface ReadDocument {
  text: string;
  tables: DocumentTable[];
  format: 'text' | 'pdf' | 'html' | 'docx' | 'doc' | 'odt' | 'rtf' | 'docbook' | 'pdfxml';
  encoding: string;
  pageCount: number | null;
  /** PDF only: the page each line of `text` comes from (narrative provenance). */
  linePages?: number[];
  /**
   * Text rebuilt from the file's lines (layout text): the file lines each line of `text` was made
   * from, first and last, so that what is found in `text` is located in the file; null where unknown.
   */
  textLines?: ({ start: number; end: number } | null)[];
  notes: string[];
  /** Doubts the reader had about the document's structure (tables without header, …). */
  warnings?: Omit<ExtractionWarning, 'findingIndex'>[];
  /**
   * Set when the tables were rebuilt from text that had lost them ("layout text", "flattened
   * text"): such tables are kept only when the findings show no structural doubt.
   */
  rebuiltFrom?: string;
  /** The file line `text` starts at: a report cut out of a bundle (extractors/segment/); 1 when absent. */
  firstLine?: number;
  /**
   * PDF only: distinct words the text prints both whole and cut apart by glyph spacing
   * (input/pdf-cut-words.ts). From MIN_CUT_WORDS on, the text's spaces inside words are unreliable:
   * cut words printed whole elsewhere were rejoined, others may remain.
   */
  wordsCutApart?: number;
}

export function lineLocation(lineStart: number, lineEnd: number = lineStart): SourceLocation {
  return { lineStart, lineEnd, page: null, locator: null };
}

export function mergeLocations(a: SourceLocation, b: SourceLocation): SourceLocation {
  const min = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));
  const max = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  return {
    lineStart: min(a.lineStart, b.lineStart),
    lineEnd: max(a.lineEnd, b.lineEnd),
    page: min(a.page, b.page),
    locator: a.locator ?? b.locator,
  };
}

/**
 * A location in lines of text a reader made out of a binary document (a .doc's text): those are no
 * lines of the file, so they go into the locator ("text lines 38-40"), as narrative locations of other
 * non-text formats do; lines stay null.
 */
export function asTextLineLocator(location: SourceLocation): SourceLocation {
  if (location.lineStart === null) return location;
  const lines = `text lines ${location.lineStart}-${location.lineEnd ?? location.lineStart}`;
  return { lineStart: null, lineEnd: null, page: location.page, locator: location.locator ? `${location.locator}, ${lines}` : lines };
}
