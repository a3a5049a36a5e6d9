/**
 * The worker for one import's export queue, run by the import process itself. It serves two jobs:
 * the `barrier` child, which completes once every parse child has been added (so the parent cannot
 * run early), and the `export` parent, which runs when all children have ended and writes the dataset.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DatasetSummary } from '../export/write-dataset.js';
import { BARRIER_JOB, EXPORT_JOB } from './enqueue.js';
import { exportQueueName } from './settings.js';

/** Only this process works on its export queue, so its lock can be long: nobody else would take over. */
const EXPORT_LOCK_MS = 10 * 60_000;

export interface ExportWorker {
  /** Settles with the export job: the summary writeDataset returned, or the error that failed it. */
  done: Promise<DatasetSummary>;
  /** force: do not wait for the job in hand (an interrupted import). */
  close(force?: boolean): Promise<void>;
}

export function startExportWorker(
  client: Redis,
  prefix: string,
  runId: string,
  enqueued: Promise<unknown>,
  exportDataset: (parent: Job) => Promise<DatasetSummary>,
): ExportWorker {
  let resolve!: (summary: DatasetSummary) => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<DatasetSummary>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  done.catch(() => {}); // awaited by the import; never an unhandled rejection

  const worker = new Worker(
    exportQueueName(runId),
    async (job: Job) => {
      if (job.name === BARRIER_JOB) {
        await enqueued;
        return null;
      }
      if (job.name !== EXPORT_JOB) throw new Error(`unexpected job "${job.name}" in an export queue`);
      const summary = await exportDataset(job);
      resolve(summary);
      return { inputs: summary.inputs, reports: summary.reports, findings: summary.findings };
    },
    { connection: client, prefix, concurrency: 1, lockDuration: EXPORT_LOCK_MS },
  );
  worker.on('failed', (job, error) => {
    if (job?.name === EXPORT_JOB) reject(error);
  });
  worker.on('error', () => {}); // connection trouble: ioredis reconnects and BullMQ carries on
  return { done, close: (force = false) => worker.close(force) };
}
