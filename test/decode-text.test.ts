/** Bytes → text for every encoding legacy exports carry, and the same report whatever the encoding. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSingleByte } from '../extractors/input/code-pages.js';
import { decodeText } from '../extractors/input/decode-text.js';
import { extractReport } from '../extractors/extract-report.js';
import { ExtractionFailure } from '../extractors/model.js';

/** Windows-1252 encoder for the characters these reports use (✓/✗ have no code point there). */
function toWindows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '–': 0x96, '—': 0x97, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '…': 0x85, '€': 0x80 };
  return Uint8Array.from([...text].map((char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x100) return code;
    if (special[char] !== undefined) return special[char]!;
    throw new Error(`not in Windows-1252: ${char}`);
  }));
}

/** DOS code page 850/437 bytes for the characters these tests use (IBM's tables; ╤ ╧ ╟ ╢ √ are 437's only, Ë × 850's only). */
const DOS: Record<string, number> = {
  'é': 0x82, 'ë': 0x89, 'ï': 0x8b, 'ö': 0x94, 'ü': 0x81, 'è': 0x8a, 'É': 0x90, '½': 0xab, 'Ë': 0xd3, '√': 0xfb, '¹': 0xfb, '×': 0x9e,
  '╔': 0xc9, '═': 0xcd, '╗': 0xbb, '║': 0xba, '│': 0xb3, '─': 0xc4, '┼': 0xc5, '╚': 0xc8, '╝': 0xbc, '╤': 0xd1, '╧': 0xcf, '╟': 0xc7, '╢': 0xb6,
};
function toDos(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => {
    if (char.charCodeAt(0) < 0x80) return char.charCodeAt(0);
    if (DOS[char] !== undefined) return DOS[char]!;
    throw new Error(`not in the test's DOS table: ${char}`);
  }));
}

