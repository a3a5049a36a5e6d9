/** The same report given more than once (other name, line ends, encoding) is counted once. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import type { InputOutcome } from '../pipeline/stages.js';

const work = mkdtempSync(join(tmpdir(), 'stj-dedup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('duplicate reports across files, line ends and encodings', () => {
  const source = readFileSync('fixtures/reports/002_1b897dc814a8f4e7.txt', 'utf8');
  const inputs = join(work, 'in');
  mkdirSync(join(inputs, 'copies'), { recursive: true });
  writeFileSync(join(inputs, 'a-original.txt'), source);
  writeFileSync(join(inputs, 'copies', 'b-crlf-bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source.replace(/\n/g, '\r\n'))]));
  writeFileSync(join(inputs, 'copies', 'c-utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]));
  writeFileSync(join(inputs, 'd-other.txt'), readFileSync('fixtures/reports/004_e10162d225c65291.txt'));
  const out = join(work, 'out');
  execFileSync(process.execPath, ['dist/pipeline/cli.js', 'import', inputs, '--out', out], { stdio: 'pipe' });
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const reports = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const findings = readFileSync(join(out, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

  it('keeps one report whose source_files lists every copy, in path order', () => {
    expect(reports.map((r) => [r.source_files, r.n_findings])).toEqual([
      ['a-original.txt;copies/b-crlf-bom.txt;copies/c-utf16.md', 30],
      ['d-other.txt', 30],
    ]);
    expect(findings).toHaveLength(60);
  });

  it('marks the other copies duplicate in the manifest, of the copy chosen by content (its bytes, as the copies say the same)', () => {
    expect(manifest.inputs.map((i: Record<string, unknown>) => [i.path, i.status, i.duplicate_of, i.encoding])).toEqual([
      ['a-original.txt', 'duplicate', 'copies/b-crlf-bom.txt', 'utf-8'],
      ['copies/b-crlf-bom.txt', 'parsed', null, 'utf-8-bom'],
      ['copies/c-utf16.md', 'duplicate', 'copies/b-crlf-bom.txt', 'utf-16le'],
      ['d-other.txt', 'parsed', null, 'utf-8'],
    ]);
    expect(manifest.counts).toMatchObject({ inputs: 4, parsed: 2, duplicate: 2, failed: 0, reports: 2, findings: 60 });
  });
});

describe('the same report with some text changed by a converter (near duplicates)', () => {
  const source = readFileSync('fixtures/reports/002_1b897dc814a8f4e7.txt', 'utf8');
  // What Ghostscript's broken ligature mapping does to a PDF's text: "fi" comes out as "ü".
  const ligatures = source.replace(/fi/g, 'ü');
  const otherMunicipality = source.replace(/Den Helder/g, 'Dordrecht');

  async function outcome(path: string, text: string): Promise<InputOutcome> {
    const result = await extractReport(Buffer.from(text), path);
    return { input: { absolutePath: `/in/${path}`, relativePath: path, sizeBytes: text.length }, result };
  }

  it('counts it once, as the copy chosen by content whatever the names, and warns that the other text differs', async () => {
    expect(ligatures).not.toBe(source);
    // Both copies are equally supported (no attribution doubt, every indicator matched), so the content
    // key decides: the same copy is primary under either naming.
    for (const [original, damaged] of [['a.txt', 'b.txt'], ['b.txt', 'a.txt']] as const) {
      const dataset = assembleDataset([await outcome(original, source), await outcome(damaged, ligatures)]);
      expect(dataset.reports.map((r) => [r.source_files, r.n_findings, r.report_id])).toEqual([['a.txt;b.txt', 30, 'rpt-2942470b55d5d4fc']]);
      expect(dataset.findings).toHaveLength(30);
      expect(dataset.findings.every((f) => f.source_file === damaged)).toBe(true);
      expect(dataset.manifest.inputs.map((i) => [i.path, i.status, i.duplicate_of])).toEqual(
        [[original, 'duplicate', damaged], [damaged, 'parsed', null]].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
      );
      const near = dataset.warnings.filter((w) => w.code === 'near_duplicate_input');
      expect(near).toEqual([expect.objectContaining({ severity: 'warning', source_file: original, message: expect.stringMatching(new RegExp(`^same report as ${damaged.replace('.', '\\.')} \\(same municipality, aanpak, level and verdict on every indicator\\) but with other text`)) })]);
    }
  });

  it('keeps reports of another municipality apart, however alike their verdicts', async () => {
    const dataset = assembleDataset([await outcome('a.txt', source), await outcome('b-elsewhere.txt', otherMunicipality)]);
    expect(dataset.reports.map((r) => [r.municipality, r.source_files])).toEqual([
      ['Den Helder', 'a.txt'],
      ['Dordrecht', 'b-elsewhere.txt'],
    ]);
    expect(dataset.warnings.map((w) => w.code)).not.toContain('near_duplicate_input');
  });
});

describe('a copy repaired from mojibake beside the clean one', () => {
  // The follow-up's UTF-8 read once as Windows-1252 and saved again: repaired to the same findings, so
  // the two copies share a content key, and the clean one must speak for the report whatever the names.
  const source = readFileSync('fixtures/reports/003_0ef4a6012a6cd2d4.txt');
  const mojibake = Buffer.from(new TextDecoder('windows-1252').decode(source), 'utf8');

  it('exports the clean copy, the repaired one a duplicate of it', async () => {
    for (const [clean, repaired] of [['a.txt', 'b.txt'], ['b.txt', 'a.txt']] as const) {
      const outcomes: InputOutcome[] = [];
      for (const [path, bytes] of [[clean, source], [repaired, mojibake]] as const) {
        outcomes.push({ input: { absolutePath: `/in/${path}`, relativePath: path, sizeBytes: bytes.length }, result: await extractReport(bytes, path) });
      }
      const dataset = assembleDataset(outcomes);
      expect(dataset.manifest.inputs.map((i) => [i.path, i.status, i.encoding])).toEqual(
        [[clean, 'parsed', 'utf-8'], [repaired, 'duplicate', 'utf-8+mojibake-repaired']].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
      );
      expect(dataset.reports.map((r) => r.report_id)).toEqual(['rpt-b8eba974f11919a6']);
      expect(dataset.warnings.filter((w) => w.code === 'encoding_repaired')).toEqual([]);
    }
  });
});
