/**
 * antiword's fixed-width tables (extractors/tables/wrapped-pipe-tables.ts): cells wrapped inside their
 * columns, nothing between rows. Whole converted reports are in test/converted-variants.test.ts; here
 * each rule on its own, with what must not be taken for such a table.
 */
import { describe, expect, it } from 'vitest';
import { findTextTables } from '../extractors/tables/text-tables.js';
import { wrappedPipeTableEnd } from '../extractors/tables/wrapped-pipe-tables.js';
import { FACTSHEET_HEADER, codes, extractText } from './helpers/mini-report.js';

/** A fixed-width table as antiword sets it: each cell padded to its column's width, text right after the bar. */
function antiword(widths: number[], rows: string[][]): string {
  return rows.map((cells) => `|${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('|')}|`).join('\n');
}

const WIDTHS = [22, 26, 30];
/** Longer than the findings column: antiword cuts it at the edge, without a hyphen. */
const LONG_WORD = 'samenwerkingsovereenkomstenregister';

describe('wrapped pipe tables (antiword)', () => {
  it('reads rows over wrapped lines, a cell of two indicators beside two verdicts one-to-one, and joins a cut word back', async () => {
    const table = antiword(WIDTHS, [
      ['Criteria', 'Indicatoren', 'Bevindingen'],
      ['GGSR zijn in beeld', 'Alle netwerkpartners', '✓ De ondervraagden'],
      ['', 'hanteren dezelfde', 'beschrijven de doelgroep.'],
      ['', 'omschrijving van GGSR', ''],
      ['', 'De gemeente heeft zicht', 'X De gemeente heeft geen'],
      ['', 'op de populatie GGSR', 'zicht op het'],
      ['', '', LONG_WORD.slice(0, 30)],
      ['', '', `${LONG_WORD.slice(30)} van de stad.`],
      ['De aanpak bereikt', 'De netwerkpartners weten', '✓ Ja, bij de coördinator.'],
      ['alle gezinnen', 'waar gezinnen voor de', 'X Niet bij het wijkteam.'],
      ['waarvoor dit nodig is', 'aanpak kunnen worden', ''],
      ['', 'aangemeld', ''],
      ['', 'Netwerkpartners en alle', ''],
      ['', 'relevante partijen melden', ''],
      ['', 'GGSR aan voor de aanpak', ''],
    ]);
    // The cut word is printed elsewhere in the document, whole.
    const text = `${FACTSHEET_HEADER}\nHet ${LONG_WORD} is openbaar.\n\nToeleiding\n${table}\n`;
    const report = await extractText(text);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.sharedCell])).toEqual([
      ['BEL-T1.1', 'voldoet', 'De ondervraagden beschrijven de doelgroep.', false],
      ['BEL-T1.2', 'verbeterpunt', `De gemeente heeft geen zicht op het ${LONG_WORD} van de stad.`, false],
      ['BEL-T2.1', 'voldoet', 'Ja, bij de coördinator.', false],
      ['BEL-T2.2', 'verbeterpunt', 'Niet bij het wijkteam.', false],
    ]);
    expect(codes(report)).not.toContain('shared_cell');
  });

  it('reads a line that could start a row as part of the row above while that row has more indicators than verdicts, and says so', async () => {
    const table = antiword(WIDTHS, [
      ['Criteria', 'Indicatoren', 'Bevindingen'],
      ['GGSR zijn in beeld', 'Alle netwerkpartners', '✓ Eerste.'],
      ['', 'hanteren dezelfde', ''],
      ['', 'De gemeente heeft zicht', ''],
      ['', 'Netwerkpartners melden', '✓ Tweede.'],
      ['', 'GGSR aan', ''],
    ]);
    // At line 5 (a capital and a mark) the row has two indicators and one verdict: its cell goes on.
    const { tables, warnings } = findTextTables(`Toeleiding\n${table}`);
    expect(tables[0]!.rows.map((r) => [r.cells[1], r.cells[2]])).toEqual([
      ['Alle netwerkpartners hanteren dezelfde De gemeente heeft zicht Netwerkpartners melden GGSR aan', '✓ Eerste.\n✓ Tweede.'],
    ]);
    expect(warnings.map((w) => [w.code, w.location?.lineStart, w.location?.lineEnd])).toEqual([['wrapped_rows_joined', 3, 6]]);
  });

  it('takes header cells wrapped over lines (a follow-up table) as one header', async () => {
    const table = antiword([22, 18, 16, 18], [
      ['Indicator', '2013', '2013 Versterkt', '2014'],
      ['', 'Multiprobleemgezin', 'Verder', ''],
      ['', 'nen', '', ''],
      ['Alle netwerkpartners', 'X De beschrijving', '', '✓ De gemeente'],
      ['hanteren dezelfde', 'wordt gemist.', '', 'heeft een'],
      ['omschrijving van GGSR', '', '', 'omschrijving.'],
    ]);
    const { tables } = findTextTables(`De aanpak Multiprobleemgezinnen.\n\nToeleiding\n${table}`);
    expect(tables[0]!.header.cells).toEqual(['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014']);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([['Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', 'X De beschrijving wordt gemist.', '', '✓ De gemeente heeft een omschrijving.']]);
  });

  it('keeps two words apart where a word merely ends at the column edge ("in" + "de")', () => {
    const table = antiword([20, 24, 11], [
      ['Criteria', 'Indicatoren', 'Bevindingen'],
      ['GGSR zijn in beeld', 'Alle netwerkpartners', '✓ Zij zijn'],
      ['', 'hanteren dezelfde', 'vaak samen'],
      ['', 'omschrijving van GGSR', 'gemeenschap'],
      ['', '', 'pelijk in'],
      ['', '', 'de wijk.'],
    ]);
    const { tables } = findTextTables(table);
    // "samen" and "in" end their lines without filling them; "gemeenschap" fills its line alone and
    // neither piece is printed anywhere else, so that one is a cut word.
    expect(tables[0]!.rows[0]!.cells[2]).toBe('✓ Zij zijn vaak samen gemeenschappelijk in de wijk.');
  });

  it('refuses the document when the rows it told apart give an indicator no framework wording matches', async () => {
    const table = antiword(WIDTHS, [
      ['Criteria', 'Indicatoren', 'Bevindingen'],
      ['GGSR zijn in beeld', 'Alle netwerkpartners', '✓ Eerste.'],
      ['', 'Hanteren dezelfde', '✓ Tweede.'],
      ['', 'omschrijving van GGSR', ''],
    ]);
    await expect(extractText(`${FACTSHEET_HEADER}\nToeleiding\n${table}\n`)).rejects.toThrow(/tables rebuilt from fixed-width text tables with wrapped cells \(antiword\) are not reliable: .*unmapped_indicator/);
  });

  it('leaves markdown pipe tables to the pipe-table reader: padded cells, or a separator row in the run', () => {
    const padded = ['| Criteria | Indicatoren | Bevindingen |', '| GGSR zijn in beeld | Alle netwerkpartners | ? Onbekend. |', '|  | hanteren dezelfde | tekst |'].join('\n').split('\n');
    expect(wrappedPipeTableEnd(padded, 0)).toBeNull();
    const separated = ['|Toeleiding|||', '|---|---|---|', ...antiword(WIDTHS, [['Criteria', 'Indicatoren', 'Bevindingen'], ['GGSR zijn in beeld', 'Alle netwerkpartners', 'tekst'], ['', 'hanteren dezelfde', 'meer tekst']]).split('\n')];
    expect(wrappedPipeTableEnd(separated, 2)).toBeNull();
  });
});
