/**
 * Word documents (.docx) → HTML through mammoth (tables with their merged cells, paragraphs,
 * lists, symbol-font check marks), then the HTML reader. A file mammoth cannot open (not a
 * valid Word package) fails alone as damaged.
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { readHtmlString } from './read-html.js';

type Mammoth = typeof import('mammoth');
let mammoth: Promise<Mammoth> | null = null;
// Loaded on first use, like pdf.js: most runs see no Word file.
const loadMammoth = () => (mammoth ??= import('mammoth').then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth));

export async function readDocxReport(bytes: Uint8Array): Promise<ReadDocument> {
  const { convertToHtml } = await loadMammoth();
  let html: string;
  try {
    html = (await convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ExtractionFailure('damaged', `damaged Word document: ${message}`);
  }
  return readHtmlString(html, 'docx', 'docx', []);
}
