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
import { collectOverview } from './overview-data.js';
import { renderOverview } from './overview-page.js';
import { scanTables } from './scan-tables.js';

export interface ExportOptions {
  /** `rfc4180` (default): faithful text for R and pandas; `excel`: `;`, BOM, CRLF, formula-looking cells neutralised. */
  csvDialect?: CsvDialect;
}

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

export async function writeExports(dir: string, options: ExportOptions = {}, catalogue: Cat = loadCatalogue()): Promise<void> {
  const dialect = options.csvDialect ?? 'rfc4180';
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
  const scans = await scanTables(dir, catalogue);
  await writeWhole(path.join(dir, 'codebook.md'), renderCodebook({ manifest, scans, catalogue, dialect }));
  await writeWhole(path.join(dir, 'datapackage.json'), JSON.stringify(buildDataPackage(manifest, scans, dialect), null, 2) + '\n');
  // exceljs is loaded only here: every CLI start (workers too) would otherwise pay for it.
  const { writeWorkbook } = await import('./write-xlsx.js');
  await writeWorkbook(dir, scans, path.join(dir, 'dataset.xlsx'));
  await writeWhole(path.join(dir, 'overview.html'), renderOverview(await collectOverview(dir, manifest, scans, catalogue)));
  // Last: every reader above parses the default dialect.
  if (dialect === 'excel') {
    for (const scan of scans) if (scan.table.csv) await rewriteCsvForExcel(path.join(dir, scan.table.csv));
  }
}
