/**
 * The main command on the fixtures, end to end through the built CLI, against the committed
 * dataset byte for byte: contract columns, ids, sort order and determinism in one check.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const expectedDir = 'fixtures/expected/dataset';
const outDir = mkdtempSync(join(tmpdir(), 'stj-dataset-golden-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('dataset of the fixture reports', () => {
  execFileSync(process.execPath, ['dist/pipeline/cli.js', 'import', 'fixtures/reports', '--out', outDir], { stdio: 'pipe' });
  const files = readdirSync(expectedDir).sort();

  it('writes exactly the contract files', () => {
    expect(readdirSync(outDir).sort()).toEqual([
      'findings.csv', 'findings.jsonl', 'manifest.json', 'matrix.csv', 'panel.csv', 'panel.jsonl', 'quotes.csv', 'quotes.jsonl', 'recommendations.csv', 'recommendations.jsonl',
      'reports.csv', 'reports.jsonl', 'sections.csv', 'sections.jsonl', 'warnings.jsonl',
    ]);
    expect(files).toEqual(readdirSync(outDir).sort());
  });

  it.each(files)('%s is byte-identical to the golden copy', (name) => {
    const actual = readFileSync(join(outDir, name), 'utf8').split('\n');
    const expected = readFileSync(join(expectedDir, name), 'utf8').split('\n');
    expect(actual.length).toBe(expected.length);
    actual.forEach((line, index) => expect({ line: index + 1, text: line }).toEqual({ line: index + 1, text: expected[index] }));
  });

  it('holds one finding per assessed indicator: 30 + 33 + 30 + 24 + 30, none unmapped', () => {
    const findings = readFileSync(join(outDir, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const perFile = findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.source_file]: (acc[f.source_file] ?? 0) + 1 }), {});
    expect(perFile).toEqual({
      '000_318a4c095323d6df.txt': 30,
      '001_c669e5a01401b566.txt': 33,
      '002_1b897dc814a8f4e7.txt': 30,
      '003_0ef4a6012a6cd2d4.txt': 24,
      '004_e10162d225c65291.txt': 30,
    });
    expect(findings.filter((f) => f.indicator_id === null)).toEqual([]);
  });

  it('puts every finding of a report with a coded municipality in the panel once, and keeps the unattributed one out', () => {
    const panel = readFileSync(join(outDir, 'panel.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    // Every finding of seed 003 per follow-up column (9 + 5 + 10), as in findings.jsonl; 147 findings less the 30 of the Bemoeizorg factsheet (004), which names no municipality.
    expect(panel).toHaveLength(117);
    expect(manifest.counts).toMatchObject({ panel_rows: 117, matrix_rows: 6, panel_findings_without_municipality: 30, panel_findings_without_indicator: 0 });
    const keys = panel.map((r) => [r.municipality_code, r.level, r.aanpak, r.indicator_id, r.assessed_year].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(panel.filter((r) => r.municipality_code === 'GM0034').map((r) => `${r.aanpak}|${r.assessed_year}`).reduce(
      (acc: Record<string, number>, k: string) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {},
    )).toEqual({ 'Multiprobleemgezinnen|2013': 9, 'Versterkt Verder|2013': 5, 'Wijkteams en Gezinsbegeleiders|2014': 10 });
    expect(new Set(panel.map((r) => `${r.municipality_code} ${r.municipality} ${r.province}`))).toEqual(
      new Set(['GM0034 Almere Flevoland', 'GM0193 Zwolle Overijssel', 'GM0400 Den Helder Noord-Holland', 'GM0505 Dordrecht Zuid-Holland']),
    );
    expect(panel.every((r) => r.n_reports === 1 && r.conflict === false && r.other_report_ids === null)).toBe(true);
  });
});
