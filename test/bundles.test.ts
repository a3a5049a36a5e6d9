/**
 * Files that bundle several reports (issue 7 item 8, issue 11 item 5): seeds 000, 002 and 004 in
 * one text file and in one PDF (fixtures/bundles, made by scripts/render-bundles.ts) become three
 * reports, each with its own attribution, level, findings and span; a report repeated inside a
 * file is counted once with a warning; a file whose tables repeat the framework without a report
 * opening between them is not cut on a guess but flagged as implausible.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedReport } from '../extractors/model.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import { runEmbedded, runEmbeddedToStore } from '../pipeline/run-embedded.js';
import type { CollectedInput } from '../pipeline/stages.js';
import { testContext } from './helpers/fake-results.js';

const seed = (name: string) => readFileSync(`fixtures/reports/${name}`, 'utf8');
const DORDRECHT = seed('000_318a4c095323d6df.txt');
const DEN_HELDER = seed('002_1b897dc814a8f4e7.txt');
const BEMOEIZORG = seed('004_e10162d225c65291.txt');

async function reportsOf(bytes: Uint8Array | string, name: string): Promise<ExtractedReport[]> {
  const result = await extractReport(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, name);
  if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.message}`);
  return result.reports;
}
const summary = (reports: ExtractedReport[]) =>
  reports.map((r) => [r.metadata.municipality, r.metadata.municipalityCode, r.metadata.aanpak, r.metadata.level, r.findings.length]);
const codes = (r: ExtractedReport) => r.warnings.map((w) => w.code);

const EXPECTED = [
  ['Dordrecht', 'GM0505', 'Reset Thuisbegeleiding', 'beleid', 30],
  ['Den Helder', 'GM0400', '1 Gezin 1 Plan Nieuw Den Helder', 'beleid', 30],
  [null, null, 'Bemoeizorg', 'beleid', 30],
];

describe('a bundle of three seeds in one text file', () => {
  const bundle = [DORDRECHT, DEN_HELDER, BEMOEIZORG].join('\n\n');

  it('gives three reports with their own municipalities, findings and line spans', async () => {
    const reports = await reportsOf(bundle, 'bundle.txt');
    expect(summary(reports)).toEqual(EXPECTED);
    // Each report from its opening line ("Aanpak: …") to the line before the next one's.
    const lines = bundle.split('\n');
    const opening = (title: string) => lines.findIndex((l) => l.endsWith(title)) + 1;
    const [second, third] = [opening('Aanpak: 1 Gezin 1 Plan Nieuw Den Helder'), opening('Aanpak: Bemoeizorg')];
    expect(reports.map((r) => r.segment)).toEqual([
      { index: 1, count: 3, lineStart: 1, lineEnd: second - 1, pageStart: null, pageEnd: null },
      { index: 2, count: 3, lineStart: second, lineEnd: third - 1, pageStart: null, pageEnd: null },
      { index: 3, count: 3, lineStart: third, lineEnd: lines.length, pageStart: null, pageEnd: null },
    ]);
    // Every finding lies inside its report's span, with lines of the file.
    for (const r of reports) {
      for (const f of r.findings) {
        expect(f.location.lineStart!).toBeGreaterThanOrEqual(r.segment!.lineStart);
        expect(f.location.lineEnd!).toBeLessThanOrEqual(r.segment!.lineEnd);
      }
    }
    expect(reports.map((r) => codes(r).filter((c) => c === 'bundle_split').length)).toEqual([1, 1, 1]);
    expect(reports.every((r) => !codes(r).includes('implausible_report'))).toBe(true);
  });

  it('gives each report the content key of the same report alone in a file (so they dedup)', async () => {
    const reports = await reportsOf(bundle, 'bundle.txt');
    const alone = await Promise.all([DORDRECHT, DEN_HELDER, BEMOEIZORG].map(async (t) => (await reportsOf(t, 'alone.txt'))[0]!));
    expect(reports.map((r) => r.contentKey)).toEqual(alone.map((r) => r.contentKey));
    expect(reports.map((r) => r.skeletonKey)).toEqual(alone.map((r) => r.skeletonKey));
  });

  it('keeps a council cover line of the next report out of the previous one', async () => {
    const covered = [DORDRECHT, DEN_HELDER, `Gemeente Breda - raadsinformatiebrief bijlage 2\n\n${BEMOEIZORG}`].join('\n\n');
    const reports = await reportsOf(covered, 'pack.txt');
    expect(summary(reports)).toEqual(EXPECTED);
    expect(codes(reports[1]!)).not.toContain('municipality_conflict');
    expect(reports[2]!.warnings.find((w) => w.code === 'municipality_conflict')?.message).toContain('Breda');
  });

  it('splits a factsheet and a nota in one file (tables that go over to the other level start a report), with the warnings and narrative lines of each alone', async () => {
    const NOTA = seed('001_c669e5a01401b566.txt');
    for (const parts of [[DORDRECHT, NOTA], [NOTA, DORDRECHT]]) {
      const text = parts.join('\n\n');
      const reports = await reportsOf(text, 'pack.txt');
      const alone = await Promise.all(parts.map(async (t) => (await reportsOf(t, 'alone.txt'))[0]!));
      expect(reports.map((r) => [r.metadata.municipality, r.metadata.level, r.findings.length, r.contentKey])).toEqual(
        alone.map((r) => [r.metadata.municipality, r.metadata.level, r.findings.length, r.contentKey]),
      );
      // The second report's table lines are its own, not "outside every table" (they count from its first line).
      reports.forEach((r, i) => expect(codes(r).filter((c) => c !== 'bundle_split')).toEqual(codes(alone[i]!)));
      // Narrative rows point at the file's lines, wherever the nota stands in it.
      const lines = text.split('\n');
      const nota = reports.find((r) => r.narrative)!;
      expect(nota.narrative!.quotes.length).toBeGreaterThan(0);
      for (const quote of nota.narrative!.quotes) expect(lines[quote.location!.lineStart! - 1]).toContain(quote.text.split(' ').slice(0, 4).join(' '));
    }
  });

  it('counts a report repeated inside the file once, with a warning naming both places', async () => {
    const reports = await reportsOf([DORDRECHT, DEN_HELDER, DEN_HELDER, BEMOEIZORG].join('\n\n'), 'repeated.txt');
    expect(summary(reports)).toEqual(EXPECTED);
    expect(reports.map((r) => r.segment!.index)).toEqual([1, 2, 4]);
    const repeated = reports[1]!.warnings.find((w) => w.code === 'bundle_repeated_report');
    expect(repeated?.severity).toBe('info');
    expect(repeated?.message).toMatch(/2 times \(lines \d+-\d+ and lines \d+-\d+\); counted once/);
  });
});

describe('a bundle of three seeds in one PDF', () => {
  it('gives three reports with their own municipalities, findings and page spans', async () => {
    const reports = await reportsOf(readFileSync('fixtures/bundles/seeds-000-002-004.pdf'), 'bundle.pdf');
    expect(summary(reports)).toEqual(EXPECTED);
    const spans = reports.map((r) => [r.segment!.pageStart, r.segment!.pageEnd]);
    expect(spans[0]![0]).toBe(1);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]!).toBeGreaterThan(spans[i - 1]![1]!);
    for (const r of reports) for (const f of r.findings) expect(f.location.page!).toBeGreaterThanOrEqual(r.segment!.pageStart!);
    // The same content keys as the PDFs of the single reports (fixtures/rendered/pdf/browser).
    const alone = await reportsOf(readFileSync('fixtures/rendered/pdf/browser/002_1b897dc814a8f4e7.pdf'), '002.pdf');
    expect(reports[1]!.contentKey).toBe(alone[0]!.contentKey);
  });

  it('counts the report printed twice in a PDF once', async () => {
    const reports = await reportsOf(readFileSync('fixtures/bundles/seeds-000-002-002-004.pdf'), 'repeated.pdf');
    expect(summary(reports)).toEqual(EXPECTED);
    expect(codes(reports[1]!)).toContain('bundle_repeated_report');
  });
});

describe('implausible reports that are not bundles', () => {
  it('flags a report whose tables repeat the framework without a report opening between them, and does not cut it', async () => {
    const tables = DEN_HELDER.slice(DEN_HELDER.indexOf('\nToeleiding'));
    const reports = await reportsOf(`${DEN_HELDER}\n${tables}\n${tables}\n`, 'tripled.txt');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.findings).toHaveLength(90);
    const warning = reports[0]!.warnings.find((w) => w.code === 'implausible_report');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/^90 findings where the beleid framework has 30 indicators; 60 findings assess an indicator already assessed in the same column \(first at line \d+\)/);
  });

  it('leaves the single seeds alone (no split, no warning)', async () => {
    for (const text of [DORDRECHT, DEN_HELDER, BEMOEIZORG, seed('001_c669e5a01401b566.txt'), seed('003_0ef4a6012a6cd2d4.txt')]) {
      const reports = await reportsOf(text, 'one.txt');
      expect(reports).toHaveLength(1);
      expect(reports[0]!.segment).toBeUndefined();
      expect(codes(reports[0]!).filter((c) => c.startsWith('bundle_') || c === 'implausible_report')).toEqual([]);
    }
  });
});

describe('bundles through the pipeline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stj-bundle-'));
    await writeFile(path.join(dir, 'archive-bundle.txt'), [DORDRECHT, DEN_HELDER, BEMOEIZORG].join('\n\n'));
    await writeFile(path.join(dir, '002-den-helder.txt'), DEN_HELDER);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const inputs = (): CollectedInput[] => ['archive-bundle.txt', '002-den-helder.txt'].map((name) => ({ absolutePath: path.join(dir, name), relativePath: name, sizeBytes: 1 }));

  it('exports one report per report in the bundle, the Den Helder one listing both files, and one manifest entry per input', async () => {
    const outcomes = await runEmbedded(inputs(), { threads: 2 });
    const out = assembleDataset(outcomes, testContext());
    const named = (m: string | null) => m ?? '\uffff'; // reports without a municipality last
    const byMunicipality = [...out.reports].sort((a, b) => (named(a.municipality) < named(b.municipality) ? -1 : 1));
    expect(byMunicipality.map((r) => [r.municipality, r.source_files, r.n_findings])).toEqual([
      ['Den Helder', '002-den-helder.txt;archive-bundle.txt', 30],
      ['Dordrecht', 'archive-bundle.txt', 30],
      [null, 'archive-bundle.txt', 30],
    ]);
    expect(out.findings).toHaveLength(90);
    const [denHelder, dordrecht, bemoeizorg] = byMunicipality.map((r) => r.report_id);
    // Which copy of Den Helder is exported is decided by content (pipeline/compare/copies.ts), not by name;
    // the other copy's input is then a duplicate of it, and the manifest says so either way.
    const chosen = out.findings.find((f) => f.report_id === denHelder)!.source_file;
    expect(['002-den-helder.txt', 'archive-bundle.txt']).toContain(chosen);
    const [alone, bundle] = out.manifest.inputs;
    expect(alone).toMatchObject({ path: '002-den-helder.txt', status: chosen === '002-den-helder.txt' ? 'parsed' : 'duplicate', report_id: denHelder });
    expect(alone!.report_ids).toBeUndefined();
    // The bundle always holds reports of its own, so it is parsed; its reports in file order.
    expect(bundle).toMatchObject({ path: 'archive-bundle.txt', status: 'parsed', report_id: dordrecht, report_ids: [dordrecht, denHelder, bemoeizorg] });
    expect(bundle!.report_spans).toEqual([expect.stringMatching(/^lines 1-\d+$/), expect.stringMatching(/^lines \d+-\d+$/), expect.stringMatching(/^lines \d+-\d+$/)]);
    expect(out.manifest.counts).toMatchObject({ inputs: 2, reports: 3, findings: 90 });
    const duplicateOf = chosen === '002-den-helder.txt' ? 'archive-bundle.txt' : '002-den-helder.txt';
    expect(out.warnings.filter((w) => w.code === 'duplicate_input').map((w) => [w.source_file, w.report_id])).toEqual([[duplicateOf, denHelder]]);
    expect(out.warnings.filter((w) => w.code === 'bundle_split').map((w) => [w.report_id, w.source_lines !== null])).toEqual(
      expect.arrayContaining([[dordrecht, true], [bemoeizorg, true]]),
    );
  });

  it('gives the spill store one head and body per report', async () => {
    const spill = await mkdtemp(path.join(tmpdir(), 'stj-bundle-spill-'));
    const store = await runEmbeddedToStore(inputs(), spill, { threads: 2 });
    try {
      // Heads arrive in reply order (two threads): compare them by path, a bundle's in file order.
      const heads = [...store.heads].sort((a, b) => a.input.relativePath.localeCompare(b.input.relativePath));
      expect(heads.map((h) => [h.input.relativePath, h.ok ? (h.report.segment?.index ?? null) : 'failed'])).toEqual([
        ['002-den-helder.txt', null],
        ['archive-bundle.txt', 1],
        ['archive-bundle.txt', 2],
        ['archive-bundle.txt', 3],
      ]);
      expect(heads.map((h) => (h.ok ? store.load(h).metadata.municipality : 'failed'))).toEqual(['Den Helder', 'Dordrecht', 'Den Helder', null]);
    } finally {
      store.close();
      await rm(spill, { recursive: true, force: true });
    }
  });
});
