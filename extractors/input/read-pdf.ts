/**
 * PDF → ReadDocument, through pdf.js (the copy pdf-parse 2 ships; pdf-parse itself exposes only
 * flattened text, and the tables need each text item's position). Documents are opened with
 * isEvalSupported: false so a crafted font cannot make pdf.js compile code. A file that cannot be
 * read fails alone, with the reason: encrypted, damaged, or pages without a text layer (a scan).
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { mayBeSymbolGlyph, normaliseSymbolText } from './symbol-fonts.js';
import { isBlank } from './pdf-lines.js';
import { layoutPdf } from './pdf-layout.js';
import { MIN_CUT_WORDS, rejoinCutWords, type RejoinedWords } from './pdf-cut-words.js';
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

/**
 * What the text-layer checks need, in one pass over the characters (it runs on every item of every
 * page, so char codes rather than a regular expression per character): non-blank UTF-16 units (the
 * scan test), non-blank code points and those among them without a Unicode mapping (the unmapped
 * share), and the pages with no non-blank character. Blank is JavaScript's \s, which is also what
 * trim() removes.
 */
interface TextStats {
  chars: number;
  codePoints: number;
  unmapped: number;
  blankPages: number[];
}

function textStats(pages: PdfPage[]): TextStats {
  const stats: TextStats = { chars: 0, codePoints: 0, unmapped: 0, blankPages: [] };
  for (const page of pages) {
    const before = stats.chars;
    for (const item of page.items) {
      const str = item.str;
      for (let i = 0; i < str.length; i++) {
        const code = str.charCodeAt(i);
        if (isBlank(code)) continue;
        stats.chars++;
        stats.codePoints++;
        if (code <= 0x1f || code === 0x7f || code === 0xfffd) stats.unmapped++;
        // A surrogate pair is one code point of two units (never blank, never unmapped).
        else if (code >= 0xd800 && code <= 0xdbff && i + 1 < str.length) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            stats.chars++;
            i++;
          }
        }
      }
    }
    if (stats.chars === before) stats.blankPages[stats.blankPages.length] = page.number;
  }
  return stats;
}

/** Dutch's commonest words: about a third of the words of any Dutch text, none of a text whose letters are wrong. */
const DUTCH_FUNCTION_WORDS = new Set(['de', 'het', 'een', 'en', 'van', 'in', 'is', 'op', 'te', 'dat', 'die', 'voor', 'zijn', 'met', 'niet', 'er', 'aan', 'bij', 'of', 'ook', 'wordt', 'worden', 'door', 'naar', 'om']);
/** Words read before judging, and the least share of them that must be Dutch function words. */
const SPELLING_SAMPLE_WORDS = 400;
const MIN_FUNCTION_WORD_SHARE = 0.02;

/**
 * Does the text layer spell words? Fonts whose glyphs are mapped to the wrong characters (a PDF printed
 * to PostScript and distilled again) give letters that spell nothing, which would otherwise end in "no
 * findings table". Judged on the first words only; a text too short to judge passes.
 */
