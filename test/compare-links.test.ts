/**
 * Waves and links on variants of the seed reports, through the real extractor: a follow-up linked to
 * the policy report of the same municipality whose aanpak is one of its columns, a case-level nota linked
 * to its policy report, and what is never linked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import type { InputOutcome } from '../pipeline/stages.js';

const seed = (name: string) => readFileSync(`fixtures/reports/${name}`, 'utf8');
const dordrecht = seed('000_318a4c095323d6df.txt');
const nota = seed('001_c669e5a01401b566.txt');
const followUp = seed('003_0ef4a6012a6cd2d4.txt');

/**
 * Seed 000 (a policy factsheet of Dordrecht, aanpak Reset Thuisbegeleiding) moved to another municipality
 * and aanpak. One finding names the aanpak too: reports whose findings read the same are one report
 * (content key), whatever their title says.
 */
const policyOf = (municipality: string, aanpak: string) =>
  dordrecht
    .replace('zich met name bevinden in Dordrecht.', `zich met name bevinden in Dordrecht (${aanpak}).`)
    .replace(/Dordrecht/g, municipality)
    .replace(/Reset Thuisbegeleiding/g, aanpak);

async function outcome(path: string, text: string): Promise<InputOutcome> {
  const result = await extractReport(Buffer.from(text), path);
  return { input: { absolutePath: `/in/${path}`, relativePath: path, sizeBytes: text.length }, result };
}

describe('a follow-up linked to its baseline policy report', async () => {
  const dataset = assembleDataset([
    await outcome('almere-vervolg.txt', followUp),
    await outcome('almere-mpg.txt', policyOf('Almere', 'Multiprobleemgezinnen')),
    await outcome('almere-other.txt', policyOf('Almere', 'Andere Aanpak')),
    await outcome('zwolle-mpg.txt', policyOf('Zwolle', 'Multiprobleemgezinnen')),
  ]);
  const byFile = new Map(dataset.reports.map((r) => [r.source_files, r]));
  const vervolg = byFile.get('almere-vervolg.txt')!;
  const policy = byFile.get('almere-mpg.txt')!;

  it('gives the follow-up the policy report of the same municipality whose aanpak is a column of it', () => {
    expect([vervolg.level, vervolg.municipality_code, policy.level, policy.municipality_code, policy.aanpak]).toEqual([
      'vervolg', 'GM0034', 'beleid', 'GM0034', 'Multiprobleemgezinnen',
    ]);
    expect(vervolg.baseline_report_id).toBe(policy.report_id);
    // Neither the Almere report of another aanpak nor the Zwolle one of the same aanpak is linked, nor is a policy report linked to anything.
    expect(dataset.reports.filter((r) => r.baseline_report_id !== null).map((r) => r.source_files)).toEqual(['almere-vervolg.txt']);
    expect(dataset.reports.every((r) => r.policy_report_id === null)).toBe(true);
  });

  it('gives each follow-up finding the finding of the same indicator in the baseline, with its verdict', () => {
    const policyFindings = new Map(dataset.findings.filter((f) => f.report_id === policy.report_id).map((f) => [f.indicator_id, f]));
    const followUpFindings = dataset.findings.filter((f) => f.report_id === vervolg.report_id);
    expect(followUpFindings).toHaveLength(24);
    for (const f of followUpFindings) {
      const base = policyFindings.get(f.indicator_id)!;
      expect([f.indicator_id, f.baseline_finding_id, f.baseline_verdict]).toEqual([f.indicator_id, base.finding_id, base.verdict]);
    }
    // Seed 000 marks BEL-T1.1 voldoet; the follow-up's 2013 column says verbeterpunt, its 2014 column voldoet.
    expect(followUpFindings.filter((f) => f.indicator_id === 'BEL-T1.1').map((f) => [f.aanpak, f.verdict, f.baseline_verdict])).toEqual([
      ['Multiprobleemgezinnen', 'verbeterpunt', 'voldoet'],
      ['Wijkteams en Gezinsbegeleiders', 'voldoet', 'voldoet'],
    ]);
    expect(dataset.findings.filter((f) => f.report_id !== vervolg.report_id).every((f) => f.baseline_finding_id === null && f.baseline_verdict === null)).toBe(true);
  });

  it('prefers the policy report matching the leftmost column when several match', async () => {
    const two = assembleDataset([
      await outcome('vervolg.txt', followUp),
      await outcome('vv.txt', policyOf('Almere', 'Versterkt Verder')),
      await outcome('mpg.txt', policyOf('Almere', 'Multiprobleemgezinnen')),
    ]);
    const ids = new Map(two.reports.map((r) => [r.source_files, r.report_id]));
    // Seed 003 prints its Multiprobleemgezinnen column left of the Versterkt Verder one.
    const columns = two.findings.filter((f) => f.report_id === ids.get('vervolg.txt') && f.indicator_id === 'BEL-A1.2').map((f) => f.aanpak);
    expect(columns.slice(0, 2)).toEqual(['Multiprobleemgezinnen', 'Versterkt Verder']);
    expect(two.reports.find((r) => r.source_files === 'vervolg.txt')!.baseline_report_id).toBe(ids.get('mpg.txt'));
  });
});

describe('a case-level nota linked to its policy report', async () => {
  it('links the nota to the policy report of the same municipality and aanpak, and to no other', async () => {
    const dataset = assembleDataset([
      await outcome('zwolle-nota.txt', nota),
      await outcome('zwolle-beleid.txt', policyOf('Zwolle', 'Bijzondere Doelgroepen')),
      await outcome('zwolle-ander.txt', policyOf('Zwolle', 'Reset')),
      await outcome('almere-beleid.txt', policyOf('Almere', 'Bijzondere Doelgroepen')),
    ]);
    const byFile = new Map(dataset.reports.map((r) => [r.source_files, r]));
    const casus = byFile.get('zwolle-nota.txt')!;
    expect([casus.level, casus.municipality_code, casus.aanpak]).toEqual(['casus', 'GM0193', 'Bijzondere Doelgroepen']);
    expect(casus.policy_report_id).toBe(byFile.get('zwolle-beleid.txt')!.report_id);
    expect(dataset.reports.filter((r) => r.policy_report_id !== null)).toHaveLength(1);
    expect(dataset.reports.every((r) => r.baseline_report_id === null)).toBe(true);
  });
});
