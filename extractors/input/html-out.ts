/**
 * Writing the HTML the HTML reader takes, for the readers that turn another format into it
 * (read-odt.ts, read-rtf.ts): text escaped, and text in a symbol font wrapped as the reader expects
 * it (html-text.ts finds the font in a span's style and maps its glyphs, symbol-fonts.ts).
 */
export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The opening tag of a span whose text is set in `font` ("Wingdings"). */
export const symbolFontOpen = (font: string) => `<span style="font-family:${escapeHtml(font).replace(/"/g, '&quot;')}">`;
