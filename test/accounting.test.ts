/**
 * The accounting invariant (issue 10, extractors/findings/accounting.ts): every verdict mark in a
 * findings table ends up in a finding, or in a located `verdict_unaccounted` / `column_unread`
 * warning. Complete renderings show none (test/helpers/same-findings.ts asserts it for every
 * fixture a format test compares); here, fixtures damaged on purpose lose marks, and each lost
 * mark must be counted in a warning at its place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { marksOutsideRows } from '../extractors/findings/accounting.js';
import { FindingsCollector } from '../extractors/findings/cell-findings.js';
import type { ExtractedReport } from '../extractors/model.js';
import { lineLocation } from '../extractors/tables/document-table.js';

const WORD_TEXT = 'fixtures/word-classes/text-word';
const FOLLOWUP = '003_0ef4a6012a6cd2d4';
const FACTSHEET = '002_1b897dc814a8f4e7';

async function extract(text: string, name: string): Promise<ExtractedReport> {
  const result = await extractReport(Buffer.from(text, 'utf8'), name);
  if (!result.ok) throw new Error(result.failure.message);
  return result.reports[0]!;
}

const lines = (name: string) => readFileSync(`${WORD_TEXT}/${name}.txt`, 'utf8').split('\r\n');
const verdicts = (report: ExtractedReport) => report.findings.filter((f) => f.verdict !== null).length;
/** Marks a warning says it counted ("3 verdict mark(s)", "holds 3 verdict mark(s)"). */
const markCount = (report: ExtractedReport, code: string) =>
  report.warnings.filter((w) => w.code === code).reduce((sum, w) => sum + Number(/(\d+) verdict mark/.exec(w.message)?.[1] ?? 0), 0);

