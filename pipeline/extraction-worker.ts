/**
 * Worker thread body for the embedded pool (run-embedded.ts): read one file, extract it, check the
 * result against the schema, post it. Reading happens here rather than in the main thread so large
 * files never sit in the main heap and no bytes are copied across the thread boundary. The schema
 * check and the serialisation happen here too, in parallel, rather than one result after another on
 * the main thread; the report crosses as one JSON string (one copy instead of a structured clone of
 * thousands of objects, and exactly what the pool spills to disk).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { inputLimits, megabytes, setInputLimits, type InputLimits } from '../extractors/input/limits.js';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractionResult, FailureCode } from '../extractors/model.js';
import { describeFsError } from './fs-errors.js';
import { replyFor, type WorkerJob } from './worker-reply.js';

export type { WorkerJob, WorkerReply } from './worker-reply.js';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export async function processJob(job: WorkerJob): Promise<ExtractionResult> {
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: this thread runs one job at a time and has nothing else to do while
    // it waits, and the async read costs four thread-pool round trips per file.
    // A file over the size limit is never read into memory (extractReport checks the bytes too).
    const { size } = statSync(job.absolutePath);
    const limit = inputLimits().maxFileBytes;
    if (size > limit) return failed(job.relativePath, EMPTY_SHA256, 'too_large', `file too large: ${megabytes(size)} is over the limit of ${megabytes(limit)} (--max-file-mb)`);
    bytes = readFileSync(job.absolutePath);
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
  code: FailureCode,
  message: string,
): ExtractionResult {
  return { ok: false, fileName, bytesSha256, failure: { code, message } };
}


if (parentPort) {
  const port = parentPort;
  // The pool passes the command line's limits to every thread it starts.
  const limits = (workerData as { limits?: Partial<InputLimits> } | null)?.limits;
  if (limits) setInputLimits(limits);
  // One job after another, never interleaved: the pool hands out two at a time (run-embedded.ts) and
  // counts on the oldest unanswered job being the one in progress if this thread dies.
  let queue = Promise.resolve();
  port.on('message', (job: WorkerJob) => {
    queue = queue.then(async () => {
      let reply;
      try {
        reply = replyFor(job, await processJob(job));
      } catch (error) {
        // Serialising can still fail (a result beyond V8's string limit): that file fails, the queue goes on.
        const message = `extraction result could not be sent: ${error instanceof Error ? error.message : String(error)}`;
        reply = replyFor(job, failed(job.relativePath, EMPTY_SHA256, 'internal_error', message));
      }
      port.postMessage(reply);
    });
  });
}
