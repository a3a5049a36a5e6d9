/**
 * XML text → a small tree, by a strict parser (saxes): the XML readers' (OpenDocument, DocBook) one
 * parse. A file written by an office program or a converter is well-formed XML, and reading on past
 * damage (an end tag that closes nothing, a text cut short) would drop whatever the damage hid,
 * findings included: any error fails the file as `damaged`.
 *
 * Each element keeps the file lines it stands on, and each text the lines of its first and last
 * non-blank character, so a reader of a text format (DocBook is read as a text file, not a package)
 * can locate its cells and paragraphs in the file as the text readers do.
 */
import type { SaxesParser as SaxesParserClass } from 'saxes';
import { ExtractionFailure } from '../model.js';
import { tooDeep } from './limits.js';

/** The tree parseXml builds: elements with their namespace, local name and attributes, and text. */
export interface XmlNode {
  nodeType: number;
  nodeValue: string | null;
  namespaceURI?: string;
  localName?: string;
  childNodes: XmlNode[];
  /** "namespace local" → value. */
  attributes?: Map<string, string>;
  /** Element: the line its start tag ends on. Text: the line of its first non-blank character (0 for blank text). */
  line: number;
  /** Element: the line of its end tag. Text: the line of its last non-blank character. */
  endLine: number;
}
export type XmlElement = XmlNode & { attributes: Map<string, string> };

export const ELEMENT = 1;
export const TEXT = 3;
export const DOCUMENT = 9;

type Saxes = typeof SaxesParserClass;
let saxes: Promise<Saxes> | null = null;
// Loaded on first use, like mammoth and pdf.js: most runs see no XML file.
export const loadSaxes = () => (saxes ??= import('saxes').then((m) => m.SaxesParser));

export interface XmlOptions {
  /** What the file is, for the failure's message ("OpenDocument text"). */
  what: string;
  /** Several top-level elements and text between them (a converter's body without its document element). */
  fragment?: boolean;
  /** Prefixes a fragment uses but its wrapping document declared (pandoc's DocBook writes xlink:href without xmlns:xlink). */
  unboundPrefix?: string;
  /** Nesting past this fails as too_deep while parsing, before any walk recurses over it. */
  maxDepth?: number;
  /** Elements past this fail as too_large: each is an object, and a crafted file holds millions in a few megabytes. */
  maxElements?: number;
  /** Entities the document's DTD would define, by name (saxes reads no DTD). */
  entity?: (name: string) => string | undefined;
}

export function parseXml(SaxesParser: Saxes, text: string, options: XmlOptions): XmlNode {
  const root: XmlElement = { nodeType: DOCUMENT, nodeValue: null, childNodes: [], attributes: new Map(), line: 1, endLine: 1 };
  const open: XmlElement[] = [root];
  const unbound = options.unboundPrefix;
  const parser = new SaxesParser({ xmlns: true, fragment: options.fragment ?? false, ...(unbound ? { resolvePrefix: () => unbound } : {}) });
  if (options.entity) parser.ENTITIES = entityTable(parser.ENTITIES, options.entity);
  let elements = 0;
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) attributes.set(`${attribute.uri} ${attribute.local}`, attribute.value);
    const element: XmlElement = { nodeType: ELEMENT, nodeValue: null, namespaceURI: tag.uri, localName: tag.local, childNodes: [], attributes, line: parser.line, endLine: parser.line };
    open.at(-1)!.childNodes.push(element);
    if (options.maxElements !== undefined && ++elements > options.maxElements) {
      throw new ExtractionFailure('too_large', `${options.what} with more than ${options.maxElements} elements: over the limit for one report (a report has a few thousand)`);
    }
    if (!tag.isSelfClosing) open.push(element);
    if (options.maxDepth !== undefined && open.length - 1 > options.maxDepth) throw tooDeep(`${options.what} elements nested more than ${options.maxDepth} deep`);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop()!.endLine = parser.line;
  });
  // The text ends where the parser now stands (the next "<"); its lines are counted back from there.
  const onText = (value: string) => {
    const first = value.search(/\S/);
    const lines = first < 0 ? { line: 0, endLine: 0 } : { line: parser.line - newlines(value, first), endLine: parser.line - newlines(value, value.trimEnd().length) };
    open.at(-1)!.childNodes.push({ nodeType: TEXT, nodeValue: value, childNodes: [], ...lines });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new ExtractionFailure('damaged', `damaged ${options.what}: its XML does not parse (${message})`);
  }
  return root;
}

/** Line feeds in value from index `from` on. */
function newlines(value: string, from: number): number {
  let count = 0;
  for (let at = value.indexOf('\n', from); at >= 0; at = value.indexOf('\n', at + 1)) count++;
  return count;
}

/** The five entities XML defines; any other name is looked up in `entity` (and never on Object.prototype). */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function entityTable(defined: Record<string, string>, entity: (name: string) => string | undefined): Record<string, string> {
  return new Proxy(defined, { get: (target, name) => (typeof name !== 'string' ? undefined : XML_ENTITIES.has(name) ? target[name] : entity(name)) });
}

export const isElement = (node: XmlNode, namespace: string, name: string) => node.nodeType === ELEMENT && node.namespaceURI === namespace && node.localName === name;
export const attr = (node: XmlNode, namespace: string, name: string) => node.attributes?.get(`${namespace} ${name}`) || null;

export function* elements(node: XmlNode): Generator<XmlNode> {
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i]!;
    if (child.nodeType === ELEMENT) yield child;
  }
}
