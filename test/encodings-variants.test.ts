/**
 * Every fixture report through the encodings and byte-level accidents converters produce, built in
 * memory: each must give the findings (field by field) and metadata of the UTF-8 original. Where an
 * encoding cannot hold a character (✓/✗ in Latin-1, Mac Roman or the DOS code pages), the reference is the original
 * text with the converter's stand-in, and the verdicts it held must be left empty, never guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { decodeText } from '../extractors/input/decode-text.js';
import type { ExtractedReport } from '../extractors/model.js';

const CP1252_EXTRAS: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c,
  'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};
const ISO8859_15_EXTRAS: Record<string, number> = { '€': 0xa4, 'Š': 0xa6, 'š': 0xa8, 'Ž': 0xb4, 'ž': 0xb8, 'Œ': 0xbc, 'œ': 0xbd, 'Ÿ': 0xbe };
const MAC_ROMAN_HIGH = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';
const MAC_ROMAN = Object.fromEntries([...MAC_ROMAN_HIGH].map((c, i) => [c, 0x80 + i]));
// IBM's tables, as iconv has them (test/decode-text.test.ts checks the decoder's against iconv byte by byte).
const CP850_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const CP850 = Object.fromEntries([...CP850_HIGH].map((c, i) => [c, 0x80 + i]));
const CP437 = Object.fromEntries([...CP437_HIGH].map((c, i) => [c, 0x80 + i]));

/** A single-byte encoder that refuses what the code page cannot hold (the variant builders decide the stand-ins). */
function encodeSingleByte(text: string, high: Record<string, number>, latin1Range: boolean): Uint8Array {
  return Uint8Array.from([...text].map((char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return code;
    if (high[char] !== undefined) return high[char]!;
    if (latin1Range && code >= 0xa0 && code <= 0xff && !Object.values(high).includes(code)) return code;
    throw new Error(`cannot encode ${char} (U+${code.toString(16)})`);
  }));
}

/** What iconv //TRANSLIT writes for the characters these reports hold that Latin-1 lacks. */
const translitLatin1 = (text: string) => text.replace(/[✓✗]/g, '?').replace(/–/g, '-').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/⁴/g, '4');
const SUPERSCRIPT_DIGITS: Record<string, string> = { '¹': '1', '²': '2', '³': '3', '⁴': '4' };
/** What iconv -t CP850//TRANSLIT writes (checked against iconv on the five reports): 850 keeps ¹ ² ³, 437 only ². */
const translitDos = (text: string, keep: RegExp) => translitLatin1(text).replace(/[¹²³]/g, (c) => (keep.test(c) ? c : SUPERSCRIPT_DIGITS[c]!));
/** A DOS table as such files have them (double frame, single inner lines): ╤ ╧ ╟ ╢ exist only in code page 437. */
const DOS_BOX_TABLE = '\n╔══════════╤════════╗\n║ Archief  │ kopie  ║\n╟──────────┼────────╢\n║ Map      │ 12     ║\n╚══════════╧════════╝\n';
const utf16 = (text: string, bigEndian: boolean) => {
  const bytes = Buffer.from(text, 'utf16le');
  return new Uint8Array(bigEndian ? bytes.swap16() : bytes);
};
const utf32 = (text: string, bigEndian: boolean) => {
  const codes = [...text].map((c) => c.codePointAt(0)!);
  const bytes = Buffer.alloc(codes.length * 4);
  codes.forEach((code, i) => (bigEndian ? bytes.writeUInt32BE(code, i * 4) : bytes.writeUInt32LE(code, i * 4)));
  return new Uint8Array(bytes);
};
/** The text's UTF-8 bytes with the given byte runs inserted at the given offsets (ascending). */
const withBytes = (text: string, offsets: number[], inserts: number[][]) => {
  const source = Buffer.from(text);
  const parts: Buffer[] = [];
  let from = 0;
  offsets.forEach((offset, i) => {
    parts.push(source.subarray(from, offset), Buffer.from(inserts[i]!));
    from = offset;
  });
  return Buffer.concat([...parts, source.subarray(from)]);
};

