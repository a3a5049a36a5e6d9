/**
 * CSV as the contract promises: RFC 4180, UTF-8 without BOM, header row, `\n` line ends,
 * null as an empty field, booleans as true/false. Streams, so a large dataset never sits in memory twice.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options, type Stringifier } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

export async function writeCsv<Row extends object>(
  filePath: string,
  columns: readonly (keyof Row & string)[],
  rows: Iterable<Row>,
): Promise<void> {
  await pipeline(Readable.from(rows, { objectMode: true }), csvStringifier(columns), createWriteStream(filePath));
}

/** The one CSV dialect of the dataset, shared by writeCsv and the streaming sinks (row-sink.ts). */
export function csvStringifier(columns: readonly string[]): Stringifier {
  return stringify(csvOptions(columns, true));
}

/** A batch of rows as CSV text, the header first when `header`: the bytes csvStringifier streams. */
export function csvText(columns: readonly string[], rows: readonly object[], header: boolean): string {
  // As arrays in column order: csv-stringify then skips its per-field key lookup (about a third of its
  // time); the columns option still gives the header, and the bytes are the same.
  const records = rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column]));
  return stringifySync(records, csvOptions(columns, header));
}

function csvOptions(columns: readonly string[], header: boolean): Options {
  return {
    header,
    columns: [...columns],
    delimiter: ',',
    quote: '"',
    escape: '"',
    record_delimiter: '\n',
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      // Plain decimal text; the default would also be String(), pinned here so a library change cannot alter it.
      number: (value) => String(value),
    },
  };
}
