/**
 * A copy a converter made lossy is the same report, counted once (pipeline/compare/lossy-copies.ts);
 * a copy that says anything the fuller one does not, or another report of the same municipality,
 * aanpak and level, stays a report of its own.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { contentKeyOf, skeletonKeyOf } from '../extractors/content-key.js';
import type { ExtractedReport } from '../extractors/model.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import type { InputOutcome } from '../pipeline/stages.js';
import { parsePrint, unmatchedVerdicts, verdictPrint } from '../pipeline/compare/verdict-print.js';

const SOURCE = 'fixtures/reports/000_318a4c095323d6df.txt';
const LOSSY = ['fixtures/lossy/pandoc-markua/000_318a4c095323d6df.txt'];
/** Read whole since its multi-line rows are joined: a plain copy of the source, not a lossy one. */
const WHOLE = 'fixtures/converted/pandoc-jira/000_318a4c095323d6df.txt';

async function read(path: string, bytes: Uint8Array = readFileSync(path)): Promise<InputOutcome> {
  const result = await extractReport(bytes, path);
  return { input: { absolutePath: `/in/${path}`, relativePath: path, sizeBytes: bytes.length }, result };
}

/** The source's one report, changed by `change` (its keys recomputed, as extraction would give them). */
async function variant(path: string, change: (report: ExtractedReport) => void): Promise<InputOutcome> {
  const outcome = await read(SOURCE);
  if (!outcome.result.ok) throw new Error('the source fixture does not read');
  const report = structuredClone(outcome.result.reports[0]!);
  change(report);
  report.contentKey = contentKeyOf(report.metadata.level, report.findings, '');
  report.skeletonKey = skeletonKeyOf(report.metadata.level, report.metadata, report.findings);
  report.bytesSha256 = createHash('sha256').update(path).digest('hex');
  return { input: { absolutePath: `/in/${path}`, relativePath: path, sizeBytes: 1 }, result: { ok: true, reports: [report] } };
}

/** Every other finding's verdict lost, as a converter that turns marks into "?" leaves it. */
const loseVerdicts = (report: ExtractedReport) => report.findings.forEach((f, i) => i % 2 === 0 && (f.verdict = null));

