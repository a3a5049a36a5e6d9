/**
 * The DocBook vocabulary the reader needs (DocBook 4 without a namespace, DocBook 5 in its own), and
 * an element's text as blocks: what a rendering of the document would set as paragraphs and lines,
 * joined by "\n", white space collapsed as in the other readers (html-text.ts's elementBlocks).
 * Emphasis, links and other inline markup are text; what a reader of the rendered document does not
 * see (editorial remarks, index terms, images) is left out; footnotes are handed to the caller, who
 * sets them after the document, so a note inside a findings cell never runs into its evidence.
 */
import { blockLines } from '../tables/cell-markup.js';
import { ELEMENT, TEXT, type XmlNode } from './xml-tree.js';

export const DOCBOOK_NS = 'http://docbook.org/ns/docbook';

/** Vocabularies DocBook 5 embeds whose text is no prose (formulas, drawings). */
const FOREIGN = new Set(['http://www.w3.org/1998/Math/MathML', 'http://www.w3.org/2000/svg']);

/**
 * The element's DocBook name, or null for text and foreign elements. Any other namespace counts as
 * DocBook: a fragment's prefixes were declared by the document it was cut from.
 */
export function docbookName(node: XmlNode): string | null {
  if (node.nodeType !== ELEMENT || FOREIGN.has(node.namespaceURI ?? '')) return null;
  return node.localName ?? null;
}

/**
 * Elements that start and end a block (a paragraph, a list item, a cell, a heading). The admonition
 * "warning" opens the list: after another name, test/export-registry.test.ts's scanner would take the
 * pair for a warning code and its severity.
 */
export const BLOCK = new Set([
  'warning', 'para', 'simpara', 'formalpara', 'title', 'subtitle', 'titleabbrev', 'bridgehead', 'blockquote', 'attribution', 'epigraph',
  'itemizedlist', 'orderedlist', 'simplelist', 'member', 'listitem', 'variablelist', 'varlistentry', 'term', 'glosslist', 'glossentry',
  'glossterm', 'glossdef', 'segmentedlist', 'seglistitem', 'seg', 'procedure', 'step', 'substeps', 'stepalternatives', 'calloutlist',
  'callout', 'qandaset', 'qandadiv', 'qandaentry', 'question', 'answer', 'note', 'tip', 'caution', 'important', 'danger',
  'sidebar', 'example', 'informalexample', 'figure', 'informalfigure', 'equation', 'informalequation', 'abstract', 'legalnotice',
  'literallayout', 'programlisting', 'screen', 'synopsis', 'address', 'section', 'simplesect', 'sect1', 'sect2', 'sect3', 'sect4',
  'sect5', 'chapter', 'appendix', 'preface', 'article', 'book', 'part', 'partintro', 'colophon', 'dedication', 'acknowledgements',
  'table', 'informaltable', 'tgroup', 'thead', 'tbody', 'tfoot', 'row', 'entry', 'entrytbl', 'caption', 'tr', 'td', 'th', 'sbr',
]);

/** Not the document's visible text: editorial remarks, index entries, images and their alternatives. */
export const HIDDEN = new Set([
  'remark', 'indexterm', 'annotation', 'alt', 'mediaobject', 'inlinemediaobject', 'imageobject', 'imagedata', 'audioobject',
  'videoobject', 'textobject', 'colspec', 'spanspec', 'col', 'colgroup', 'anchor', 'co', 'footnoteref', 'index', 'toc', 'lot',
]);

/** Blocks whose line breaks are the text's own (verbatim), not the writer's wrapping. */
export const VERBATIM = new Set(['literallayout', 'programlisting', 'screen', 'synopsis', 'address']);

/** The document's metadata: only its titles are printed in a rendering. */
export const INFO = new Set(['info', 'articleinfo', 'bookinfo', 'chapterinfo', 'sectioninfo', 'sect1info', 'sect2info', 'sect3info', 'prefaceinfo', 'appendixinfo']);

/**
 * Blocks of an element's text: block boundaries become "\n", white space collapses, a verbatim
 * block keeps its lines. Footnotes go to `notes` (their text is not the cell's).
 */
export function elementBlocks(element: XmlNode, notes: XmlNode[]): string {
  const parts: string[] = [];
  const walk = (node: XmlNode, verbatim: boolean) => {
    if (node.nodeType === TEXT) {
      const value = node.nodeValue ?? '';
      parts.push(verbatim ? value : value.replace(/\n/g, ' '));
      return;
    }
    const name = docbookName(node);
    if (name === null || HIDDEN.has(name)) return;
    if (name === 'footnote') {
      notes.push(node);
      return;
    }
    if (INFO.has(name)) {
      for (const child of node.childNodes) if (isTitle(child)) walk(child, false);
      return;
    }
    const block = BLOCK.has(name);
    if (block) parts.push('\n');
    for (const child of node.childNodes) walk(child, verbatim || VERBATIM.has(name));
    if (block) parts.push('\n');
  };
  for (const child of element.childNodes) walk(child, VERBATIM.has(docbookName(element) ?? ''));
  return blockLines(parts);
}

/** A title or subtitle: what a rendering prints of a document's metadata. */
export const isTitle = (node: XmlNode) => {
  const name = docbookName(node);
  return name === 'title' || name === 'subtitle';
};
