/**
 * The main command on the fixtures, end to end through the built CLI, against the committed
 * dataset byte for byte: contract columns, ids, sort order and determinism in one check.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '../pipeline/export/write-exports.js';

const expectedDir = 'fixtures/expected/dataset';
const outDir = mkdtempSync(join(tmpdir(), 'stj-dataset-golden-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('dataset of the fixture reports', () => {
  execFileSync(process.execPath, ['dist/pipeline/cli.js', 'import', 'fixtures/reports', '--out', outDir], { stdio: 'pipe' });
  const files = readdirSync(expectedDir).sort();

  it('writes exactly the contract files', () => {
    const core = ['findings.csv', 'findings.jsonl', 'manifest.json', 'reports.csv', 'reports.jsonl', 'warnings.jsonl'];
    expect(readdirSync(outDir).sort()).toEqual([...core, ...EXPORT_FILES].sort());
    // The exports made from these files have tests of their own (test/export-*.test.ts), not golden copies.
    expect(files).toEqual(core);
  });

  it.each(files)('%s is byte-identical to the golden copy', (name) => {
    const actual = readFileSync(join(outDir, name), 'utf8').split('\n');
    const expected = readFileSync(join(expectedDir, name), 'utf8').split('\n');
    expect(actual.length).toBe(expected.length);
    actual.forEach((line, index) => expect({ line: index + 1, text: line }).toEqual({ line: index + 1, text: expected[index] }));
  });

  it('holds one finding per assessed indicator: 30 + 33 + 30 + 24 + 30, none unmapped', () => {
    const findings = readFileSync(join(outDir, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const perFile = findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.source_file]: (acc[f.source_file] ?? 0) + 1 }), {});
    expect(perFile).toEqual({
      '000_318a4c095323d6df.txt': 30,
      '001_c669e5a01401b566.txt': 33,
      '002_1b897dc814a8f4e7.txt': 30,
      '003_0ef4a6012a6cd2d4.txt': 24,
      '004_e10162d225c65291.txt': 30,
    });
    expect(findings.filter((f) => f.indicator_id === null)).toEqual([]);
  });
});