interface Variant {
  bytes: Uint8Array;
  /** The text the bytes hold, as a UTF-8 reading would give it; equal to the source when nothing is lost. */
  text: string;
  /** The UTF-8 text whose findings the variant must reproduce, when not `text` itself. */
  reference?: string;
  encoding: string;
}

/** Byte offsets after the first letter of a findings cell's evidence, so invalid bytes land inside evidence. */
function evidenceOffsets(text: string): number[] {
  const cells = [...text.matchAll(/(?<=[|\t>] ?)[✓✗] \p{Lu}/gu)];
  return [cells[2]!, cells[Math.floor(cells.length / 2)]!].map((m) => Buffer.byteLength(text.slice(0, m.index + 3)));
}

const VARIANTS: Record<string, (source: string) => Variant> = {
  'UTF-16LE without BOM': (s) => ({ bytes: utf16(s, false), text: s, encoding: 'utf-16le' }),
  'UTF-16BE without BOM': (s) => ({ bytes: utf16(s, true), text: s, encoding: 'utf-16be' }),
  'UTF-16LE with BOM, CRLF': (s) => ({ bytes: Uint8Array.from([0xff, 0xfe, ...utf16(s.replace(/\n/g, '\r\n'), false)]), text: s, encoding: 'utf-16le' }),
  'UTF-32LE with BOM (iconv -t UTF-32)': (s) => ({ bytes: Uint8Array.from([0xff, 0xfe, 0, 0, ...utf32(s, false)]), text: s, encoding: 'utf-32le' }),
  'UTF-32BE with BOM, CRLF': (s) => ({ bytes: Uint8Array.from([0, 0, 0xfe, 0xff, ...utf32(s.replace(/\n/g, '\r\n'), true)]), text: s, encoding: 'utf-32be' }),
  'UTF-32LE without BOM': (s) => ({ bytes: utf32(s, false), text: s, encoding: 'utf-32le' }),
  'UTF-8 with BOM and CRLF': (s) => ({ bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s.replace(/\n/g, '\r\n'))]), text: s, encoding: 'utf-8-bom' }),
  'CR-only line ends (old Mac)': (s) => ({ bytes: Buffer.from(s.replace(/\n/g, '\r')), text: s, encoding: 'utf-8' }),
  'ISO-8859-1, marks transliterated to "?"': (s) => ({ bytes: encodeSingleByte(translitLatin1(s), {}, true), text: translitLatin1(s), encoding: 'windows-1252' }),
  'ISO-8859-15 with €, marks transliterated to "?"': (s) => {
    const text = `${translitLatin1(s)}\nBudget: € 25.000 per jaar.\n`;
    return { bytes: encodeSingleByte(text, ISO8859_15_EXTRAS, true), text, encoding: 'iso-8859-15' };
  },
  'ISO-8859-1, marks dropped (iconv -c)': (s) => {
    const text = translitLatin1(s).replace(/\?(?= )/g, '');
    return { bytes: encodeSingleByte(text, {}, true), text, encoding: 'windows-1252' };
  },
  'Windows-1252 with smart quotes and dashes, marks as "?"': (s) => {
    const text = s.replace(/[✓✗]/g, '?').replace(/⁴/g, '4');
    return { bytes: encodeSingleByte(text, CP1252_EXTRAS, true), text, encoding: 'windows-1252' };
  },
  'Windows-1252 with Wingdings marks (ü/û)': (s) => {
    const text = s.replace(/⁴/g, '4');
    const legacy = text.replace(/✓/g, 'ü').replace(/✗/g, 'û');
    return { bytes: encodeSingleByte(legacy, CP1252_EXTRAS, true), text: legacy, reference: text, encoding: 'windows-1252' };
  },
  'Mac Roman, marks as "?"': (s) => {
    const text = s.replace(/[✓✗]/g, '?').replace(/[¹²³⁴]/g, (c) => SUPERSCRIPT_DIGITS[c]!);
    return { bytes: encodeSingleByte(text, MAC_ROMAN, false), text, encoding: 'mac-roman' };
  },
  'DOS code page 850 (iconv -t CP850//TRANSLIT), marks as "?"': (s) => {
    const text = translitDos(s, /[¹²³]/);
    return { bytes: encodeSingleByte(text, CP850, false), text, encoding: 'cp850' };
  },
  // 437 and 850 agree on every byte these reports use (² included), so nothing tells 437 and it is named after 850.
  'DOS code page 437 (iconv -t CP437//TRANSLIT), marks as "?": read as cp850, the same text': (s) => {
    const text = translitDos(s, /²/);
    return { bytes: encodeSingleByte(text, CP437, false), text, encoding: 'cp850' };
  },
  'DOS code page 437 with a box-drawn table, marks as "?"': (s) => {
    const text = `${translitDos(s, /²/)}${DOS_BOX_TABLE}`;
    return { bytes: encodeSingleByte(text, CP437, false), text, encoding: 'cp437' };
  },
  // DOS's check mark: √ (Alt+251, 0xFB in 437, ¹ in 850) where ✓ stood; 437 has nothing for ✗.
  'DOS code page 437 with √ for ✓, ✗ as "?"': (s) => {
    const text = translitDos(s.replace(/✓/g, '√'), /²/);
    return { bytes: encodeSingleByte(text, CP437, false), text, encoding: 'cp437' };
  },
  'Unicode NFD (macOS)': (s) => ({ bytes: Buffer.from(s.normalize('NFD')), text: s, encoding: 'utf-8' }),
  'no-break, zero-width, soft hyphens and mid-file BOMs': (s) => ({
    bytes: Buffer.from(
      s
        .replace(/(\p{L}{4})(\p{L}{4,})/gu, '$1\u00ad$2')
        .replace(/ (gezinnen|de|het) /g, '\u00a0$1\u200b\u00a0')
        .replace(/\n\n/g, '\n\ufeff\n')
        .replace(/\nBevindingen/g, '\n\u2060Bevindingen'),
    ),
    text: s,
    encoding: 'utf-8',
  }),
  'double-decoded UTF-8 (mojibake)': (s) => ({
    bytes: Buffer.from([...Buffer.from(s)].map((b) => (b >= 0x80 && b <= 0x9f ? Object.keys(CP1252_EXTRAS).find((k) => CP1252_EXTRAS[k] === b) ?? String.fromCharCode(b) : String.fromCharCode(b))).join('')),
    text: s,
    encoding: 'utf-8+mojibake-repaired',
  }),
  'UTF-8 with two invalid bytes inside evidence': (s) => {
    const at = evidenceOffsets(s);
    const bytes = withBytes(s, at, [[0xff], [0xc3, 0x28]]);
    return { bytes, text: new TextDecoder().decode(bytes), encoding: 'utf-8' };
  },
};

