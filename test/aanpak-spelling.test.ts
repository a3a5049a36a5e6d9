/**
 * The aanpak of a PDF whose writer spaced glyphs so that pdf.js cuts words apart
 * (extractors/metadata/aanpak-spelling.ts): respaced from the document's own spelling, or kept with a
 * warning; never changed for a document whose words are whole or for text not read off a PDF.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { aanpakSpelling } from '../extractors/metadata/aanpak-spelling.js';
import { findAanpak, type TextLine } from '../extractors/metadata/report-metadata.js';

const numbered = (text: string): TextLine[] => text.split('\n').map((line, i) => ({ text: line, line: i + 1 }));

/** Prose that cuts eight long words apart and prints them whole elsewhere, as cairo's PDFs read. */
const CUTTING = [
  'De begel eiding is intensief; de begeleiding duurt een jaar.',
  'Samen werkend Toezicht Jeugd: Samenwerkend toezicht.',
  'in de thuis situatie, en de thuissituatie blijft.',
  'een onder steuningsplan is een ondersteuningsplan.',
  'de casem anager en de casemanager.',
  'georg aniseerd of georganiseerd.',
  'speci fieke of specifieke deskundigheid.',
  'veran twoorde of verantwoorde zorg.',
].join('\n');

describe('aanpakSpelling', () => {
  it('takes the spelling with the fewest spaces the document prints, in the stated letters, with an info note on that line', () => {
    const lines = numbered(`Aanpak: RESET Thuis begel eiding\n${CUTTING}\nDe aanpak Reset Thuisbegeleiding is voor gezinnen.`);
    const result = aanpakSpelling('RESET Thuis begel eiding', 1, lines, true);
    expect(result?.aanpak).toBe('RESET Thuisbegeleiding');
    expect(result?.warning).toMatchObject({ code: 'aanpak_respaced', severity: 'info', location: { lineStart: 10, lineEnd: 10 } });
  });

  it('keeps the stated name with aanpak_spacing_uncertain when no spelling has fewer spaces', () => {
    const lines = numbered(`Aanpak: Wijkteams en Gezinsbege leiders\n${CUTTING}\nDe gezinsbege leiders werken samen.`);
    const result = aanpakSpelling('Wijkteams en Gezinsbege leiders', 1, lines, true);
    expect(result?.aanpak).toBe('Wijkteams en Gezinsbege leiders');
    expect(result?.warning).toMatchObject({ code: 'aanpak_spacing_uncertain', severity: 'warning', location: { lineStart: 1 } });
    expect(result?.warning.message).toContain('8 words stand both whole and cut apart');
  });

  it('leaves a document whose words are whole alone, even where it spells the name with fewer spaces', () => {
    const lines = numbered('Aanpak: Reset Thuis begeleiding\nDe begeleiding duurt een jaar.\nReset Thuisbegeleiding werkt.');
    expect(aanpakSpelling('Reset Thuis begeleiding', 1, lines, true)).toBeNull();
  });

  it("needs eight distinct cut words: a few are a writer's own variation (the clean PDFs of 001 show 3)", () => {
    const seven = CUTTING.split('\n').slice(0, 7).join('\n');
    const lines = numbered(`Aanpak: Reset Thuis begel eiding\n${seven}\nReset Thuisbegeleiding werkt.`);
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, true)).toBeNull();
  });

  it('does nothing for text not read off a PDF, nor for a name without a space', () => {
    const lines = numbered(`Aanpak: Reset Thuis begel eiding\n${CUTTING}\nReset Thuisbegeleiding werkt.`);
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, false)).toBeNull();
    expect(aanpakSpelling('Thuisbegeleiding', 1, lines, true)).toBeNull();
  });

  it('takes a spelling only at word boundaries', () => {
    const lines = numbered(`Aanpak: Reset Thuis begel eiding\n${CUTTING}\nXReset Thuisbegeleidingen werkt.`);
    expect(aanpakSpelling('Reset Thuis begel eiding', 1, lines, true)?.warning.code).toBe('aanpak_spacing_uncertain');
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

  it('000: "Aanpak: Reset Thuis begel eiding" is respaced to the document\'s "Reset Thuisbegeleiding"', async () => {
    const report = await read('cairo-hyphenated-000_318a4c095323d6df.pdf');
    expect(report.metadata.aanpak).toBe('Reset Thuisbegeleiding');
    expect(report.warnings.filter((w) => w.code.startsWith('aanpak_')).map((w) => w.code)).toEqual(['aanpak_respaced']);
  });

  it('003: "Gezinsbege leiders", printed whole nowhere, is kept and flagged', async () => {
    const report = await read('cairo-hyphenated-003_0ef4a6012a6cd2d4.pdf');
    expect(report.metadata.aanpak).toBe('Wijkteams en Gezinsbege leiders');
    expect(report.warnings.filter((w) => w.code.startsWith('aanpak_')).map((w) => [w.code, w.severity])).toEqual([['aanpak_spacing_uncertain', 'warning']]);
  });

  it('the PDFs cairo rewrote from, whose words are whole, get no such note', async () => {
    for (const id of ['000_318a4c095323d6df', '003_0ef4a6012a6cd2d4']) {
      const result = await extractReport(readFileSync(join('fixtures/rendered/pdf/hyphenated', `${id}.pdf`)), `${id}.pdf`);
      expect(result.ok && result.reports[0]!.warnings.filter((w) => w.code.startsWith('aanpak_'))).toEqual([]);
    }
  });
});
