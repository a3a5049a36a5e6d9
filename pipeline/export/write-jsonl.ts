/**
 * JSON Lines: one object per line, keys in schema column order (so files diff cleanly across runs),
 * null for empty, a trailing newline after the last row.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function writeJsonl<Row extends object>(
  filePath: string,
  columns: readonly (keyof Row & string)[],
  rows: Iterable<Row>,
): Promise<void> {
  await pipeline(Readable.from(jsonLines(columns, rows)), createWriteStream(filePath, { flags: 'wx' }));
}

export function* jsonLines<Row extends object>(columns: readonly (keyof Row & string)[], rows: Iterable<Row>): Generator<string> {
  for (const row of rows) yield jsonLine(columns, row);
}

export function jsonLine<Row extends object>(columns: readonly (keyof Row & string)[], row: Row): string {
  const ordered: Record<string, unknown> = {};
  for (const column of columns) ordered[column] = row[column] ?? null;
  return JSON.stringify(ordered) + '\n';
}
