/**
 * Worker mode on BullMQ. The CLI calls these two functions; everything queue-specific lives in this folder.
 *
 *   import.ts            runQueuedImport: the importer's steps, in order
 *     runs.ts              run registry + heartbeat; result list per run; forgets imports that died
 *     plan.ts              read + hash inputs; one document per distinct (bytes, format); sent largest first
 *     dispatch.ts          the window: documents → batched parse jobs, results drained, failures and losses noticed, deadlines
 *     import-results.ts    results → one spilled outcome per input (SpillStore), then the streaming writeDataset
 *     outcomes.ts          failures and relabelling for those outcomes
 *     worker-watch.ts      "no worker" notice
 *   worker.ts            runWorker: parse jobs → extraction-pool.ts (threads with heap limit and time budget, parse-thread.ts)
 *   job-data.ts          document key, job name (program version), job data and result schemas at the Redis boundary
 *   connection.ts        ioredis clients, fail-fast connect; redis-url.ts: URL check and redaction
 *   settings.ts          queue names, window, batches, retries, timings (STJ_WORKER_* / STJ_QUEUE_* overrides)
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
  /** Documents in Redis at once (settings.DEFAULT_WINDOW_DOCUMENTS). */
  window?: number;
  /** Give up after this many seconds without progress or without Redis (settings.DEFAULT_IDLE_TIMEOUT_S). */
  idleTimeoutS?: number;
  /** Tests: called with the documents in flight after every change. */
  onInFlight?: (documents: number) => void;
}

export interface WorkerOptions extends QueueOptions {
  concurrency: number;
  /** --file-timeout: one document's time budget (default settings.workerTimings, as the embedded pool's). */
  documentTimeoutMs?: number;
  /** --max-thread-mb: heap of one extraction thread. */
  threadMemoryMb?: number;
}

export { runQueuedImport } from './import.js';
export { runWorker } from './worker.js';
export { IncompleteImport } from './dispatch.js';
