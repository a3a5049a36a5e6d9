/**
 * Bytes → text. Legacy exports arrive as UTF-8 (with or without BOM), UTF-16 or UTF-32 (with or without
 * BOM), Windows-1252 / ISO-8859-1, ISO-8859-15, Mac Roman, the DOS code pages 850 and 437 (old
 * council archives), or UTF-8 that an earlier tool decoded as Windows-1252 and saved again (mojibake
 * such as "Ã«" for "ë"). All come out as NFC text with `\n` line ends, invisible format characters
 * removed and exotic spaces made plain, so line numbers, table detection and content hashes do not
 * depend on the converter that made the file.
 *
 * The byte statistics that choose an encoding are gathered in one pass over the file; after
 * decoding, a constant number of linear passes clean the text.
 */
import { ExtractionFailure, type ExtractionWarning } from '../model.js';

export type DecodeWarning = Omit<ExtractionWarning, 'findingIndex'>;

export interface DecodedText {
  text: string;
  /**
   * What the bytes were: utf-8, utf-8-bom, utf-16le, utf-16be, utf-32le, utf-32be, windows-1252, iso-8859-15,
   * mac-roman, cp850, cp437; "+mojibake-repaired" when double decoding was undone.
   */
  encoding: string;
  /** Repairs made (reported as `encoding_repaired`). */
  notes: string[];
  /** Doubts about the decoding: characters lost or an encoding chosen on thin evidence. */
  warnings: DecodeWarning[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const utf16leDecoder = new TextDecoder('utf-16le');

/**
 * Single-byte code pages as tables for 0x80-0xFF. Node's TextDecoder('windows-1252') decodes
 * 0x80-0x9F as Latin-1 control characters, and small-ICU builds lack Mac Roman and the DOS code
 * pages, so the tables are spelled out. Windows-1252's five undefined bytes stay C1 controls. The DOS
 * tables are IBM's (as iconv and Python read them), a row of sixteen bytes a line; 0x00-0x7F read as
 * ASCII there too (the smileys and arrows DOS drew for control codes are not text).
 */
const LATIN1_HIGH = Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ' + LATIN1_HIGH;
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

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ExtractionFailure('empty', 'empty file (0 bytes)');
  const warnings: DecodeWarning[] = [];
  const notes: string[] = [];
  let { text, encoding } = decodeBytes(bytes, warnings);

  const repaired = repairMojibake(text);
  if (repaired !== text) {
    text = repaired;
    encoding = `${encoding}+mojibake-repaired`;
    notes.push('text had been decoded as Windows-1252 once too often ("Ã«" for "ë"); repaired');
  }

  return checkedText(text, encoding, notes, warnings);
}

/**
 * Text already decoded (by decodeText, or by a reader that got it out of a binary format, read-doc.ts)
 * made ready for the table readers: line ends, invisible and typographic spaces, NFC, and the same
 * refusals and doubts as any text file.
 */
export function checkedText(raw: string, encoding: string, notes: string[] = [], warnings: DecodeWarning[] = []): DecodedText {
  const text = cleanText(raw);
  if (text.trim().length === 0) throw new ExtractionFailure('empty', 'file holds only white space');
  if (controlCharacterShare(text) > 0.01) {
    throw new ExtractionFailure('binary', 'not a text report: the file holds binary data');
  }
  warnReplacementCharacters(text, warnings);
  warnLostMarks(text, warnings);
  return { text, encoding, notes, warnings };
}

function decodeBytes(bytes: Uint8Array, warnings: DecodeWarning[]): { text: string; encoding: string } {
  // Before UTF-16: a UTF-32LE BOM opens with the UTF-16LE one.
  const utf32 = utf32Order(bytes);
  if (utf32) return { text: decodeUtf32(bytes, utf32), encoding: utf32.littleEndian ? 'utf-32le' : 'utf-32be' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const utf16 = utf16WithoutBom(body);
  if (utf16) return { text: new TextDecoder(utf16).decode(body), encoding: utf16 };

  try {
    return { text: strictUtf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not clean UTF-8: the byte statistics below decide between damaged UTF-8 and a code page.
  }
  const stats = byteStatistics(body);
  // Text in a single-byte code page almost never forms valid multi-byte UTF-8 sequences, so a file
  // with more valid sequences than broken ones is UTF-8 with damage: keep it UTF-8, mark the damage
  // with U+FFFD (counted in a warning later) rather than re-reading every accent wrongly.
  if (stats.validMultibyte > stats.invalidUtf8) return { text: lenientUtf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };

  const encoding = chooseSingleByte(stats, warnings);
  if (hasBom) {
    warnings.push(uncertain(`the file starts with a UTF-8 byte-order mark but its text is not UTF-8; read as ${encoding} (a mislabelled export, or files joined together)`));
  }
  return { text: decodeSingleByte(body, encoding), encoding };
}

interface Utf32Order {
  littleEndian: boolean;
  /** Bytes of BOM to skip: 4, or 0 when told by the NUL pattern. */
  skip: number;
}

/**
 * UTF-32 (what some Windows and Java tools write when asked for "Unicode"): by its BOM, or without
 * one by the NUL pattern of Latin text, where three of every four bytes are zero, two of them in
 * every code unit's high half (Dutch text never leaves the Basic Multilingual Plane).
 */
function utf32Order(bytes: Uint8Array): Utf32Order | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { littleEndian: true, skip: 4 };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { littleEndian: false, skip: 4 };
  const units = Math.min(bytes.length, 8192) >> 2;
  if (units < 4) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < units; i++) {
    const at = i * 4;
    if (bytes[at + 2] === 0 && bytes[at + 3] === 0 && bytes[at] !== 0) le++;
    if (bytes[at] === 0 && bytes[at + 1] === 0 && bytes[at + 3] !== 0) be++;
  }
  if (le === units) return { littleEndian: true, skip: 0 };
  if (be === units) return { littleEndian: false, skip: 0 };
  return null;
}

/** UTF-32 → string; a code unit beyond Unicode or a lone surrogate becomes U+FFFD (counted later), a cut last unit is dropped with a U+FFFD. */
function decodeUtf32(bytes: Uint8Array, order: Utf32Order): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const codes: number[] = [];
  const end = bytes.length - ((bytes.length - order.skip) % 4);
  for (let at = order.skip; at < end; at += 4) {
    const code = view.getUint32(at, order.littleEndian);
    codes.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    // String.fromCodePoint takes its code points as arguments: a bounded batch each time.
    if (codes.length === 8192) parts.push(String.fromCodePoint(...codes.splice(0)));
  }
  if (end < bytes.length) codes.push(0xfffd);
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

/**
 * UTF-16 without a BOM: ASCII text has a NUL in every other byte (high byte first in BE).
 * Binary files have NULs too, but not confined to one parity; those are refused.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, 8192 - (Math.min(bytes.length, 8192) % 2));
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? even++ : odd++);
  if (even + odd === 0) return null;
  const half = sample.length / 2;
  if (odd > half * 0.5 && even <= odd * 0.05) return 'utf-16le';
  if (even > half * 0.5 && odd <= even * 0.05) return 'utf-16be';
  throw new ExtractionFailure('binary', 'not a text report: the file holds binary data (NUL bytes)');
}

interface ByteStatistics {
  validMultibyte: number;
  invalidUtf8: number;
  /** Bytes 0x80-0x9F: punctuation in Windows-1252, unused control codes in ISO-8859-x. */
  c1: number;
  /** 0xA4: "¤" in Windows-1252 and Latin-1 (never written in Dutch prose), "€" in ISO-8859-15. */
  currency: number;
  /** Right after an ASCII letter: bytes that are é ë ï ö ü è in Windows-1252, in Mac Roman, in the DOS code pages. */
  dutchCp1252: number;
  dutchMacRoman: number;
  dutchDos: number;
  /**
   * Bytes that read as what they stand for only in code page 850: a letter next to an ASCII letter
   * (Ë Ï È Ó Ú ø …; box pieces or Greek in 437), or × (0x9E; ₧ in 437) opening a table cell, a verdict mark.
   */
  onlyCp850: number;
  /**
   * Bytes that read as what they stand for only in code page 437: a box piece next to another box byte
   * (╤ ╧ ╟ ╢ ╒ ╕ …; capitals in 850), or √ (0xFB; ¹ in 850) opening a table cell, DOS's check mark.
   */
  onlyCp437: number;
}

