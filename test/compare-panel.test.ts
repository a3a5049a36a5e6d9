/** panel and matrix: keys, regional fan-out, the rule that picks one row per key, what stays out. */
import { describe, expect, it } from 'vitest';
import type { ExtractedReport } from '../extractors/model.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import { finding, ok, report, testContext } from './helpers/fake-results.js';

const context = testContext();
const meta = report('x').metadata;

const t11 = (verdict: 'voldoet' | 'verbeterpunt' | 'gemengd', extra = {}) => finding({ indicatorId: 'BEL-T1.1', verdict, ...extra });
const t21 = (verdict: 'voldoet' | 'verbeterpunt' | 'gemengd') =>
  finding({ criterionId: 'BEL-T2', indicatorId: 'BEL-T2.1', indicatorRaw: 'bereik', verdict, ordinal: 1 });

function regional(content: string, findings: ExtractedReport['findings']): ExtractedReport {
  return report(content, {
    findings,
    metadata: {
      ...meta,
      municipality: null,
      municipalityCode: null,
      scope: 'regio',
      municipalities: [
        { name: 'Breda', code: 'GM0758' },
        { name: 'Etten-Leur', code: 'GM0777' },
        { name: 'Zundert', code: 'GM0879' },
      ],
      municipalityEvidence: { phrase: 'De gemeenten Breda, Etten-Leur en Zundert hebben de vragenlijst ingevuld', location: null },
      aanpak: 'Bemoeizorg',
    },
  });
}

describe('panel: a regional report', () => {
  const out = assembleDataset([ok('regio.txt', regional('regio', [t11('voldoet'), t21('verbeterpunt')]))], context);

  it('fans out to one row per municipality it assesses, with its province from the CBS data', () => {
    expect(out.panel.map((p) => [p.municipality_code, p.municipality, p.province, p.scope, p.aanpak, p.indicator_id, p.verdict])).toEqual([
      ['GM0758', 'Breda', 'Noord-Brabant', 'regio', 'Bemoeizorg', 'BEL-T1.1', 'voldoet'],
      ['GM0758', 'Breda', 'Noord-Brabant', 'regio', 'Bemoeizorg', 'BEL-T2.1', 'verbeterpunt'],
      ['GM0777', 'Etten-Leur', 'Noord-Brabant', 'regio', 'Bemoeizorg', 'BEL-T1.1', 'voldoet'],
      ['GM0777', 'Etten-Leur', 'Noord-Brabant', 'regio', 'Bemoeizorg', 'BEL-T2.1', 'verbeterpunt'],
      ['GM0879', 'Zundert', 'Noord-Brabant', 'regio', 'Bemoeizorg', 'BEL-T1.1', 'voldoet'],
      ['GM0879', 'Zundert', 'Noord-Brabant', 'regio', 'Bemoeizorg', 'BEL-T2.1', 'verbeterpunt'],
    ]);
    // Every row points at the one report and its one finding: the fan-out copies no finding.
    expect(new Set(out.panel.map((p) => p.report_id))).toEqual(new Set([out.reports[0]!.report_id]));
    expect(new Set(out.panel.map((p) => p.finding_id))).toEqual(new Set(out.findings.map((f) => f.finding_id)));
    expect(out.reports[0]).toMatchObject({ scope: 'regio', municipality: null, municipalities: 'Breda;Etten-Leur;Zundert', municipality_codes: 'GM0758;GM0777;GM0879' });
  });

  it('gives one matrix row per municipality', () => {
    expect(out.matrix.map((m) => [m.municipality_code, m.province, m.level, m.aanpak, m.assessed_year, m['BEL-T1.1'], m['BEL-T1.2'], m['BEL-T2.1'], m['BEL-A1.1']])).toEqual([
      ['GM0758', 'Noord-Brabant', 'beleid', 'Bemoeizorg', 2013, 'voldoet', null, 'verbeterpunt', null],
      ['GM0777', 'Noord-Brabant', 'beleid', 'Bemoeizorg', 2013, 'voldoet', null, 'verbeterpunt', null],
      ['GM0879', 'Noord-Brabant', 'beleid', 'Bemoeizorg', 2013, 'voldoet', null, 'verbeterpunt', null],
    ]);
    expect(Object.keys(out.matrix[0]!)).toEqual(['municipality_code', 'municipality', 'province', 'level', 'aanpak', 'assessed_year', 'BEL-T1.1', 'BEL-T1.2', 'BEL-T2.1', 'BEL-A1.1']);
    expect(out.manifest.counts).toMatchObject({ panel_rows: 6, matrix_rows: 3 });
  });
});

