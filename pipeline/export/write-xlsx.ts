/**
 * dataset.xlsx: one sheet per table of this run plus the codebook; header frozen, autofilter, widths
 * from the column types, text columns in the text format, verdicts coloured. Each sheet's XML is made a
 * row at a time from the written files and deflated into the package as it comes (xlsx/zip-writer.ts), so
 * memory stays bounded at 10,000 reports; the fixed parts follow the sheets (xlsx/workbook-parts.ts).
 * Every cell is a plain value: text is an inline string even when it looks like `=HYPERLINK(...)`,
 * `00123` or `1e5`; ids and codes are text; numbers and booleans keep their type. Same files, same bytes.
 */
import { rename, rm } from 'node:fs/promises';
import { describeField, fieldInfo } from './field-types.js';
import { readTableBatches, type Row } from './read-table.js';
import type { SheetScan } from './sheet-scan.js';
import { WARNING_CODES } from './warning-codes.js';
import { SheetXml, type SheetColumn } from './xlsx/sheet-xml.js';
import { sheetName, workbookParts, type SheetEntry } from './xlsx/workbook-parts.js';
import { ByteChunks } from './xlsx/byte-chunks.js';
import { ZipWriter } from './xlsx/zip-writer.js';

export { VERDICT_FILLS } from './xlsx/workbook-parts.js';
export { cellValue } from './xlsx/xml-text.js';

/** Excel's limit on the rows of one sheet; a longer table continues on "name (2)", "name (3)"… */
const MAX_ROWS = 1_048_576;

function width(name: string, example: string | undefined, type: string): number {
  const sample = type === 'string' ? (example?.length ?? 10) : 8;
  return Math.max(8, Math.min(60, Math.max(name.length + 2, sample + 2)));
}

export interface WorkbookOptions {
  /** Rows per sheet, the header included (Excel's limit unless a test wants to see a table split). */
  maxRows?: number;
}

/**
 * `scans` in the order of the sheets; as an async iterable, each table is written as soon as its scan
 * comes (the workbook thread finds each table's just before writing it: workbook-thread.ts).
 */
export async function writeWorkbook(dir: string, scans: readonly SheetScan[] | AsyncIterable<SheetScan>, filePath: string, options: WorkbookOptions = {}): Promise<void> {
  const maxRows = options.maxRows ?? MAX_ROWS;
  if (!(maxRows >= 2 && maxRows <= MAX_ROWS)) throw new Error(`maxRows must be 2..${MAX_ROWS}, not ${maxRows}`);
  const temp = `${filePath}.${process.pid}.tmp`;
  const zip = await ZipWriter.create(temp);
  try {
    const sheets: SheetEntry[] = [];
    const written: SheetScan[] = [];
    for await (const scan of scans) {
      await writeTableSheets(zip, sheets, dir, scan, maxRows);
      written.push(scan);
    }
    await writeSheets(zip, sheets, 'codebook', CODEBOOK_COLUMNS, [[...codebookRows(written)]], (row) => row, maxRows);
    for (const [part, xml] of workbookParts(sheets)) await zip.add(part, xml);
    await zip.close();
    await rename(temp, filePath);
  } catch (error) {
    await zip.abort();
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Streams the rows of `batches` into as many sheets as it takes: `name`, then "name (2)", "name (3)"…
 * when a sheet is full; `cells` gives a row's values in column order. Whether a row is left is known
 * before a sheet is begun, so a table that exactly fills a sheet does not get an empty next one.
 */
async function writeSheets<T>(
  zip: ZipWriter,
  sheets: SheetEntry[],
  name: string,
  columns: readonly SheetColumn[],
  batches: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
  cells: (row: T) => readonly unknown[],
  maxRows: number,
): Promise<void> {
  const source = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  let batch: readonly T[] = [];
  let next = 0;
  let ended = false;
  // Whether a row is left; awaits only when the batch in hand is used up, not per row.
  async function more(): Promise<boolean> {
    while (next === batch.length && !ended) {
      const result = await source.next();
      if (result.done) ended = true;
      else [batch, next] = [result.value, 0];
    }
    return next < batch.length;
  }
  try {
    for (let part = 1; part === 1 || (await more()); part++) {
      const sheet = new SheetXml(columns);
      async function* chunks(): AsyncGenerator<Buffer> {
        const bytes = new ByteChunks();
        yield* bytes.add(sheet.open());
        while (sheet.rows < maxRows && (next < batch.length || (await more()))) {
          const full = bytes.add(sheet.row(cells(batch[next++]!)));
          if (full.length > 0) yield* full;
        }
        yield* bytes.add(sheet.close());
        yield bytes.flush();
      }
      const suffix = part === 1 ? '' : ` (${part})`;
      const path = `xl/worksheets/sheet${sheets.length + 1}.xml`;
      await zip.addStream(path, chunks());
      sheets.push({ name: sheetName(name).slice(0, 31 - suffix.length) + suffix, part: path, range: sheet.range() });
    }
  } finally {
    // A failure on the way leaves no table file open (a no-op once the rows have run out).
    await source.return?.();
  }
}

async function writeTableSheets(zip: ZipWriter, sheets: SheetEntry[], dir: string, scan: SheetScan, maxRows: number): Promise<void> {
  const columns: SheetColumn[] = scan.columns.map((c) => {
    const info = fieldInfo(c);
    return {
      header: c.name,
      width: width(c.name, scan.examples.get(c.name), info.type),
      text: info.type === 'string',
      // Columns whose values are verdicts get the verdict's colour (the matrix's indicator columns, findings.verdict…).
      verdict: info.enum?.includes('verbeterpunt') ?? false,
    };
  });
  const names = scan.columns.map((c) => c.name);
  const cells = (row: Row) => names.map((name) => row[name]);
  await writeSheets(zip, sheets, scan.table.name, columns, readTableBatches(dir, scan.table, scan.columns), cells, maxRows);
}

const CODEBOOK_COLUMNS: SheetColumn[] = [
  { header: 'sheet', width: 16, text: true },
  { header: 'column', width: 26, text: true },
  { header: 'type', width: 40, text: true },
  { header: 'meaning', width: 80, text: true },
];

function* codebookRows(scans: SheetScan[]): Generator<unknown[]> {
  for (const scan of scans) {
    for (const column of scan.columns) yield [scan.table.name, column.name, describeField(fieldInfo(column)), column.note?.meaning ?? '(undocumented)'];
  }
  for (const w of WARNING_CODES) yield ['warning code', w.code, w.severities.join(' or '), w.meaning];
}
