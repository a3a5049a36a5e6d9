/**
 * Worker thread body: writes dataset.xlsx (write-xlsx.ts) from the dataset files in `dir` while the
 * main thread scans the tables and renders the overview and the codebook, so the two largest exports
 * share the cores instead of running one after the other. It needs nothing from the main thread's
 * scan: each table's columns and examples are found here just before its sheet (sheet-scan.ts), so
 * the findings sheet is begun at once. Exits when done; an error ends the thread and reaches the
 * caller through the Worker's 'error' event.
 */
import { workerData } from 'node:worker_threads';
import { loadCatalogue } from '../../extractors/framework/catalogue.js';
import { tablePresent } from './read-table.js';
import { scanForSheet, type SheetScan } from './sheet-scan.js';
import { TABLES } from './tables.js';
import { writeWorkbook } from './write-xlsx.js';

const { dir, outPath } = workerData as { dir: string; outPath: string };
const catalogue = loadCatalogue();

async function* sheetScans(): AsyncGenerator<SheetScan> {
  for (const table of TABLES) if (tablePresent(dir, table)) yield await scanForSheet(dir, table, catalogue);
}

await writeWorkbook(dir, sheetScans(), outPath);
