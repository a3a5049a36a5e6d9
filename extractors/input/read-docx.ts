/**
 * Word documents (.docx) → HTML through mammoth (tables with their merged cells, paragraphs,
 * lists, symbol-font check marks), then the HTML reader. A file mammoth cannot open (not a
 * valid Word package) fails alone as damaged.
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { readHtmlString } from './read-html.js';
import { checkDocxInflation } from './zip-size.js';

type Mammoth = typeof import('mammoth');
let mammoth: Promise<Mammoth> | null = null;
// Loaded on first use, like pdf.js: most runs see no Word file.
const loadMammoth = () => (mammoth ??= import('mammoth').then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth));

export async function readDocxReport(bytes: Uint8Array): Promise<ReadDocument> {
  checkDocxInflation(bytes);
  const { convertToHtml, images } = await loadMammoth();
  let converted: Awaited<ReturnType<Mammoth['convertToHtml']>>;
  try {
    // Images are never unpacked: the text readers skip <img>, and mammoth would otherwise inline each
    // one as base64 (a report with photos cost hundreds of MB for nothing).
    const noImages = images.imgElement(async () => ({ src: '' }));
    converted = await convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage: noImages });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ExtractionFailure('damaged', `damaged Word document: ${message}`);
  }
  const document = readHtmlString(converted.value, 'docx', 'docx', []);
  return { ...document, warnings: [...(document.warnings ?? []), ...conversionWarnings(converted.messages)] };
}

/**
 * What mammoth left out, said once per kind: a symbol it could not map ("w:sym … was ignored") may
 * be a verdict mark drawn in a symbol font, so it must not vanish silently.
 */
function conversionWarnings(messages: { type: string; message: string }[]): NonNullable<ReadDocument['warnings']> {
  const counts = new Map<string, number>();
  for (const { type, message } of messages) {
    // Unrecognised styles only lose formatting; "… was ignored" loses content.
    if ((type !== 'warning' && type !== 'error') || !/ignored|unsupported/i.test(message)) continue;
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([message, count]) => ({
    code: 'docx_content_skipped',
    severity: 'warning' as const,
    message: `the Word converter skipped content${count > 1 ? ` (${count}×)` : ''}: ${message}`,
    location: null,
  }));
}
