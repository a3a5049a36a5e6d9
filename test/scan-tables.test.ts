/** One read of each table on the main thread: the scan and the overview's consumers share it (pipeline/export/scan-tables.ts). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import type { Row } from '../pipeline/export/read-table.js';
import { scanTables } from '../pipeline/export/scan-tables.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-scan-tables-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const jsonl = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('scanTables', () => {
  it('feeds consumers every row, their tables first in their order, and gives the scans in the registry order', async () => {
    const dir = path.join(tmp, 'one');
    await mkdir(dir);
    const long = 'woord '.repeat(20);
    await writeFile(path.join(dir, 'findings.jsonl'), jsonl([
      { finding_id: 'f1', evidence: null, verdict: '' },
      { finding_id: 'f2', evidence: `  een\n\ttwee  ${long}`, verdict: 'voldoet' },
      { finding_id: 'f3', evidence: 'later', verdict: 'gemengd' },
    ]));
    await writeFile(path.join(dir, 'panel.jsonl'), jsonl([{ finding_id: 'f2' }, { finding_id: 'f3' }]));
    await writeFile(path.join(dir, 'warnings.jsonl'), jsonl([{ code: 'B' }, { code: 'A' }, { code: 'B' }]));

    const seen: string[] = [];
    const scans = await scanTables(dir, loadCatalogue(), [
      { table: 'panel', rows: (batch) => batch.forEach((r) => seen.push(`panel ${r.finding_id}`)) },
      { table: 'findings', rows: (batch) => batch.forEach((r) => seen.push(`findings ${r.finding_id}`)) },
    ]);

    expect(seen).toEqual(['panel f2', 'panel f3', 'findings f1', 'findings f2', 'findings f3']);
    expect(scans.map((s) => [s.table.name, s.rows])).toEqual([['findings', 3], ['panel', 2], ['warnings', 3]]);
    const findings = scans[0]!;
    // The first non-empty value, whitespace flattened, cut to 60 characters with an ellipsis.
    expect(findings.examples.get('finding_id')).toBe('f1');
    expect(findings.examples.get('evidence')).toBe(` een twee ${long}`.replace(/\s+/g, ' ').slice(0, 59) + '…');
    expect(findings.examples.get('verdict')).toBe('voldoet');
    expect(findings.examples.has('report_id')).toBe(false);
    expect([...scans[2]!.codeCounts]).toEqual([['B', 2], ['A', 1]]);
  });
});
