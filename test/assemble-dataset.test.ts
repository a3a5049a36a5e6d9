import { describe, expect, it } from 'vitest';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import { DATASET_VERSION } from '../pipeline/dataset-schema.js';
import { failed, finding, ok, report, sha, testContext, warning } from './helpers/fake-results.js';

const context = testContext();

describe('assembleDataset: duplicates and failures', () => {
  it('merges two identical files into one report, the first path being primary', () => {
    const rep = report('same');
    const out = assembleDataset([ok('b.txt', rep, 120), ok('a.txt', rep, 90)], context);

    expect(out.reports).toHaveLength(1);
    expect(out.reports[0]!.source_files).toBe('a.txt;b.txt');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]!.source_file).toBe('a.txt');
    const reportId = `rpt-${sha('same').slice(0, 16)}`;
    expect(out.manifest.inputs).toEqual([
      {
        path: 'a.txt', status: 'parsed', report_id: reportId, duplicate_of: null, reason: null, failure_code: null,
        bytes: 90, sha256: sha('bytes of same'), format: 'text', encoding: 'utf-8',
      },
      {
        path: 'b.txt', status: 'duplicate', report_id: reportId, duplicate_of: 'a.txt', reason: 'same report as a.txt',
        failure_code: null, bytes: 120, sha256: sha('bytes of same'), format: 'text', encoding: 'utf-8',
      },
    ]);
    expect(out.warnings).toEqual([
      {
        code: 'duplicate_input', severity: 'info', message: 'same report as a.txt', report_id: reportId,
        finding_id: null, source_file: 'b.txt', source_lines: null, source_page: null, source_locator: null,
      },
    ]);
    expect(out.manifest.counts).toMatchObject({ inputs: 2, parsed: 1, duplicate: 1, failed: 0, reports: 1, findings: 1, warnings: 1 });
  });

  it('records a failed input in the manifest and as an error warning, and exports the rest', () => {
    const out = assembleDataset([failed('empty.txt', 'empty', 'file is empty'), ok('good.txt', report('good'))], context);
    expect(out.manifest.inputs.map((i) => [i.path, i.status])).toEqual([['empty.txt', 'failed'], ['good.txt', 'parsed']]);
    expect(out.manifest.inputs[0]).toEqual({
      path: 'empty.txt', status: 'failed', report_id: null, duplicate_of: null, reason: 'file is empty',
      failure_code: 'empty', bytes: 0, sha256: sha(''), format: null, encoding: null,
    });
    expect(out.warnings).toContainEqual({
      code: 'unreadable_file', severity: 'error', message: 'empty: file is empty', report_id: null,
      finding_id: null, source_file: 'empty.txt', source_lines: null, source_page: null, source_locator: null,
    });
    expect(out.reports).toHaveLength(1);
    expect(out.manifest.counts).toMatchObject({ inputs: 2, parsed: 1, failed: 1, reports: 1, findings: 1 });
  });

  it('fills the manifest header from the context and writes no absolute path anywhere', () => {
    const out = assembleDataset([ok('dir/a.txt', report('a')), failed('b.pdf', 'encrypted', 'password protected')], context);
    expect(out.manifest.dataset_version).toBe(DATASET_VERSION);
    expect(out.manifest.program).toEqual({ name: 'stj-findings', version: '9.9.9' });
    expect(out.manifest.framework).toEqual({ id: 'test-catalogue', version: '0.0.1' });
    expect(JSON.stringify(out)).not.toContain('/somewhere');
  });
});

