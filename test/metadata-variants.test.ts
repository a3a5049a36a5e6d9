/**
 * Report metadata on realistic variants of the fixture texts: titles broken over lines or written
 * as markdown headings, municipality names with apostrophes, hyphens and accents, municipalities
 * merged since, names that also occur in partner names, ambiguous names, and date notations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { findMunicipality } from '../extractors/metadata/find-municipality.js';
import { findAanpak, findReportDate, findTitle, parseDateLine, plainLines } from '../extractors/metadata/report-metadata.js';
import type { ExtractedReport } from '../extractors/model.js';

const ZWOLLE = readFileSync('fixtures/reports/001_c669e5a01401b566.txt', 'utf8');
const BEMOEIZORG = readFileSync('fixtures/reports/004_e10162d225c65291.txt', 'utf8');
const ZWOLLE_TITLE = 'Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen';

async function extract(text: string): Promise<ExtractedReport> {
  const result = await extractReport(Buffer.from(text), 'variant.txt');
  if (!result.ok) throw new Error(result.failure.message);
  return result.reports[0]!;
}
const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);
const titleOf = (text: string) => findTitle(plainLines(text));

describe('title', () => {
  it.each([
    ['split over two lines', 'Nota van Bevindingen\nZwolle Aanpak Bijzondere Doelgroepen'],
    ['split over three lines', 'Nota van Bevindingen\nZwolle\nAanpak Bijzondere Doelgroepen'],
    ['a markdown heading', '# Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen'],
    ['a heading with closing hashes and bold', '## **Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen** ##'],
    ['two heading lines', '# Nota van Bevindingen\n# Zwolle Aanpak Bijzondere Doelgroepen'],
    ['a setext heading', 'Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen\n==========================='],
  ])('reads the whole title when it is %s', async (_label, title) => {
    const report = await extract(ZWOLLE.replace(ZWOLLE_TITLE, title));
    expect(report.metadata).toMatchObject({ title: ZWOLLE_TITLE, municipality: 'Zwolle', municipalityCode: 'GM0193', aanpak: 'Bijzondere Doelgroepen', reportDate: '2014-09' });
  });

  it.each([
    ['an HTML <title> that pandoc writes as the first line', '001_c669e5a01401b566'],
    ["a PDF's document title", 'Microsoft Word - Nota Zwolle definitief.doc'],
    ['a file name', 'nota-bevindingen-zwolle-2014.pdf'],
  ])('skips %s above the title, and keeps the aanpak the title names', async (_label, line) => {
    const report = await extract(ZWOLLE.replace(ZWOLLE_TITLE, `${line}\n${ZWOLLE_TITLE}`));
    expect(report.metadata).toMatchObject({ title: ZWOLLE_TITLE, aanpak: 'Bijzondere Doelgroepen' });
  });

  it('does not run on into the date line, a label, a list or a sentence', () => {
    expect(titleOf('Uitkomsten toezichtonderzoek Almere\nJuni 2015\n')?.text).toBe('Uitkomsten toezichtonderzoek Almere');
    expect(titleOf('Uitkomsten toezichtonderzoek Almere\nAanpak: Wijkteams\n')?.text).toBe('Uitkomsten toezichtonderzoek Almere');
    expect(titleOf('Aanpak: Bemoeizorg\n- GGD West-Brabant\n')?.text).toBe('Aanpak: Bemoeizorg');
    expect(titleOf('Aanpak: Bemoeizorg\nDe gemeente heeft de vragenlijst ingevuld.\n')?.text).toBe('Aanpak: Bemoeizorg');
    expect(titleOf('---\n\n# Nota van Bevindingen Zwolle\n')).toEqual({ text: 'Nota van Bevindingen Zwolle', line: 3 });
    // A subtitle set directly below (HTML, PDF and DOCX renderings have no blank line between).
    expect(titleOf('Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen\nToezichtonderzoek op casusniveau naar de verantwoorde zorg\n')?.text).toBe(ZWOLLE_TITLE);
  });
});

describe('aanpak label in other writers\' markup', () => {
  const aanpakOf = (text: string) => {
    const lines = plainLines(text);
    return findAanpak(lines, findTitle(lines)).aanpak;
  };

  it.each([
    ['an HTML paragraph written as text (pandoc html4, JATS)', '<p>Aanpak: Reset Thuisbegeleiding</p>'],
    ['an HTML heading wrapped over two lines', '<h2 id="aanpak-reset-thuisbegeleiding">Aanpak: Reset\nThuisbegeleiding</h2>'],
    ['a heading with pandoc attributes', '## Aanpak: Reset Thuisbegeleiding {#aanpak-reset-thuisbegeleiding}'],
    ['a Haddock heading', '== Aanpak: Reset Thuisbegeleiding\n#aanpak-reset-thuisbegeleiding#'],
    ['a MediaWiki heading', '== Aanpak: Reset Thuisbegeleiding =='],
  ])('reads it from %s', (_label, line) => {
    expect(aanpakOf(`${line}\n\nDe gemeente heeft de vragenlijst ingevuld.\n`)).toBe('Reset Thuisbegeleiding');
  });

  it('joins a wrapped HTML paragraph as one line, numbered by its first', () => {
    expect(plainLines('intro\n<p>Nota van Bevindingen\nZwolle</p>\nna')).toEqual([
      { text: 'intro', line: 1 },
      { text: 'Nota van Bevindingen Zwolle', line: 2 },
      { text: 'na', line: 4 },
    ]);
  });
});

describe('municipality names as printed', () => {
  const inTitle = (name: string, year = 2014) => findMunicipality(`Nota van Bevindingen ${name}\n`, { text: `Nota van Bevindingen ${name}`, line: 1 }, year);

  it.each([
    ["'s-Hertogenbosch", "'s-Hertogenbosch", 'GM0796'],
    ['’s-Hertogenbosch', "'s-Hertogenbosch", 'GM0796'],
    ['Den Bosch', "'s-Hertogenbosch", 'GM0796'],
    ['Súdwest-Fryslân', 'Súdwest-Fryslân', 'GM1900'],
    ['Súdwest Fryslân', 'Súdwest-Fryslân', 'GM1900'],
    ['Sudwest-Fryslan', 'Súdwest-Fryslân', 'GM1900'],
    ['Súdwest‑Fryslân', 'Súdwest-Fryslân', 'GM1900'],
    ['Noordoostpolder', 'Noordoostpolder', 'GM0171'],
    ['Den Haag', "'s-Gravenhage", 'GM0518'],
    ['Bergen op Zoom', 'Bergen op Zoom', 'GM0748'],
    ['Nuenen', 'Nuenen, Gerwen en Nederwetten', 'GM0820'],
  ])('"%s" → %s (%s)', (printed, official, code) => {
    expect(inTitle(printed)).toMatchObject({ municipality: official, code, warnings: [] });
  });

  it('reads "gemeente ’s-Hertogenbosch" in a report whose title names none', async () => {
    const text = BEMOEIZORG.replace('De gemeente heeft de vragenlijst', 'De gemeente ’s-Hertogenbosch heeft de vragenlijst');
    expect((await extract(text)).metadata).toMatchObject({ municipality: "'s-Hertogenbosch", municipalityCode: 'GM0796' });
  });
});

describe('municipalities merged since: the code of the report year', () => {
  it('gives a 2013 report on a municipality merged in 2019 its 2013 code, and none after the merger', () => {
    const text = 'Aanpak: X\n\nDe gemeente Bedum heeft de vragenlijst ingevuld.';
    expect(findMunicipality(text, null, 2013)).toMatchObject({ municipality: 'Bedum', code: 'GM0005', warnings: [] });
    const later = findMunicipality(text, null, 2020);
    expect(later).toMatchObject({ municipality: 'Bedum', code: null });
    expect(codes(later.warnings)).toEqual(['municipality_code_unknown']);
  });

  it('reads the year from the report date, end to end (Haaren, merged 2021)', async () => {
    const report = await extract(ZWOLLE.replace(ZWOLLE_TITLE, 'Nota van Bevindingen Haaren Aanpak Bijzondere Doelgroepen').replace(/gemeente Zwolle/g, 'gemeente Haaren'));
    expect(report.metadata).toMatchObject({ municipality: 'Haaren', municipalityCode: 'GM0788', reportDate: '2014-09' });
  });

  it('resolves a name CBS gave two municipalities in different years (Hengelo O. and Gld.)', () => {
    expect(findMunicipality('De gemeente Hengelo werkt mee.', null, 2014)).toMatchObject({ code: 'GM0164' });
    expect(codes(findMunicipality('De gemeente Hengelo werkt mee.', null, 2003).warnings)).toEqual(['municipality_code_ambiguous']);
  });
});

describe('names inside partner names and ordinary words are not the municipality', () => {
  it('keeps the Bemoeizorg report (GGD West-Brabant, Surplus, Thebe) without a municipality', async () => {
    const report = await extract(BEMOEIZORG.replace('- Surplus', '- Leger des Heils\n- Bureau Jeugdzorg Noord-Brabant\n- Surplus'));
    expect(report.metadata).toMatchObject({ municipality: null, municipalityCode: null });
    expect(codes(report.warnings)).toContain('municipality_not_stated');
  });

  it('does not take a partner named after a city ("GGD Amsterdam") or a capitalised word ("Best")', () => {
    const text = 'Aanpak: X\n\n- GGD Amsterdam\n- Bureau Jeugdzorg Utrecht\n\nBest practices worden gedeeld. De gemeente Dordrecht coördineert.';
    expect(findMunicipality(text, { text: 'Aanpak: X', line: 1 }, 2014)).toMatchObject({ municipality: 'Dordrecht', code: 'GM0505', warnings: [] });
  });

  it('does not read "Nieuw Den Helder" in the aanpak name as a second municipality', async () => {
    const report = await extract(readFileSync('fixtures/reports/002_1b897dc814a8f4e7.txt', 'utf8'));
    expect(report.metadata).toMatchObject({ municipality: 'Den Helder', municipalityCode: 'GM0400' });
  });
});

describe('ambiguous names: a warning, never a guess', () => {
  it('leaves the code of a bare "Bergen" empty with municipality_code_ambiguous', () => {
    const result = findMunicipality('Nota van Bevindingen Bergen\n', { text: 'Nota van Bevindingen Bergen', line: 1 }, 2014);
    expect(result).toMatchObject({ municipality: 'Bergen', code: null });
    expect(codes(result.warnings)).toEqual(['municipality_code_ambiguous']);
    expect(result.warnings[0]!.message).toContain('GM0373');
    expect(result.warnings[0]!.message).toContain('GM0893');
  });

  it.each([
    ['Bergen (NH)', 'Bergen (NH.)', 'GM0373'],
    ['Bergen (N.H.)', 'Bergen (NH.)', 'GM0373'],
    ['Bergen (Noord-Holland)', 'Bergen (NH.)', 'GM0373'],
    ['Bergen (L.)', 'Bergen (L.)', 'GM0893'],
    ['Bergen (Limburg)', 'Bergen (L.)', 'GM0893'],
  ])('resolves "%s" by its qualifier', (printed, official, code) => {
    expect(findMunicipality(`De gemeente ${printed} werkt mee.`, null, 2014)).toMatchObject({ municipality: official, code, warnings: [] });
  });

  it('settles a bare title name by a qualified mention in the text', () => {
    const text = 'Nota van Bevindingen Bergen\n\nDe gemeente Bergen (NH) heeft de vragenlijst ingevuld.';
    expect(findMunicipality(text, { text: 'Nota van Bevindingen Bergen', line: 1 }, 2014)).toMatchObject({ municipality: 'Bergen (NH.)', code: 'GM0373', warnings: [] });
  });
});

describe('report date', () => {
  it.each([
    ['september 2014', '2014-09'],
    ['20 november 2014', '2014-11'],
    ['Juni 2015', '2015-06'],
    ['Utrecht, september 2014', '2014-09'],
    ['Utrecht, donderdag 20 november 2014', '2014-11'],
    ['Datum: 20 november 2014', '2014-11'],
    ['sept. 2014', '2014-09'],
    ['mrt 2013', '2013-03'],
    ['2014-09', '2014-09'],
    ['2014-11-20', '2014-11'],
    ['20-11-2014', '2014-11'],
    ['20/11/2014', '2014-11'],
  ])('reads "%s" as %s', (line, value) => {
    expect(parseDateLine(line)).toBe(value);
  });

  it.each(['2014-13', '32-01-2014', 'Smarch 2014', 'De pilot is gestart in mei 2012.', 'Stand van zaken 2014', '2014'])('reads nothing from "%s"', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });

  it('finds the date line of a report whose date is written "2014-09"', async () => {
    const report = await extract(ZWOLLE.replace('Utrecht, september 2014', '2014-09'));
    expect(report.metadata.reportDate).toBe('2014-09');
    expect(findReportDate(plainLines('Titel\n\n*Utrecht, 20 november 2014*\n'))).toEqual({ value: '2014-11', line: 3 });
  });
});
