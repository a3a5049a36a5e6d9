/**
 * One pass over each table written in this run: its columns as the file's header gives them (so the
 * descriptors follow the file's exact order), its row count, an example value per column and, for the
 * warnings, the count per code. Streams; keeps only these small summaries. Other readers of the same
 * rows (the overview) are fed the batches as they come, so the main thread reads each table once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import { readCsvHeader, readTableBatches, tablePresent, type Row } from './read-table.js';
import { TABLES, tableByName, tableColumns, type ColumnSpec, type TableSpec } from './tables.js';

export interface TableScan {
  table: TableSpec;
  /** In the order of the CSV header when there is a CSV, else the schema's. */
  columns: ColumnSpec[];
  rows: number;
  examples: Map<string, string>;
  /** warnings only: rows per code. */
  codeCounts: Map<string, number>;
}

const EXAMPLE_MAX = 60;

/** Another reader of a table's rows, fed the scan's batches: a table read once serves both. */
export interface RowConsumer {
  table: string;
  rows(batch: readonly Row[]): void;
}

/**
 * Scans every table present, feeding `consumers` the rows on the way. Tables with consumers are read
 * first, in the consumers' order, so a consumer may rely on an earlier one having had all its rows (the
 * overview needs the whole panel before the findings); the scans come back in the registry's order.
 */
export async function scanTables(dir: string, catalogue: Pick<Catalogue, 'indicators'>, consumers: readonly RowConsumer[] = []): Promise<TableScan[]> {
  const first = [...new Set(consumers.map((c) => c.table))];
  const order = [...first.map(tableByName), ...TABLES.filter((t) => !first.includes(t.name))];
  const scans = new Map<string, TableScan>();
  for (const table of order) {
    if (!tablePresent(dir, table)) continue;
    const columns = await columnsAsWritten(dir, table, catalogue);
    const feed = consumers.filter((c) => c.table === table.name);
    const scan: TableScan = { table, columns, rows: 0, examples: new Map(), codeCounts: new Map() };
    // Columns still without an example, in column order; most tables find all theirs in the first rows.
    let missing = [...new Set(columns.map((c) => c.name))];
    for await (const batch of readTableBatches(dir, table, columns)) {
      scan.rows += batch.length;
      if (missing.length > 0) missing = takeExamples(scan.examples, missing, batch);
      if (table.name === 'warnings') {
        for (const row of batch) {
          const code = String(row.code);
          scan.codeCounts.set(code, (scan.codeCounts.get(code) ?? 0) + 1);
        }
      }
      for (const consumer of feed) consumer.rows(batch);
    }
    scans.set(table.name, scan);
  }
  return TABLES.flatMap((t) => scans.get(t.name) ?? []);
}

/** The first non-empty value of each missing column, whitespace flattened, cut to EXAMPLE_MAX; returns what is still missing. */
export function takeExamples(examples: Map<string, string>, missing: string[], batch: readonly Row[]): string[] {
  for (const row of batch) {
    let found = false;
    for (const name of missing) {
      const value = row[name];
      if (value !== null && value !== undefined && value !== '') {
        const text = String(value).replace(/\s+/g, ' ');
        examples.set(name, text.length > EXAMPLE_MAX ? `${text.slice(0, EXAMPLE_MAX - 1)}…` : text);
        found = true;
      }
    }
    if (found) missing = missing.filter((name) => !examples.has(name));
    if (missing.length === 0) break;
  }
  return missing;
}

function unknownColumn(name: string): ColumnSpec {
  return { name, schema: z.string().nullable(), note: undefined };
}

/**
 * The registry's columns, ordered as the CSV header has them; a header column the registry does not
 * know is kept as text without a note (test/export-registry.test.ts makes sure a real run has none).
 */
export async function columnsAsWritten(dir: string, table: TableSpec, catalogue: Pick<Catalogue, 'indicators'>): Promise<ColumnSpec[]> {
  const known = tableColumns(table, catalogue);
  if (!table.csv || !existsSync(path.join(dir, table.csv))) return known;
  const header = await readCsvHeader(path.join(dir, table.csv));
  const byName = new Map(known.map((c) => [c.name, c]));
  return header.map((name) => byName.get(name) ?? unknownColumn(name));
}
