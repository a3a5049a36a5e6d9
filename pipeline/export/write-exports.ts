/**
 * The files researchers open directly, made from the dataset files already written in `dir` (read back
 * streaming, so this stage depends only on the files and their registry, not on how they were made):
 * codebook.md, datapackage.json, dataset.xlsx, overview.html; then, with `--csv-dialect excel`, the
 * CSV files rewritten for spreadsheets. Each file is written under a temporary name and renamed.
 * Call once every core file (manifest.json included) is in `dir`.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue, type Catalogue } from '../../extractors/framework/catalogue.js';
import { manifestSchema } from '../dataset-schema.js';
import { renderCodebook } from './codebook.js';
import { rewriteCsvForExcel, type CsvDialect } from './csv-dialect.js';
import { buildDataPackage } from './datapackage.js';
import { overviewCollector } from './overview-data.js';
import { renderOverview } from './overview-page.js';
import { scanRecord, scanTables, type TableScan } from './scan-tables.js';
import type { WorkbookMessage } from './workbook-thread.js';
import { programModule, spawnWorker } from '../spawn-worker.js';

export interface ExportOptions {
  /** `rfc4180` (default): faithful text for R and pandas; `excel`: `;`, BOM, CRLF, formula-looking cells neutralised. */
  csvDialect?: CsvDialect;
  /**
   * From how many table rows on the workbook is written in a thread of its own, beside the other
   * exports (default WORKBOOK_THREAD_ROWS); below, starting a thread costs more than it saves.
   */
  workbookThreadRows?: number;
}

export const WORKBOOK_THREAD_ROWS = 20_000;

export const EXPORT_FILES = ['codebook.md', 'datapackage.json', 'dataset.xlsx', 'overview.html'] as const;

type Cat = Pick<Catalogue, 'id' | 'version' | 'themes' | 'criteria' | 'indicators'>;

async function writeWhole(filePath: string, text: string): Promise<void> {
  const temp = `${filePath}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, filePath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

interface WorkbookThread {
  /** A table's scan: the thread writes the table's sheet once the scans before it in the registry are in. */
  post(scan: TableScan): void;
  /** No more scans: tables without one were not written. */
  end(): void;
  /** Resolves once the thread has written the workbook, and rejects with the thread's error. */
  done: Promise<void>;
  stop: () => Promise<number>;
}

function writeWorkbookInThread(dir: string, outPath: string): WorkbookThread {
  const thread = spawnWorker(programModule('export/workbook-thread'), { workerData: { dir, outPath } });
  const send = (message: WorkbookMessage) => thread.postMessage(message);
  const done = new Promise<void>((resolve, reject) => {
    let failed = false;
    thread.once('error', (error) => {
      failed = true;
      reject(new Error(`writing dataset.xlsx failed: ${error instanceof Error ? error.message : String(error)}`));
    });
    thread.once('exit', (code) => {
      if (failed) return;
      if (code === 0) resolve();
      else reject(new Error(`writing dataset.xlsx failed: its thread exited with code ${code}`));
    });
  });
  done.catch(() => {});
  return { post: (scan) => send({ scan: scanRecord(scan) }), end: () => send({ end: true }), done, stop: () => thread.terminate() };
}

export async function writeExports(dir: string, options: ExportOptions = {}, catalogue: Cat = loadCatalogue()): Promise<void> {
  const dialect = options.csvDialect ?? 'rfc4180';
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
  // The overview's rows come from the scan's own read of each table.
  const overview = overviewCollector(catalogue);
  const workbookPath = path.join(dir, 'dataset.xlsx');
  const threadRows = options.workbookThreadRows ?? WORKBOOK_THREAD_ROWS;
  const scanned: TableScan[] = [];
  // A large workbook in a thread of its own, beside the other exports: both read the files back, and
  // the worker threads of the extraction are idle by now. Started as soon as the tables scanned so far
  // hold enough rows and fed each later scan as it completes, so its first sheets are being written
  // while this thread still scans the other tables.
  let workbook = null as WorkbookThread | null;
  const startWorkbook = (): WorkbookThread => {
    const thread = writeWorkbookInThread(dir, workbookPath);
    for (const scan of scanned) thread.post(scan);
    return thread;
  };
  const rowsScanned = () => scanned.reduce((n, scan) => n + scan.rows, 0);
  let scans: TableScan[];
  try {
    scans = await scanTables(dir, catalogue, overview.consumers, (scan) => {
      scanned.push(scan);
      if (workbook) workbook.post(scan);
      else if (rowsScanned() >= threadRows) workbook = startWorkbook();
    });
    if (!workbook && rowsScanned() >= threadRows) workbook = startWorkbook();
    workbook?.end();
    await writeWhole(path.join(dir, 'codebook.md'), renderCodebook({ manifest, scans, catalogue, dialect }));
    await writeWhole(path.join(dir, 'datapackage.json'), JSON.stringify(buildDataPackage(manifest, scans, dialect), null, 2) + '\n');
    await writeWhole(path.join(dir, 'overview.html'), renderOverview(overview.finish(manifest, scans)));
  } catch (error) {
    // The staging directory is about to go: the thread must not write into it any more.
    await workbook?.stop();
    throw error;
  }
  if (workbook) await workbook.done;
  else {
    // Loaded only here: the CLI start and the extraction threads never need the workbook writer.
    const { writeWorkbook } = await import('./write-xlsx.js');
    await writeWorkbook(dir, scans, workbookPath);
  }
  // Last: every reader above parses the default dialect.
  if (dialect === 'excel') {
    for (const scan of scans) if (scan.table.csv) await rewriteCsvForExcel(path.join(dir, scan.table.csv));
  }
}