describe('panel: several reports giving one key', () => {
  // Breda's own report of the same aanpak and year beside the regional one: two reports give Breda's keys.
  const own = (content: string, reportDate: string | null, findings: ExtractedReport['findings']) =>
    report(content, {
      findings,
      metadata: { ...meta, municipality: 'Breda', municipalityCode: 'GM0758', municipalities: [{ name: 'Breda', code: 'GM0758' }], aanpak: 'Bemoeizorg', reportDate },
    });

  it('picks the latest report date, counts the reports, flags disagreement and lists the others', () => {
    const out = assembleDataset(
      [ok('regio.txt', regional('regio', [t11('voldoet'), t21('verbeterpunt')])), ok('breda.txt', own('breda', '2013-11', [t11('verbeterpunt'), t21('verbeterpunt')]))],
      context,
    );
    const ids = new Map(out.reports.map((r) => [r.source_files, r.report_id]));
    const breda = out.panel.filter((p) => p.municipality_code === 'GM0758');
    // The regional report is dated 2013-05 (the helper's date), Breda's own 2013-11: Breda's own is chosen.
    expect(breda.map((p) => [p.indicator_id, p.verdict, p.report_id, p.n_reports, p.conflict, p.other_report_ids, p.scope])).toEqual([
      ['BEL-T1.1', 'verbeterpunt', ids.get('breda.txt'), 2, true, ids.get('regio.txt'), 'gemeente'],
      ['BEL-T2.1', 'verbeterpunt', ids.get('breda.txt'), 2, false, ids.get('regio.txt'), 'gemeente'],
    ]);
    // Other municipalities of the region have only the regional report.
    expect(out.panel.filter((p) => p.municipality_code !== 'GM0758').every((p) => p.n_reports === 1 && p.report_id === ids.get('regio.txt'))).toBe(true);
  });

  it('with equal dates picks the report with more findings, then the smaller report_id', () => {
    const more = assembleDataset(
      [ok('a.txt', own('a', '2013-05', [t11('voldoet')])), ok('b.txt', regional('b', [t11('verbeterpunt'), t21('voldoet')]))],
      context,
    );
    const ids = new Map(more.reports.map((r) => [r.source_files, r.report_id]));
    expect(more.panel.find((p) => p.municipality_code === 'GM0758' && p.indicator_id === 'BEL-T1.1')).toMatchObject({ report_id: ids.get('b.txt'), n_reports: 2, conflict: true });

    const tie = assembleDataset([ok('a.txt', own('a', null, [t11('voldoet')])), ok('b.txt', own('b', null, [t11('voldoet')]))], context);
    const sorted = tie.reports.map((r) => r.report_id).sort();
    expect(tie.panel).toEqual([expect.objectContaining({ report_id: sorted[0], n_reports: 2, conflict: false, other_report_ids: sorted[1] })]);
  });

  it('has unique keys', () => {
    const out = assembleDataset(
      [
        ok('regio.txt', regional('regio', [t11('voldoet'), t21('verbeterpunt')])),
        ok('breda.txt', own('breda', '2013-11', [t11('verbeterpunt'), t21('verbeterpunt')])),
        ok('breda-2014.txt', report('b14', { findings: [t11('voldoet')], metadata: { ...own('x', null, []).metadata, assessedYear: 2014 } })),
      ],
      context,
    );
    const keys = out.panel.map((p) => [p.municipality_code, p.level, p.aanpak, p.indicator_id, p.assessed_year].join('|'));
    expect(keys).toHaveLength(7);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('panel: what stays out', () => {
  it('leaves out findings of a report without a municipality code and findings without an indicator, and counts them', () => {
    const none = report('none', { findings: [t11('voldoet'), t21('voldoet')], metadata: { ...meta, municipality: null, municipalityCode: null, scope: null, municipalities: [] } });
    const uncoded = report('uncoded', {
      findings: [t11('voldoet')],
      metadata: { ...meta, municipality: 'Atlantis', municipalityCode: null, municipalities: [{ name: 'Atlantis', code: null }] },
    });
    const unmapped = report('unmapped', { findings: [t11('voldoet'), finding({ indicatorId: null, indicatorRaw: 'iets anders', ordinal: 1 })] });
    const out = assembleDataset([ok('none.txt', none), ok('uncoded.txt', uncoded), ok('unmapped.txt', unmapped)], context);
    expect(out.panel.map((p) => [p.municipality_code, p.indicator_id])).toEqual([['GM0505', 'BEL-T1.1']]);
    expect(out.manifest.counts).toMatchObject({ findings: 5, panel_rows: 1, panel_findings_without_municipality: 3, panel_findings_without_indicator: 1 });
  });
});
