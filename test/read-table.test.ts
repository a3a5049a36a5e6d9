/** The JSONL read-back the exporters share (pipeline/export/read-table.ts): rows as written, in order, in batches. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonl, readJsonlBatches, readTableBatches, type Row } from '../pipeline/export/read-table.js';
import type { ColumnSpec, TableSpec } from '../pipeline/export/tables.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-read-table-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function batches(text: string): Promise<Row[][]> {
  const file = path.join(tmp, `t${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(file, text, 'utf8');
  const out: Row[][] = [];
  for await (const rows of readJsonlBatches(file)) out.push(rows);
  return out;
}

describe('readJsonlBatches', () => {
  it('reads \\n and \\r\\n lines, skips empty ones, and takes a last line without its newline', async () => {
    const out = await batches('{"a":1}\n\n{"a":"x\\r\\ny"}\r\n\r\n{"a":null}\n{"a":true}');
    expect(out.flat()).toEqual([{ a: 1 }, { a: 'x\r\ny' }, { a: null }, { a: true }]);
  });

  it('gives nothing for an empty file or one of empty lines', async () => {
    expect(await batches('')).toEqual([]);
    expect(await batches('\n\r\n\n')).toEqual([]);
  });

  it('keeps rows whole across chunks: long lines and multi-byte characters on the chunk boundaries', async () => {
    // Lines of varied lengths (some longer than a chunk, one much longer) with 2-, 3- and 4-byte characters, so
    // boundaries fall inside lines and inside characters.
    const rows: Row[] = [];
    for (let i = 0; i < 400; i++) rows.push({ i, text: 'é€😀x'.repeat(1 + ((i * 7919) % 3000)) });
    rows.push({ i: 400, text: 'ü'.repeat(1_500_000) });
    rows.push({ i: 401, text: 'end' });
    const out = await batches(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(out.length).toBeGreaterThan(2);
    expect(out.flat()).toEqual(rows);
  });

  it('fails on a line that is not JSON, as JSON.parse does', async () => {
    await expect(batches('{"a":1}\nnot json\n')).rejects.toThrow(SyntaxError);
  });
});

describe('readJsonl', () => {
  it('gives the same rows one at a time', async () => {
    const file = path.join(tmp, 'one.jsonl');
    await writeFile(file, '{"a":1}\n{"a":2}\n', 'utf8');
    const rows: Row[] = [];
    for await (const row of readJsonl(file)) rows.push(row);
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

describe('readTableBatches from a CSV', () => {
  const table: TableSpec = { name: 'wide', csv: 'wide.csv', jsonl: null, description: '', schema: z.object({}), primaryKey: [], foreignKeys: [] };
  const column = (name: string, schema: z.ZodType): ColumnSpec => ({ name, schema, note: undefined });
  const columns = [column('code', z.string()), column('year', z.number().int().nullable()), column('flag', z.boolean().nullable()), column('verdict', z.string().nullable())];

  it('casts each cell by its column type, empty cells to null', async () => {
    const dir = path.join(tmp, 'csv');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'wide.csv'), 'code,year,flag,verdict,extra\n0123,2013,true,"voldoet, deels",x\n0456,,false,,\n');
    const rows: Row[] = [];
    for await (const batch of readTableBatches(dir, table, columns)) rows.push(...batch);
    expect(rows).toEqual([
      { code: '0123', year: 2013, flag: true, verdict: 'voldoet, deels', extra: 'x' },
      { code: '0456', year: null, flag: false, verdict: null, extra: null },
    ]);
  });

  it('refuses a record with more or fewer fields than the header', async () => {
    const dir = path.join(tmp, 'ragged');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'wide.csv'), 'code,year\n1,2\n3\n');
    const read = async () => {
      for await (const batch of readTableBatches(dir, table, columns)) void batch;
    };
    await expect(read()).rejects.toThrow(/a record of 1 fields under a header of 2/);
  });
});