describe('assembleDataset: order', () => {
  it('orders reports by primary path in code-unit order', () => {
    const out = assembleDataset([ok('b.txt', report('b')), ok('B.txt', report('B')), ok('a/z.txt', report('z'))], context);
    expect(out.reports.map((r) => r.source_files)).toEqual(['B.txt', 'a/z.txt', 'b.txt']);
    expect(out.findings.map((f) => f.source_file)).toEqual(['B.txt', 'a/z.txt', 'b.txt']);
  });

  it('orders findings by theme, criterion, indicator (unmapped last, by raw text), column and ordinal', () => {
    const findings = [
      finding({ ordinal: 0, themeId: 'aanpak', criterionId: 'BEL-A1', indicatorId: 'BEL-A1.1', indicatorRaw: 'plan' }),
      finding({ ordinal: 1, themeId: null, criterionId: null, indicatorId: null, indicatorRaw: 'zeta' }),
      finding({ ordinal: 2, criterionId: 'BEL-T2', indicatorId: 'BEL-T2.1', indicatorRaw: 'bereik', columnIndex: 2 }),
      finding({ ordinal: 3, criterionId: 'BEL-T2', indicatorId: 'BEL-T2.1', indicatorRaw: 'bereik', columnIndex: 1 }),
      finding({ ordinal: 4, indicatorId: 'BEL-T1.2', indicatorRaw: 'zicht' }),
      finding({ ordinal: 5, indicatorId: null, indicatorRaw: 'onbekend' }),
      finding({ ordinal: 6, indicatorId: 'BEL-T1.1', indicatorRaw: 'omschrijving' }),
      finding({ ordinal: 7, themeId: null, criterionId: null, indicatorId: null, indicatorRaw: 'alpha' }),
    ];
    const out = assembleDataset([ok('r.txt', report('r', { findings }))], context);
    expect(out.findings.map((f) => f.indicator_raw)).toEqual([
      'omschrijving', 'zicht', 'onbekend', 'bereik', 'bereik', 'plan', 'alpha', 'zeta',
    ]);
    // The two 'bereik' rows: column 1 before column 2.
    const bereik = out.findings.filter((f) => f.indicator_raw === 'bereik');
    expect(bereik.map((f) => f.finding_id)).toEqual([
      `fnd-${sha(`rpt-${sha('r').slice(0, 16)}|BEL-T2.1|1|0`).slice(0, 16)}`,
      `fnd-${sha(`rpt-${sha('r').slice(0, 16)}|BEL-T2.1|2|0`).slice(0, 16)}`,
    ]);
  });

  it('orders warnings by file, then line, then code, file-level ones first', () => {
    const rep = report('w', {
      findings: [finding({ ordinal: 0 }), finding({ ordinal: 1, indicatorId: 'BEL-T1.2', location: { lineStart: 3, lineEnd: 4, page: null, locator: null } })],
      warnings: [
        warning({ code: 'zz_late', location: { lineStart: 20, lineEnd: 20, page: null, locator: null } }),
        warning({ code: 'shared_cell', findingIndex: 1 }),
        warning({ code: 'municipality_not_stated', location: null }),
        warning({ code: 'aa_early', location: { lineStart: 20, lineEnd: 21, page: null, locator: null } }),
      ],
    });
    const out = assembleDataset([ok('z.txt', report('z')), ok('m.txt', rep), failed('a.txt', 'binary', 'not text')], context);
    expect(out.warnings.map((w) => [w.source_file, w.code, w.source_lines])).toEqual([
      ['a.txt', 'unreadable_file', null],
      ['m.txt', 'municipality_not_stated', null],
      ['m.txt', 'shared_cell', '3-4'],
      ['m.txt', 'aa_early', '20-21'],
      ['m.txt', 'zz_late', '20-20'],
    ]);
    const shared = out.warnings.find((w) => w.code === 'shared_cell')!;
    const target = out.findings.find((f) => f.indicator_id === 'BEL-T1.2')!;
    expect(shared.finding_id).toBe(target.finding_id);
    expect(target.warnings).toBe('shared_cell');
    expect(out.reports.find((r) => r.source_files === 'm.txt')!.warnings).toBe('aa_early;municipality_not_stated;shared_cell;zz_late');
  });
});

