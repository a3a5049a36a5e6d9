/**
 * Findings tables whose header row a converter dropped (extractors/tables/inferred-header.ts): pandoc's
 * OpenDocument writer keeps only the first of the ruled tables' two header rows, the theme.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { sharedMatcher } from '../extractors/framework/match.js';
import { readHtmlReport, readHtmlString } from '../extractors/input/read-html.js';
import { headerCellsFor, inferCriteriaColumns } from '../extractors/tables/inferred-header.js';
import { classifyHeader } from '../extractors/tables/header-row.js';
import { FIXTURE_NAMES, expectSameFindings, textSource } from './helpers/same-findings.js';

const CRITERION = 'GGSR zijn in beeld';
const INDICATOR_1 = 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR';
const INDICATOR_2 = 'De gemeente heeft zicht op de populatie GGSR';
const rows = (...cells: string[][]) => cells;

describe('inferCriteriaColumns', () => {
  const matcher = sharedMatcher();

  it('reads criterion, indicator and findings columns off rows that show them', () => {
    const columns = inferCriteriaColumns(
      rows(['Toeleiding', '', ''], [CRITERION, INDICATOR_1, '✓ De ondervraagden beschrijven de doelgroep.'], ['', INDICATOR_2, 'X De gemeente heeft geen zicht.']),
      matcher,
    );
    expect(columns).toEqual({ criterionColumn: 0, indicatorColumn: 1, findingsColumn: 2, findingsRows: 2 });
    const header = headerCellsFor(columns!, 3);
    expect(header).toEqual(['Criteria', 'Indicatoren', 'Bevindingen']);
    expect(classifyHeader(header)).toEqual({ kind: 'criteria', criterionColumn: 0, indicatorColumn: 1, findingsColumn: 2 });
  });

  it('finds the indicator in a cell of several and leaves the criterion out when no cell names one', () => {
    const columns = inferCriteriaColumns(rows(['', `${INDICATOR_1}\n${INDICATOR_2}`, '✓ Ja.\n✓ Ook.'], ['Iets anders', INDICATOR_2, '✗ Nee.']), matcher);
    expect(columns).toEqual({ criterionColumn: null, indicatorColumn: 1, findingsColumn: 2, findingsRows: 2 });
  });

  it('refuses one row: one indicator beside a mark could be chance', () => {
    expect(inferCriteriaColumns(rows([CRITERION, INDICATOR_1, '✓ Ja.'], ['', 'Iets', 'Geen oordeel']), matcher)).toBeNull();
  });

  it('refuses a follow-up table: marks open cells in two columns, whose years were in the lost header', () => {
    expect(inferCriteriaColumns(rows([INDICATOR_1, '✓ 2013.', 'X 2014.'], [INDICATOR_2, '✓ 2013.', '✓ 2014.']), matcher)).toBeNull();
  });

  it('refuses rows whose indicators are not beside the marks in most rows', () => {
    const text = 'Een zin die geen indicator is';
    expect(inferCriteriaColumns(rows([CRITERION, INDICATOR_1, '✓ Ja.'], ['', INDICATOR_2, '✓ Ja.'], ['', text, '✓ a'], ['', text, '✓ b'], ['', text, '✓ c']), matcher)).toBeNull();
  });

  it('refuses a table whose only marked column is its first', () => {
    expect(inferCriteriaColumns(rows(['✓ Ja.', INDICATOR_1], ['✓ Ja.', INDICATOR_2]), matcher)).toBeNull();
  });
});

describe('HTML table without its header row', () => {
  const html = (body: string) =>
    `<p>Inleiding</p><table><tr><td colspan="3">Toeleiding</td></tr>${body}<tr><td colspan="3">Gezin centraal</td></tr>` +
    `<tr><td>Het gezin staat centraal</td><td>Hulpverleners betrekken het gezin bij het opstellen van het plan</td><td>X Niet altijd.</td></tr></table>`;

  it('puts a header above the rows and under every theme row, titled by the theme, with a warning', () => {
    const document = readHtmlString(
      html(`<tr><td rowspan="2">${CRITERION}</td><td>${INDICATOR_1}</td><td>✓ Eén omschrijving.</td></tr><tr><td>${INDICATOR_2}</td><td>✓ Zicht.</td></tr>`),
      'odt',
      'utf-8',
      [],
    );
    expect(document.tables.map((t) => [t.title?.text, t.header.cells, t.rows.length])).toEqual([
      ['Toeleiding', ['Criteria', 'Indicatoren', 'Bevindingen'], 2],
      ['Gezin centraal', ['Criteria', 'Indicatoren', 'Bevindingen'], 1],
    ]);
    expect(document.tables[0]!.rows.map((r) => r.cells)).toEqual([
      [CRITERION, INDICATOR_1, '✓ Eén omschrijving.'],
      ['', INDICATOR_2, '✓ Zicht.'],
    ]);
    expect(document.warnings).toEqual([
      {
        code: 'table_header_missing',
        severity: 'warning',
        message: expect.stringMatching(/^table 1 has no "Criteria \| Indicatoren \| Bevindingen" header row; .*2 of which .* criterion column 1, indicator column 2, findings column 3$/),
        location: { lineStart: null, lineEnd: null, page: null, locator: 'table 1, rows 1-5' },
      },
    ]);
  });

  it('keeps the tables\' warnings beside the decoding\'s in a .html file', () => {
    const body = `<tr><td>${CRITERION}</td><td>${INDICATOR_1}</td><td>✓ Ja.</td></tr><tr><td></td><td>${INDICATOR_2}</td><td>✓ Ook.</td></tr>`;
    const document = readHtmlReport(new TextEncoder().encode(html(body)));
    expect(document.warnings?.map((w) => w.code)).toEqual(['table_header_missing']);
  });

  it('leaves rows that do not show their columns unread, with their marks accounted', () => {
    const document = readHtmlString(html(`<tr><td>Iets</td><td>Anders</td><td>✓ Ja.</td></tr>`), 'odt', 'utf-8', []);
    expect(document.tables).toEqual([]);
    expect(document.warnings?.map((w) => [w.code, w.location?.locator])).toEqual([
      ['verdict_unaccounted', 'table 1, row 2'],
      ['verdict_unaccounted', 'table 1, row 4'],
    ]);
  });
});

describe('pandoc OpenDocument of the ruled HTML (odt/pandoc-ruled)', () => {
  const file = (name: string) => join('fixtures/rendered/odt/pandoc-ruled', `${name}.odt`);
  const withTables = FIXTURE_NAMES.filter((name) => !name.startsWith('003'));

  it.each(withTables)('%s gives the findings of its text source, each inferred header warned', async (name) => {
    const result = await extractReport(readFileSync(file(name)), `${name}.odt`);
    if (!result.ok) throw new Error(`${name}: ${result.failure.message}`);
    const report = result.reports[0]!;
    expectSameFindings(report, await textSource(name), `odt/pandoc-ruled/${name}`, []);
    const inferred = report.warnings.filter((w) => w.code === 'table_header_missing');
    expect(inferred.length).toBeGreaterThan(0);
    expect(report.warnings.filter((w) => w.code === 'verdict_unaccounted')).toEqual([]);
  });

  it('refuses the follow-up, whose year columns went with its header, and says why', async () => {
    const name = FIXTURE_NAMES.find((n) => n.startsWith('003'))!;
    const result = await extractReport(readFileSync(file(name)), `${name}.odt`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe('no_findings_tables');
    expect(result.failure.message).toMatch(/^no findings table found: \d+ table row\(s\) hold verdict marks, .* \(a follow-up table loses its years with its header\); first at table 1, row 2$/);
  });
});
