/**
 * Worker thread body for the embedded pool (run-embedded.ts): read one file, extract it, post the result.
 * Reading happens here rather than in the main thread so large files never sit in the main heap
 * and no bytes are copied across the thread boundary.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractionResult } from '../extractors/model.js';
import { describeFsError } from './fs-errors.js';

export interface WorkerJob {
  id: number;
  absolutePath: string;
  relativePath: string;
}

export interface WorkerReply {
  id: number;
  /** Checked with extractionResultSchema by the pool: the worker is not trusted to keep the shape. */
  result: unknown;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export async function processJob(job: WorkerJob): Promise<ExtractionResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(job.absolutePath);
  } catch (error) {
    return failed(job.relativePath, EMPTY_SHA256, 'unreadable', `cannot read file: ${describeFsError(error)}`);
  }
  try {
    return await extractReport(bytes, job.relativePath);
  } catch (error) {
    // extractReport promises not to throw; if it does anyway, only this file is lost.
    const sha = createHash('sha256').update(bytes).digest('hex');
    const message = error instanceof Error ? error.message : String(error);
    return failed(job.relativePath, sha, 'internal_error', `extraction crashed: ${message || 'unknown error'}`);
  }
}

function failed(
  fileName: string,
  bytesSha256: string,
  code: 'unreadable' | 'internal_error',
  message: string,
): ExtractionResult {
  return { ok: false, fileName, bytesSha256, failure: { code, message } };
}


if (parentPort) {
  const port = parentPort;
  port.on('message', (job: WorkerJob) => {
    void processJob(job).then((result) => port.postMessage({ id: job.id, result } satisfies WorkerReply));
  });
}
