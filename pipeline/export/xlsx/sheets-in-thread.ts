/**
 * The workbook thread's side of sheets-thread.ts: starts it and hands over its tables' sheets one table
 * at a time, in the order it writes them. The thread's error, or its end before every table came,
 * rejects the wait for the next table.
 */
import { spawnWorker, programModule } from '../../spawn-worker.js';
import type { FiledEntry } from './entry-file.js';
import type { WrittenSheet } from './table-sheets.js';

/** One table's sheets, deflated into the entry file. */
export interface MadeTable {
  table: string;
  sheets: WrittenSheet<FiledEntry>[];
}

export interface SheetsThread {
  /** The next table's sheets; rejects when the thread failed or ended without it. */
  next(): Promise<MadeTable>;
  /** Ends the thread (a no-op once it has exited): before its entry file is removed. */
  stop(): Promise<void>;
  /** Settles with the thread's failure as soon as it fails (an error, or an exit code other than 0); never otherwise. */
  failed: Promise<Error>;
}

export function sheetsInThread(dir: string, file: string, tables: readonly string[], maxRows?: number): SheetsThread {
  const thread = spawnWorker(programModule('export/xlsx/sheets-thread'), { workerData: { dir, file, tables: [...tables], maxRows } });
  const made: MadeTable[] = [];
  let failure: Error | null = null;
  let exited = false;
  /** Set by stop(): the exit code 1 of a terminated thread is no failure of its own. */
  let stopping = false;
  let wake: (() => void) | null = null;
  let reportFailure: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));
  const notify = () => {
    if (failure) reportFailure(failure);
    wake?.();
    wake = null;
  };
  thread.on('message', (table: MadeTable) => {
    made.push(table);
    notify();
  });
  thread.once('error', (error) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    notify();
  });
  thread.once('exit', (code) => {
    exited = true;
    // Stopped on purpose (the workbook thread failed first): its own error is the one to report.
    if (code !== 0 && !stopping) failure ??= new Error(`the sheets thread exited with code ${code}`);
    notify();
  });
  return {
    failed,
    async next() {
      for (;;) {
        // A failure wins over tables still queued: the package is not finished anyway.
        if (failure) throw failure;
        const table = made.shift();
        if (table) return table;
        if (exited) throw new Error('the sheets thread ended before all its tables were written');
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async stop() {
      stopping = true;
      if (!exited) await thread.terminate();
    },
  };
}
