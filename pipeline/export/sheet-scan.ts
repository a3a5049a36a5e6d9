/**
 * What the workbook needs of a table before its rows: the columns as written and the example value of
 * each (the column widths), the same that scanTables finds. The workbook's thread finds them itself,
 * table by table, so that it starts at once instead of waiting for the main thread's scan of the panel
 * and the findings (about a third of the export at 10,000 reports).
 *
 * Found cheaply: a JSONL line is parsed only while it may hold an example. Rows are flat objects as
 * JSON.stringify writes them (one key each, no white space), so a line holding `"name":null` or
 * `"name":""` has no example for `name` (a '"' inside a string is always escaped, so these bytes can only
 * be a key and its value); a line with that for every column still without an example is skipped
 * unparsed and undecoded. After the first rows only the columns no row fills are left (source_page of a
 * text report…), and then the whole file is a byte search.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import { readTableBatches, type Row } from './read-table.js';
import { columnsAsWritten, takeExamples, type TableScan } from './scan-tables.js';
import type { TableSpec } from './tables.js';

export type SheetScan = Pick<TableScan, 'table' | 'columns' | 'examples'>;

export async function scanForSheet(dir: string, table: TableSpec, catalogue: Pick<Catalogue, 'indicators'>): Promise<SheetScan> {
  const columns = await columnsAsWritten(dir, table, catalogue);
  const names = [...new Set(columns.map((c) => c.name))];
  const examples = new Map<string, string>();
  if (table.jsonl && existsSync(path.join(dir, table.jsonl))) await jsonlExamples(path.join(dir, table.jsonl), names, examples);
  else {
    let missing = names;
    for await (const batch of readTableBatches(dir, table, columns)) {
      missing = takeExamples(examples, missing, batch);
      if (missing.length === 0) break;
    }
  }
  return { table, columns, examples };
}

const LF = 10;
const CR = 13;

async function jsonlExamples(filePath: string, names: string[], examples: Map<string, string>): Promise<void> {
  let missing = names;
  if (missing.length === 0) return;
  let empties = missing.map(emptyPatterns);
  let carry: Buffer | null = null;
  const stream = createReadStream(filePath, { highWaterMark: 64 * 1024 });
  // Whether the line may hold an example; if so it is parsed. False once every column has one.
  const line = (bytes: Buffer, start: number, end: number): boolean => {
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start || empties.every((patterns) => patterns.some((p) => within(bytes, p, start, end)))) return true;
    const row = JSON.parse(bytes.toString('utf8', start, end)) as Row;
    const before = missing.length;
    missing = takeExamples(examples, missing, [row]);
    if (missing.length !== before) empties = missing.map(emptyPatterns);
    return missing.length > 0;
  };
  try {
    for await (const chunk of stream) {
      const bytes: Buffer = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let end = bytes.indexOf(LF); end !== -1; end = bytes.indexOf(LF, start)) {
        if (!line(bytes, start, end)) return;
        start = end + 1;
      }
      carry = bytes.subarray(start);
    }
    if (carry) line(carry, 0, carry.length);
  } finally {
    stream.destroy();
  }
}

function emptyPatterns(name: string): Buffer[] {
  return [Buffer.from(`${JSON.stringify(name)}:null`), Buffer.from(`${JSON.stringify(name)}:""`)];
}

function within(bytes: Buffer, pattern: Buffer, start: number, end: number): boolean {
  const at = bytes.indexOf(pattern, start);
  return at !== -1 && at + pattern.length <= end;
}
