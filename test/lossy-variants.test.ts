/**
 * Converter outputs that lose part of a report's tables (fixtures/lossy, made by
 * scripts/convert-fixtures.sh): markua (a "[TABLE]" where a table stood; Jira's and org's samples read whole
 * now and moved to fixtures/converted). They cannot be read like their text source, so the property is the first rule of the dataset:
 * no finding contradicts the source (a canonical indicator with a verdict the source does not give it
 * in that column), and every finding of the source that is missing or without its verdict is
 * accompanied by a warning that says the report is incomplete, never lost in silence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { textSource } from './helpers/same-findings.js';

const ROOT = 'fixtures/lossy';
const variants = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).map((file) => `${d.name}/${file}`))
  .sort();

/** Warnings that tell a researcher findings of the report are missing or unread. */
const INCOMPLETE = ['verdict_unaccounted', 'verdict_missing', 'unmapped_indicator', 'table_omitted', 'rows_without_header', 'orphan_findings_cell', 'column_unread'];

describe('converted variants that lose findings', () => {
  // One converter's since the others' output is read whole (fixtures/lossy/README.md); the property must still be checked on one.
  it('has samples', () => expect(variants.length).toBeGreaterThanOrEqual(1));

  it.each(variants)('%s: no finding contradicts the source, and what is missing is warned about', async (variant) => {
    const fileName = variant.split('/')[1]!;
    const source = await textSource(fileName.replace(/\.\w+$/, ''));
    const result = await extractReport(readFileSync(join(ROOT, variant)), fileName);
    if (!result.ok) return;
    const report = result.reports[0]!;
    const key = (f: { indicatorId: string | null; columnLabel: string | null }) => `${f.indicatorId}|${f.columnLabel ?? ''}`;
    const expected = new Map(source.findings.map((f) => [key(f), f.verdict]));
    for (const finding of report.findings.filter((f) => f.indicatorId !== null && f.verdict !== null)) {
      expect({ finding: key(finding), verdict: finding.verdict }).toEqual({ finding: key(finding), verdict: expected.get(key(finding)) });
    }
    const missing = source.findings.filter((f) => !report.findings.some((g) => key(g) === key(f) && g.verdict === f.verdict));
    expect(missing.length).toBeGreaterThan(0);
    expect(report.warnings.filter((w) => INCOMPLETE.includes(w.code)).length).toBeGreaterThan(0);
  });
});
