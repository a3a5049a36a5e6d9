/**
 * Row-at-a-time writers for the streaming export: rows are encoded in batches (one call of the
 * stringifier per few hundred rows, one write per batch: a stream step per row cost more than the
 * encoding itself) and write(row) waits only when the file stream's buffer is full, so a dataset of
 * millions of rows flows to disk at the disk's pace instead of queueing in memory.
 * The bytes are those of writeCsv / writeJsonl (same stringifier options, same line builder).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvText } from './write-csv.js';
import { Utf8Builder } from './utf8-builder.js';
import { jsonLine } from './write-jsonl.js';

export interface RowSink<Row extends object> {
  write(row: Row): Promise<void>;
  /** Flushes and closes; rejects with the first write error. */
  end(): Promise<void>;
  /** After a failure elsewhere: stop without flushing. */
  destroy(): void;
}

/** Rows per encoded batch: large enough to amortise the per-call cost, small enough to stay a few hundred KB. */
const BATCH_ROWS = 256;
/**
 * How much encoded text may wait for the disk before write(row) waits. Node's default (16 KB) is
 * smaller than one batch, so every batch waited for its write to finish and the encoding stood
 * still meanwhile; at 1 MiB the next batches are encoded while the file catches up, and memory
 * stays bounded all the same.
 */
const BUFFERED_BYTES = 1 << 20;
const READY = Promise.resolve();

/** An ordered text file written a piece at a time: write(text) waits only when BUFFERED_BYTES wait for the disk. */
export interface TextSink {
  write(text: string | Uint8Array): Promise<void>;
  /** Flushes and closes; rejects with the first write error. */
  end(): Promise<void>;
  /** After a failure elsewhere: stop without flushing. */
  destroy(): void;
}

export function textSink(filePath: string): TextSink {
  const file: WriteStream = createWriteStream(filePath, { flags: 'wx', highWaterMark: BUFFERED_BYTES });
  // 'close', not 'finish': the file is renamed next, which should happen after its descriptor is closed.
  const done = once(file, 'close').then(() => undefined);
  // Observed by end(); a failure before then must not surface as an unhandled rejection.
  done.catch(() => {});
  return {
    async write(text) {
      if (text.length > 0 && !file.write(text)) await Promise.race([once(file, 'drain'), done]);
    },
    async end() {
      file.end();
      await done;
    },
    destroy() {
      file.destroy();
    },
  };
}

function batchingSink<Row extends object>(filePath: string, encode: (rows: Row[], first: boolean) => string | Uint8Array): RowSink<Row> {
  const file = textSink(filePath);
  let batch: Row[] = [];
  let first = true;
  const flush = async (): Promise<void> => {
    const text = encode(batch, first);
    first = false;
    batch = [];
    await file.write(text);
  };
  return {
    write(row) {
      batch.push(row);
      return batch.length >= BATCH_ROWS ? flush() : READY;
    },
    async end() {
      // A table without rows still gets its header.
      if (batch.length > 0 || first) await flush();
      await file.end();
    },
    destroy() {
      file.destroy();
    },
  };
}

export function csvSink<Row extends object>(filePath: string, columns: readonly (keyof Row & string)[]): RowSink<Row> {
  return batchingSink<Row>(filePath, (rows, first) => csvText(columns, rows, first));
}

export function jsonlSink<Row extends object>(filePath: string, columns: readonly (keyof Row & string)[]): RowSink<Row> {
  // Each line encoded on its own (utf8-builder.ts says why); take() copies, so the buffer is reused at once.
  const bytes = new Utf8Builder(64 * 1024);
  return batchingSink<Row>(filePath, (rows) => {
    for (const row of rows) bytes.add(jsonLine(columns, row));
    return bytes.take();
  });
}