const FIXTURES = readdirSync('fixtures/reports').filter((n) => n.endsWith('.txt')).sort();
const cache = new Map<string, Promise<ExtractedReport>>();
async function extracted(bytes: Uint8Array, name: string): Promise<ExtractedReport> {
  const result = await extractReport(bytes, name);
  if (!result.ok) throw new Error(`${name}: ${result.failure.message}`);
  return result.reports[0]!;
}
const reference = (text: string, name: string) => {
  if (!cache.has(text)) cache.set(text, extracted(Buffer.from(text), name));
  return cache.get(text)!;
};

describe.each(FIXTURES)('%s through other encodings', (name) => {
  const source = readFileSync(join('fixtures/reports', name), 'utf8');

  it.each(Object.keys(VARIANTS))('%s', async (variantName) => {
    const variant = VARIANTS[variantName]!(source);
    const decoded = decodeText(variant.bytes);
    expect(decoded.encoding).toBe(variant.encoding);
    expect(decoded.text).toBe(variant.text);

    const [original, expected, actual] = await Promise.all([reference(source, name), reference(variant.reference ?? variant.text, name), extracted(variant.bytes, name)]);
    expect(actual.metadata).toEqual(original.metadata);
    expect(actual.findings).toHaveLength(expected.findings.length);
    actual.findings.forEach((finding, index) => {
      for (const [field, value] of Object.entries(expected.findings[index]!)) {
        expect({ finding: index, field, value: (finding as Record<string, unknown>)[field] }).toEqual({ finding: index, field, value });
      }
    });
    const findingWarnings = (r: ExtractedReport) => r.warnings.filter((w) => w.code !== 'encoding_repaired').map((w) => [w.code, w.findingIndex]);
    expect(findingWarnings(actual)).toEqual(findingWarnings(expected));
    if ((variant.reference ?? variant.text) === source) expect(actual.contentKey).toBe(original.contentKey);
  });

  const LOSSY = ['ISO-8859-1, marks transliterated to "?"', 'ISO-8859-1, marks dropped (iconv -c)', 'Mac Roman, marks as "?"', 'DOS code page 850 (iconv -t CP850//TRANSLIT), marks as "?"'];

  it('leaves a verdict whose mark was lost empty, with verdict_missing', async () => {
    const original = await reference(source, name);
    for (const variantName of LOSSY) {
      const actual = await extracted(VARIANTS[variantName]!(source).bytes, name);
      const empty = actual.findings.flatMap((f, index) => (f.verdict === null ? [index] : []));
      expect(empty.length).toBeGreaterThan(0);
      for (const index of empty) expect(actual.warnings.some((w) => w.code === 'verdict_missing' && w.findingIndex === index)).toBe(true);
      // Only verdicts printed as a bare X survive the conversion.
      expect(actual.findings.filter((f) => f.verdict === 'voldoet')).toEqual([]);
      expect(actual.findings).toHaveLength(original.findings.length);
    }
  });

  // A cell whose ✓ became "?" while its X survived must not hand that X to every indicator of the
  // cell (001 finding 18 was gemengd, 002 findings 7-8 voldoet): a "?" in mark position is a mark
  // whose verdict is unknown (extractors/findings/verdict-marks.ts).
  it('never gives a finding another verdict than the original had', async () => {
    const original = await reference(source, name);
    for (const variantName of LOSSY) {
      const actual = await extracted(VARIANTS[variantName]!(source).bytes, name);
      actual.findings.forEach((finding, index) => {
        if (finding.verdict !== null) expect({ index, verdict: finding.verdict }).toEqual({ index, verdict: original.findings[index]!.verdict });
      });
    }
  });
});

