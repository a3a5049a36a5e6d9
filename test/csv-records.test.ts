/** The CSV read-back (pipeline/export/csv-records.ts) gives what csv-parse gives for what csv-stringify writes, and refuses what it cannot read. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRecords } from '../pipeline/export/csv-records.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-csv-records-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let files = 0;
async function records(text: string, delimiter = ','): Promise<string[][]> {
  const file = path.join(tmp, `${files++}.csv`);
  await writeFile(file, text, 'utf8');
  const out: string[][] = [];
  for await (const batch of readCsvRecords(file, delimiter)) out.push(...batch);
  return out;
}

const AWKWARD = ['', 'plain', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'crlf\r\nline', 'cr\rinside', ' spaced ', 'één € 😀', ';semi;', '=SUM(1)', 'x'.repeat(70_000)];

describe('readCsvRecords', () => {
  it('reads small files exactly', async () => {
    expect(await records('a,b\n1,"x ""y"""\n,\n')).toEqual([['a', 'b'], ['1', 'x "y"'], ['', '']]);
    expect(await records('\uFEFFa;b\r\n"1;2";3', ';')).toEqual([['a', 'b'], ['1;2', '3']]);
    expect(await records('')).toEqual([]);
    expect(await records('only\n')).toEqual([['only']]);
    // Line ends as the first one has them: after '\n', a '\r' is text; after '\r\n', a lone '\n' is.
    expect(await records('a,b\nx\r,\ry\n')).toEqual([['a', 'b'], ['x\r', '\ry']]);
    expect(await records('a,b\r\nx\n,y\r\n,\r\n')).toEqual([['a', 'b'], ['x\n', 'y'], ['', '']]);
  });

  it('agrees with csv-parse on what csv-stringify writes, across chunk boundaries', async () => {
    // Rows of awkward values, with long fields and multi-byte characters so that 64 KiB chunk
    // boundaries fall inside quoted fields, between '""', and between '\r' and '\n'.
    const rows: string[][] = [['id', 'text', 'other']];
    for (let i = 0; i < 3000; i++) rows.push([String(i), AWKWARD[i % AWKWARD.length]!.slice(0, 1 + ((i * 7919) % 70_000)), AWKWARD[(i * 5) % AWKWARD.length]!.slice(0, 40)]);
    for (const [delimiter, recordDelimiter, bom] of [[',', '\n', false], [';', '\r\n', true]] as const) {
      const text = stringify(rows, { delimiter, record_delimiter: recordDelimiter === '\n' ? 'unix' : 'windows', bom });
      expect(text.length).toBeGreaterThan(1_000_000);
      const expected = parse(text, { bom: true, delimiter }) as string[][];
      expect(expected).toEqual(rows);
      expect(await records(text, delimiter)).toEqual(expected);
      // Without the last line end, too.
      expect(await records(text.slice(0, -recordDelimiter.length), delimiter)).toEqual(expected);
    }
  });

  it('refuses CSV it would have to guess at', async () => {
    await expect(records('a,b\n"open,1\n')).rejects.toThrow(/a quote is not closed/);
    await expect(records('a,b\nx"y,1\n')).rejects.toThrow(/a quote inside an unquoted field/);
    await expect(records('a,b\n"x"y,1\n')).rejects.toThrow(/does not end at a delimiter/);
    await expect(records('a,b\n"x"\r\n')).rejects.toThrow(/does not end at a delimiter/);
  });
});
