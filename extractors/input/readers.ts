/**
 * Format → reader. Each reader turns a file's bytes into a ReadDocument (plain text for the
 * metadata, and format-neutral tables); everything after that is shared by all formats.
 */
import type { ReadDocument } from '../tables/document-table.js';
import { ExtractionFailure } from '../model.js';
import { checkFileSize, checkTextSize, isStackOverflow, tooDeep } from './limits.js';
import { readDocReport } from './read-doc.js';
import { readDocBookReport } from './read-docbook.js';
import { readDocxReport } from './read-docx.js';
import { readHtmlReport } from './read-html.js';
import { readOdtReport } from './read-odt.js';
import { readRtfReport } from './read-rtf.js';
import { readPdfReport } from './read-pdf.js';
import { readPdfXmlReport } from './read-pdfxml.js';
import { readTextReport } from './read-text.js';

export type DocumentReader = (bytes: Uint8Array, fileName: string) => Promise<ReadDocument>;

const READERS: Partial<Record<string, DocumentReader>> = {
  text: async (bytes) => readTextReport(bytes),
  pdf: (bytes) => readPdfReport(bytes),
  html: async (bytes) => readHtmlReport(bytes),
  docx: (bytes) => readDocxReport(bytes),
  doc: (bytes) => readDocReport(bytes),
  odt: (bytes) => readOdtReport(bytes),
  rtf: (bytes) => readRtfReport(bytes),
  docbook: (bytes) => readDocBookReport(bytes),
  pdfxml: (bytes) => readPdfXmlReport(bytes),
};

export function readerFor(format: string): DocumentReader | null {
  const reader = READERS[format];
  return reader ? (bytes, fileName) => guarded(reader, bytes, fileName, format) : null;
}

/** Formats read as one text, held whole in memory with what is made of it: the text size cap applies. */
const TEXT_SIZED = new Map([['text', 'text'], ['html', 'HTML'], ['docbook', 'DocBook XML'], ['pdfxml', "pdftohtml's XML"]]);

/** Every reader under the same limits: the size cap before any parsing, a stack overflow as too_deep. */
async function guarded(reader: DocumentReader, bytes: Uint8Array, fileName: string, format: string): Promise<ReadDocument> {
  checkFileSize(bytes.length);
  const sized = TEXT_SIZED.get(format);
  if (sized) checkTextSize(bytes.length, sized);
  try {
    return await reader(bytes, fileName);
  } catch (error) {
    if (!(error instanceof ExtractionFailure) && isStackOverflow(error)) throw tooDeep('its structure overflowed the reader\'s stack');
    throw error;
  }
}
