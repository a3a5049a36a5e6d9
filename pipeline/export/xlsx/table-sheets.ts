/**
 * A table's rows as one or more worksheets: `name`, then "name (2)", "name (3)"… when a sheet is full.
 * Each sheet's XML is made a row at a time from the written files and handed on as byte chunks to `add`,
 * which deflates it where it goes (into the package, or into an entry file in a thread of its own:
 * entry-file.ts), so memory stays bounded at 10,000 reports.
 */
import { fieldInfo } from '../field-types.js';
import { readTableBatches, type Row } from '../read-table.js';
import type { SheetScan } from '../sheet-scan.js';
import { ByteChunks } from './byte-chunks.js';
import { SheetXml, type SheetColumn } from './sheet-xml.js';
import { sheetName } from './workbook-parts.js';

/** Excel's limit on the rows of one sheet; a longer table continues on "name (2)", "name (3)"… */
export const MAX_ROWS = 1_048_576;

/** Takes one sheet's XML, in order; what it gives back is kept beside the sheet. */
export type AddSheet<E> = (chunks: AsyncIterable<Buffer>) => Promise<E>;

/** A sheet as written: its name in the workbook, the range its autofilter covers, and what `add` gave. */
export interface WrittenSheet<E> {
  name: string;
  range: string;
  entry: E;
}

function width(name: string, example: string | undefined, type: string): number {
  const sample = type === 'string' ? (example?.length ?? 10) : 8;
  return Math.max(8, Math.min(60, Math.max(name.length + 2, sample + 2)));
}

/**
 * Streams the rows of `batches` into as many sheets as it takes; `cells` gives a row's values in column
 * order. Whether a row is left is known before a sheet is begun, so a table that exactly fills a sheet
 * does not get an empty next one.
 */
export async function writeSheets<T, E>(
  add: AddSheet<E>,
  name: string,
  columns: readonly SheetColumn[],
  batches: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
  cells: (row: T) => readonly unknown[],
  maxRows: number,
): Promise<WrittenSheet<E>[]> {
  const written: WrittenSheet<E>[] = [];
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
      const entry = await add(chunks());
      written.push({ name: sheetName(name).slice(0, 31 - suffix.length) + suffix, range: sheet.range(), entry });
    }
  } finally {
    // A failure on the way leaves no table file open (a no-op once the rows have run out).
    await source.return?.();
  }
  return written;
}

/** A table's sheets, its columns as `scan` found them. */
export async function writeTableSheets<E>(add: AddSheet<E>, dir: string, scan: SheetScan, maxRows: number): Promise<WrittenSheet<E>[]> {
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
  return writeSheets(add, scan.table.name, columns, readTableBatches(dir, scan.table, scan.columns), cells, maxRows);
}
