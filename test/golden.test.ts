/**
 * Every fixture report against its hand-checked golden file, field by field
 * (regenerate deliberately with `npx tsx scripts/update-golden.ts` and review the diff).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { goldenView } from './helpers/golden-view.js';

const reports = readdirSync('fixtures/reports').filter((n) => n.endsWith('.txt')).sort();

describe.each(reports)('golden: %s', (name) => {
  const expected = JSON.parse(readFileSync(join('fixtures/expected', name.replace(/\.txt$/, '.json')), 'utf8'));

  it('matches metadata and every finding field by field', async () => {
    const result = await extractReport(readFileSync(join('fixtures/reports', name)), name);
    if (!result.ok) throw new Error(result.failure.message);
    const actual = goldenView(result.reports[0]!);
    expect(actual.metadata).toEqual(expected.metadata);
    expect(actual.findings).toHaveLength(expected.findings.length);
    actual.findings.forEach((finding, index) => {
      for (const [field, value] of Object.entries(expected.findings[index])) {
        expect({ finding: index, field, value: (finding as Record<string, unknown>)[field] }).toEqual({ finding: index, field, value });
      }
    });
    expect(actual.warnings).toEqual(expected.warnings);
  });
});

describe('golden files themselves (hand-checked facts, independent of the extractor)', () => {
  const load = (name: string) => JSON.parse(readFileSync(join('fixtures/expected', `${name}.json`), 'utf8'));
  const tally = (findings: { verdict: string }[]) =>
    findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.verdict]: (acc[f.verdict] ?? 0) + 1 }), {});

  it('Dordrecht (policy factsheet): 30 findings, 20 voldoet and 10 verbeterpunt as counted by hand', () => {
    const g = load('000_318a4c095323d6df');
    expect(g.findings).toHaveLength(30);
    expect(tally(g.findings)).toEqual({ voldoet: 20, verbeterpunt: 10 });
    expect(g.metadata).toMatchObject({ municipality: 'Dordrecht', municipalityCode: 'GM0505', level: 'beleid', aanpak: 'Reset Thuisbegeleiding', familiesCount: 189 });
    expect(new Set(g.findings.map((f: { indicator_id: string }) => f.indicator_id)).size).toBe(30);
  });

  it('Zwolle (case-level nota): the 33 Bijlage 1 indicators, one of them gemengd', () => {
    const g = load('001_c669e5a01401b566');
    expect(g.findings).toHaveLength(33);
    expect(tally(g.findings)).toEqual({ voldoet: 22, verbeterpunt: 10, gemengd: 1 });
    expect(g.findings.every((f: { indicator_id: string }) => f.indicator_id.startsWith('CAS-'))).toBe(true);
  });

  it('Almere (follow-up): one finding per filled cell, 24 in all', () => {
    const g = load('003_0ef4a6012a6cd2d4');
    expect(g.findings).toHaveLength(24);
    expect(g.findings.filter((f: { column: number }) => f.column === 3)).toHaveLength(10);
  });

  it('Bemoeizorg never names its municipality', () => {
    expect(load('004_e10162d225c65291').metadata.municipality).toBeNull();
  });
});
