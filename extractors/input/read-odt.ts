/**
 * OpenDocument text (.odt: LibreOffice's own format, and what a council archive's "save as" often
 * left) → HTML → the HTML reader, as a Word document goes through mammoth. The package's
 * content.xml is inflated (within the limits, after the central directory's claims are checked),
 * parsed as XML, and written out as the HTML the text readers know: tables with their spanning
 * cells, paragraphs, lists, line breaks, symbol-font check marks as <span style="font-family:…">.
 *
 * What is no part of the document's text is left out, as a reader of the document would not see
 * it: tracked deletions, comments, images. Footnotes are moved to the end of the document (as
 * mammoth does for Word), so a note inside a findings cell never runs into its evidence.
 */
import { ExtractionFailure } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { inputLimits, tooDeep } from './limits.js';
import { escapeHtml, symbolFontOpen } from './html-out.js';
import { readHtmlString } from './read-html.js';
import { symbolTableFor } from './symbol-fonts.js';
import { checkZipInflation, inflateZipEntry, zipEntrySizes } from './zip-size.js';
import { attr, ELEMENT, elements, isElement, loadSaxes, parseXml, TEXT, type XmlNode } from './xml-tree.js';

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const STYLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';
const FO_NS = 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0';
const SVG_NS = 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const DRAW_NS = 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0';

/** Repeated empty rows or columns (a table padded to a page) are written at most this often. */
const MAX_REPEAT = 64;

const ODT = { what: 'OpenDocument text' };

export async function readOdtReport(bytes: Uint8Array): Promise<ReadDocument> {
  const SaxesParser = await loadSaxes();
  const entries = zipEntrySizes(bytes);
  if (!entries) throw new ExtractionFailure('damaged', 'damaged OpenDocument text: its ZIP directory cannot be read');
  checkZipInflation(entries, 'OpenDocument text', (name) => name.startsWith('Pictures/') || name.startsWith('Thumbnails/'));
  const content = entries.find((entry) => entry.name === 'content.xml');
  if (!content) throw new ExtractionFailure('damaged', 'damaged OpenDocument text: it holds no content.xml');
  const styles = entries.find((entry) => entry.name === 'styles.xml');
  const fonts = new Map<string, string>();
  // Named styles (styles.xml) may set the symbol font that an automatic style (content.xml) inherits.
  const named = styles ? parseXml(SaxesParser, inflateZipEntry(bytes, styles, 'OpenDocument text'), ODT) : null;
  const xml = inflateZipEntry(bytes, content, 'OpenDocument text');
  checkElementCount(xml);
  const document = parseXml(SaxesParser, xml, ODT);
  const symbolStyles = new Map<string, string | null>();
  for (const root of [named, document]) if (root) collectStyles(root, fonts, symbolStyles);
  const body = findBody(document);
  if (!body) throw new ExtractionFailure('damaged', 'damaged OpenDocument text: content.xml has no office:text body');
  const html = new HtmlWriter(symbolStyles, inputLimits().maxDepth);
  html.children(body, 0);
  html.flushNotes();
  return readHtmlString(`<!doctype html><html><body>${html.text()}</body></html>`, 'odt', 'odt', []);
}

/**
 * The XML tree holds every paragraph and cell as objects: a small package of a million empty
 * paragraphs would take gigabytes. They are counted in the text first, as for Word (zip-size.ts).
 */
function checkElementCount(xml: string): void {
  const limit = inputLimits().maxParagraphs;
  let count = 0;
  for (let at = xml.indexOf('<text:p'); at >= 0; at = xml.indexOf('<text:p', at + 7)) {
    const next = xml.charCodeAt(at + 7);
    // <text:p> or <text:p text:style-name…>, not <text:page-number>
    if (next === 0x3e || next === 0x20 || next === 0x2f) count++;
    if (count > limit) throw new ExtractionFailure('too_large', `OpenDocument text with more than ${limit} paragraphs: over the limit for one report (a report has a few thousand)`);
  }
}

