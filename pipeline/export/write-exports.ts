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
import { manifestSchema, type Manifest } from '../dataset-schema.js';
import { renderCodebook } from './codebook.js';
import { rewriteCsvForExcel, type CsvDialect } from './csv-dialect.js';
import { buildDataPackage } from './datapackage.js';
import { overviewCollector } from './overview-data.js';
import { renderOverview } from './overview-page.js';
import { scanTables, type TableScan } from './scan-tables.js';
import { runTask, type TaskThread } from '../spawn-worker.js';
import { workbookTempPaths } from './xlsx/temp-names.js';

export interface ExportOptions {
  /** `rfc4180` (default): faithful text for R and pandas; `excel`: `;`, BOM, CRLF, formula-looking cells neutralised. */
  csvDialect?: CsvDialect;
  /**
   * From how many table rows (as manifest.json counts them) on the workbook is written in a thread of
   * its own, beside the other exports (default WORKBOOK_THREAD_ROWS); below, starting a thread costs
   * more than it saves.
   */
  workbookThreadRows?: number;
  /**
   * writeDataset: from how many reports the panel pass runs in a thread of its own beside the rows pass
   * (default PANEL_THREAD_REPORTS on a machine with more than one core, never on one), when the report
   * bodies are on disk; below, the thread's start-up would outlast the rows pass it hides behind.
   */
  panelThreadReports?: number;
  /**
   * writeDataset: from how many reports a rows thread renders chunks of the rows pass beside the main
   * thread (default ROWS_THREAD_REPORTS on a machine with more than one core, never on one), when the
   * report bodies are on disk.
   */
  rowsThreadReports?: number;
  /** overview.html: heatmap cells it holds at most (default MAX_HEATMAP_CELLS); the rest are in panel.csv. */
  overviewHeatmapCells?: number;
}

export const WORKBOOK_THREAD_ROWS = 20_000;
export const PANEL_THREAD_REPORTS = 500;
/**
 * Measured on 2 cores (the panel thread beside both): at 1,000 reports the rows pass took as long with
 * the thread as without (its start-up and cold code eat the gain); at 10,000 it took 7.8 s instead of 10.1 s.
 */
export const ROWS_THREAD_REPORTS = 2_000;

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

/** The workbook in a thread (workbook-thread.ts); stopping it also removes what it was writing. */
function writeWorkbookInThread(dir: string, outPath: string): TaskThread<void> {
  const thread = runTask('export/workbook-thread', { dir, outPath }, 'writing dataset.xlsx');
  return {
    done: thread.done,
    async stop() {
      await thread.stop();
      // Stopped mid-write, the threads leave their temp files: remove them here (writeExports may run on
      // a finished folder, which nobody removes afterwards).
      await Promise.all(workbookTempPaths(outPath).map((file) => rm(file, { force: true })));
    },
  };
}

/** The rows of the tables as the manifest counts them (all but the small sections, quotes and recommendations). */
function manifestRows(counts: Manifest['counts']): number {
  return counts.findings + counts.reports + counts.panel_rows + counts.matrix_rows + counts.warnings;
}

export async function writeExports(dir: string, options: ExportOptions = {}, catalogue: Cat = loadCatalogue()): Promise<void> {
  const dialect = options.csvDialect ?? 'rfc4180';
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
  // The overview's rows come from the scan's own read of each table.
  const overview = overviewCollector(catalogue, { maxHeatmapCells: options.overviewHeatmapCells });
  const workbookPath = path.join(dir, 'dataset.xlsx');
  // A large workbook in a thread of its own, beside the other exports: both read the files back, and
  // the worker threads of the extraction are idle by now. Decided on the manifest's counts, so the
  // thread starts before the scan: it finds what it needs of each table itself.
  const workbook = manifestRows(manifest.counts) >= (options.workbookThreadRows ?? WORKBOOK_THREAD_ROWS) ? writeWorkbookInThread(dir, workbookPath) : null;
  let scans: TableScan[];
  try {
    scans = await scanTables(dir, catalogue, overview.consumers);
    await writeWhole(path.join(dir, 'codebook.md'), renderCodebook({ manifest, scans, catalogue, dialect }));
    await writeWhole(path.join(dir, 'datapackage.json'), JSON.stringify(buildDataPackage(manifest, scans, dialect), null, 2) + '\n');
    await writeWhole(path.join(dir, 'overview.html'), renderOverview(overview.finish(manifest, scans)));
  } catch (error) {
    // The staging directory is about to go: the thread must not write into it any more.
    await workbook?.stop();
    throw error;
  }
  if (workbook) {
    // A thread that failed may have left its temp files (it ends at once when its sheets thread fails).
    await workbook.done.catch(async (error: unknown) => {
      // The thread's failure is the one to report, not a failure to clean up after it.
      await workbook.stop().catch(() => undefined);
      throw error;
    });
  }
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
