/**
 * Reads a written table back in batches of rows (JSONL a chunk at a time; CSV through csv-records.ts),
 * so the exporters that consume the dataset's files keep memory bounded however large the run.
 * JSONL is preferred: its values are already typed (numbers, booleans, null). The matrix has CSV only:
 * its cells are cast by the column types of the registry.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { readCsvRecords } from './csv-records.js';
import { fieldInfo, type FieldInfo } from './field-types.js';
import { lineChunks } from './line-chunks.js';
import type { ColumnSpec, TableSpec } from './tables.js';

export type Row = Record<string, unknown>;

export function tablePresent(dir: string, table: TableSpec): boolean {
  return [table.jsonl, table.csv].some((name) => name !== null && existsSync(path.join(dir, name)));
}

/**
 * Bytes read at a time, into one buffer reused for the whole file: a batch of rows per read, so what
 * readline paid per line (a regular expression split, an event, a promise per row) is paid per read.
 * Measured on findings.jsonl: a reused buffer took a quarter less CPU than a stream's chunks, and
 * 64 KiB less than 256 KiB or 1 MiB (more of each batch outlives the young generation).
 */
const JSONL_READ_BYTES = 64 * 1024;

/**
 * The rows of a JSONL file, a read's worth at a time (line-chunks.ts). Lines end in '\n' (the writers'
 * ending) or '\r\n'; empty lines are skipped.
 */
export async function* readJsonlBatches(filePath: string): AsyncGenerator<Row[]> {
  for await (const { bytes, end } of lineChunks(filePath, JSONL_READ_BYTES)) {
    // Only whole lines are decoded: a '\n' byte is never part of a multi-byte character.
    const rows = parseLines(bytes.toString('utf8', 0, end));
    if (rows.length > 0) yield rows;
  }
}

function parseLines(text: string): Row[] {
  const rows: Row[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    parseLine(rows, text, start, end);
    start = end + 1;
  }
  parseLine(rows, text, start, text.length);
  return rows;
}

function parseLine(rows: Row[], text: string, start: number, end: number): void {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  if (end > start) rows.push(JSON.parse(text.slice(start, end)) as Row);
}

export async function* readJsonl(filePath: string): AsyncGenerator<Row> {
  for await (const rows of readJsonlBatches(filePath)) yield* rows;
}

/** The header row of a CSV file as written (the matrix's indicator columns are decided per run). */
export async function readCsvHeader(filePath: string, delimiter = ','): Promise<string[]> {
  const parser = createReadStream(filePath).pipe(parse({ bom: true, delimiter, to_line: 1 }));
  for await (const record of parser) return record as string[];
  return [];
}

/** Batches of rows of a table with typed values, from its JSONL, or from its CSV cast by the column types. */
export async function* readTableBatches(dir: string, table: TableSpec, columns: ColumnSpec[]): AsyncGenerator<Row[]> {
  if (table.jsonl && existsSync(path.join(dir, table.jsonl))) {
    yield* readJsonlBatches(path.join(dir, table.jsonl));
    return;
  }
  if (!table.csv) return;
  const filePath = path.join(dir, table.csv);
  const types = new Map<string, FieldInfo>(columns.map((c) => [c.name, fieldInfo(c)]));
  let header: string[] | null = null;
  let infos: (FieldInfo | undefined)[] = [];
  for await (const records of readCsvRecords(filePath)) {
    const rows: Row[] = [];
    for (const record of records) {
      if (header === null) {
        header = record;
        infos = header.map((name) => types.get(name));
        continue;
      }
      if (record.length !== header.length) throw new Error(`${filePath}: a record of ${record.length} fields under a header of ${header.length}`);
      const row: Row = {};
      for (let i = 0; i < header.length; i++) row[header[i]!] = castCell(record[i]!, infos[i]);
      rows.push(row);
    }
    if (rows.length > 0) yield rows;
  }
}

/** Rows of a table one at a time (readTableBatches, flattened). */
export async function* readTable(dir: string, table: TableSpec, columns: ColumnSpec[]): AsyncGenerator<Row> {
  for await (const rows of readTableBatches(dir, table, columns)) yield* rows;
}

function castCell(text: string, info: FieldInfo | undefined): unknown {
  if (text === '') return null;
  switch (info?.type) {
    case 'integer':
    case 'year':
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true';
    default:
      return text;
  }
}