const DUTCH_CP1252 = new Set([0xe9, 0xeb, 0xef, 0xf6, 0xfc, 0xe8]);
const DUTCH_MAC_ROMAN = new Set([0x8e, 0x91, 0x95, 0x9a, 0x9f, 0x8f]);
/** é ë ï ö ü è in code pages 850 and 437 (the two agree on every lowercase Dutch letter). */
const DUTCH_DOS = new Set([0x82, 0x89, 0x8b, 0x94, 0x81, 0x8a]);
/**
 * 0x94 is "ö" in the DOS code pages but "”" in Windows-1252, where a closing quote follows a letter
 * in every quotation ("goed”): it counts for the DOS code pages only inside a word ("coördinatie"),
 * where Windows-1252 text never puts a quote. The other DOS letters are Windows-1252 characters that
 * do not follow letters (‚ ‰ Š ‹, and 0x81, which Windows-1252 leaves undefined).
 */
const DOS_QUOTE_LOOKALIKE = 0x94;
const LETTERS_ONLY_CP850 = new Set([0x9b, 0x9d, 0xb5, 0xb6, 0xb7, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xde, 0xe0, 0xe2, 0xe3, 0xe4, 0xe5, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed]);
const BOX_ONLY_CP437 = new Set([0xb5, 0xb6, 0xb7, 0xb8, 0xbd, 0xbe, 0xc6, 0xc7, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xdd, 0xde]);
/** 0xB0-0xDF: box pieces and blocks, every one of them in 437, most in 850 (which keeps the plain single and double lines). */
const isBoxCp437 = (b: number) => b >= 0xb0 && b <= 0xdf;
const MARK_ONLY_CP850 = 0x9e;
const MARK_ONLY_CP437 = 0xfb;
const isBlankOrEnd = (b: number) => b === 0 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
/**
 * The byte at i opens a cell of a pipe or tab table: "|" or a tab before it, blanks between. Not a line's
 * start: there 850's ¹ opens a footnote ("¹ Binnen Samenwerkend Toezicht …") as 437's √ would a mark.
 * Only the byte right after a run of blanks looks back over it, so this stays linear.
 */
