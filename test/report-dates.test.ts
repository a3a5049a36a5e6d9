/** Report date and assessed year wherever the report states them (issue 7 item 4): title block, title, colofon, statements. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAssessedYear, findReportDate, findTitle, plainLines } from '../extractors/metadata/report-metadata.js';
import { extractText } from './helpers/mini-report.js';

const DORDRECHT = readFileSync('fixtures/reports/000_318a4c095323d6df.txt', 'utf8');
const ZWOLLE = readFileSync('fixtures/reports/001_c669e5a01401b566.txt', 'utf8');

describe('report date', () => {
  it('reads a date closing the title ("…, oktober 2013")', () => {
    const lines = plainLines('Uitkomsten Toezichtonderzoek Zwolle, oktober 2013\n\nAanpak: X\n');
    expect(findReportDate(lines, findTitle(lines))).toEqual({ value: '2013-10', line: 1 });
  });

  it('reads the colofon at the end and a labelled publication date, not a date inside a sentence', () => {
    const filler = Array.from({ length: 50 }, (_, i) => `Zin ${i} van de bevindingen (Uitkomsten Toezichtonderzoek Zwolle, oktober 2013).`).join('\n');
    expect(findReportDate(plainLines(`Titel\n${filler}\nColofon\nSamenwerkend Toezicht Jeugd\nUtrecht, november 2013\n`))).toMatchObject({ value: '2013-11' });
    expect(findReportDate(plainLines(`Titel\n${filler}\nDatum publicatie: 12 december 2013\n`))).toMatchObject({ value: '2013-12' });
    expect(findReportDate(plainLines(`Titel\n${filler}\n`))).toBeNull();
  });

  it('gives the Dordrecht factsheet with a colofon its date end to end', async () => {
    const report = await extractText(`${DORDRECHT}\n\nColofon\n\nSamenwerkend Toezicht Jeugd\n\nUtrecht, oktober 2013\n`);
    expect(report.metadata).toMatchObject({ reportDate: '2013-10', municipality: 'Dordrecht' });
    expect(report.findings).toHaveLength(30);
  });
});

describe('assessed year', () => {
  it('reads "stand van zaken in 2013" (Zwolle) and the inspection statement', async () => {
    expect((await extractText(ZWOLLE)).metadata.assessedYear).toBe(2013);
    expect(findAssessedYear('Tegen deze achtergrond heeft STJ van het najaar 2012 tot en met het voorjaar 2013 in Delft toezichtonderzoek gedaan.')).toBe(2012);
    expect(findAssessedYear('In 2013 kregen 80 gezinnen zorg.')).toBeNull();
  });

  it('reads a title "Toezichtonderzoek 2014"', () => {
    const lines = plainLines('Factsheet Toezichtonderzoek 2014 Breda\n');
    expect(findAssessedYear('geen jaar hier', findTitle(lines))).toBe(2014);
  });
});
