/**
 * dataset.xlsx through exceljs's streaming WorkbookWriter: each row is committed (serialised into the
 * zip stream) as soon as it is read from the written files, with inline strings rather than a shared
 * string table, so memory stays bounded at 10,000 reports. One sheet per table of this run plus the
 * codebook; header frozen, autofilter, widths from the column types, verdicts coloured.
 * Every cell is a plain value: strings stay strings even when they look like `=HYPERLINK(...)` (exceljs
 * writes a formula only for a `{ formula }` object, which this file never makes), ids and codes are text.
 */
import { createRequire } from 'node:module';
import { rename, rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describeField, fieldInfo } from './field-types.js';
import { readTable } from './read-table.js';
import type { TableScan } from './scan-tables.js';
import { WARNING_CODES } from './warning-codes.js';

/** Excel's limits: rows per sheet, characters per cell. */
const MAX_ROWS = 1_048_576;
const MAX_CELL = 32_767;
/** XML 1.0 forbids these control characters; exceljs would write them and Excel would call the file corrupt. */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const VERDICT_FILLS: Readonly<Record<string, string>> = {
  voldoet: 'FFC6EFCE',
  verbeterpunt: 'FFFFC7CE',
  gemengd: 'FFFFEB9C',
};

/** A fixed time for the package's dates and every zip entry: same inputs, same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
let zipDatesPinned = false;

/**
 * exceljs's archiver stamps every zip entry with the current time and offers no option for it;
 * default the entry date to FIXED_DATE (an explicit date is still honoured). archiver is used by
 * nothing else in this program.
 */
function pinZipDates(): void {
  if (zipDatesPinned) return;
  const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
  const core = requireFromExceljs('archiver/lib/core') as { prototype: { _normalizeEntryData: (data: { date?: unknown }, stats?: unknown) => unknown } };
  const original = core.prototype._normalizeEntryData;
  core.prototype._normalizeEntryData = function (data, stats) {
    return original.call(this, { ...data, date: data.date ?? FIXED_DATE }, stats);
  };
  zipDatesPinned = true;
}

/**
 * exceljs gives every cell a fresh style object and then works out its style id from scratch, unless it
 * has seen that very object before (a WeakMap): shared, frozen style objects make that a lookup, which
 * roughly halves the time of a large workbook.
 */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const VERDICT_STYLES: Readonly<Record<string, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(VERDICT_FILLS).map(([verdict, argb]) => [verdict, Object.freeze({ fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } as ExcelJS.Fill })]),
);

export function cellValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value).replace(XML_ILLEGAL, '\uFFFD');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

function width(name: string, example: string | undefined, type: string): number {
  const sample = type === 'string' ? (example?.length ?? 10) : 8;
  return Math.max(8, Math.min(60, Math.max(name.length + 2, sample + 2)));
}

export async function writeWorkbook(dir: string, scans: TableScan[], filePath: string): Promise<void> {
  pinZipDates();
  const temp = `${filePath}.${process.pid}.tmp`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: false });
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  workbook.creator = 'stj-findings';
  workbook.lastModifiedBy = 'stj-findings';
  try {
    for (const scan of scans) await writeTableSheets(workbook, dir, scan);
    await writeCodebookSheet(workbook, scans);
    await workbook.commit();
    await rename(temp, filePath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

async function writeTableSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, dir: string, scan: TableScan): Promise<void> {
  const infos = scan.columns.map((c) => fieldInfo(c));
  const columns = scan.columns.map((c, i) => ({ header: c.name, width: width(c.name, scan.examples.get(c.name), infos[i]!.type) }));
  // Columns whose values are verdicts get the verdict's colour (the matrix's indicator columns, findings.verdict…).
  const verdictColumns = new Set(infos.flatMap((info, i) => (info.enum?.includes('verbeterpunt') ? [i] : [])));
  let part = 1;
  let sheet = addSheet(workbook, scan.table.name, columns);
  let rowsInSheet = 1;
  for await (const row of readTable(dir, scan.table, scan.columns)) {
    if (rowsInSheet === MAX_ROWS) {
      sheet.commit();
      sheet = addSheet(workbook, `${scan.table.name} (${++part})`, columns);
      rowsInSheet = 1;
    }
    const added = sheet.addRow(scan.columns.map((c) => cellValue(row[c.name])));
    added.eachCell({ includeEmpty: true }, (cell, column) => {
      cell.style = (verdictColumns.has(column - 1) && VERDICT_STYLES[String(cell.value)]) || PLAIN_STYLE;
    });
    added.commit();
    rowsInSheet++;
  }
  sheet.commit();
}

async function writeCodebookSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, scans: TableScan[]): Promise<void> {
  const sheet = addSheet(workbook, 'codebook', [
    { header: 'sheet', width: 16 },
    { header: 'column', width: 26 },
    { header: 'type', width: 40 },
    { header: 'meaning', width: 80 },
  ]);
  for (const scan of scans) {
    for (const column of scan.columns) {
      sheet.addRow([scan.table.name, column.name, describeField(fieldInfo(column)), column.note?.meaning ?? '(undocumented)']).commit();
    }
  }
  for (const w of WARNING_CODES) sheet.addRow(['warning code', w.code, w.severities.join(' or '), w.meaning]).commit();
  sheet.commit();
}