const hasIconv = (() => {
  try {
    execFileSync('iconv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const utf16le = (text: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);

describe('decodeText', () => {
  it('strips a UTF-8 BOM and turns CRLF and lone CR into LF', () => {
    const decoded = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('één\r\ntwee\rdrie\n')]));
    expect(decoded).toMatchObject({ text: 'één\ntwee\ndrie\n', encoding: 'utf-8-bom' });
  });

  it('detects Windows-1252 and gets ë, ï, é right', () => {
    const decoded = decodeText(toWindows1252('geëvalueerd, coördinatie, continuïteit, café – “citaat”'));
    expect(decoded).toMatchObject({ text: 'geëvalueerd, coördinatie, continuïteit, café – “citaat”', encoding: 'windows-1252' });
  });

  it('reads UTF-16 with a BOM', () => {
    expect(decodeText(utf16le('Gezin centraal ✓'))).toMatchObject({ text: 'Gezin centraal ✓', encoding: 'utf-16le' });
  });

  it('repairs UTF-8 that was decoded as Windows-1252 once too often', () => {
    const mojibake = Buffer.from(new TextDecoder('windows-1252').decode(Buffer.from('geëvalueerd en coördinatie; één cliënt')), 'utf8');
    const decoded = decodeText(mojibake);
    expect(decoded.text).toBe('geëvalueerd en coördinatie; één cliënt');
    expect(decoded.encoding).toContain('mojibake-repaired');
  });

  it('normalises decomposed accents to NFC so hashes and matching agree', () => {
    expect(decodeText(Buffer.from('coo\u0308rdinatie')).text).toBe('coördinatie');
  });

  it('reads UTF-16 without a BOM, little- and big-endian', () => {
    const le = Buffer.from('Gezin centraal ✓ coördinatie', 'utf16le');
    expect(decodeText(le)).toMatchObject({ text: 'Gezin centraal ✓ coördinatie', encoding: 'utf-16le' });
    expect(decodeText(Buffer.from(le).swap16())).toMatchObject({ text: 'Gezin centraal ✓ coördinatie', encoding: 'utf-16be' });
  });

  it('reads UTF-32: a code beyond Unicode, a lone surrogate and a cut last unit become U+FFFD, with a warning', () => {
    const prose = 'De gemeente heeft zicht op de omvang van de doelgroep. '.repeat(10);
    const units = [...`${prose}één ✓ co`].map((c) => c.codePointAt(0)!).concat([0x110000, 0xd800], [...'rdinatie'].map((c) => c.codePointAt(0)!));
    const le = Buffer.alloc(units.length * 4 + 2);
    units.forEach((u, i) => le.writeUInt32LE(u, i * 4));
    const decoded = decodeText(Uint8Array.from([0xff, 0xfe, 0, 0, ...le]));
    expect(decoded).toMatchObject({ text: `${prose}één ✓ co\ufffd\ufffdrdinatie\ufffd`, encoding: 'utf-32le' });
    expect(decoded.warnings.map((w) => w.code)).toContain('encoding_invalid_bytes');
  });

  it('tells Mac Roman from Windows-1252 by the accented letters inside words', () => {
    const mac = Uint8Array.from([...Buffer.from('co'), 0x9a, ...Buffer.from('rdinatie, ge'), 0x91, ...Buffer.from('valueerd, '), 0x8e, 0x8e, ...Buffer.from('n cli'), 0x91, ...Buffer.from('nt')]);
    expect(decodeText(mac)).toMatchObject({ text: 'coördinatie, geëvalueerd, één cliënt', encoding: 'mac-roman', warnings: [] });
  });

  it('reads DOS code page 850: the Dutch accents at 0x80-0x9F, where Windows-1252 has punctuation', () => {
    const text = 'Coördinatie, geëvalueerd: één cliënt, continuïteit, privé. Één overleg per week, ½ uur.';
    expect(decodeText(toDos(text))).toMatchObject({ text, encoding: 'cp850', warnings: [] });
  });

  it('keeps Windows-1252 whose closing quotes follow words (” is ö in code page 850)', () => {
    const text = 'Oordelen “voldoet”, “voldoet deels” en “voldoet niet”; geëvalueerd, coördinatie.';
    expect(decodeText(toWindows1252(text))).toMatchObject({ text, encoding: 'windows-1252', warnings: [] });
  });

  it('keeps Windows-1252 whose accents (0xE8-0xFC) are letters and signs in code page 850', () => {
    const text = 'Geëvalueerd in één cliëntoverleg: coördinatie, continuïteit, vóór de brief “Zorg” aan de heer Müller – enquête.';
    expect(decodeText(toWindows1252(text))).toMatchObject({ text, encoding: 'windows-1252', warnings: [] });
  });

  it('keeps Mac Roman whose ä is è in code page 850', () => {
    const mac = Uint8Array.from([...Buffer.from('Mevrouw Br'), 0x8a, ...Buffer.from('uer: co'), 0x9a, ...Buffer.from('rdinatie, ge'), 0x91, ...Buffer.from('valueerd, '), 0x8e, 0x8e, ...Buffer.from('n cli'), 0x91, ...Buffer.from('nt')]);
    expect(decodeText(mac)).toMatchObject({ text: 'Mevrouw Bräuer: coördinatie, geëvalueerd, één cliënt', encoding: 'mac-roman', warnings: [] });
  });

  it('keeps Windows-1252 and reports the doubt when too few accents tell it from code page 850', () => {
    const decoded = decodeText(toDos('De coördinatie is goed.'));
    expect(decoded).toMatchObject({ text: 'De co”rdinatie is goed.', encoding: 'windows-1252' });
    expect(decoded.warnings.map((w) => w.code)).toEqual(['encoding_uncertain']);
    expect(decoded.warnings[0]!.message).toContain('1 as DOS code page 850/437, 0 as Windows-1252');
  });

  it('keeps Windows-1252 and reports the doubt when Mac Roman and code page 850 have as many accents', () => {
    const bytes = Uint8Array.from([...toDos('Geëvalueerd, coördinatie, cliënt; '), ...Buffer.from('ge'), 0x91, ...Buffer.from('valueerd, co'), 0x9a, ...Buffer.from('rdinatie, cli'), 0x91, ...Buffer.from('nt')]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.warnings.map((w) => [w.code, w.message.match(/\(.*\)/)?.[0]])).toEqual([
      ['encoding_uncertain', '(3 as Mac Roman, 3 as DOS code page 850/437, 0 as Windows-1252)'],
    ]);
  });

  it('names code page 437 only when its own box pieces frame a table, and 850 when a capital only 850 has stands in a word', () => {
    const table = '╔══════╤══════╗\n║ Thema│ Oordeel ║\n╟──────┼──────╢\n║ Zorg │ goed ║\n╚══════╧══════╝\n';
    const prose = 'Coördinatie en één cliënt geëvalueerd.\n';
    expect(decodeText(toDos(prose + table))).toMatchObject({ text: prose + table, encoding: 'cp437', warnings: [] });
    // The same bytes read as 850 turn the table's ╤ ╧ ╟ ╢ into Ð ¤ Ã Â.
    expect(decodeSingleByte(toDos(table), 'cp850')).toContain('╔══════Ð══════╗');
    expect(decodeText(toDos(`${prose}De zorg is BEËINDIGD.\n`))).toMatchObject({ text: `${prose}De zorg is BEËINDIGD.\n`, encoding: 'cp850', warnings: [] });
    const both = decodeText(toDos(`${prose}De zorg is BEËINDIGD.\n${table}`));
    expect(both.encoding).toBe('cp850');
    expect(both.warnings.map((w) => w.code)).toEqual(['encoding_uncertain']);
  });

  it('names code page 437 when √ (¹ in 850) opens table cells as a verdict mark, 850 when × (₧ in 437) does', () => {
    const rows = '| Thema | Bevindingen |\n| Zorg | √ Coördinatie is geregeld. |\n| Toegang | √ Eén loket voor cliënten. |\n';
    expect(decodeText(toDos(rows))).toMatchObject({ text: rows, encoding: 'cp437', warnings: [] });
    // 0xFB after a word and opening a line is 850's footnote mark (√ in 437 would be a mark there too): no evidence, named cp850.
    const footnote = 'De coördinatie¹ is geëvalueerd.\n¹ Zie één bijlage.\n';
    expect(decodeText(toDos(footnote))).toMatchObject({ text: footnote, encoding: 'cp850', warnings: [] });
    const crosses = rows.replace(/√/g, '×');
    expect(decodeText(toDos(crosses))).toMatchObject({ text: crosses, encoding: 'cp850', warnings: [] });
    const mixed = decodeText(toDos(`${rows}| Budget | × Geëvalueerd. |\n`));
    expect(mixed.encoding).toBe('cp850');
    expect(mixed.warnings.map((w) => w.code)).toEqual(['encoding_uncertain']);
  });

  it.skipIf(!hasIconv)('decodes every byte of code pages 850 and 437 as iconv does', () => {
    const high = Uint8Array.from({ length: 0x80 }, (_, i) => 0x80 + i);
    for (const [encoding, label] of [['cp850', 'CP850'], ['cp437', 'CP437']] as const) {
      expect(decodeSingleByte(high, encoding)).toBe(execFileSync('iconv', ['-f', label, '-t', 'UTF-8'], { input: high }).toString('utf8'));
    }
  });

  it('reads 0xA4 as € in an ISO-8859-15 file (no Windows-1252 punctuation anywhere)', () => {
    expect(decodeText(Uint8Array.from([...Buffer.from('Budget '), 0xa4, ...Buffer.from(' 25.000, co'), 0xf6, ...Buffer.from('rdinatie')]))).toMatchObject({ text: 'Budget € 25.000, coördinatie', encoding: 'iso-8859-15' });
  });

  it('repairs mojibake only where it is, in a file joined from a broken and a sound part', () => {
    const broken = new TextDecoder('latin1').decode(Buffer.from('één cliënt, coördinatie; ✓ voldoet'));
    const decoded = decodeText(Buffer.from(`${broken}\nGeëvalueerd: café`));
    expect(decoded.text).toBe('één cliënt, coördinatie; ✓ voldoet\nGeëvalueerd: café');
  });

  it('removes soft hyphens, zero-width spaces and stray BOMs; no-break spaces become spaces', () => {
    expect(decodeText(Buffer.from('coör\u00addinatie\u200b van\u00a0de\n\ufeffaanpak')).text).toBe('coördinatie van de\naanpak');
  });

  it('keeps damaged UTF-8 as UTF-8, marks the loss with U+FFFD and says where', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from('één cliënt\nco'), Buffer.from([0xff]), Buffer.from('rdinatie ✓')]));
    expect(decoded).toMatchObject({ text: 'één cliënt\nco\ufffdrdinatie ✓', encoding: 'utf-8' });
    expect(decoded.warnings).toMatchObject([{ code: 'encoding_invalid_bytes', location: { lineStart: 2 } }]);
  });

  it('reports a UTF-8 byte-order mark in front of Windows-1252 text', () => {
    const decoded = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...toWindows1252('geëvalueerd – coördinatie')]));
    expect(decoded).toMatchObject({ text: 'geëvalueerd – coördinatie', encoding: 'windows-1252' });
    expect(decoded.warnings.map((w) => w.code)).toEqual(['encoding_uncertain']);
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'empty'],
    ['a file of white space', Buffer.from(' \n\t\n'), 'empty'],
    ['binary data', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0, 4, 5]), 'binary'],
    ['32-bit integers (three NULs in four bytes, as UTF-32 text has)', new Uint8Array(Uint32Array.from({ length: 1024 }, (_, i) => 1 + (i % 200)).buffer), 'binary'],
    ['binary data with NULs at both parities', Uint8Array.from({ length: 4096 }, (_, i) => (i % 3 === 0 ? 0 : 65 + (i % 26))), 'binary'],
  ])('refuses %s with a clear failure', (_label, bytes, code) => {
    expect(() => decodeText(bytes)).toThrow(ExtractionFailure);
    try {
      decodeText(bytes);
    } catch (error) {
      expect((error as ExtractionFailure).code).toBe(code);
    }
  });
});

