/**
 * Worker thread body: writes dataset.xlsx (write-xlsx.ts) from the dataset files in `dir` while the
 * main thread scans the tables and renders the overview and the codebook, so the two largest exports
 * share the cores instead of running one after the other. It needs nothing from the main thread's
 * scan: each table's columns and examples are found here just before its sheet (sheet-scan.ts), so
 * the findings sheet is begun at once. The sheets of the tables after the first are deflated meanwhile
 * in a thread of their own (xlsx/sheets-thread.ts: the first, findings, is about two thirds of the
 * work) and copied in after it, byte for byte what this thread would have written. Exits when done;
 * an error ends the thread and reaches the caller through the Worker's 'error' event.
 */
import { rm } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import { loadCatalogue } from '../../extractors/framework/catalogue.js';
import { tablePresent } from './read-table.js';
import { columnsAsWritten } from './scan-tables.js';
import { scanForSheet } from './sheet-scan.js';
import { TABLES } from './tables.js';
import { writeWorkbook, type MadeSheets } from './write-xlsx.js';
import { sheetsInThread } from './xlsx/sheets-in-thread.js';
import type { SheetScan } from './sheet-scan.js';
import { sheetsEntryPath } from './xlsx/temp-names.js';

const { dir, outPath } = workerData as { dir: string; outPath: string };
const catalogue = loadCatalogue();
const [first, ...rest] = TABLES.filter((table) => tablePresent(dir, table));
// Beside the package's own temp file, in the staging directory; removed however this ends.
const entryFile = sheetsEntryPath(outPath);
const others = rest.length > 0 ? sheetsInThread(dir, entryFile, rest.map((table) => table.name)) : null;
// The package cannot be finished once the sheets thread has failed: this thread ends at once, with that
// thread's reason, instead of when the findings sheet is done (seconds later on a large batch). The
// rejection is left unhandled on purpose: it ends a worker thread as an uncaught error, which reaches
// the caller through the Worker's 'error' event; the caller removes the package's temp file.
void others?.failed.then(async (error) => {
  await rm(entryFile, { force: true }).catch(() => undefined);
  throw error;
});

async function* sheetScans(): AsyncGenerator<SheetScan | MadeSheets> {
  if (first) yield await scanForSheet(dir, first, catalogue);
  for (const table of rest) {
    const made = await others!.next();
    if (made.table !== table.name) throw new Error(`the sheets thread wrote ${made.table} where ${table.name} was due`);
    // The codebook needs the columns only; they are the thread's (both read the same header).
    const scan: SheetScan = { table, columns: await columnsAsWritten(dir, table, catalogue), examples: new Map() };
    yield { scan, file: entryFile, sheets: made.sheets };
  }
}

try {
  await writeWorkbook(dir, sheetScans(), outPath);
} catch (error) {
  // The thread first, so that nothing writes the file once it is gone; the error to report is the first.
  await others?.stop();
  await rm(entryFile, { force: true }).catch(() => undefined);
  throw error;
}
await others?.stop();
await rm(entryFile, { force: true });
