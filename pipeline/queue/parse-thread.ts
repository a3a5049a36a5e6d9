/**
 * Body of one extraction thread of a `stj worker` (extraction-pool.ts): decode one document, check it
 * is the one its hash names, extract it, check the result against the schema and serialise it, as the
 * embedded mode's threads do (worker-reply.ts). It runs with a heap limit, so a document that needs
 * too much memory ends this thread, not the worker process.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { setInputLimits, type InputLimits } from '../../extractors/input/limits.js';
import { extractReport } from '../../extractors/extract-report.js';
import { ExtractionFailure, type ExtractionResult } from '../../extractors/model.js';
import { replyFor } from '../worker-reply.js';
import type { ThreadReply, ThreadTask } from './extraction-pool.js';
import { hostileTestTrigger } from './test-triggers.js';

export async function extractTask(task: ThreadTask): Promise<ExtractionResult> {
  const bytes = Buffer.from(task.base64, 'base64');
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== task.sha256) {
    return { ok: false, fileName: task.fileName, bytesSha256: task.sha256, failure: { code: 'internal_error', message: `payload damaged in transit: sha256 ${actual} instead of ${task.sha256}` } };
  }
  if (task.simulateCpuMs > 0) busyWait(task.simulateCpuMs);
  hostileTestTrigger(task.fileName);
  try {
    return await extractReport(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), task.fileName);
  } catch (error) {
    // extractReport reports bad input as a result; should one slip through as an exception it is still final.
    const code = error instanceof ExtractionFailure ? error.code : 'internal_error';
    const message = error instanceof Error ? error.message || error.name : String(error);
    return { ok: false, fileName: task.fileName, bytesSha256: task.sha256, failure: { code, message: code === 'internal_error' ? `extraction crashed: ${message}` : message } };
  }
}

/** Deliberately blocks this thread, standing in for a heavy PDF (tests and the bench). */
function busyWait(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

if (parentPort) {
  const port = parentPort;
  // The worker's limits (its command line or STJ_MAX_*_MB), passed as the embedded pool passes them.
  const limits = (workerData as { limits?: Partial<InputLimits> } | null)?.limits;
  if (limits) setInputLimits(limits);
  // Loaded and ready: the pool starts a document's time budget only now, not while modules load.
  port.postMessage({ ready: true });
  // One document after another, never interleaved (a PDF's parse awaits): the pool sends the next
  // before this one is answered (extraction-pool.ts) and counts on the oldest unanswered one being the
  // one in progress, for its time budget and if this thread dies.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (task: ThreadTask) => {
    queue = queue.then(() => extractTask(task))
      .then((result) => {
        return replyFor({ id: task.id, absolutePath: '', relativePath: task.fileName }, result);
      })
      .catch((error: unknown) => {
        // Serialising can still fail (a result beyond V8's string limit): that document fails, the thread goes on.
        const message = `extraction result could not be sent: ${error instanceof Error ? error.message : String(error)}`;
        const failure = { ok: false as const, fileName: task.fileName, bytesSha256: task.sha256, failure: { code: 'internal_error' as const, message } };
        return { id: task.id, head: { ok: false as const, failure } };
      })
      .then((reply: ThreadReply) => port.postMessage(reply))
      // Never rejects, so the documents behind this one still run (an unanswered one runs into its time budget).
      .catch(() => undefined);
  });
}
