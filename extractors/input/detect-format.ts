/**
 * Which reader a file needs, from its first bytes (an extension can lie; a batch from an archive
 * often has none) with the extension as a tie-breaker for markup.
 */
import type { InputFormat } from '../model.js';

const OLE_MAGIC = '\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1';

/** Formats recognised but not read: the failure names them, so a researcher knows what to convert. */
export const UNREAD_FORMATS = {
  zip: 'a ZIP archive that is no Word (.docx) or OpenDocument (.odt) text',
} as const;
export type UnreadFormat = keyof typeof UNREAD_FORMATS;

export function detectFormat(bytes: Uint8Array, fileName: string): InputFormat | UnreadFormat {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.startsWith('%PDF-') || head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  // An OLE compound file: Word 97-2003 (.doc) is the kind these archives hold; the reader refuses the others.
  if (head.startsWith(OLE_MAGIC)) return 'doc';
  // An ODF package names its kind in an uncompressed first entry, "mimetype".
  if (head.startsWith('PK\u0003\u0004') && head.slice(30, 120).startsWith('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
  if (head.startsWith('PK\u0003\u0004')) return /\.docx$/i.test(fileName) || head.includes('word/') || head.includes('[Content_Types].xml') || zipHolds(bytes, 'word/document.xml') ? 'docx' : 'zip';
  if (head.startsWith('{\\rtf')) return 'rtf';
  const lowerName = fileName.toLowerCase();
  const trimmed = head.replace(/^\uFEFF|^ï»¿/, '').trimStart().toLowerCase();
  if (lowerName.endsWith('.html') || lowerName.endsWith('.htm') || trimmed.startsWith('<!doctype html') || trimmed.startsWith('<html')) return 'html';
  if (trimmed.startsWith('<?xml') && /<html[\s>]/.test(trimmed)) return 'html';
  // pdftohtml -xml: a PDF's text items with their positions, page by page.
  if (trimmed.startsWith('<') && /<pdf2xml[\s>]/.test(trimmed)) return 'pdfxml';
  if (isDocBook(bytes, trimmed, lowerName)) return 'docbook';
  if (isHtmlFragment(bytes, trimmed)) return 'html';
  return 'text';
}

const DOCBOOK_NAMESPACE = /xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/docbook\.org\/ns\/docbook["']/;
const DOCBOOK_DOCTYPE = /<!doctype\s+[\w:.-]+\s+public\s+["']-\/\/oasis\/\/dtd docbook/;
/** What a DocBook body opens with (after an XML declaration, comments, a doctype): a block element. */
const DOCBOOK_START =
  /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype[^>]*>\s*)?<(?:para|simpara|formalpara|sect[1-5]|section|chapter|article|book|part|appendix|preface|info|informaltable|table|itemizedlist|orderedlist|variablelist|literallayout|programlisting|bridgehead|blockquote|title|note)[\s>/]/;

/** End tags DocBook writes and HTML has no element for. */
const DOCBOOK_CLOSE = /<\/(?:para|simpara|entry|row|tgroup|listitem|itemizedlist|orderedlist|emphasis)>/g;

/**
 * DocBook XML, by its namespace (DocBook 5) or doctype (DocBook 4), or, for a body without either
 * (pandoc without -s writes one: <para>s and <section>s side by side, DocBook 4 with no namespace),
 * by a block element to open with and elements closed that DocBook has and HTML does not (</para>, </entry>).
 * A .dbk file is DocBook when it is markup at all.
 */
function isDocBook(bytes: Uint8Array, trimmedHead: string, lowerName: string): boolean {
  if (!trimmedHead.startsWith('<')) return false;
  if (DOCBOOK_NAMESPACE.test(trimmedHead) || DOCBOOK_DOCTYPE.test(trimmedHead) || lowerName.endsWith('.dbk')) return true;
  if (!DOCBOOK_START.test(trimmedHead)) return false;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 65_536));
  return (text.match(DOCBOOK_CLOSE)?.length ?? 0) >= 3 && !/<\/(?:p|td|li|div)>/i.test(text);
}

/** The block elements an HTML fragment opens with. */
const FRAGMENT_START = /^<(?:p|h[1-6]|div|table|ul|ol|section|article|blockquote|header|main|body)[\s>]/;

/**
 * HTML without <html> or a doctype, as converters write a body (pandoc's html4 and JATS writers without
 * -s): it opens with a block element, closes paragraphs throughout, and has no line of markdown
 * structure (a "|" table row, a "#" heading) among them. Read as text, its tags hid headings and lists
 * from the narrative reader.
 */
function isHtmlFragment(bytes: Uint8Array, trimmedHead: string): boolean {
  if (!FRAGMENT_START.test(trimmedHead)) return false;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 65_536));
  const closed = text.match(/<\/(?:p|h[1-6]|li|td)>/gi)?.length ?? 0;
  return closed >= 5 && !/^[ \t]*(?:\||#{1,6}\s)/m.test(text);
}

/** Whether a ZIP archive lists this entry. Word's own packages name word/ first; LibreOffice's do not, so the central directory at the end is read too. */
function zipHolds(bytes: Uint8Array, entry: string): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)));
  return tail.includes(entry);
}
