/**
 * The single-byte code pages legacy text arrives in, as tables for 0x80-0xFF (decode-text.ts
 * chooses one by code-page-guess.ts).
 */
const utf16leDecoder = new TextDecoder('utf-16le');

/**
 * Single-byte code pages as tables for 0x80-0xFF. Node's TextDecoder('windows-1252') decodes
 * 0x80-0x9F as Latin-1 control characters, and small-ICU builds lack Mac Roman and the DOS code
 * pages, so the tables are spelled out. Windows-1252's five undefined bytes stay C1 controls. The DOS
 * tables are IBM's (as iconv and Python read them), a row of sixteen bytes a line; 0x00-0x7F read as
 * ASCII there too (the smileys and arrows DOS drew for control codes are not text).
 */
const LATIN1_HIGH = Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');
export const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ' + LATIN1_HIGH;
const ISO8859_15_HIGH = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)).join('') +
  [...LATIN1_HIGH].map((c) => ({ '¤': '€', '¦': 'Š', '¨': 'š', '´': 'Ž', '¸': 'ž', '¼': 'Œ', '½': 'œ', '¾': 'Ÿ' })[c] ?? c).join('');
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' + 'ÉæÆôöòûùÿÖÜø£Ø×ƒ' + 'áíóúñÑªº¿®¬½¼¡«»' + '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' + 'ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀' + 'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' + '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' + 'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' + 'áíóúñÑªº¿⌐¬½¼¡«»' + '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' + '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' + 'αßΓπΣσµτΦΘΩδ∞φε∩' + '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export type SingleByte = 'windows-1252' | 'iso-8859-15' | 'mac-roman' | 'cp850' | 'cp437';
const SINGLE_BYTE_TABLES: Record<SingleByte, Uint16Array> = {
  'windows-1252': codeTable(CP1252_HIGH),
  'iso-8859-15': codeTable(ISO8859_15_HIGH),
  'mac-roman': codeTable(MAC_ROMAN_HIGH),
  cp850: codeTable(CP850_HIGH),
  cp437: codeTable(CP437_HIGH),
};

function codeTable(high: string): Uint16Array {
  const table = new Uint16Array(256);
  for (let i = 0; i < 0x80; i++) table[i] = i;
  for (let i = 0; i < 0x80; i++) table[0x80 + i] = high.charCodeAt(i);
  return table;
}

/** Bytes in one of the single-byte code pages, as they are: no detection, no cleaning (exported for the table tests). */
export function decodeSingleByte(bytes: Uint8Array, encoding: SingleByte): string {
  const table = SINGLE_BYTE_TABLES[encoding];
  // Through UTF-16LE bytes and the native decoder: an order of magnitude faster than building
  // the string in JavaScript, and independent of the platform's byte order.
  const utf16 = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const unit = table[bytes[i]!]!;
    utf16[2 * i] = unit & 0xff;
    utf16[2 * i + 1] = unit >> 8;
  }
  return utf16leDecoder.decode(utf16);
}
