/**
 * Word 97-2003 documents (.doc, OLE compound files) → their text through word-extractor, then the text
 * readers. word-extractor writes a table cell followed by a tab and ends each table row with a line
 * end (Word's cell and row marks), so a findings table arrives as the tab-separated rows the text
 * readers already know (text-tables.ts: rows that end in a tab). Running headers and footers are not
 * part of the body; smart quotes and dashes are kept as written (filterUnicode off).
 *
 * Lines of that text are no lines of the file: extract-report.ts turns them into locators
 * ("text lines 38-38") for this format, as for the narrative of other non-text formats.
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { checkedText } from './decode-text.js';
import { readDecodedText } from './read-text.js';

type WordExtractorClass = typeof import('word-extractor').default;
let wordExtractor: Promise<WordExtractorClass> | null = null;
// Loaded on first use, like mammoth and pdf.js: most runs see no .doc file.
const loadWordExtractor = () =>
  (wordExtractor ??= import('word-extractor').then((m) => ((m as { default?: WordExtractorClass }).default ?? m) as WordExtractorClass));

export async function readDocReport(bytes: Uint8Array): Promise<ReadDocument> {
  const WordExtractor = await loadWordExtractor();
  let body: string;
  try {
    const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = document.getBody({ filterUnicode: false });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ExtractionFailure('damaged', `not a readable Word 97-2003 document (an OLE file of another kind, or damaged): ${message}`);
  }
  return readDecodedText(checkedText(body, 'doc'), 'doc');
}