function opensCell(bytes: Uint8Array, i: number): boolean {
  let at = i - 1;
  while (at >= 0 && bytes[at] === 0x20) at--;
  return at >= 0 && (bytes[at] === 0x7c || bytes[at] === 0x09);
}
const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

function byteStatistics(bytes: Uint8Array): ByteStatistics {
  const s: ByteStatistics = { validMultibyte: 0, invalidUtf8: 0, c1: 0, currency: 0, dutchCp1252: 0, dutchMacRoman: 0, dutchDos: 0, onlyCp850: 0, onlyCp437: 0 };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b <= 0x9f) s.c1++;
    if (b === 0xa4) s.currency++;
    // The second letter of "één" follows a non-ASCII byte: count it when the byte before is a Dutch letter too.
    const prev = i > 0 ? bytes[i - 1]! : 0;
    if (DUTCH_CP1252.has(b) && (isAsciiLetter(prev) || DUTCH_CP1252.has(prev))) s.dutchCp1252++;
    if (DUTCH_MAC_ROMAN.has(b) && (isAsciiLetter(prev) || DUTCH_MAC_ROMAN.has(prev))) s.dutchMacRoman++;
    const next = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    if (DUTCH_DOS.has(b) && (isAsciiLetter(prev) || DUTCH_DOS.has(prev)) && (b !== DOS_QUOTE_LOOKALIKE || isAsciiLetter(next) || DUTCH_DOS.has(next))) s.dutchDos++;
    if (LETTERS_ONLY_CP850.has(b) && (isAsciiLetter(prev) || isAsciiLetter(next))) s.onlyCp850++;
    if (BOX_ONLY_CP437.has(b) && (isBoxCp437(prev) || isBoxCp437(next))) s.onlyCp437++;
    if ((b === MARK_ONLY_CP850 || b === MARK_ONLY_CP437) && isBlankOrEnd(next) && opensCell(bytes, i)) b === MARK_ONLY_CP850 ? s.onlyCp850++ : s.onlyCp437++;
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      s.validMultibyte++;
      for (let k = 1; k < length; k++) if (bytes[i + k]! <= 0x9f) s.c1++;
      i += length;
    } else {
      s.invalidUtf8++;
      i++;
    }
  }
  return s;
}

/** Length of the well-formed UTF-8 sequence starting at i (lead byte ≥ 0x80), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  // The second byte's range excludes overlong forms and surrogates (Unicode table 3-7).
  const second = bytes[i + 1]!;
  const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

/**
 * Windows-1252 unless the bytes say otherwise. Mac Roman and the DOS code pages put Dutch accented
 * letters at 0x80-0x9F, where Windows-1252 has punctuation and Latin-1 has nothing, each at bytes of
 * its own, so é/ë/ï/ö/ü/è inside words tell the three apart when there are a few of them: a code page
 * is chosen when at least three accents read as letters in it and four times as many as in either
 * other. With fewer, or with two code pages close, Windows-1252 is kept and the doubt is reported.
 * (Windows-1252's own accents, 0xE8-0xFC, are Ú Ù Þ ÷ ³ ´ in 850 and Greek and math in 437: a DOS
 * file does not put them after letters, nor a Windows one the DOS accents.) ISO-8859-15 differs from
 * Latin-1 in eight rarely used positions; it is chosen only when the file uses none of the
 * Windows-1252 extras yet holds 0xA4, which would otherwise read "¤".
 */
