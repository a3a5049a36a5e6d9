/**
 * Worker thread body: deflates the sheets of some tables (workerData.tables, in the registry's order)
 * into an entry file (entry-file.ts) while the workbook thread writes the others, so dataset.xlsx takes
 * two cores' worth of XML, encoding and deflate instead of one. Posts each table's sheets as soon as
 * they are in the file; the workbook thread copies them into the package in their place
 * (sheets-in-thread.ts). An error names the table and ends the thread; the file is its caller's to remove.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogue } from '../../../extractors/framework/catalogue.js';
import { tablePresent } from '../read-table.js';
import { scanForSheet } from '../sheet-scan.js';
import { TABLES } from '../tables.js';
import { EntryFile } from './entry-file.js';
import { MAX_ROWS, writeTableSheets } from './table-sheets.js';
import type { MadeTable } from './sheets-in-thread.js';

const { dir, file, tables, maxRows } = workerData as { dir: string; file: string; tables: string[]; maxRows?: number };
const catalogue = loadCatalogue();
const entries = await EntryFile.create(file);
try {
  for (const table of TABLES) {
    if (!tables.includes(table.name) || !tablePresent(dir, table)) continue;
    try {
      const scan = await scanForSheet(dir, table, catalogue);
      const sheets = await writeTableSheets((chunks) => entries.addStream(table.name, chunks), dir, scan, maxRows ?? MAX_ROWS);
      parentPort!.postMessage({ table: table.name, sheets } satisfies MadeTable);
    } catch (error) {
      throw new Error(`the ${table.name} sheet: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
} finally {
  await entries.close();
}
