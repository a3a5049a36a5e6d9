/**
 * Row-at-a-time writers for the streaming export: write(row) resolves once the stream can take more,
 * so a dataset of millions of rows flows to disk at the disk's pace instead of queueing in memory.
 * The bytes are those of writeCsv / writeJsonl (same stringifier, same line builder).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvStringifier } from './write-csv.js';
import { jsonLine } from './write-jsonl.js';

export interface RowSink<Row extends object> {
  write(row: Row): Promise<void>;
  /** Flushes and closes; rejects with the first write error. */
  end(): Promise<void>;
  /** After a failure elsewhere: stop without flushing. */
  destroy(): void;
}

function sink<Row extends object>(head: Writable, done: Promise<void>, encode: (row: Row) => unknown): RowSink<Row> {
  // Observed by end(); a failure before then must not surface as an unhandled rejection.
  done.catch(() => {});
  return {
    async write(row) {
      if (!head.write(encode(row))) await Promise.race([once(head, 'drain'), done]);
    },
    async end() {
      head.end();
      await done;
    },
    destroy() {
      head.destroy();
    },
  };
}

export function csvSink<Row extends object>(filePath: string, columns: readonly (keyof Row & string)[]): RowSink<Row> {
  const stringifier = csvStringifier(columns);
  return sink<Row>(stringifier, pipeline(stringifier, createWriteStream(filePath, { flags: 'wx' })), (row) => row);
}

export function jsonlSink<Row extends object>(filePath: string, columns: readonly (keyof Row & string)[]): RowSink<Row> {
  const file = createWriteStream(filePath, { flags: 'wx' });
    // 'close', not 'finish': the file is renamed next, which should happen after its descriptor is closed.
  return sink<Row>(file, once(file, 'close').then(() => undefined), (row) => jsonLine(columns, row));
}