function spellsDutch(pages: PdfPage[]): boolean {
  let words = 0;
  let common = 0;
  for (const page of pages) {
    for (const item of page.items) {
      for (const word of item.str.toLowerCase().match(/\p{L}+/gu) ?? []) {
        words++;
        if (DUTCH_FUNCTION_WORDS.has(word)) common++;
        if (words >= SPELLING_SAMPLE_WORDS) return common / words >= MIN_FUNCTION_WORD_SHARE;
      }
    }
  }
  return true;
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
    return documentOfPages(pages, { format: 'pdf', encoding: 'pdf', warnings: truncationWarning(bytes) });
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
      // An index store, not push(): pdf.js's legacy build swaps Array.prototype.push for a far slower core-js one.
      items[items.length] = { str: raw.str, x, y, width: raw.width, size: Math.hypot(c!, d!) || raw.height, font: raw.fontName };
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
 * A PDF's pages, as text items with their positions, → the document: the text-layer checks, words cut
 * apart rejoined, the table layout. Also what the positioned text of other PDF readers (pdftohtml's XML,
 * read-pdfxml.ts) is read by.
 */
export function documentOfPages(
  pages: PdfPage[],
  source: { format: 'pdf' | 'pdfxml'; encoding: string; warnings: NonNullable<ReadDocument['warnings']> },
): ReadDocument {
  const stats = textStats(pages);
  if (stats.chars < MIN_CHARS_PER_PAGE * Math.max(1, pages.length)) {
    throw new ExtractionFailure('no_text_layer', `no text layer: the PDF's ${pages.length} page(s) hold ${stats.chars} characters of text; it is probably a scan and needs OCR first`);
  }
  const unmapped = stats.codePoints === 0 ? 0 : stats.unmapped / stats.codePoints;
  if (unmapped > UNMAPPED_SHARE) {
    throw new ExtractionFailure('no_text_layer', `unreadable text layer: ${Math.round(100 * unmapped)}% of the PDF's characters are glyph numbers without a Unicode mapping (a writer that dropped the fonts' ToUnicode maps); its text needs OCR`);
  }
  if (!spellsDutch(pages)) {
    throw new ExtractionFailure('no_text_layer', `unreadable text layer: the PDF's characters spell no Dutch words (its fonts map glyphs to the wrong letters, as a PostScript round trip leaves them: "7RHOHLGLQJ" for "Toeleiding"); its text needs OCR`);
  }
  // pdftohtml spaces a PDF's glyphs itself and may cut every long word alike: the framework's words show it.
  const rejoined = rejoinCutWords(pages, { catalogueEvidence: source.format === 'pdfxml' });
  const layout = layoutPdf(pages);
  return {
    text: layout.text,
    linePages: layout.linePages,
    tables: layout.tables,
    format: source.format,
    encoding: source.encoding,
    pageCount: pages.length,
    notes: [],
    wordsCutApart: rejoined.cutWords,
    warnings: [...source.warnings, ...textlessPages(stats.blankPages, pages.length), ...rejoinedWarning(rejoined), ...splitWarning(layout.estimatedSplits), ...strayMarkWarnings(layout.strayMarks)],
  };
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

/** Words the writer's glyph spacing cut apart (pdf-cut-words.ts): what was rejoined, and that spaces inside words are unreliable. */
function rejoinedWarning(rejoined: RejoinedWords): NonNullable<ReadDocument['warnings']> {
  if (rejoined.cutWords < MIN_CUT_WORDS) return [];
  const examples = rejoined.examples.map(({ read, joined }) => `"${read}" → "${joined}"`).join(', ');
  return [{
    code: 'pdf_words_rejoined',
    severity: 'info',
    message: `${rejoined.byCatalogue ? `this text has the words of a PDF cut apart by spaces (${rejoined.cutWords} words of the framework's wordings stand cut)` : `pdf.js read this PDF's words cut apart by spaces (its writer's glyph spacing: ${rejoined.cutWords} words stand both whole and cut)`}: ${rejoined.places} cut(s) rejoined where the document${rejoined.byCatalogue ? ' or the framework' : ''} prints the word whole${examples ? `, e.g. ${examples}` : ''}; words it never prints whole keep their spaces, in evidence, names and narrative too`,
    location: null,
  }];
}

/** Cells told apart by estimated glyph widths (a writer that set a row's cells as one text run): a word may sit in the wrong cell. */
function splitWarning(count: number): NonNullable<ReadDocument['warnings']> {
  if (count === 0) return [];
  return [{ code: 'pdf_cells_split_by_estimate', severity: 'info', message: `${count} text run(s) crossed a column edge and were cut at the word nearest to it, by estimated glyph widths: check that no word landed in the neighbouring cell`, location: null }];
}

/** Marks outside every table read: rows the table engine did not take, whose findings are missing. */
function strayMarkWarnings(stray: { page: number; marks: number }[]): NonNullable<ReadDocument['warnings']> {
  return stray.map(({ page, marks }) => ({
    code: 'verdict_unaccounted',
    severity: 'warning',
    message: `${marks} verdict mark(s) on page ${page} stand before a word in text outside every findings table read: rows the reader did not take as a table's, whose findings are missing`,
    location: { lineStart: null, lineEnd: null, page, locator: null },
  }));
}

/** Pages without a text layer among pages with one: scanned pages in a typed report, whose findings cannot be read. */
function textlessPages(blank: number[], pageCount: number): NonNullable<ReadDocument['warnings']> {
  if (blank.length === 0) return [];
  return [{
    code: 'pdf_pages_without_text',
    severity: 'warning',
    message: `${blank.length === 1 ? 'page' : 'pages'} ${blank.join(', ')} of ${pageCount} ${blank.length === 1 ? 'has' : 'have'} no text layer (blank, or scanned: anything on ${blank.length === 1 ? 'it' : 'them'} is not read)`,
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
