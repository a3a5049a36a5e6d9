/**
 * Verdict marks drawn in symbol fonts. Word draws ✓ and ✗ as Wingdings characters 0xFC and 0xFB;
 * a PDF then carries them as private-use code points (U+F0FC) or, with a poor ToUnicode map, as
 * the Latin-1 letters of the same code (ü, û). Only the font says which: "ü" in Wingdings is a
 * check mark, "ü" in the body font is a u-umlaut. Symbol, Wingdings 2 and ZapfDingbats likewise.
 */

import { isBlank } from './pdf-lines.js';

type GlyphTable = Record<number, string>;

const WINGDINGS: GlyphTable = { 0xfb: '✗', 0xfc: '✓', 0xfd: '☒', 0xfe: '☑', 0x9f: '•', 0xa7: '▪', 0x6c: '●', 0x6e: '■', 0x71: '❑', 0xd8: '➢' };
const WINGDINGS_2: GlyphTable = { 0x4f: '✗', 0x50: '✓', 0x52: '☑', 0x53: '☒', 0x54: '☒', 0x97: '•' };
const WINGDINGS_3: GlyphTable = {};
const SYMBOL: GlyphTable = { 0xd6: '√', 0xb4: '×', 0xb7: '•' };
const DINGBATS: GlyphTable = { 0x33: '✓', 0x34: '✔', 0x35: '✕', 0x36: '✖', 0x37: '✗', 0x38: '✘', 0x6c: '●', 0x6e: '■' };

/** The symbol font a PDF font name stands for ("ABCDEF+Wingdings-Regular" → Wingdings), or null. */
export function symbolTableFor(fontName: string): GlyphTable | null {
  const name = fontName.replace(/^[A-Z]{6}\+/, '').toLowerCase().replace(/[\s_-]+/g, '');
  if (name.startsWith('wingdings3')) return WINGDINGS_3;
  if (name.startsWith('wingdings2')) return WINGDINGS_2;
  if (name.startsWith('wingdings')) return WINGDINGS;
  if (name.startsWith('symbol')) return SYMBOL;
  if (name.includes('dingbats')) return DINGBATS;
  return null;
}

/**
 * Characters that may be a symbol font's stand-in: private-use U+F000–U+F0FF (but those the
 * verdict and bullet readers know whatever the font: U+F0FB–U+F0FE, U+F0B7, U+F0A7), or a
 * Latin-1 letter alone in its item.
 */
const PRIVATE_USE = /[\uF000-\uF0A6\uF0A8-\uF0B6\uF0B8-\uF0FA\uF0FF]/;
const LONE_STAND_IN = /^\s*[üûýþÖ´·PORST]\s*$/;

/**
 * Asked of every text item of every page: items with neither a private-use character nor just one
 * non-blank character (nearly all) are told apart by char codes, without running the expressions.
 */
export function mayBeSymbolGlyph(str: string): boolean {
  let nonBlank = 0;
  let privateUse = false;
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code >= 0xf000 && code <= 0xf0ff) privateUse = true;
    if (!isBlank(code)) nonBlank++;
  }
  if (!privateUse && nonBlank !== 1) return false;
  return PRIVATE_USE.test(str) || LONE_STAND_IN.test(str);
}

/** Maps a string drawn in `fontName` to the Unicode characters it shows. Text in other fonts is returned as is. */
export function normaliseSymbolText(str: string, fontName: string): string {
  const table = symbolTableFor(fontName);
  if (!table) return str;
  let out = '';
  for (const char of str) {
    const code = char.codePointAt(0)!;
    const byte = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
    out += table[byte] ?? char;
  }
  return out;
}
