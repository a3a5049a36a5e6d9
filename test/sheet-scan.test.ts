/**
 * The workbook thread finds each table's columns and examples itself (pipeline/export/sheet-scan.ts),
 * skipping unparsed the JSONL lines that cannot hold an example: it must find what scanTables finds.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import { tablePresent, type Row } from '../pipeline/export/read-table.js';
import { scanTables } from '../pipeline/export/scan-tables.js';
import { scanForSheet } from '../pipeline/export/sheet-scan.js';
import { TABLES } from '../pipeline/export/tables.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { finding, ok, report, testContext, warning } from './helpers/fake-results.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-sheet-scan-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function bothScans(dir: string) {
  const catalogue = loadCatalogue();
  const full = await scanTables(dir, catalogue);
  const sheet = [];
  for (const table of TABLES) if (tablePresent(dir, table)) sheet.push(await scanForSheet(dir, table, catalogue));
  const view = (s: { table: { name: string }; columns: { name: string }[]; examples: Map<string, string> }) => ({
    table: s.table.name,
    columns: s.columns.map((c) => c.name),
    examples: Object.fromEntries([...s.examples].sort()),
  });
  return { full: full.map(view), sheet: sheet.map(view) };
}

const jsonl = (rows: Row[], end = '\n') => rows.map((r) => JSON.stringify(r)).join(end) + end;

describe('scanForSheet', () => {
  it("finds the columns and examples scanTables finds, for every table of a written dataset", async () => {
    const dir = path.join(tmp, 'dataset');
    await writeDataset(
      [
        ok('a.txt', report('a', { findings: [finding(), finding({ evidence: '  lang\n verhaal  ' })], warnings: [warning()] })),
        ok('b.txt', report('b', { findings: [finding({ evidence: '' })] })),
      ],
      dir,
      testContext(),
    );
    const { full, sheet } = await bothScans(dir);
    expect(sheet).toEqual(full);
    expect(full.find((s) => s.table === 'findings')!.columns.length).toBeGreaterThan(10);
  });

  it('is not misled by values that look like an empty key, nor by late, \\r\\n, missing or very long values', async () => {
    const dir = path.join(tmp, 'crafted');
    await mkdir(dir);
    const rows: Row[] = [];
    for (let i = 0; i < 3000; i++) {
      rows.push({
        finding_id: `f${i}`,
        // Text that spells an empty key: escaped inside a string, it is not one.
        // One line longer than a read, to be completed across several.
        evidence: i === 1500 ? 'x'.repeat(600_000) : i % 2 ? '"source_page":null, "let_op":""' : null,
        let_op: i === 2500 ? 'laat' : '',
        source_page: i === 2999 ? 7 : null,
        ...(i === 1200 ? {} : { source_lines: i < 1000 ? null : `${i}-${i + 1}` }),
      });
    }
    await writeFile(path.join(dir, 'findings.jsonl'), jsonl(rows, '\r\n'));
    const { full, sheet } = await bothScans(dir);
    expect(sheet).toEqual(full);
    expect(sheet[0]!.examples).toMatchObject({ evidence: '"source_page":null, "let_op":""', let_op: 'laat', source_page: '7', source_lines: '1000-1001' });
  });
});
