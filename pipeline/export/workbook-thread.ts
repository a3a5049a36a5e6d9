/**
 * Worker thread body: writes dataset.xlsx (write-xlsx.ts) from the dataset files in `dir` while the
 * main thread renders the overview and the codebook, so the two largest exports share the cores
 * instead of running one after the other. The main thread posts each table's scan as it completes
 * (`{ scan }`), then `{ end: true }`; a sheet is begun as soon as its scan is in, so the thread need
 * not wait for the scan of every table. Exits when done; an error ends the thread and reaches the
 * caller through the Worker's 'error' event.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogue } from '../../extractors/framework/catalogue.js';
import { reviveScan, type ScanRecord, type TableScan } from './scan-tables.js';
import { TABLES } from './tables.js';
import { writeWorkbook } from './write-xlsx.js';

export type WorkbookMessage = { scan: ScanRecord } | { end: true };

const { dir, outPath } = workerData as { dir: string; outPath: string };
const catalogue = loadCatalogue();

const received = new Map<string, ScanRecord>();
let ended = false;
let wake: (() => void) | null = null;
const onMessage = (message: WorkbookMessage): void => {
  if ('scan' in message) received.set(message.scan.table, message.scan);
  else ended = true;
  wake?.();
};
parentPort!.on('message', onMessage);

/** The scans in the registry's order (the sheets'), each once it has come; a table without one after the end was not written. */
async function* scansInOrder(): AsyncGenerator<TableScan> {
  for (const table of TABLES) {
    while (!received.has(table.name) && !ended) await new Promise<void>((resolve) => (wake = resolve));
    const record = received.get(table.name);
    if (record) yield reviveScan(record, catalogue);
  }
}

try {
  await writeWorkbook(dir, scansInOrder(), outPath);
} finally {
  // No listener left: the thread can end.
  parentPort!.off('message', onMessage);
}