describe('the same report in other encodings and line ends', () => {
  const source = readFileSync('fixtures/reports/002_1b897dc814a8f4e7.txt', 'utf8');

  it('gives the same findings and the same content key', async () => {
    const variants = {
      utf8: Buffer.from(source),
      bomCrlf: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source.replace(/\n/g, '\r\n'))]),
      utf16: utf16le(source),
    };
    const results = await Promise.all(Object.values(variants).map((bytes) => extractReport(bytes, 'x.txt')));
    const reports = results.map((r) => (r.ok ? r.reports[0]! : null));
    expect(reports.every((r) => r !== null)).toBe(true);
    const keys = new Set(reports.map((r) => r!.contentKey));
    expect(keys.size).toBe(1);
    expect(reports[1]!.findings).toEqual(reports[0]!.findings);
    expect(reports[2]!.findings).toEqual(reports[0]!.findings);
  });

  it('reads a Windows-1252 export whose Wingdings marks became ü and û', async () => {
    const legacy = source.replace(/✓/g, 'ü').replace(/✗/g, 'û');
    const result = await extractReport(toWindows1252(legacy), 'legacy.txt');
    const original = await extractReport(Buffer.from(source), 'x.txt');
    if (!result.ok || !original.ok) throw new Error('extraction failed');
    expect(result.reports[0]!.encoding).toBe('windows-1252');
    expect(result.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp])).toEqual(
      original.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp]),
    );
    expect(result.reports[0]!.findings.some((f) => f.evidence.includes('cliënt'))).toBe(true);
    expect(result.reports[0]!.contentKey).toBe(original.reports[0]!.contentKey);
  });
});
