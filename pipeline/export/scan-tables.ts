/**
 * One pass over each table written in this run: its columns as the file's header gives them (so the
 * descriptors follow the file's exact order), its row count, an example value per column and, for the
 * warnings, the count per code. Streams; keeps only these small summaries.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import { readCsvHeader, readTable, tablePresent } from './read-table.js';
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

export async function scanTables(dir: string, catalogue: Pick<Catalogue, 'indicators'>): Promise<TableScan[]> {
  const scans: TableScan[] = [];
  for (const table of TABLES) {
    if (!tablePresent(dir, table)) continue;
    const columns = await columnsAsWritten(dir, table, catalogue);
    const scan: TableScan = { table, columns, rows: 0, examples: new Map(), codeCounts: new Map() };
    for await (const row of readTable(dir, table, columns)) {
      scan.rows++;
      if (scan.examples.size < columns.length) {
        for (const c of columns) {
          const value = row[c.name];
          if (!scan.examples.has(c.name) && value !== null && value !== undefined && value !== '') {
            const text = String(value).replace(/\s+/g, ' ');
            scan.examples.set(c.name, text.length > EXAMPLE_MAX ? `${text.slice(0, EXAMPLE_MAX - 1)}…` : text);
          }
        }
      }
      if (table.name === 'warnings') {
        const code = String(row.code);
        scan.codeCounts.set(code, (scan.codeCounts.get(code) ?? 0) + 1);
      }
    }
    scans.push(scan);
  }
  return scans;
}

/** A scan as plain data, to hand to another thread: its table by name, its columns by name. */
export interface ScanRecord {
  table: string;
  columns: string[];
  rows: number;
  examples: [string, string][];
  codeCounts: [string, number][];
}

export function scanRecords(scans: readonly TableScan[]): ScanRecord[] {
  return scans.map((s) => ({
    table: s.table.name,
    columns: s.columns.map((c) => c.name),
    rows: s.rows,
    examples: [...s.examples],
    codeCounts: [...s.codeCounts],
  }));
}

/** The scans again, their column specs looked up in the registry as columnsAsWritten does. */
export function reviveScans(records: readonly ScanRecord[], catalogue: Pick<Catalogue, 'indicators'>): TableScan[] {
  return records.map((r) => {
    const table = tableByName(r.table);
    const byName = new Map(tableColumns(table, catalogue).map((c) => [c.name, c]));
    return {
      table,
      columns: r.columns.map((name) => byName.get(name) ?? unknownColumn(name)),
      rows: r.rows,
      examples: new Map(r.examples),
      codeCounts: new Map(r.codeCounts),
    };
  });
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