/** office:document-content → office:body → office:text, found without recursion into the text. */
function findBody(root: XmlNode): XmlNode | null {
  for (const top of elements(root)) for (const body of elements(top)) {
    if (!isElement(body, OFFICE_NS, 'body')) continue;
    for (const text of elements(body)) if (isElement(text, OFFICE_NS, 'text')) return text;
  }
  return null;
}

/**
 * The styles whose text is set in a symbol font (Wingdings, Symbol…): style name → font family, or
 * null for a style that names a font of its own that is none. A style without a font inherits its
 * parent's, resolved when asked (symbolFontOf).
 */
function collectStyles(root: XmlNode, fonts: Map<string, string>, styles: Map<string, string | null>): void {
  const parents = new Map<string, string>();
  const visit = (node: XmlNode, depth: number) => {
    if (depth > 8) return; // styles sit a few levels down; the body is not searched
    for (const child of elements(node)) {
      if (isElement(child, STYLE_NS, 'font-face')) {
        const name = attr(child, STYLE_NS, 'name');
        const family = attr(child, SVG_NS, 'font-family');
        if (name && family) fonts.set(name, family.replace(/^['"]|['"]$/g, ''));
      } else if (isElement(child, STYLE_NS, 'style')) {
        const name = attr(child, STYLE_NS, 'name');
        if (!name) continue;
        const parent = attr(child, STYLE_NS, 'parent-style-name');
        if (parent) parents.set(name, parent);
        for (const properties of elements(child)) {
          if (!isElement(properties, STYLE_NS, 'text-properties')) continue;
          const fontName = attr(properties, STYLE_NS, 'font-name');
          const family = (fontName ? fonts.get(fontName) ?? fontName : null) ?? attr(properties, FO_NS, 'font-family');
          if (family) styles.set(name, symbolTableFor(family.replace(/^['"]|['"]$/g, '')) ? family.replace(/^['"]|['"]$/g, '') : null);
        }
      } else if (isElement(child, OFFICE_NS, 'body')) {
        continue;
      } else {
        visit(child, depth + 1);
      }
    }
  };
  visit(root, 0);
  // Inherited fonts, resolved now: a chain longer than the styles is a loop and ends there.
  for (const [name] of parents) {
    if (styles.has(name)) continue;
    let at: string | undefined = parents.get(name);
    for (let hops = 0; at !== undefined && hops < parents.size; hops++) {
      if (styles.has(at)) {
        styles.set(name, styles.get(at)!);
        break;
      }
      at = parents.get(at);
    }
  }
}


/** Elements that are not the document's visible text: left out with everything in them. */
function isHidden(node: XmlNode): boolean {
  if (node.namespaceURI === OFFICE_NS) return node.localName === 'annotation' || node.localName === 'annotation-end';
  if (node.namespaceURI === TEXT_NS) return node.localName === 'tracked-changes' || node.localName === 'note-citation' || node.localName === 'sequence-decls' || node.localName === 'variable-decls' || node.localName === 'user-field-decls';
  if (node.namespaceURI === DRAW_NS) return node.localName === 'image' || node.localName === 'object' || node.localName === 'object-ole';
  return false;
}

class HtmlWriter {
  private readonly parts: string[] = [];
  private readonly notes: string[] = [];
  /** Inside a footnote's body: its text goes to `notes`, written after the document. */
  private inNote = 0;

  constructor(
    private readonly symbolStyles: Map<string, string | null>,
    private readonly maxDepth: number,
  ) {}

  text(): string {
    return this.parts.join('');
  }

  flushNotes(): void {
    for (const note of this.notes) this.parts.push(`<div>${note}</div>`);
    this.notes.length = 0;
  }

  private out(html: string): void {
    if (this.inNote > 0) this.notes[this.notes.length - 1] += html;
    else this.parts.push(html);
  }

  children(node: XmlNode, depth: number): void {
    for (let i = 0; i < node.childNodes.length; i++) this.node(node.childNodes[i]!, depth + 1);
  }

  private node(node: XmlNode, depth: number): void {
    if (depth > this.maxDepth) throw tooDeep(`OpenDocument elements nested more than ${this.maxDepth} deep`);
    if (node.nodeType === TEXT) {
      this.out(escapeHtml(node.nodeValue ?? ''));
      return;
    }
    if (node.nodeType !== ELEMENT || isHidden(node)) return;
    const ns = node.namespaceURI;
    const name = node.localName;
    if (ns === TEXT_NS) {
      switch (name) {
        case 'p':
        case 'h':
          return this.wrap('p', node, depth);
        case 'list':
          return this.wrap('ul', node, depth);
        case 'list-item':
        case 'list-header':
          return this.wrap('li', node, depth);
        case 'line-break':
          return this.out('<br>');
        case 's':
          return this.out(' '.repeat(Math.min(Number(attr(node, TEXT_NS, 'c') ?? 1) || 1, MAX_REPEAT)));
        case 'tab':
          return this.out(' ');
        case 'span':
          return this.span(node, depth);
        case 'note':
          return this.note(node, depth);
        default:
          return this.children(node, depth);
      }
    }
    if (ns === TABLE_NS) {
      switch (name) {
        case 'table':
          return this.wrap('table', node, depth);
        case 'table-row':
          return this.repeated(node, 'number-rows-repeated', () => this.wrap('tr', node, depth));
        case 'table-cell':
          return this.cell(node, depth);
        case 'covered-table-cell':
          return; // under a spanning cell: HTML's colspan and rowspan leave it out as well
        case 'table-columns':
        case 'table-column':
        case 'table-header-columns':
        case 'table-column-group':
          return;
        default:
          return this.children(node, depth); // header rows, row groups
      }
    }
    this.children(node, depth);
  }

  private wrap(tag: string, node: XmlNode, depth: number): void {
    this.out(`<${tag}>`);
    this.children(node, depth);
    this.out(`</${tag}>`);
  }

  private cell(node: XmlNode, depth: number): void {
    const columns = Number(attr(node, TABLE_NS, 'number-columns-spanned') ?? 1);
    const rows = Number(attr(node, TABLE_NS, 'number-rows-spanned') ?? 1);
    const spans = `${columns > 1 ? ` colspan="${Math.min(columns, 1000)}"` : ''}${rows > 1 ? ` rowspan="${Math.min(rows, 65534)}"` : ''}`;
    this.repeated(node, 'number-columns-repeated', () => {
      this.out(`<td${spans}>`);
      this.children(node, depth);
      this.out('</td>');
    });
  }

  /** A row or cell written as often as it is repeated: an empty one once, one with content up to MAX_REPEAT times. */
  private repeated(node: XmlNode, attribute: string, write: () => void): void {
    const times = Math.max(1, Math.min(Number(attr(node, TABLE_NS, attribute) ?? 1) || 1, hasText(node) ? MAX_REPEAT : 1));
    for (let i = 0; i < times; i++) write();
  }

  private span(node: XmlNode, depth: number): void {
    const style = attr(node, TEXT_NS, 'style-name');
    const font = style ? this.symbolStyles.get(style) : null;
    if (!font) return this.children(node, depth);
    this.out(symbolFontOpen(font));
    this.children(node, depth);
    this.out('</span>');
  }

  private note(node: XmlNode, depth: number): void {
    for (const child of elements(node)) {
      if (!isElement(child, TEXT_NS, 'note-body')) continue;
      this.inNote++;
      if (this.inNote === 1) this.notes.push('');
      this.children(child, depth + 1);
      this.inNote--;
    }
  }
}

/** Whether an element holds any text (an empty repeated row is written once). */
function hasText(node: XmlNode): boolean {
  const stack: XmlNode[] = [node];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at.nodeType === TEXT && (at.nodeValue ?? '').trim().length > 0) return true;
    for (let i = 0; i < at.childNodes.length; i++) stack.push(at.childNodes[i]!);
  }
  return false;
}
