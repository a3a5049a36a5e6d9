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
import type { SheetScan } from './sheet-scan.js';
import { WARNING_CODES } from './warning-codes.js';
import { filedBytes, type FiledEntry } from './xlsx/entry-file.js';
import type { SheetColumn } from './xlsx/sheet-xml.js';
import { MAX_ROWS, writeSheets, writeTableSheets, type AddSheet, type WrittenSheet } from './xlsx/table-sheets.js';
import { workbookParts, type SheetEntry } from './xlsx/workbook-parts.js';
import { ZipWriter } from './xlsx/zip-writer.js';
import { packageTempPath } from './xlsx/temp-names.js';

export { VERDICT_FILLS } from './xlsx/workbook-parts.js';
export { cellValue } from './xlsx/xml-text.js';

export interface WorkbookOptions {
  /** Rows per sheet, the header included (Excel's limit unless a test wants to see a table split). */
  maxRows?: number;
}

/**
 * A table whose sheets were deflated elsewhere into the entry file `file` (xlsx/sheets-thread.ts): they
 * are copied into the package in the table's place. `scan` gives the table's columns to the codebook.
 */
export interface MadeSheets {
  scan: SheetScan;
  file: string;
  sheets: readonly WrittenSheet<FiledEntry>[];
}

/**
 * `scans` in the order of the sheets; as an async iterable, each table is written as soon as its scan
 * comes (the workbook thread finds each table's just before writing it: workbook-thread.ts), or copied
 * in when its sheets come made.
 */
export async function writeWorkbook(
  dir: string,
  scans: readonly SheetScan[] | AsyncIterable<SheetScan | MadeSheets>,
  filePath: string,
  options: WorkbookOptions = {},
): Promise<void> {
  const maxRows = options.maxRows ?? MAX_ROWS;
  if (!(maxRows >= 2 && maxRows <= MAX_ROWS)) throw new Error(`maxRows must be 2..${MAX_ROWS}, not ${maxRows}`);
  const temp = packageTempPath(filePath);
  const zip = await ZipWriter.create(temp);
  try {
    const sheets: SheetEntry[] = [];
    // Sheet parts are numbered in the package's order, wherever they were deflated (a table's sheets are
    // kept only once all are written, so the count is its own).
    let parts = 0;
    const nextPart = () => `xl/worksheets/sheet${++parts}.xml`;
    const add: AddSheet<string> = async (chunks) => {
      const part = nextPart();
      await zip.addStream(part, chunks);
      return part;
    };
    const keep = (written: WrittenSheet<string>[]) => sheets.push(...written.map((w) => ({ name: w.name, part: w.entry, range: w.range })));
    const written: SheetScan[] = [];
    for await (const item of scans) {
      if ('file' in item) {
        for (const sheet of item.sheets) {
          const part = nextPart();
          await zip.addDeflated(part, sheet.entry, filedBytes(item.file, sheet.entry));
          sheets.push({ name: sheet.name, part, range: sheet.range });
        }
        written.push(item.scan);
      } else {
        keep(await writeTableSheets(add, dir, item, maxRows));
        written.push(item);
      }
    }
    keep(await writeSheets(add, 'codebook', CODEBOOK_COLUMNS, [[...codebookRows(written)]], (row) => row, maxRows));
    for (const [part, xml] of workbookParts(sheets)) await zip.add(part, xml);
    await zip.close();
    await rename(temp, filePath);
  } catch (error) {
    await zip.abort();
    await rm(temp, { force: true });
    throw error;
  }
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
