/**
 * Counted once, whatever the file names: the copy whose metadata is exported is chosen by content, so
 * every order and naming of the copies gives the same dataset (the path columns name the chosen copy);
 * and different reports of one municipality and aanpak are never merged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractedReport } from '../extractors/model.js';
import { extractReport } from '../extractors/extract-report.js';
import { assembleDataset, type AssembledDataset } from '../pipeline/assemble-dataset.js';
import { finding, ok, report, sha, testContext, warning } from './helpers/fake-results.js';

const context = testContext();

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Everything but the columns that name the chosen copy's file. */
function withoutPaths(dataset: AssembledDataset) {
  return {
    findings: dataset.findings.map(({ source_file, ...row }) => row),
    reports: dataset.reports,
    panel: dataset.panel,
    matrix: dataset.matrix,
    // Warnings are sorted by file, so by name: compared as a set.
    warnings: dataset.warnings.map(({ source_file, message, ...row }) => JSON.stringify(row)).sort(),
    counts: dataset.manifest.counts,
    parsed: dataset.manifest.inputs.filter((i) => i.status === 'parsed').map((i) => i.sha256),
  };
}

describe('one report copied under three municipalities\' cover sheets (seed 000)', async () => {
  const seed = readFileSync('fixtures/reports/000_318a4c095323d6df.txt', 'utf8');
  const covers = ['Zwijndrecht', 'Papendrecht', 'Sliedrecht'];
  const copies: ExtractedReport[] = [];
  for (const cover of covers) {
    const result = await extractReport(Buffer.from(`Gemeente ${cover} - raadsinformatiebrief bijlage 3\n\n${seed}`), 'copy.txt');
    if (!result.ok) throw new Error(result.failure.message);
    copies.push(result.reports[0]!);
  }
  const names = ['a.txt', 'm/b.txt', 'z.txt'];
  const runs = permutations(names).map((order) => ({
    order,
    dataset: assembleDataset(copies.map((copy, i) => ok(order[i]!, copy)), context),
  }));

  it('counts the copies once, under every one of the six namings', () => {
    for (const { dataset } of runs) {
      expect(dataset.reports).toHaveLength(1);
      expect(dataset.reports[0]!.source_files).toBe('a.txt;m/b.txt;z.txt');
      expect(dataset.findings).toHaveLength(30);
      expect(dataset.manifest.counts).toMatchObject({ inputs: 3, parsed: 1, duplicate: 2, reports: 1, findings: 30 });
    }
  });

  it('exports the same copy\'s metadata and rows whatever the names, and source_file names that copy', () => {
    const first = withoutPaths(runs[0]!.dataset);
    const chosenSha = runs[0]!.dataset.manifest.inputs.find((i) => i.status === 'parsed')!.sha256;
    const chosenCopy = copies.findIndex((c) => c.bytesSha256 === chosenSha);
    expect(chosenCopy).toBeGreaterThanOrEqual(0);
    for (const { order, dataset } of runs) {
      expect(withoutPaths(dataset)).toEqual(first);
      // The path columns follow the chosen copy to whatever name it has in this run.
      expect(new Set(dataset.findings.map((f) => f.source_file))).toEqual(new Set([order[chosenCopy]]));
      expect(dataset.manifest.inputs.find((i) => i.status === 'parsed')!.path).toBe(order[chosenCopy]);
      expect(dataset.manifest.inputs.filter((i) => i.status === 'duplicate').map((i) => i.duplicate_of)).toEqual([order[chosenCopy], order[chosenCopy]]);
    }
  });
});

