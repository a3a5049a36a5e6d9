/**
 * PDF → ReadDocument, through pdf.js (the copy pdf-parse 2 ships; pdf-parse itself exposes only
 * flattened text, and the tables need each text item's position). Documents are opened with
 * isEvalSupported: false so a crafted font cannot make pdf.js compile code. A file that cannot be
 * read fails alone, with the reason: encrypted, damaged, or pages without a text layer (a scan).
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { mayBeSymbolGlyph, normaliseSymbolText } from './symbol-fonts.js';
import { layoutPdf } from './pdf-layout.js';
import type { PdfItem, PdfPage } from './pdf-lines.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type PdfPageProxy = Awaited<ReturnType<PdfDocument['getPage']>>;

// Loaded on first use: runs that see no PDF never pay for pdf.js.
let pdfjs: Promise<Pdfjs> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * More than this share of control characters (or U+FFFD): the fonts carry no Unicode mapping and
 * pdf.js hands out raw glyph numbers. Reading on would only end in "no findings table".
 */
const UNMAPPED_SHARE = 0.2;

function unmappedShare(pages: PdfPage[]): number {
  let all = 0;
  let unmapped = 0;
  for (const page of pages) {
    for (const item of page.items) {
      for (const char of item.str) {
        if (/\s/.test(char)) continue;
        all++;
        if (/[\u0000-\u001F\u007F\uFFFD]/.test(char)) unmapped++;
      }
    }
  }
  return all === 0 ? 0 : unmapped / all;
}

/** Fewer non-blank characters than this per page: the pages are pictures of text. */
const MIN_CHARS_PER_PAGE = 10;

export async function readPdfReport(bytes: Uint8Array): Promise<ReadDocument> {
  const { getDocument } = await loadPdfjs();
  // pdf.js may take over the buffer it is given; the caller's bytes stay untouched.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0, useSystemFonts: false, disableFontFace: true, stopAtErrors: false });
  try {
    const document = await task.promise.catch((error: unknown) => {
      throw asFailure(error, 'cannot be opened');
    });
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      pages.push(await readPage(document, number).catch((error: unknown) => {
        throw asFailure(error, `page ${number} cannot be read`);
      }));
    }
    const chars = pages.reduce((sum, page) => sum + page.items.reduce((n, item) => n + item.str.replace(/\s+/g, '').length, 0), 0);
    if (chars < MIN_CHARS_PER_PAGE * Math.max(1, pages.length)) {
      throw new ExtractionFailure('no_text_layer', `no text layer: the PDF's ${pages.length} page(s) hold ${chars} characters of text; it is probably a scan and needs OCR first`);
    }
    const unmapped = unmappedShare(pages);
    if (unmapped > UNMAPPED_SHARE) {
      throw new ExtractionFailure('no_text_layer', `unreadable text layer: ${Math.round(100 * unmapped)}% of the PDF's characters are glyph numbers without a Unicode mapping (a writer that dropped the fonts' ToUnicode maps); its text needs OCR`);
    }
    const layout = layoutPdf(pages);
    return { text: layout.text, tables: layout.tables, format: 'pdf', encoding: 'pdf', pageCount: pages.length, notes: [], warnings: [...truncationWarning(bytes), ...textlessPages(pages), ...splitWarning(layout.estimatedSplits)] };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

async function readPage(document: PdfDocument, number: number): Promise<PdfPage> {
  const page = await document.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw) || raw.str.length === 0) continue;
      const [, , c, d, e, f] = raw.transform as number[];
      const [x, y] = viewport.convertToViewportPoint(e!, f!) as [number, number];
      items.push({ str: raw.str, x, y, width: raw.width, size: Math.hypot(c!, d!) || raw.height, font: raw.fontName });
    }
    await nameSymbolFonts(page, items);
    return { number, width: viewport.width, height: viewport.height, items };
  } finally {
    page.cleanup();
  }
}

/**
 * Text items carry pdf.js's internal font ids; the real font names (Wingdings, Symbol) arrive only
 * with a page's drawing operators, which cost as much as its text. So they are fetched only for
 * pages with a character that may be a symbol font's stand-in, and each font once per document.
 */
async function nameSymbolFonts(page: PdfPageProxy, items: PdfItem[]): Promise<void> {
  // A mark in a symbol font is drawn in a font of its own: the nearest text beside it on its line is in another.
  const fontChanges = (item: PdfItem) => {
    let nearest: PdfItem | null = null;
    let distance = Infinity;
    for (const other of items) {
      if (other === item || other.str.trim().length === 0 || Math.abs(other.y - item.y) >= 0.5 * item.size) continue;
      const gap = Math.max(other.x - (item.x + item.width), item.x - (other.x + other.width), 0);
      if (gap < distance) [nearest, distance] = [other, gap];
    }
    return nearest !== null && nearest.font !== item.font;
  };
  const candidates = items.filter((item) => mayBeSymbolGlyph(item.str) && fontChanges(item));
  if (candidates.length === 0) return;
  const fontName = (id: string): string | null => {
    if (!page.commonObjs.has(id)) return null;
    const font = page.commonObjs.get(id) as { name?: string } | null;
    return font?.name ?? '';
  };
  if (candidates.some((item) => fontName(item.font) === null)) await page.getOperatorList();
  for (const item of candidates) item.str = normaliseSymbolText(item.str, fontName(item.font) ?? '');
}

/**
 * A PDF ends with %%EOF. pdf.js rebuilds a file cut short where it can; when it could, the file is
 * read, but said to be incomplete: pages or text near the cut may be missing.
 */
function truncationWarning(bytes: Uint8Array): NonNullable<ReadDocument['warnings']> {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  if (tail.includes('%%EOF')) return [];
  return [{ code: 'pdf_truncated', severity: 'warning', message: 'the PDF does not end with %%EOF: it may be cut short; its structure was rebuilt, but text near the cut may be missing', location: null }];
}

/** Cells told apart by estimated glyph widths (a writer that set a row's cells as one text run): a word may sit in the wrong cell. */
function splitWarning(count: number): NonNullable<ReadDocument['warnings']> {
  if (count === 0) return [];
  return [{ code: 'pdf_cells_split_by_estimate', severity: 'info', message: `${count} text run(s) crossed a column edge and were cut at the word nearest to it, by estimated glyph widths: check that no word landed in the neighbouring cell`, location: null }];
}

/** Pages without a text layer among pages with one: scanned pages in a typed report, whose findings cannot be read. */
function textlessPages(pages: PdfPage[]): NonNullable<ReadDocument['warnings']> {
  const blank = pages.filter((page) => page.items.every((item) => item.str.trim().length === 0)).map((page) => page.number);
  if (blank.length === 0) return [];
  return [{
    code: 'pdf_pages_without_text',
    severity: 'warning',
    message: `${blank.length === 1 ? 'page' : 'pages'} ${blank.join(', ')} of ${pages.length} ${blank.length === 1 ? 'has' : 'have'} no text layer (blank, or scanned: anything on ${blank.length === 1 ? 'it' : 'them'} is not read)`,
    location: { lineStart: null, lineEnd: null, page: blank[0]!, locator: null },
  }];
}

function asFailure(error: unknown, what: string): ExtractionFailure {
  if (error instanceof ExtractionFailure) return error;
  const name = error instanceof Error ? error.name : '';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (name === 'PasswordException') return new ExtractionFailure('encrypted', 'encrypted PDF: it needs a password to open');
  return new ExtractionFailure('damaged', `damaged PDF: ${what} (${message})`);
}
