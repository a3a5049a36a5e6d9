/**
 * Worker thread body: writes dataset.xlsx (write-xlsx.ts) from the dataset files in `dir` while the
 * main thread renders the overview and the codebook, so the two largest exports share the cores
 * instead of running one after the other. Exits when done; an error ends the thread and reaches the
 * caller through the Worker's 'error' event.
 */
import { workerData } from 'node:worker_threads';
import { loadCatalogue } from '../../extractors/framework/catalogue.js';
import { reviveScans, type ScanRecord } from './scan-tables.js';
import { writeWorkbook } from './write-xlsx.js';

const { dir, scans, outPath } = workerData as { dir: string; scans: ScanRecord[]; outPath: string };
await writeWorkbook(dir, reviveScans(scans, loadCatalogue()), outPath);