function chooseSingleByte(stats: ByteStatistics, warnings: DecodeWarning[]): SingleByte {
  const evidence = [
    { encoding: 'windows-1252', name: 'Windows-1252', letters: stats.dutchCp1252 },
    { encoding: 'mac-roman', name: 'Mac Roman', letters: stats.dutchMacRoman },
    { encoding: 'cp850', name: 'DOS code page 850/437', letters: stats.dutchDos },
  ] as const;
  // A stable sort: on a tie Windows-1252, listed first, stays first.
  const [best, ...others] = [...evidence].sort((a, b) => b.letters - a.letters);
  if (best!.encoding !== 'windows-1252' && best!.letters >= 3 && others.every((other) => best!.letters >= 4 * other.letters)) {
    return best!.encoding === 'cp850' ? chooseDosPage(stats, warnings) : best!.encoding;
  }
  const cp = stats.dutchCp1252;
  const rivals = evidence.filter((e) => e.encoding !== 'windows-1252' && e.letters > 0 && e.letters >= cp);
  if (rivals.length > 0) {
    const counts = rivals.map((r) => `${r.letters} as ${r.name}`).join(', ');
    warnings.push(uncertain(`the accented letters inside words do not tell the encoding (${counts}, ${cp} as Windows-1252); read as windows-1252, accents may be wrong`));
  }
  if (stats.c1 === 0 && stats.currency > 0) return 'iso-8859-15';
  return 'windows-1252';
}

/**
 * Code page 850 or 437. The two agree on every byte Dutch prose needs (the lowercase accented
 * letters, É Ö Ü, ½ ° ± ²) and on the plain single and double lines of DOS tables; they differ where
 * 850 has the accented capitals and Latin-1 signs (Ë Ï È Ó ø × ¹ ³ ¾ …) and 437 its mixed single/double
 * box pieces and Greek and math signs (╤ ╧ ╒ ╕ … α π ≥ ≤ √). The bytes tell them apart only where one
 * reading is sense and the other nonsense: an 850 capital inside a word ("BEËINDIGD"; in 437 a box
 * piece between letters) or 850's × opening a table cell, a verdict mark (₧ in 437), against a 437 box
 * piece among box bytes ("╔═══╤═══╗"; in 850 a capital between lines) or 437's √ opening a cell, DOS's
 * check mark (¹ in 850). The result is named cp850, the OEM code page Windows gives Dutch, unless the
 * bytes show 437 and nothing else: most files show neither and read the same either way. A 437 file's
 * ≥ or √ in running text is read as 850's ‗ or ¹; the bytes cannot tell that, and no doubt is reported.
 */
function chooseDosPage(stats: ByteStatistics, warnings: DecodeWarning[]): 'cp850' | 'cp437' {
  if (stats.onlyCp437 === 0) return 'cp850';
  if (stats.onlyCp850 === 0) return 'cp437';
  warnings.push(uncertain(`the text has characters that read right only in DOS code page 850 (${stats.onlyCp850}: letters inside words, × marks) and others only in code page 437 (${stats.onlyCp437}: box-drawing pieces, √ marks); read as cp850, those characters may be wrong`));
  return 'cp850';
}

const uncertain = (message: string): DecodeWarning => ({ code: 'encoding_uncertain', severity: 'warning', message, location: null });

/**
 * Line ends to `\n` (CRLF, and CR alone as old Mac tools wrote); invisible format characters
 * removed (soft hyphens, zero-width spaces and joiners, word joiners, byte-order marks left in
 * mid-file by concatenation); no-break and typographic spaces made plain spaces; then NFC, since
 * macOS tools write accents decomposed ("o" + U+0308). One replace pass and one normalisation.
 */
const CLEAN = /(\r\n?)|([\u00ad\u200b-\u200d\u2060\ufeff])|[\u00a0\u2000-\u200a\u202f\u205f]/g;

function cleanText(text: string): string {
  return text.replace(CLEAN, (_match, lineEnd?: string, invisible?: string) => (lineEnd ? '\n' : invisible ? '' : ' ')).normalize('NFC');
}

// C0 controls other than tab, line feed and form feed; replacement characters weigh a tenth, so a
// few invalid bytes in a short note are damage to report, while a file full of them is refused.
const CONTROL = /[\u0000-\u0008\u000b\u000d-\u001f]/g;

