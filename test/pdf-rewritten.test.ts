/**
 * Rendered PDFs written anew by another PDF writer (fixtures/rendered/pdf-rewritten, made by
 * `pdftocairo -pdf` from fixtures/rendered/pdf): cairo sets text runs of its own, so header cells
 * and rows fall apart differently from the original's. What cannot be read must be said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { expectSameFindings, textSource } from './helpers/same-findings.js';

const read = async (file: string) => {
  const result = await extractReport(readFileSync(join('fixtures/rendered/pdf-rewritten', file)), file);
  if (!result.ok) throw new Error(`${file}: ${result.failure.message}`);
  return result.reports[0]!;
};

describe('pdftocairo rewrites', () => {
  it('word-ruled-centred 003: header cells "2014 2014" set as one text run are two columns', async () => {
    const report = await read('cairo-word-ruled-centred-003_0ef4a6012a6cd2d4.pdf');
    expectSameFindings(report, await textSource('003_0ef4a6012a6cd2d4'), 'cairo-word-ruled-centred-003', [
      { file: 'cairo-word-ruled-centred-003', finding: 15, field: 'evidence', why: '"samenwerkingsovereenko" + "mst", as in pdf/word-ruled-centred: broken without a hyphen, the word printed nowhere else' },
    ]);
    expect(report.findings.filter((f) => f.indicatorId === 'BEL-G1.2').map((f) => [f.columnIndex, f.assessedYear, f.verdict])).toEqual([
      [1, 2013, 'verbeterpunt'],
      [3, 2014, 'verbeterpunt'],
    ]);
  });

  it('word-landscape 004: rows the table engine does not take are verdict_unaccounted on their page, never lost in silence', async () => {
    const report = await read('cairo-word-landscape-004_e10162d225c65291.pdf');
    const source = await textSource('004_e10162d225c65291');
    const verdictOf = new Map(source.findings.map((f) => [f.indicatorId, f.verdict]));
    // What is read agrees with the source; what is missing is counted.
    for (const finding of report.findings) expect([finding.indicatorId, finding.verdict]).toEqual([finding.indicatorId, verdictOf.get(finding.indicatorId)]);
    // One mark per missing finding, each counted on its page (one set against the cell left of it).
    const unaccounted = report.warnings.filter((w) => w.code === 'verdict_unaccounted');
    expect(unaccounted.map((w) => [w.severity, w.location?.page])).toEqual([
      ['warning', 5],
      ['warning', 6],
    ]);
    const marks = unaccounted.reduce((sum, w) => sum + Number(/^(\d+) verdict mark/.exec(w.message)![1]), 0);
    expect(marks).toBe(source.findings.length - report.findings.length);
    expect(marks).toBeGreaterThan(0);
  });
});
