/**
 * Which single-byte code page a file that is no UTF-8 was written in, by its bytes: Dutch accented
 * letters inside words, box-drawing pieces and verdict marks tell Windows-1252, Mac Roman and the DOS
 * code pages apart; with too little to go on, Windows-1252 and a warning.
 */
import type { DecodeWarning } from './decode-text.js';
import type { SingleByte } from './code-pages.js';

export interface ByteStatistics {
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

export function byteStatistics(bytes: Uint8Array): ByteStatistics {
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
export function chooseSingleByte(stats: ByteStatistics, warnings: DecodeWarning[]): SingleByte {
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

export const uncertain = (message: string): DecodeWarning => ({ code: 'encoding_uncertain', severity: 'warning', message, location: null });
