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
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import { lineChunks } from './line-chunks.js';
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
const READ_BYTES = 256 * 1024;

/** A column's two spellings of "no value", and from which end of a line its key was nearer last time. */
interface Empty {
  patterns: Buffer[];
  fromEnd: boolean;
}

async function jsonlExamples(filePath: string, names: string[], examples: Map<string, string>): Promise<void> {
  let missing = names;
  if (missing.length === 0) return;
  const empties = new Map<string, Empty>(names.map((name) => [name, { patterns: emptyPatterns(name), fromEnd: false }]));
  let checks = missing.map((name) => empties.get(name)!);
  // Whether the line may hold an example; if so it is parsed. False once every column has one.
  const line = (bytes: Buffer, start: number, end: number): boolean => {
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start || checks.every((empty) => isEmpty(bytes, empty, start, end))) return true;
    const row = JSON.parse(bytes.toString('utf8', start, end)) as Row;
    const before = missing.length;
    missing = takeExamples(examples, missing, [row]);
    if (missing.length !== before) checks = missing.map((name) => empties.get(name)!);
    return missing.length > 0;
  };
  // One buffer, reused (line-chunks.ts): a buffer per read, and joining them, made this pass mostly
  // allocation and garbage collection.
  for await (const { bytes, end } of lineChunks(filePath, READ_BYTES)) {
    let start = 0;
    while (start < end) {
      // Bytes past `end` are left from an earlier read: a '\n' there is not this chunk's.
      const found = bytes.indexOf(LF, start);
      const stop = found === -1 || found >= end ? end : found;
      if (!line(bytes, start, stop)) return;
      start = stop + 1;
    }
  }
}

function emptyPatterns(name: string): Buffer[] {
  return [Buffer.from(`${JSON.stringify(name)}:null`), Buffer.from(`${JSON.stringify(name)}:""`)];
}

/**
 * Whether bytes[start, end) holds one of the column's empty spellings. Searched from the end of the line
 * the key was nearer last time: a column after a long text (source_page after evidence) is found
 * without reading through the text.
 */
function isEmpty(bytes: Buffer, empty: Empty, start: number, end: number): boolean {
  for (const pattern of empty.patterns) {
    const at = empty.fromEnd ? bytes.lastIndexOf(pattern, end - pattern.length) : bytes.indexOf(pattern, start);
    if (at >= start && at + pattern.length <= end) {
      empty.fromEnd = end - at < at - start;
      return true;
    }
  }
  return false;
}
