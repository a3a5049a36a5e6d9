/**
 * Reads a written table back, one row at a time (JSONL line by line; CSV through csv-parse's stream),
 * so the exporters that consume the dataset's files keep memory bounded however large the run.
 * JSONL is preferred: its values are already typed (numbers, booleans, null). The matrix has CSV only:
 * its cells are cast by the column types of the registry.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { fieldInfo, type FieldInfo } from './field-types.js';
import type { ColumnSpec, TableSpec } from './tables.js';

export type Row = Record<string, unknown>;

export function tablePresent(dir: string, table: TableSpec): boolean {
  return [table.jsonl, table.csv].some((name) => name !== null && existsSync(path.join(dir, name)));
}

export async function* readJsonl(filePath: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(filePath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as Row;
}

/** RFC 4180 CSV with a header row (a BOM and `;` are accepted too, for the excel dialect) → rows of text. */
export async function* readCsv(filePath: string, delimiter = ','): AsyncGenerator<Record<string, string>> {
  const parser = createReadStream(filePath).pipe(parse({ columns: true, bom: true, delimiter, relax_column_count: false }));
  for await (const record of parser) yield record as Record<string, string>;
}

/** The header row of a CSV file as written (the matrix's indicator columns are decided per run). */
export async function readCsvHeader(filePath: string, delimiter = ','): Promise<string[]> {
  const parser = createReadStream(filePath).pipe(parse({ bom: true, delimiter, to_line: 1 }));
  for await (const record of parser) return record as string[];
  return [];
}

/** Rows of a table with typed values, from its JSONL, or from its CSV cast by the column types. */
export async function* readTable(dir: string, table: TableSpec, columns: ColumnSpec[]): AsyncGenerator<Row> {
  if (table.jsonl && existsSync(path.join(dir, table.jsonl))) {
    yield* readJsonl(path.join(dir, table.jsonl));
    return;
  }
  if (!table.csv) return;
  const types = new Map<string, FieldInfo>(columns.map((c) => [c.name, fieldInfo(c)]));
  for await (const record of readCsv(path.join(dir, table.csv))) {
    const row: Row = {};
    for (const [name, text] of Object.entries(record)) row[name] = castCell(text, types.get(name));
    yield row;
  }
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
