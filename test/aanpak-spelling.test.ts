/**
 * The aanpak of a PDF whose writer spaced glyphs so that pdf.js cuts words apart
 * (extractors/metadata/aanpak-spelling.ts): respaced from the document's own spelling, or kept with a
 * warning; never changed for a document whose words are whole or for text not read off a PDF.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { textSource } from './helpers/same-findings.js';
import { aanpakSpelling } from '../extractors/metadata/aanpak-spelling.js';
import { findAanpak, type TextLine } from '../extractors/metadata/report-metadata.js';
import { MIN_CUT_WORDS, rejoinCutWords } from '../extractors/input/pdf-cut-words.js';
import type { PdfPage } from '../extractors/input/pdf-lines.js';

const numbered = (text: string): TextLine[] => text.split('\n').map((line, i) => ({ text: line, line: i + 1 }));

describe('aanpakSpelling', () => {
  it('takes the spelling with the fewest spaces the document prints, in the stated letters, with an info note on that line', () => {
    const lines = numbered(`Aanpak: RESET Thuis begel eiding\nDe begel eiding.\nDe aanpak Reset Thuisbegeleiding is voor gezinnen.`);
    const result = aanpakSpelling('RESET Thuis begel eiding', 1, lines, 19);
    expect(result?.aanpak).toBe('RESET Thuisbegeleiding');
    expect(result?.warning).toMatchObject({ code: 'aanpak_respaced', severity: 'info', location: { lineStart: 3, lineEnd: 3 } });
  });

  it('keeps the stated name with aanpak_spacing_uncertain when no spelling has fewer spaces', () => {
    const lines = numbered(`Aanpak: Wijkteams en Gezinsbege leiders\nDe gezinsbege leiders werken samen.`);
    const result = aanpakSpelling('Wijkteams en Gezinsbege leiders', 1, lines, 24);
    expect(result?.aanpak).toBe('Wijkteams en Gezinsbege leiders');
    expect(result?.warning).toMatchObject({ code: 'aanpak_spacing_uncertain', severity: 'warning', location: { lineStart: 1 } });
    expect(result?.warning.message).toContain('24 words stand both whole and cut apart');
  });

  it(`does nothing below ${MIN_CUT_WORDS} cut words (a writer's own variation, or text not read off a PDF), nor for a name without a space`, () => {
    const lines = numbered('Aanpak: Reset Thuis begel eiding\nReset Thuisbegeleiding werkt.');
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, MIN_CUT_WORDS - 1)).toBeNull();
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, 0)).toBeNull();
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, MIN_CUT_WORDS)?.aanpak).toBe('Reset Thuisbegeleiding');
    expect(aanpakSpelling('Thuisbegeleiding', 1, lines, 19)).toBeNull();
  });

  it('takes a spelling only at word boundaries', () => {
    const lines = numbered('Aanpak: Reset Thuis begel eiding\nXReset Thuisbegeleidingen werkt.');
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, 19)?.warning.code).toBe('aanpak_spacing_uncertain');
  });
});

const page = (...strs: string[]): PdfPage => ({ number: 1, width: 420, height: 595, items: strs.map((str, i) => ({ str, x: 40, y: 40 + 12 * i, width: 300, size: 10, font: 'f' })) });

/** Eight long words cut apart and printed whole, as cairo's A5 text reads. */
const CUT_PROSE = [
  'De begel eiding is intensief; de begeleiding duurt een jaar.',
  'Samen werkend Toezicht Jeugd: Samenwerkend toezicht.',
  'in de thuis situatie, en de thuissituatie blijft.',
  'een onder steuningsplan is een ondersteuningsplan.',
  'de casem anager en de casemanager.',
  'georg aniseerd of georganiseerd.',
  'speci fieke of specifieke deskundigheid.',
  'veran twoorde of verantwoorde zorg.',
];

describe('rejoinCutWords (PDF text items)', () => {
  it('rejoins cuts of two and three parts into words the document prints whole, keeping punctuation and case', () => {
    const pages = [page(...CUT_PROSE, 'Criteria Indic atoren Bevindingen', 'Indicatoren en (thuis)begel eiding, een verst andel ijke beperking', 'verstandelijke')];
    const found = rejoinCutWords(pages);
    // The eight of the prose and "Indic atoren"; a cut into three parts is not counted, only rejoined.
    expect(found.cutWords).toBe(9);
    expect(pages[0]!.items.map((item) => item.str)).toEqual([
      'De begeleiding is intensief; de begeleiding duurt een jaar.',
      'Samenwerkend Toezicht Jeugd: Samenwerkend toezicht.',
      'in de thuissituatie, en de thuissituatie blijft.',
      'een ondersteuningsplan is een ondersteuningsplan.',
      'de casemanager en de casemanager.',
      'georganiseerd of georganiseerd.',
      'specifieke of specifieke deskundigheid.',
      'verantwoorde of verantwoorde zorg.',
      'Criteria Indicatoren Bevindingen',
      'Indicatoren en (thuis)begeleiding, een verstandelijke beperking',
      'verstandelijke',
    ]);
    expect(found.places).toBe(11);
    expect(found.examples[0]).toEqual({ read: 'begel eiding', joined: 'begeleiding' });
  });

  it(`leaves a document with fewer than ${MIN_CUT_WORDS} such words exactly as read (a writer's own variation)`, () => {
    const pages = [page(...CUT_PROSE.slice(0, MIN_CUT_WORDS - 2), 'Criteria Indic atoren', 'Indicatoren')];
    const before = pages[0]!.items.map((item) => item.str);
    expect(rejoinCutWords(pages)).toMatchObject({ places: 0, cutWords: MIN_CUT_WORDS - 1 });
    expect(pages[0]!.items.map((item) => item.str)).toEqual(before);
  });

  it('joins into words of the framework\'s wordings too, and takes the space off a line-end hyphen item', () => {
    const pages = [page(...CUT_PROSE, 'Coörd inatie en regie', 'van de inten', ' \u2010', 'sieve zorg')];
    rejoinCutWords(pages);
    expect(pages[0]!.items.slice(-4).map((item) => item.str)).toEqual(['Coördinatie en regie', 'van de inten', '\u2010', 'sieve zorg']);
    // In a document that does not cut words, neither.
    const clean = [page('Coörd inatie en regie', ' \u2010')];
    rejoinCutWords(clean);
    expect(clean[0]!.items.map((item) => item.str)).toEqual(['Coörd inatie en regie', ' \u2010']);
  });

  it('joins only into words of at least 8 letters printed whole, and never across items', () => {
    const pages = [page(...CUT_PROSE, 'er in slagen, erin', 'hulp verlening', 'de hulp', 'verlening')];
    rejoinCutWords(pages);
    expect(pages[0]!.items.slice(-4).map((item) => item.str)).toEqual(['er in slagen, erin', 'hulp verlening', 'de hulp', 'verlening']);
  });
});