describe('lossy copies of one report', () => {
  it('counts the lossy pandoc conversion of 000 once, as the source, whichever order or names', async () => {
    const alone = assembleDataset([await read(SOURCE)]);
    const outcomes = await Promise.all([...LOSSY, SOURCE].map((path) => read(path)));
    for (const order of [outcomes, [...outcomes].reverse()]) {
      const dataset = assembleDataset(order);
      expect(dataset.reports.map((r) => [r.report_id, r.n_findings, r.n_voldoet, r.n_verbeterpunt, r.source_files])).toEqual([
        [alone.reports[0]!.report_id, 30, 20, 10, [...LOSSY, SOURCE].sort().join(';')],
      ]);
      expect(dataset.findings.map((f) => [f.finding_id, f.verdict, f.source_file])).toEqual(alone.findings.map((f) => [f.finding_id, f.verdict, f.source_file]));
      expect(dataset.manifest.inputs.map((i) => [i.path, i.status, i.duplicate_of])).toEqual(
        [...LOSSY.map((path) => [path, 'duplicate', SOURCE]), [SOURCE, 'parsed', null]].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
      const lossy = dataset.warnings.filter((w) => w.code === 'lossy_copy_input');
      expect(lossy.map((w) => [w.source_file, w.severity])).toEqual(LOSSY.map((path) => [path, 'warning']).sort());
      // The markua copy left a table out: 18 of the 30 findings, its 18 verdicts all the source's.
      expect(lossy.find((w) => w.source_file.includes('markua'))!.message).toMatch(
        /^a lossy copy of the report in fixtures\/reports\/000_318a4c095323d6df\.txt: 18 of its 18 findings with evidence of 30 letters or more are found there, and each verdict it has \(18\) is the same there \(30\); counted once/,
      );
      expect(dataset.warnings.map((w) => w.code)).not.toContain('copy_not_merged');
    }
  });

  it('counts a conversion read whole (Jira, its multi-line rows joined) as a plain copy: no lossy warning', async () => {
    const dataset = assembleDataset([await read(SOURCE), await read(WHOLE)]);
    expect(dataset.reports.map((r) => [r.n_findings, r.n_voldoet, r.source_files])).toEqual([[30, 20, [WHOLE, SOURCE].sort().join(';')]]);
    expect(dataset.manifest.inputs.map((i) => [i.path, i.status])).toEqual([[WHOLE, 'parsed'], [SOURCE, 'duplicate']]);
    expect(dataset.warnings.map((w) => w.code)).not.toContain('lossy_copy_input');
  });

  it('folds in a copy whose marks were lost, and keeps its file in the manifest as a duplicate', async () => {
    const dataset = assembleDataset([await read(SOURCE), await variant('marks-lost.txt', loseVerdicts)]);
    expect(dataset.reports.map((r) => [r.n_findings, r.n_voldoet, r.source_files])).toEqual([[30, 20, ['marks-lost.txt', SOURCE].sort().join(';')]]);
    expect(dataset.manifest.inputs.find((i) => i.path === 'marks-lost.txt')).toMatchObject({ status: 'duplicate', duplicate_of: SOURCE });
  });

  it('keeps a copy with one verdict of its own apart, and says it looks like a copy whose verdicts differ', async () => {
    const flipped = await variant('one-flipped.txt', (report) => {
      loseVerdicts(report);
      const f = report.findings.find((x) => x.verdict !== null)!;
      f.verdict = f.verdict === 'voldoet' ? 'verbeterpunt' : 'voldoet';
    });
    const dataset = assembleDataset([await read(SOURCE), flipped]);
    expect(dataset.reports).toHaveLength(2);
    const warning = dataset.warnings.filter((w) => w.code === 'copy_not_merged');
    expect(warning.map((w) => [w.source_file, w.severity])).toEqual([['one-flipped.txt', 'warning']]);
    expect(warning[0]!.message).toMatch(/but 1 of their verdicts differ there: kept as a report of its own/);
  });

  it('keeps apart a report of the same municipality, aanpak and level whose evidence is another', async () => {
    // Same verdicts, but each indicator's evidence is its neighbour's: another text, another report.
    const other = await variant('other-text.txt', (report) => {
      const evidence = report.findings.map((f) => f.evidence);
      report.findings.forEach((f, i) => (f.evidence = evidence[(i + 1) % evidence.length]!));
      loseVerdicts(report);
    });
    const dataset = assembleDataset([await read(SOURCE), other]);
    expect(dataset.reports).toHaveLength(2);
    expect(dataset.warnings.map((w) => w.code)).not.toContain('lossy_copy_input');
    expect(dataset.warnings.map((w) => w.code)).not.toContain('copy_not_merged');
  });

  it('keeps apart a lossy copy that states another year: another wave', async () => {
    const later = await variant('later-wave.txt', (report) => {
      loseVerdicts(report);
      report.metadata.assessedYear = 2015;
    });
    const earlier = await variant('earlier-wave.txt', (report) => (report.metadata.assessedYear = 2013));
    const dataset = assembleDataset([earlier, later]);
    expect(dataset.reports).toHaveLength(2);
    expect(dataset.warnings.map((w) => w.code)).not.toContain('lossy_copy_input');
  });

  it('keeps apart a copy left with too little evidence to tell which report it is', async () => {
    const stub = await variant('stub.txt', (report) => {
      report.findings = report.findings.slice(0, 2);
      report.findings.forEach((f) => (f.verdict = null));
    });
    const dataset = assembleDataset([await read(SOURCE), stub]);
    expect(dataset.reports).toHaveLength(2);
  });
});

describe('verdict prints (the heads\' prefilter)', () => {
  const f = (indicatorId: string | null, columnIndex: number, verdict: 'voldoet' | 'verbeterpunt' | 'gemengd' | null) => ({ indicatorId, columnIndex, verdict });

  it('lists each finding with a verdict once, sorted, an unmatched indicator as *', () => {
    expect(verdictPrint([f('BEL-B1.1', 0, 'verbeterpunt'), f('BEL-A1.1', 0, 'voldoet'), f(null, 2, 'gemengd'), f('BEL-A1.2', 0, null), f('BEL-A1.1', 0, 'voldoet')])).toBe(
      '*@2=g BEL-A1.1@0=v BEL-B1.1@0=x',
    );
  });

  it('counts the verdicts of a copy the other report cannot hold, letting unmatched indicators be anyone\'s twin', () => {
    const full = parsePrint(verdictPrint([f('A', 0, 'voldoet'), f('B', 0, 'verbeterpunt'), f(null, 1, 'voldoet')]));
    expect(unmatchedVerdicts(parsePrint('A@0=v'), full)).toBe(0);
    expect(unmatchedVerdicts(parsePrint('A@0=x'), full)).toBe(1);
    // Another column: no twin there.
    expect(unmatchedVerdicts(parsePrint('A@2=v'), full)).toBe(1);
    // The full report's unmatched indicator in column 1 may be the twin of any indicator voldoet there.
    expect(unmatchedVerdicts(parsePrint('C@1=v C@1=x'), full)).toBe(1);
    // The copy's unmatched indicator may be the twin of any finding of its column with its verdict.
    expect(unmatchedVerdicts(parsePrint('*@0=x *@0=g'), full)).toBe(1);
    expect(unmatchedVerdicts(parsePrint(''), full)).toBe(0);
  });
});
