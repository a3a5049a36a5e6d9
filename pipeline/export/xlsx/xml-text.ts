/**
 * Text into SpreadsheetML: the value a cell holds (as the exceljs writer before it kept them: control
 * characters XML 1.0 forbids become U+FFFD, a text longer than Excel's cell limit is cut with "…") and
 * its escaping for XML text and attributes.
 */

/** Excel's limit on the characters in one cell. */
export const MAX_CELL = 32_767;

/** XML 1.0 forbids these characters; written as they are, Excel calls the file corrupt. */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export type CellValue = string | number | boolean | null;

/** A table value as one cell: numbers and booleans as they are, anything else as text, null for empty. */
export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return fitCell(String(value).replace(XML_ILLEGAL, '\uFFFD'));
}

/** A text cut to Excel's cell limit, its last character an ellipsis when cut. */
export function fitCell(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

const ATTRIBUTE_SPECIAL = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ATTRIBUTE_ESCAPED = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const TEXT_ESCAPED = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
const entity = (c: string): string => ENTITIES[c] ?? '\uFFFD';

/**
 * Escaped for a quoted XML attribute (or text). A carriage return is written as a reference so the
 * XML parser's line-end normalisation keeps it; a character XML 1.0 forbids becomes U+FFFD, so no
 * input can make the XML malformed.
 */
export function escapeXml(text: string): string {
  return ATTRIBUTE_SPECIAL.test(text) ? text.replace(ATTRIBUTE_ESCAPED, entity) : text;
}

/** Anything in a text that needs escaping, replacing, or xml:space="preserve" (tabs, line breaks, double spaces). */
const TEXT_SPECIAL = /[&<>\u0000-\u001F\uFFFE\uFFFF]| {2}/;
const SPACE_MATTERS = /[\t\n\r]| {2}/;
const PRESERVE = '<t xml:space="preserve">';

/**
 * A cell's text as SpreadsheetML's `<t>` element: escaped as escapeXml does (quotes need none in
 * text), with xml:space="preserve" when white space at its ends, a tab, a line break or a run of
 * spaces could otherwise be trimmed by a reader. One regex scan for the common plain text.
 */
export function textElement(text: string): string {
  const edge = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  if (!TEXT_SPECIAL.test(text)) return `${edge ? PRESERVE : '<t>'}${text}</t>`;
  return `${edge || SPACE_MATTERS.test(text) ? PRESERVE : '<t>'}${text.replace(TEXT_ESCAPED, entity)}</t>`;
}