describe('the copy best supported by its own text is exported', () => {
  // One report (same findings: one content key) under three cover sheets that the extractor attributed differently.
  const base = report('one report');
  const attributed = (name: string, code: string, extra: Partial<ExtractedReport['metadata']>, warnings = [] as ExtractedReport['warnings']) => ({
    ...base,
    bytesSha256: sha(`cover ${name}`),
    metadata: { ...base.metadata, title: `Gemeente ${name} - bijlage`, municipality: name, municipalityCode: code, municipalities: [{ name, code }], ...extra },
    warnings,
  });
  const evidence = { phrase: 'gezinnen in Dordrecht', location: { lineStart: 21, lineEnd: 21, page: null, locator: null } };
  const copies = [
    attributed('Zwijndrecht', 'GM0642', {}, [warning({ code: 'municipality_conflict', severity: 'warning', message: 'cover says Zwijndrecht, body Dordrecht' })]),
    attributed('Dordrecht', 'GM0505', { municipalityEvidence: evidence }),
    attributed('Papendrecht', 'GM0590', {}),
  ];

  it('prefers attribution evidence, whatever the names and their order', () => {
    for (const order of permutations(['x.txt', 'y.txt', 'z.txt'])) {
      const out = assembleDataset(copies.map((c, i) => ok(order[i]!, c)), context);
      expect(out.reports.map((r) => [r.municipality, r.municipality_code, r.title, r.municipality_evidence])).toEqual([
        ['Dordrecht', 'GM0505', 'Gemeente Dordrecht - bijlage', 'gezinnen in Dordrecht (line 21)'],
      ]);
      expect(out.findings.map((f) => [f.municipality, f.source_file])).toEqual([['Dordrecht', order[1]]]);
      // The other copies said something else about whom the report assesses: that is a doubt to look at.
      expect(out.warnings.filter((w) => w.code === 'copy_attribution_differs').map((w) => [w.source_file, w.message])).toEqual(
        [
          [order[0], `this copy of the report differs in its attribution: municipality Zwijndrecht here, Dordrecht in the exported copy; exported as ${order[1]}, the copy best supported by its own text`],
          [order[2], `this copy of the report differs in its attribution: municipality Papendrecht here, Dordrecht in the exported copy; exported as ${order[1]}, the copy best supported by its own text`],
        ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
    }
  });

  it('without evidence, prefers the copy with fewer doubts', () => {
    const out = assembleDataset([ok('a.txt', copies[0]!), ok('b.txt', copies[2]!)], context);
    expect(out.reports.map((r) => [r.municipality, r.source_files])).toEqual([['Papendrecht', 'a.txt;b.txt']]);
    expect(out.manifest.inputs.map((i) => [i.path, i.status])).toEqual([['a.txt', 'duplicate'], ['b.txt', 'parsed']]);
  });
});

describe('different reports of one municipality and aanpak are never merged', () => {
  const findings = [finding({ indicatorId: 'BEL-T1.1', verdict: 'voldoet' }), finding({ indicatorId: 'BEL-T1.2', verdict: 'verbeterpunt', ordinal: 1 })];
  // Same municipality, aanpak, level and verdicts (one skeleton), other wording: near duplicates, unless their years differ.
  const wave = (content: string, assessedYear: number | null, reportDate: string | null) =>
    report(content, { skeletonKey: sha('one skeleton'), findings, metadata: { ...report(content).metadata, assessedYear, reportDate } });

  it('keeps two years of one municipality apart, in the reports and in the panel', () => {
    const out = assembleDataset([ok('2013.txt', wave('wave 2013', 2013, '2013-10')), ok('2014.txt', wave('wave 2014', 2014, '2014-10'))], context);
    expect(out.reports.map((r) => [r.source_files, r.assessed_year])).toEqual([['2013.txt', 2013], ['2014.txt', 2014]]);
    expect(out.warnings.map((w) => w.code)).not.toContain('near_duplicate_input');
    expect(out.panel.map((p) => [p.assessed_year, p.indicator_id, p.verdict, p.n_reports, p.conflict])).toEqual([
      [2013, 'BEL-T1.1', 'voldoet', 1, false],
      [2013, 'BEL-T1.2', 'verbeterpunt', 1, false],
      [2014, 'BEL-T1.1', 'voldoet', 1, false],
      [2014, 'BEL-T1.2', 'verbeterpunt', 1, false],
    ]);
    expect(out.matrix.map((m) => [m.municipality_code, m.assessed_year, m['BEL-T1.1'], m['BEL-T1.2'], m['BEL-T2.1']])).toEqual([
      ['GM0505', 2013, 'voldoet', 'verbeterpunt', null],
      ['GM0505', 2014, 'voldoet', 'verbeterpunt', null],
    ]);
  });

  it('blocks the merge on a differing report-date year alone, and merges a copy that states no year into the one wave it fits', () => {
    const split = assembleDataset([ok('a.txt', wave('text a', null, '2013-10')), ok('b.txt', wave('text b', null, '2015-02'))], context);
    expect(split.reports).toHaveLength(2);
    expect(split.warnings.map((w) => w.code)).not.toContain('near_duplicate_input');

    const merged = assembleDataset([ok('a.txt', wave('text a', null, '2013-10')), ok('c.txt', wave('text c', null, null))], context);
    expect(merged.reports).toHaveLength(1);
    expect(merged.warnings.filter((w) => w.code === 'near_duplicate_input')).toHaveLength(1);
    expect(merged.warnings.map((w) => w.code)).not.toContain('ambiguous_wave');
  });

  it('never guesses the wave of a copy that states no year when it fits several: kept apart, with a warning naming them, in any order', () => {
    const inputs = [
      { text: 'text a', year: '2013-10' },
      { text: 'text b', year: '2015-02' },
      { text: 'text c', year: null },
    ];
    for (const names of permutations(['a.txt', 'b.txt', 'c.txt'])) {
      const out = assembleDataset(inputs.map((input, i) => ok(names[i]!, wave(input.text, null, input.year))), context);
      expect(out.reports).toHaveLength(3);
      expect(out.warnings.map((w) => w.code)).not.toContain('near_duplicate_input');
      const ambiguous = out.warnings.filter((w) => w.code === 'ambiguous_wave');
      expect(ambiguous).toHaveLength(1);
      const [first, second, yearless] = names;
      const waves = [first!, second!].sort();
      expect(ambiguous[0]).toMatchObject({ severity: 'warning', source_file: yearless, report_id: out.reports.find((r) => r.source_files === yearless)!.report_id });
      expect(ambiguous[0]!.message).toBe(
        `same municipality, aanpak, level and verdict on every indicator as the reports of 2 waves (${waves.join(', ')}) but it states no year that tells which: kept as a report of its own, not merged; check which wave it belongs to`,
      );
    }
  });

  it('keeps another level apart although the municipality, aanpak and verdicts are the same', () => {
    const policy = report('policy', { findings });
    const followUp = report('follow-up', { findings, metadata: { ...report('x').metadata, level: 'vervolg' } });
    const out = assembleDataset([ok('a.txt', policy), ok('b.txt', followUp)], context);
    expect(out.reports.map((r) => r.level)).toEqual(['beleid', 'vervolg']);
  });
});
