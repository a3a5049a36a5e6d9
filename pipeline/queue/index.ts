/**
 * Worker mode on BullMQ (issue 4). The CLI calls these two functions; everything queue-specific lives in this folder.
 *
 *   import.ts            runQueuedImport: the importer's steps, in order
 *     runs.ts              run registry + heartbeat; removes export queues of imports that died
 *     plan.ts              read + hash inputs; one parse job per distinct (bytes, format)
 *     lookup.ts            what Redis already has: reuse results (spilled at once), adopt or await jobs in flight
 *     enqueue.ts           the flow: export parent + barrier + parse children, in bulk chunks
 *     progress.ts          onProgress from queue events; worker-watch.ts: "no worker" notice
 *     export-worker.ts     the importer's own worker for its export queue
 *     collect-results.ts   children results (HSCAN pages) / ignored failures / awaited jobs → results
 *     import-results.ts    results → one spilled outcome per input (SpillStore), then the streaming writeDataset
 *     outcomes.ts          failures and relabelling for those outcomes
 *   worker.ts            runWorker: parse jobs in worker threads (processor-file.ts → parse-processor.ts → process-parse-job.ts)
 *   job-data.ts          job id, name (program version), payload and result schemas at the Redis boundary
 *   connection.ts        ioredis clients (maxRetriesPerRequest: null), fail-fast connect
 *   settings.ts          queue names, retries, retention, timings (STJ_WORKER_* / STJ_QUEUE_* overrides)
 */
import type { ExportOptions } from '../export/write-exports.js';
import type { InputOutcome } from '../stages.js';

export interface QueueOptions {
  redisUrl: string;
  /** Key prefix so several datasets can share one Redis. */
  prefix: string;
}

export interface QueuedImportOptions extends QueueOptions {
  outDir: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Failed outcomes for paths collect-inputs could not use (problemOutcomes(problems)); written after
   * the inputs' outcomes, exactly as the embedded mode does, so both modes write the same manifest.
   */
  problemOutcomes?: InputOutcome[];
  /** Codebook/xlsx/overview options and the CSV dialect (pipeline/export/write-exports.ts). */
  exportOptions?: ExportOptions;
}

export interface WorkerOptions extends QueueOptions {
  concurrency: number;
}

export { runQueuedImport } from './import.js';
export { runWorker } from './worker.js';
