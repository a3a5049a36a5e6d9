/**
 * pdftohtml -xml (poppler) → ReadDocument. Its XML is a PDF's text as positioned runs, page by page:
 * `<page width height>`, `<fontspec id size family>`, `<text top left width height font>` with the run's
 * text (and <b>, <i>, <a> inside). That is what the PDF reader gets from pdf.js, so the runs become its
 * text items and are read by the same table layout (read-pdf.ts documentOfPages): the tables as the PDF
 * has them, not as text that lost its columns.
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { decodeText } from './decode-text.js';
import { inputLimits } from './limits.js';
import type { PdfItem, PdfPage } from './pdf-lines.js';
import { documentOfPages } from './read-pdf.js';
import { normaliseSymbolText } from './symbol-fonts.js';
import { ELEMENT, TEXT, loadSaxes, parseXml, type XmlNode } from './xml-tree.js';

/**
 * pdftohtml's default zoom: its pixels are 1.5 PDF points. Positions are turned back into points, the
 * unit the layout's distances are set in.
 */
const ZOOM = 1.5;
/** Where a run's baseline stands in its box, from the top: the box is the font's ascent over its descent. */
const BASELINE = 0.8;
/** A page holds a few hundred runs; this many per page of the document's paragraph limit is past any report. */
const ELEMENTS_PER_PARAGRAPH = 4;

const LIGATURE = /[\uFB00-\uFB06]/;
const LIGATURES = /[\uFB00-\uFB06]/g;

const number = (node: XmlNode, name: string): number => {
  const value = Number(node.attributes?.get(` ${name}`));
  return Number.isFinite(value) ? value : NaN;
};

function textOf(node: XmlNode): string {
  if (node.nodeType === TEXT) return node.nodeValue ?? '';
  let text = '';
  for (const child of node.childNodes) text += textOf(child);
  return text;
}

/**
 * One <text> run → a PDF text item in points: its baseline, its width without the space pdftohtml
 * leaves after its last word (counted in the run's width; without it the gap to the next cell's run is
 * what the page shows, and the layout tells cells apart by such gaps), Wingdings' letters as the marks
 * they draw (the font's family says so, where pdf.js' items would not), ligature glyphs as letters.
 * Null for a run with no text or no box.
 */
export function itemOfRun(run: { top: number; left: number; width: number; height: number; text: string }, fontId: string, font: { size: number; family: string } | undefined): PdfItem | null {
  const raw = run.text.trimEnd();
  if (raw.length === 0 || ![run.top, run.left, run.width, run.height].every(Number.isFinite)) return null;
  const shown = (run.width * raw.length) / run.text.length;
  const symbols = font ? normaliseSymbolText(raw, font.family.replace(/^[A-Z]{6}\+/, '')) : raw;
  const str = LIGATURE.test(symbols) ? symbols.replace(LIGATURES, (ligature) => ligature.normalize('NFKC')) : symbols;
  const size = (font && Number.isFinite(font.size) && font.size > 0 ? font.size : run.height) / ZOOM;
  return { str, x: run.left / ZOOM, y: (run.top + BASELINE * run.height) / ZOOM, width: shown / ZOOM, size, font: `f${fontId}` };
}

export async function readPdfXmlReport(bytes: Uint8Array): Promise<ReadDocument> {
  const decoded = decodeText(bytes);
  const SaxesParser = await loadSaxes();
  const limits = inputLimits();
  const root = parseXml(SaxesParser, decoded.text, { what: "pdftohtml's XML", maxDepth: limits.maxDepth, maxElements: limits.maxParagraphs * ELEMENTS_PER_PARAGRAPH });
  const document = root.childNodes.find((node) => node.nodeType === ELEMENT && node.localName === 'pdf2xml');
  if (!document) throw new ExtractionFailure('damaged', "damaged pdftohtml XML: no <pdf2xml> element");
  const fonts = new Map<string, { size: number; family: string }>();
  const pages: PdfPage[] = [];
  for (const pageNode of document.childNodes) {
    if (pageNode.nodeType !== ELEMENT || pageNode.localName !== 'page') continue;
    const items: PdfItem[] = [];
    const page: PdfPage = { number: number(pageNode, 'number') || pages.length + 1, width: number(pageNode, 'width') / ZOOM, height: number(pageNode, 'height') / ZOOM, items };
    if (!Number.isFinite(page.width) || !Number.isFinite(page.height)) throw new ExtractionFailure('damaged', `damaged pdftohtml XML: page ${page.number} has no size`);
    for (const node of pageNode.childNodes) {
      if (node.nodeType !== ELEMENT) continue;
      // Font ids are the document's: a page uses those declared on it and on the pages before it.
      if (node.localName === 'fontspec') fonts.set(node.attributes?.get(' id') ?? '', { size: number(node, 'size'), family: node.attributes?.get(' family') ?? '' });
      if (node.localName !== 'text') continue;
      const fontId = node.attributes?.get(' font') ?? '';
      const [top, left, width, height] = ['top', 'left', 'width', 'height'].map((name) => number(node, name)) as [number, number, number, number];
      const item = itemOfRun({ top, left, width, height, text: textOf(node) }, fontId, fonts.get(fontId));
      if (item) items[items.length] = item;
    }
    pages.push(page);
  }
  if (pages.length === 0) throw new ExtractionFailure('damaged', "damaged pdftohtml XML: no pages");
  return documentOfPages(pages, { format: 'pdfxml', encoding: decoded.encoding, warnings: decoded.warnings });
}