describe('assembleDataset: ids', () => {
  const repeated = [
    finding({ ordinal: 5, indicatorId: null, indicatorRaw: 'Iets  Anders', evidence: 'second' }),
    finding({ ordinal: 1, indicatorId: null, indicatorRaw: 'iets anders', evidence: 'first' }),
    finding({ ordinal: 2, indicatorId: 'BEL-T1.1' }),
  ];

  it('derives report_id from the content key and finding_id from indicator, column and repeat count', () => {
    const out = assembleDataset([ok('r.txt', report('ids', { findings: repeated }))], context);
    const reportId = `rpt-${sha('ids').slice(0, 16)}`;
    expect(out.reports[0]!.report_id).toBe(reportId);
    const byEvidence = Object.fromEntries(out.findings.map((f) => [f.evidence, f.finding_id]));
    // Raw keys are lower-cased and whitespace-collapsed; the repeat count follows document order (ordinal).
    expect(byEvidence.first).toBe(`fnd-${sha(`${reportId}|raw:iets anders|0|0`).slice(0, 16)}`);
    expect(byEvidence.second).toBe(`fnd-${sha(`${reportId}|raw:iets anders|0|1`).slice(0, 16)}`);
    expect(new Set(out.findings.map((f) => f.finding_id)).size).toBe(3);
  });

  it('gives the same ids whatever the array order of findings and outcomes', () => {
    const a = assembleDataset([ok('r.txt', report('ids', { findings: repeated })), ok('s.txt', report('s'))], context);
    const b = assembleDataset([ok('s.txt', report('s')), ok('r.txt', report('ids', { findings: [...repeated].reverse() }))], context);
    expect(b).toEqual(a);
  });
});

describe('assembleDataset: values', () => {
  it('turns empty strings into null and lets finding-level aanpak/year override the report', () => {
    const rep = report('v', {
      metadata: {
        title: '', municipality: '', municipalityCode: null, scope: null, municipalities: [], municipalityEvidence: null, aanpak: 'Rapport-aanpak', level: 'vervolg',
        reportDate: null, assessedYear: 2014, inspectionBody: '  ', partners: [], familiesCount: null,
      },
      findings: [
        finding({ ordinal: 0, letOp: '', aanpak: null, assessedYear: null, columnLabel: '' }),
        finding({
          ordinal: 1, indicatorId: 'BEL-T1.2', aanpak: 'Kolom-aanpak', assessedYear: 2015, columnIndex: 1, columnLabel: 'Aanpak B 2015',
          letOp: 'Let op: termijn', location: { lineStart: 7, lineEnd: null, page: 3, locator: 'table 1 row 2' }, verdict: null,
        }),
      ],
    });
    const out = assembleDataset([ok('v.txt', rep)], context);
    const [first, second] = out.findings;
    expect(first).toMatchObject({
      municipality: null, aanpak: 'Rapport-aanpak', assessed_year: 2014, let_op: null, column_label: null,
      level: 'vervolg', source_lines: '10-10', source_page: null, warnings: null,
    });
    expect(second).toMatchObject({
      aanpak: 'Kolom-aanpak', assessed_year: 2015, let_op: 'Let op: termijn', column_label: 'Aanpak B 2015',
      source_lines: null, source_page: 3, source_locator: 'table 1 row 2', verdict: null,
    });
    expect(out.reports[0]).toMatchObject({
      title: null, municipality: null, inspection_body: null, partners: null, families_count: null,
      n_findings: 2, n_voldoet: 1, n_verbeterpunt: 0, n_gemengd: 0, n_unmapped: 0, warnings: null,
    });
  });

  it('counts verdicts and unmapped findings per report and joins partners', () => {
    const rep = report('c', {
      findings: [
        finding({ ordinal: 0, verdict: 'verbeterpunt' }),
        finding({ ordinal: 1, verdict: 'gemengd', indicatorId: null, indicatorRaw: 'vreemd' }),
        finding({ ordinal: 2, verdict: 'voldoet', indicatorId: 'BEL-T1.2' }),
        finding({ ordinal: 3, verdict: 'verbeterpunt', indicatorId: 'BEL-T2.1' }),
      ],
    });
    const out = assembleDataset([ok('c.txt', rep)], context);
    expect(out.reports[0]).toMatchObject({ partners: 'Careyn;Vivenz', n_findings: 4, n_voldoet: 1, n_verbeterpunt: 2, n_gemengd: 1, n_unmapped: 1 });
    expect(out.manifest.counts.unmapped_findings).toBe(1);
  });

  it('throws a clear error when a row breaks the dataset schema', () => {
    const rep = report('bad', { metadata: { ...report('bad').metadata, level: null } });
    expect(() => assembleDataset([ok('bad.txt', rep)], context)).toThrow(/dataset assembly bug: finding row from bad\.txt .*level/);
  });
});
