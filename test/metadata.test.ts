/** Report metadata: municipality (never guessed) and its CBS code in the report's year, dates, approach, partners. */
import { describe, expect, it } from 'vitest';
import { findMunicipality } from '../extractors/metadata/find-municipality.js';
import { loadMunicipalities, resolveMunicipality } from '../extractors/metadata/municipalities.js';
import { findAanpak, findFamiliesCount, findPartners, findReportDate, findTitle, plainLines } from '../extractors/metadata/report-metadata.js';

const codesOf = (result: ReturnType<typeof findMunicipality>) => result.warnings.map((w) => w.code);

describe('municipality', () => {
  it('takes the name in the title first', () => {
    const text = 'Nota van Bevindingen Zwolle Aanpak X\n\nHetzelfde onderzoek is in Delft en Lelystad gedaan. De gemeente Zwolle werkt mee.';
    expect(findMunicipality(text, { text: 'Nota van Bevindingen Zwolle Aanpak X', line: 1 }, 2014)).toMatchObject({ municipality: 'Zwolle', code: 'GM0193', warnings: [] });
  });

  it('takes "gemeente <naam>" when the title has none', () => {
    expect(findMunicipality('Aanpak: Y\n\nDe gemeente Den Helder geeft aan dat 30 gezinnen in Nieuw Den Helder wonen.', null, null)).toMatchObject({ municipality: 'Den Helder', code: 'GM0400' });
  });

  it('uses the only place named in the text, and says so in a warning', () => {
    const result = findMunicipality('Op dit moment krijgen 189 gezinnen in Dordrecht ondersteuning.', null, null);
    expect(result).toMatchObject({ municipality: 'Dordrecht', code: 'GM0505' });
    expect(codesOf(result)).toEqual(['municipality_from_mention']);
  });

  it('leaves it empty, never guessed, when the report names none', () => {
    const result = findMunicipality('De gemeente heeft geen zicht. GGD West-Brabant en Surplus vulden de lijst in.', null, null);
    expect(result).toMatchObject({ municipality: null, code: null });
    expect(codesOf(result)).toEqual(['municipality_not_stated']);
  });

  it('leaves it empty when several places are named and none as "gemeente"', () => {
    const result = findMunicipality('Het onderzoek liep in Delft en in Lelystad.', null, null);
    expect(result.municipality).toBeNull();
    expect(codesOf(result)).toEqual(['municipality_ambiguous']);
  });

  it('resolves codes against the classification of the report year (merged municipalities)', () => {
    const index = loadMunicipalities();
    expect(resolveMunicipality(index, 'Maasdonk', 2014)).toMatchObject({ kind: 'resolved', row: { cbs_code: 'GM1671' } });
    expect(resolveMunicipality(index, 'Maasdonk', 2020)).toEqual({ kind: 'unknown' });
    expect(resolveMunicipality(index, 'Den Haag', 2013)).toMatchObject({ kind: 'resolved', row: { name: "'s-Gravenhage" } });
  });
});

describe('report facts', () => {
  const text = [
    'Samenwerkend Toezicht Jeugd',
    'Ministerie van Volksgezondheid,',
    '',
    'Uitkomsten verbeterpunten toezichtonderzoek Almere',
    '',
    'Aanpak: Wijkteams',
    '',
    'Utrecht, juni 2015',
    '',
    'Een vragenlijst is ingevuld door:',
    '',
    '- Partner A',
    '- Partner B;',
    '',
    'De pilot is gestart in mei 2012. Op dit moment krijgen 1.250 gezinnen zorg en ondersteuning.',
    "Samenwerkend Toezicht Jeugd heeft 'Wijkteams' getoetst aan de hand van vijf thema's.",
    "Bijlage: STJ heeft de aanpak 'Andere Naam' getoetst.",
  ].join('\n');
  const lines = plainLines(text);

  it('reads title (past the letterhead), date line (not a date inside a sentence), partners and families', () => {
    expect(findTitle(lines)).toEqual({ text: 'Uitkomsten verbeterpunten toezichtonderzoek Almere', line: 4 });
    expect(findReportDate(lines)).toEqual({ value: '2015-06', line: 8 });
    expect(findPartners(lines)).toEqual(['Partner A', 'Partner B']);
    expect(findFamiliesCount(text)?.value).toBe(1250);
  });

  it('reads the approach and warns when the report says it tested another one', () => {
    const { aanpak, warnings } = findAanpak(lines, findTitle(lines));
    expect(aanpak).toBe('Wijkteams');
    expect(warnings.map((w) => [w.code, w.location?.lineStart])).toEqual([['aanpak_conflict', 17]]);
  });

  it("passes over what a converter wrote above the text about the conversion (unrtf's notes and rule)", () => {
    const unrtf = plainLines(
      [
        '###  Translation from RTF performed by UnRTF, version 0.21.10 ',
        '### font table contains 11 fonts total',
        '',
        'TITLE: 001_c669e5a01401b566',
        '### creation date: ',
        '### revision date: ',
        '### last printed: ',
        '',
        '-----------------',
        'Samenwerkend Toezicht Jeugd',
        'Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen',
        '',
        "STJ heeft 'Gezinscoaching' getoetst.",
      ].join('\n'),
    );
    const title = findTitle(unrtf);
    expect(title).toEqual({ text: 'Nota van Bevindingen Zwolle Aanpak Bijzondere Doelgroepen', line: 11 });
    // Without the title the approach would be the one the report says it tested, a slip of the report's own.
    expect(findAanpak(unrtf, title).aanpak).toBe('Bijzondere Doelgroepen');
  });
});