function controlCharacterShare(text: string): number {
  const sample = text.slice(0, 20000);
  if (sample.length === 0) return 0;
  const replaced = sample.match(/\ufffd/g)?.length ?? 0;
  return ((sample.match(CONTROL)?.length ?? 0) + replaced / 10) / sample.length;
}

/** U+FFFD marks characters lost here (invalid bytes) or by an earlier converter: say where. */
function warnReplacementCharacters(text: string, warnings: DecodeWarning[]): void {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf('\ufffd'); at >= 0; at = text.indexOf('\ufffd', at + 1)) {
    // Line feeds are counted once, from the previous hit on, so this stays linear.
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) line++;
    counted = at;
    lines.push(line);
  }
  if (lines.length === 0) return;
  const distinct = [...new Set(lines)];
  warnings.push({
    code: 'encoding_invalid_bytes',
    severity: 'warning',
    message: `${lines.length} character(s) could not be decoded (invalid bytes, or lost by an earlier converter) and read as "\ufffd", on line(s) ${distinct.slice(0, 10).join(', ')}${distinct.length > 10 ? ', …' : ''}`,
    location: { lineStart: distinct[0]!, lineEnd: distinct.at(-1)!, page: null, locator: null },
  });
}

/**
 * Latin-1, Mac Roman and the DOS code pages cannot hold ✓ or ✗: converters write "?" instead
 * (iconv //TRANSLIT, Python's errors="replace", Word), which says a mark stood there but not which
 * one. A "?" that opens a table cell or paragraph is such a stand-in; the findings keep no verdict
 * (verdict_missing), and this warning says why.
 */
const LOST_MARK = /(?:^[ \t]*|[|\t] *|<p>[ \t]*|<br\s*\/?>[ \t]*)\?(?=[ \t]+[\p{L}(])/gmu;
// Written so that no run of blanks is scanned once per character of it: "[|\t][ \t]*" tried a match
// at every tab of a long run and rescanned the rest each time (100k tabs took 14 s). After a cell
// edge only spaces may follow; a tab among them is itself a cell edge, where the match starts instead,
// so the same "?" are counted.

function warnLostMarks(text: string, warnings: DecodeWarning[]): void {
  // Every match holds a "?": a text without one (indexOf is a native scan) need not be matched.
  const count = text.includes('?') ? (text.match(LOST_MARK)?.length ?? 0) : 0;
  if (count === 0) return;
  warnings.push({
    code: 'verdict_marks_lost',
    severity: 'warning',
    message: `${count} "?" where a verdict mark (✓/✗) stood: an earlier conversion to an encoding without these marks replaced them; those verdicts are left empty, not guessed`,
    location: null,
  });
}

/** "Ã" or "â€" followed by a continuation-range character is UTF-8 read as Windows-1252. */
const CONT = '\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122';
const MOJIBAKE = new RegExp(`[ÃÂâ][${CONT}]`, 'g');
/** One UTF-8 sequence as Windows-1252 characters: a lead byte and its continuation bytes. */
const MOJIBAKE_SEQUENCE = new RegExp(`[\\u00c2-\\u00df][${CONT}]|[\\u00e0-\\u00ef][${CONT}]{2}|[\\u00f0-\\u00f4][${CONT}]{3}`, 'g');

const CP1252_REVERSE = new Map([...CP1252_HIGH].map((char, i) => [char, 0x80 + i] as const));

/**
 * Undoes double decoding sequence by sequence, so a file that is only partly mojibake (two files
 * joined) is repaired where it is broken and left alone elsewhere. A sequence is replaced only when
 * its bytes are well-formed UTF-8; a text with fewer than three telltale pairs is left as it is, so
 * an odd "Â" in correct text is never touched. Up to three rounds undo a triple decoding.
 */
function repairMojibake(text: string): string {
  // Every telltale pair starts with Ã, Â or â: most texts hold none and skip the pattern's scan.
  if (!text.includes('Ã') && !text.includes('Â') && !text.includes('â')) return text;
  for (let round = 0; round < 3; round++) {
    if ((text.match(MOJIBAKE)?.length ?? 0) < 3) return text;
    const next = text.replace(MOJIBAKE_SEQUENCE, (sequence) => {
      const bytes = Uint8Array.from([...sequence].map((char) => CP1252_REVERSE.get(char) ?? char.charCodeAt(0)));
      try {
        return strictUtf8.decode(bytes);
      } catch {
        return sequence;
      }
    });
    if (next === text) return text;
    text = next;
  }
  return text;
}
