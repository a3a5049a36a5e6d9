/**
 * Format → reader. Each reader turns a file's bytes into a ReadDocument (plain text for the
 * metadata, and format-neutral tables); everything after that is shared by all formats.
 */
import type { ReadDocument } from '../tables/document-table.js';
import { readDocxReport } from './read-docx.js';
import { readHtmlReport } from './read-html.js';
import { readPdfReport } from './read-pdf.js';
import { readTextReport } from './read-text.js';

export type DocumentReader = (bytes: Uint8Array, fileName: string) => Promise<ReadDocument>;

const READERS: Partial<Record<string, DocumentReader>> = {
  text: async (bytes) => readTextReport(bytes),
  pdf: (bytes) => readPdfReport(bytes),
  html: async (bytes) => readHtmlReport(bytes),
  docx: (bytes) => readDocxReport(bytes),
};

export function readerFor(format: string): DocumentReader | null {
  return READERS[format] ?? null;
}
