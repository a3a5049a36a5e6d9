/**
 * Bytes → text. Legacy exports arrive as UTF-8 (with or without BOM), UTF-16 with BOM,
 * Windows-1252, or UTF-8 that an earlier tool decoded as Windows-1252 and saved again
 * (mojibake such as "Ã«" for "ë"). All come out as NFC text with `\n` line ends, so line
 * numbers and content hashes do not depend on the converter that made the file.
 */
import { ExtractionFailure } from '../model.js';

export interface DecodedText {
  text: string;
  /** What the bytes were: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252, utf-8-mojibake-repaired. */
  encoding: string;
  notes: string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 differs from Latin-1 only in 0x80-0x9F. Node's TextDecoder('windows-1252') decodes
 * those bytes as Latin-1 control characters, so the table is spelled out here.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const windows1252 = {
  decode(bytes: Uint8Array): string {
    let text = '';
    for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    return text;
  },
};

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ExtractionFailure('empty', 'empty file (0 bytes)');

  let text: string;
  let encoding: string;
  const notes: string[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8OrFail(bytes.subarray(3));
    encoding = 'utf-8-bom';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    assertNotBinary(bytes);
    try {
      text = strictUtf8.decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = windows1252.decode(bytes);
      encoding = 'windows-1252';
    }
  }

  const repaired = repairMojibake(text);
  if (repaired !== text) {
    text = repaired;
    encoding = `${encoding}+mojibake-repaired`;
    notes.push('text had been decoded as Windows-1252 once too often ("Ã«" for "ë"); repaired');
  }

  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim().length === 0) throw new ExtractionFailure('empty', 'file holds only white space');
  if (controlCharacterShare(text) > 0.01) {
    throw new ExtractionFailure('binary', 'not a text report: the file holds binary data');
  }
  return { text, encoding, notes };
}

function decodeUtf8OrFail(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // A BOM promised UTF-8 but the body is not: the Windows-1252 reading is the better guess, and it is flagged.
    return windows1252.decode(bytes);
  }
}

function assertNotBinary(bytes: Uint8Array): void {
  const sample = bytes.subarray(0, 8192);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  // UTF-16 without BOM has a NUL in every other byte of ASCII text; anything else with NULs is binary.
  if (nul > 0) {
    const evenNuls = countNulsAt(sample, 0);
    const oddNuls = countNulsAt(sample, 1);
    const half = sample.length / 2;
    if (oddNuls > half * 0.3 || evenNuls > half * 0.3) return;
    throw new ExtractionFailure('binary', 'not a text report: the file holds binary data (NUL bytes)');
  }
}

function countNulsAt(bytes: Uint8Array, parity: 0 | 1): number {
  let count = 0;
  for (let i = parity; i < bytes.length; i += 2) if (bytes[i] === 0) count++;
  return count;
}

// C0 controls other than tab, line feed and form feed, and the replacement character.
const CONTROL = /[\u0000-\u0008\u000b\u000d-\u001f\ufffd]/g;

function controlCharacterShare(text: string): number {
  const sample = text.slice(0, 20000);
  return sample.length === 0 ? 0 : (sample.match(CONTROL)?.length ?? 0) / sample.length;
}

/** "Ã" or "â€" followed by a continuation-range character is UTF-8 read as Windows-1252. */
const MOJIBAKE = /[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;

const CP1252_REVERSE = buildCp1252Reverse();

function buildCp1252Reverse(): Map<string, number> {
  const map = new Map<string, number>();
  const all = new Uint8Array(256).map((_, i) => i);
  const decoded = windows1252.decode(all);
  for (let i = 0; i < 256; i++) map.set(decoded[i]!, i);
  return map;
}

function repairMojibake(text: string): string {
  const hits = text.match(MOJIBAKE)?.length ?? 0;
  if (hits < 3) return text;
  const bytes: number[] = [];
  for (const char of text) {
    const byte = CP1252_REVERSE.get(char);
    if (byte === undefined) {
      // A character Windows-1252 cannot hold: the text was not simply double-decoded.
      if (char.codePointAt(0)! > 0xff) return text;
      bytes.push(char.codePointAt(0)!);
    } else {
      bytes.push(byte);
    }
  }
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return text;
  }
}