describe('accounting invariant on damaged fixtures', () => {
  it('a follow-up header that lost a column label: the column is unread, with every mark in it counted', async () => {
    const source = await extract(lines(FOLLOWUP).join('\n'), `${FOLLOWUP}.txt`);
    const damaged = lines(FOLLOWUP);
    const header = damaged.findIndex((l) => l.startsWith('Indicator\t2013 Multiprobleemgezinnen'));
    damaged[header] = damaged[header]!.split('\t').slice(0, 3).join('\t');
    const report = await extract(damaged.join('\n'), `${FOLLOWUP}.txt`);
    const lost = verdicts(source) - verdicts(report);
    expect(lost).toBeGreaterThan(0);
    const unread = report.warnings.filter((w) => w.code === 'column_unread');
    expect(unread).toHaveLength(1);
    expect(unread[0]!.severity).toBe('warning');
    expect(unread[0]!.message).toContain('column 4');
    expect(unread[0]!.location?.lineStart).toBe(header + 1);
    expect(markCount(report, 'column_unread')).toBe(lost);
  });

  it('a findings row whose indicator and criterion cells were emptied: its mark is unaccounted, at its line', async () => {
    const source = await extract(lines(FACTSHEET).join('\n'), `${FACTSHEET}.txt`);
    const damaged = lines(FACTSHEET);
    const first = damaged.findIndex((l) => l.startsWith('Criteria\tIndicatoren')) + 1;
    const cells = damaged[first]!.split('\t');
    damaged[first] = ['', '', ...cells.slice(2)].join('\t');
    const report = await extract(damaged.join('\n'), `${FACTSHEET}.txt`);
    expect(verdicts(source) - verdicts(report)).toBe(1);
    const unaccounted = report.warnings.filter((w) => w.code === 'verdict_unaccounted');
    expect(unaccounted.map((w) => [w.severity, w.location?.lineStart])).toEqual([['warning', first + 1]]);
    expect(markCount(report, 'verdict_unaccounted')).toBe(1);
  });

  it('a mark moved into the indicator column is unaccounted, never given to the row', async () => {
    const damaged = lines(FACTSHEET);
    const row = damaged.findIndex((l) => l.startsWith('Criteria\tIndicatoren')) + 2;
    const [criterion, indicator, findings] = damaged[row]!.split('\t');
    damaged[row] = [criterion, findings, indicator].join('\t');
    const report = await extract(damaged.join('\n'), `${FACTSHEET}.txt`);
    const unaccounted = report.warnings.filter((w) => w.code === 'verdict_unaccounted');
    expect(unaccounted.map((w) => w.location?.lineStart)).toEqual([row + 1]);
    expect(unaccounted[0]!.message).toContain('indicator column');
    // The row's indicator (now in the findings column) carries no verdict of its own.
    const moved = report.findings.filter((f) => f.location.lineStart === row + 1);
    expect(moved.map((f) => f.verdict)).toEqual([null]);
  });

  it('a line with a mark inside a text table\'s region that no row holds is unaccounted, at its line', () => {
    const collector = new FindingsCollector(null as never, 'beleid');
    const text = ['Criteria\tIndicatoren\tBevindingen', 'A\tB\t✓ Goed.', '✗ Een regel die geen rij heeft.', '', 'Na de tabel ✓ niet.'].join('\n');
    const table = { title: null, header: { cells: ['Criteria', 'Indicatoren', 'Bevindingen'], location: lineLocation(1) }, rows: [{ cells: ['A', 'B', '✓ Goed.'], location: lineLocation(2) }] };
    marksOutsideRows(collector, [table], text);
    expect(collector.warnings.map((w) => [w.code, w.severity, w.location?.lineStart])).toEqual([['verdict_unaccounted', 'warning', 3]]);
  });

  it('a mark after the bars of a row line no row holds is unaccounted (a table without outer bars, its rows wrapped)', async () => {
    // Rows hard-wrapped as Python's html2text writes them, but without its hard breaks: the reader takes the
    // first line of each row and nothing more, so the marks on the lines after it must be reported.
    const text = [
      'Aanpak: Reset',
      '',
      'Toeleiding',
      '',
      'Indicator| 2013| 2014| 2015',
      '---|---|---|---',
      'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR| X De',
      'gemeenschappelijkheid in de beschrijving wordt gemist. De antwoorden variëren',
      'van het beschrijven van gezinnen met complexe problemen.| | ✓ De',
      'gemeente heeft nu een omschrijving.',
      '',
    ].join('\n');
    const report = await extract(text, 'wrapped-bare.md');
    expect(report.findings.map((f) => [f.indicatorId, f.columnIndex, f.verdict])).toEqual([['BEL-T1.1', 1, 'verbeterpunt']]);
    expect(report.warnings.filter((w) => w.code === 'verdict_unaccounted').map((w) => [w.location?.lineStart, w.message])).toEqual([
      [9, "1 verdict mark(s) at line 9, in a findings table's region but in none of its rows"],
    ]);
  });

  it('a mark opening a line or a cell outside every findings table read is unaccounted, at its line (a table syntax the readers do not know)', () => {
    const collector = new FindingsCollector(null as never, 'beleid');
    // AsciiDoc's table: a cell per "|", a row over several lines; a sentence naming the marks and a legend, which are no verdicts.
    const text = ['Criteria\tIndicatoren\tBevindingen', 'A\tB\t✓ Goed.', '', 'Per indicator: voldoet (✓) of verbeterpunt (X).', '|===', '|Criteria |Indicatoren |Bevindingen', '|GGSR zijn in beeld |Alle netwerkpartners |✓ De', 'ondervraagden.', '| |De gemeente |✗ Nee.', '|===', '✓ = voldoet', 'X: verbeterpunt'].join('\n');
    const table = { title: null, header: { cells: ['Criteria', 'Indicatoren', 'Bevindingen'], location: lineLocation(1) }, rows: [{ cells: ['A', 'B', '✓ Goed.'], location: lineLocation(2) }] };
    marksOutsideRows(collector, [table], text);
    expect(collector.warnings.map((w) => [w.code, w.location?.lineStart, w.message])).toEqual([
      ['verdict_unaccounted', 7, '1 verdict mark(s) at line 7, outside every findings table read: a table in a form the reader does not know'],
      ['verdict_unaccounted', 9, '1 verdict mark(s) at line 9, outside every findings table read: a table in a form the reader does not know'],
    ]);
  });
});

describe('row_stitched', () => {
  it('findings of rows broken across a page break carry an info warning naming the page', async () => {
    const file = 'fixtures/word-classes/pdf-pages/001_c669e5a01401b566.pdf';
    const result = await extractReport(readFileSync(file), '001_c669e5a01401b566.pdf');
    if (!result.ok) throw new Error(result.failure.message);
    const stitched = result.reports[0]!.warnings.filter((w) => w.code === 'row_stitched');
    expect(stitched.length).toBeGreaterThan(0);
    for (const warning of stitched) {
      expect(warning.severity).toBe('info');
      expect(warning.findingIndex).not.toBeNull();
      expect(warning.location?.page).toBe(result.reports[0]!.findings[warning.findingIndex!]!.location.page);
    }
    // A text report has no pages: nothing is stitched.
    const text = await extract(lines('001_c669e5a01401b566').join('\n'), '001.txt');
    expect(text.warnings.filter((w) => w.code === 'row_stitched')).toEqual([]);
  });
});