describe('decode warnings', () => {
  const source = readFileSync(join('fixtures/reports', FIXTURES[0]!), 'utf8');

  it('says how many characters were lost to invalid bytes, and where', () => {
    const decoded = decodeText(VARIANTS['UTF-8 with two invalid bytes inside evidence']!(source).bytes);
    const warning = decoded.warnings.find((w) => w.code === 'encoding_invalid_bytes');
    expect(warning?.message).toMatch(/^2 character\(s\)/);
    expect(decoded.text.split('\n')[warning!.location!.lineStart! - 1]).toContain('\ufffd');
  });

  it('says verdict marks were lost when "?" stand-ins open the findings cells', () => {
    const decoded = decodeText(VARIANTS['ISO-8859-1, marks transliterated to "?"']!(source).bytes);
    expect(decoded.warnings.map((w) => w.code)).toEqual(['verdict_marks_lost']);
    expect(decodeText(Buffer.from(source)).warnings).toEqual([]);
  });

  it('keeps Windows-1252 and reports the doubt when too few accents tell it from code page 850', () => {
    const decoded = decodeText(Uint8Array.from([...Buffer.from('Het cli'), 0x89, ...Buffer.from('ntdossier is compleet.')]));
    expect(decoded.text).toBe('Het cli‰ntdossier is compleet.');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.warnings.map((w) => w.code)).toEqual(['encoding_uncertain']);
  });

  it('keeps Windows-1252 and reports the doubt when too few accents tell it from Mac Roman', () => {
    const decoded = decodeText(Uint8Array.from([...Buffer.from('De co'), 0x9a, ...Buffer.from('rdinatie is goed.')]));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.warnings.map((w) => w.code)).toEqual(['encoding_uncertain']);
  });
});
