import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_COLUMNS, REPORT_COLUMNS } from '../pipeline/dataset-schema.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { SpillStore } from '../pipeline/outcome-store.js';
import type { InputOutcome } from '../pipeline/stages.js';
import { failed, finding, ok, report, testContext, warning } from './helpers/fake-results.js';

const FILES = ['findings.csv', 'findings.jsonl', 'manifest.json', 'matrix.csv', 'panel.csv', 'panel.jsonl', 'quotes.csv', 'quotes.jsonl', 'recommendations.csv', 'recommendations.jsonl', 'reports.csv', 'reports.jsonl', 'sections.csv', 'sections.jsonl', 'warnings.jsonl'];
const TRICKY = 'Zegt: "ja, graag"\nen dan, tweede regel';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-export-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function outcomes(): InputOutcome[] {
  const tricky = report('tricky', {
    findings: [
      finding({ ordinal: 0, evidence: TRICKY, matchScore: 0.85, sharedCell: true }),
      finding({ ordinal: 1, indicatorId: 'BEL-T1.2', evidence: '', letOp: 'Let op, "quote"', verdict: 'verbeterpunt' }),
    ],
    warnings: [warning({ code: 'shared_cell', findingIndex: 0 })],
  });
  return [
    ok('a/tricky.txt', tricky),
    ok('b/plain.txt', report('plain')),
    ok('b/copy.txt', report('plain')),
    failed('c/empty.txt', 'empty', 'file is empty'),
    failed('c/blob.bin', 'binary', 'binary file, not a report'),
  ];
}

async function readAll(dir: string): Promise<Record<string, string>> {
  const entries = await Promise.all(FILES.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const));
  return Object.fromEntries(entries);
}

describe('writeDataset', () => {
  it('writes exactly the six dataset files and a summary', async () => {
    const dir = path.join(tmp, 'six');
    const summary = await writeDataset(outcomes(), dir, testContext());
    expect((await readdir(dir)).sort()).toEqual(FILES);
    expect(summary).toMatchObject({ inputs: 5, parsed: 2, duplicate: 1, failed: 2, reports: 2, findings: 3 });
    expect(summary.failedInputs).toEqual([
      { path: 'c/blob.bin', reason: 'binary file, not a report', code: 'binary' },
      { path: 'c/empty.txt', reason: 'file is empty', code: 'empty' },
    ]);
  });

  it('writes RFC 4180 CSV with the schema header, quoting, \\n line ends, true/false and empty for null', async () => {
    const dir = path.join(tmp, 'csv');
    await writeDataset(outcomes(), dir, testContext());
    const csv = await readFile(path.join(dir, 'findings.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe(FINDING_COLUMNS.join(','));
    expect(csv).not.toContain('\r');
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv).toContain('"Zegt: ""ja, graag""\nen dan, tweede regel"');
    expect(csv).toContain('"Let op, ""quote"""');

    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const first = rows.find((r) => r.evidence === TRICKY)!;
    expect(first).toMatchObject({ shared_cell: 'true', match_score: '0.85', let_op: '', source_page: '', warnings: 'shared_cell', source_lines: '10-10' });
    expect(rows.find((r) => r.let_op === 'Let op, "quote"')).toMatchObject({ shared_cell: 'false', evidence: '', verdict: 'verbeterpunt' });

    const reports = await readFile(path.join(dir, 'reports.csv'), 'utf8');
    expect(reports.split('\n')[0]).toBe(REPORT_COLUMNS.join(','));
    const reportRows = parse(reports, { columns: true }) as Record<string, string>[];
    expect(reportRows.map((r) => r.source_files)).toEqual(['a/tricky.txt', 'b/copy.txt;b/plain.txt']);
  });

  it('writes JSONL with keys in column order and null for empty', async () => {
    const dir = path.join(tmp, 'jsonl');
    await writeDataset(outcomes(), dir, testContext());
    const text = await readFile(path.join(dir, 'findings.jsonl'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(Object.keys(line)).toEqual(FINDING_COLUMNS);
    expect(lines[0]!.evidence).toBe(TRICKY);
    expect(lines[0]!.let_op).toBeNull();
    expect(lines[0]!.source_page).toBeNull();
    expect(lines[0]!.shared_cell).toBe(true);

    const warnings = (await readFile(path.join(dir, 'warnings.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(warnings.map((w) => w.code)).toEqual(['shared_cell', 'duplicate_input', 'unreadable_file', 'unreadable_file']);

    const manifest = await readFile(path.join(dir, 'manifest.json'), 'utf8');
    expect(manifest.endsWith('}\n')).toBe(true);
    expect(manifest).toContain('\n  "dataset_version"');
  });

  it('writes byte-identical files when the outcomes arrive in another order', async () => {
    const first = path.join(tmp, 'order-1');
    const second = path.join(tmp, 'order-2');
    await writeDataset(outcomes(), first, testContext());
    const shuffled = outcomes();
    [shuffled[0], shuffled[3]] = [shuffled[3]!, shuffled[0]!];
    shuffled.reverse();
    await writeDataset(shuffled, second, testContext());
    expect(await readAll(second)).toEqual(await readAll(first));
  });

  it('writes the same bytes from a spill store as from outcomes in memory', async () => {
    const fromMemory = path.join(tmp, 'memory');
    const fromSpill = path.join(tmp, 'spill');
    await writeDataset(outcomes(), fromMemory, testContext());
    await mkdir(fromSpill, { recursive: true });
    const store = new SpillStore(fromSpill);
    try {
      for (const outcome of outcomes().reverse()) store.add(outcome);
      expect(store.spilledBytes).toBeGreaterThan(0);
      await writeDataset(store, fromSpill, testContext());
    } finally {
      store.close();
    }
    expect(await readAll(fromSpill)).toEqual(await readAll(fromMemory));
    // The spill file was unlinked when opened: only the six dataset files are left.
    expect((await readdir(fromSpill)).sort()).toEqual(FILES);
  });

  it('writes an empty dataset with headers only when nothing was read', async () => {
    const dir = path.join(tmp, 'empty');
    await writeDataset([], dir, testContext());
    const files = await readAll(dir);
    expect(files['findings.csv']).toBe(FINDING_COLUMNS.join(',') + '\n');
    expect(files['findings.jsonl']).toBe('');
    expect(JSON.parse(files['manifest.json']!).counts.inputs).toBe(0);
  });

  it('leaves no dataset file behind when assembly fails', async () => {
    const dir = path.join(tmp, 'broken');
    const bad = report('bad', { metadata: { ...report('bad').metadata, level: null } });
    await expect(writeDataset([ok('bad.txt', bad)], dir, testContext())).rejects.toThrow(/dataset assembly bug/);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});