describe('findAanpak', () => {
  it('does not call a difference in spaces alone a conflict', () => {
    const lines = numbered("Aanpak: Reset Thuisbegeleiding\nSTJ heeft 'Reset Thuis begeleiding' getoetst aan de hand van vijf thema's.");
    expect(findAanpak(lines, null).warnings).toEqual([]);
    const other = numbered("Aanpak: Reset Thuisbegeleiding\nSTJ heeft 'Gezinscoaching' getoetst aan de hand van vijf thema's.");
    expect(findAanpak(other, null).warnings.map((w) => w.code)).toEqual(['aanpak_conflict']);
  });
});

describe('cairo rewrites of the hyphenated A5 PDFs (fixtures/rendered/pdf-rewritten)', () => {
  const read = async (file: string) => {
    const result = await extractReport(readFileSync(join('fixtures/rendered/pdf-rewritten', file)), file);
    if (!result.ok) throw new Error(`${file}: ${result.failure.message}`);
    return result.reports[0]!;
  };

  it('000: "Aanpak: Reset Thuis begel eiding" reads "Reset Thuisbegeleiding", as the document prints it elsewhere; the findings are read', async () => {
    const report = await read('cairo-hyphenated-000_318a4c095323d6df.pdf');
    expect(report.metadata.aanpak).toBe('Reset Thuisbegeleiding');
    expect(report.metadata.municipality).toBe('Dordrecht');
    const notes = report.warnings.filter((w) => w.code === 'pdf_words_rejoined' || w.code.startsWith('aanpak_'));
    expect(notes.map((w) => [w.code, w.severity])).toEqual([['pdf_words_rejoined', 'info'], ['aanpak_spacing_uncertain', 'warning']]);
    expect(notes[0]!.message).toContain('"Thuis begel eiding" → "Thuisbegeleiding"');
    // Before the cuts were rejoined, 8 of its 30 findings were read; now all 30, and all agree with the source.
    const source = await textSource('000_318a4c095323d6df');
    const verdictOf = new Map(source.findings.map((f) => [f.indicatorId, f.verdict]));
    const mapped = report.findings.filter((f) => f.indicatorId !== null);
    expect(mapped.map((f) => f.indicatorId).sort()).toEqual(source.findings.map((f) => f.indicatorId).sort());
    // "Coörd inatie" is printed whole nowhere in the report, but is a criterion of the framework's wordings.
    expect(new Set(report.findings.map((f) => f.criterionRaw)).has('Coördinatie')).toBe(true);
    for (const finding of mapped) expect([finding.indicatorId, finding.verdict]).toEqual([finding.indicatorId, verdictOf.get(finding.indicatorId)]);
  });

  it('003: "Gezinsbege leiders", printed whole nowhere, is kept and flagged', async () => {
    const report = await read('cairo-hyphenated-003_0ef4a6012a6cd2d4.pdf');
    expect(report.metadata.aanpak).toBe('Wijkteams en Gezinsbege leiders');
    expect(report.warnings.filter((w) => w.code.startsWith('aanpak_')).map((w) => [w.code, w.severity])).toEqual([['aanpak_spacing_uncertain', 'warning']]);
  });

  it('001: the letterhead cut apart ("Minis terie van …") is no title; the title gives the aanpak, as in the source', async () => {
    const report = await read('cairo-hyphenated-001_c669e5a01401b566.pdf');
    expect([report.metadata.aanpak, report.metadata.municipality]).toEqual(['Bijzondere Doelgroepen', 'Zwolle']);
  });

  it('the PDFs cairo rewrote from, whose words are whole, get no such note', async () => {
    for (const id of ['000_318a4c095323d6df', '003_0ef4a6012a6cd2d4']) {
      const result = await extractReport(readFileSync(join('fixtures/rendered/pdf/hyphenated', `${id}.pdf`)), `${id}.pdf`);
      expect(result.ok && result.reports[0]!.warnings.filter((w) => w.code.startsWith('aanpak_') || w.code === 'pdf_words_rejoined')).toEqual([]);
    }
  });
});
