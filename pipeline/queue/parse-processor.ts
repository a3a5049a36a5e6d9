/**
 * BullMQ sandboxed processor for parse jobs. The worker (worker.ts) runs this file in worker threads,
 * so a CPU-heavy document blocks only its thread while the worker's main thread keeps renewing
 * job locks. The default export is what BullMQ calls.
 */
import type { SandboxedJob } from 'bullmq';
import type { ExtractionResult } from '../../extractors/model.js';
import { processParseJob } from './process-parse-job.js';
import { workerTimings } from './settings.js';

const { simulateCpuMs } = workerTimings();

export default async function parseProcessor(job: SandboxedJob): Promise<ExtractionResult> {
  return processParseJob(job, undefined, simulateCpuMs);
}
