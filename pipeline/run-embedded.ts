/**
 * Embedded run mode: a worker_threads pool that runs extractReport on every input on this machine.
 * Extraction is CPU-bound (PDF text layers, table parsing), so threads rather than async concurrency.
 * runEmbedded returns outcomes in input order whatever order the threads finish in; runEmbeddedToStore
 * hands each result to a SpillStore as it arrives (assembly sorts by path, so arrival order never
 * reaches the dataset). The main thread only routes: threads check and serialise their own results.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { sha256Hex } from '../extractors/content-key.js';
import type { ExtractedReport, ExtractionResult } from '../extractors/model.js';
import { EMPTY_SHA256 } from './collect-inputs.js';
import { replySchema, type WorkerJob, type WorkerReply } from './worker-reply.js';
import { headOf, SpillStore } from './outcome-store.js';
import type { InputLimits } from '../extractors/input/limits.js';
import type { FailureCode } from '../extractors/model.js';
import type { CollectedInput, InputOutcome } from './stages.js';
import {
  DEFAULT_FILE_TIMEOUT_MS,
  DEFAULT_THREAD_MEMORY_MB,
  defaultWorkerScript,
  spawnThread,
  threadOptions,
  type EarlyThread,
  type ThreadSettings,
} from './extraction-thread.js';

export { DEFAULT_FILE_TIMEOUT_MS, DEFAULT_THREAD_MEMORY_MB };

export interface EmbeddedOptions {
  /** Worker threads; default os.availableParallelism(), never more than there are inputs. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Replaces the worker script; only tests use this, to simulate a crashing worker. */
  workerScript?: URL;
  /** Per-file time budget: a thread still on one file after this long is terminated and replaced, and the file fails as timeout. */
  fileTimeoutMs?: number;
  /** Heap limit of each worker thread (resourceLimits): a file that needs more fails as too_large; the process lives on. */
  threadMemoryMb?: number;
  /** Size, inflation and depth limits, set in every worker thread (extractors/input/limits.ts). */
  limits?: Partial<InputLimits>;
  /**
   * A thread started ahead (the command line starts one before loading the pool): the pool's first
   * thread if it runs the default worker script with the same settings. The pool ends it when it
   * does not adopt it; the caller disposes of it when the pool never runs.
   */
  earlyThread?: EarlyThread;
}

/**
 * Jobs handed to one thread at a time. With one, a thread sat idle for every round trip through the
 * main thread (reply, bookkeeping, next job); with two it starts the next file at once. The thread
 * works through its jobs in order, so the oldest unanswered job is the one it was on if it dies.
 */
const JOBS_IN_HAND = 2;

/** How long the pool waits for its first thread's first answer before starting the others regardless. */
const INITIAL_GROW_MS = 10_000;

interface Slot {
  worker: Worker;
  /** Posted and not yet answered, oldest first. */
  jobs: WorkerJob[];
  /** Set by 'error' so the 'exit' that follows can say why the thread died. */
  lastError: string | null;
  lastErrorCode: string | null;
  /** When the thread started its oldest unanswered job (the one it is on). */
  startedAt: number;
  /** Terminated by the time budget: the exit that follows fails its job as timeout. */
  timedOut: boolean;
}

/** One result as the pool delivers it: the head, and for a parsed report its JSON. */
type Delivery = Pick<WorkerReply, 'head' | 'reports'>;

/** All outcomes in memory, in input order: small runs and tests. */
export async function runEmbedded(inputs: CollectedInput[], options: EmbeddedOptions = {}): Promise<InputOutcome[]> {
  const results: ExtractionResult[] = new Array(inputs.length);
  await runPool(inputs, options, (id, { head, reports }) => {
    results[id] = head.ok ? { ok: true, reports: reports!.map((json) => JSON.parse(json) as ExtractedReport) } : head.failure;
  });
  return inputs.map((input, id) => ({ input, result: results[id]! }));
}

/**
 * Large runs: each report body goes to a spill file in spillDir as it arrives, so the main heap
 * holds only the heads. The caller passes the store to writeDataset and closes it afterwards.
 */
export async function runEmbeddedToStore(inputs: CollectedInput[], spillDir: string, options: EmbeddedOptions = {}): Promise<SpillStore> {
  const store = new SpillStore(spillDir);
  try {
    await runPool(inputs, options, (id, { head, reports }) => store.addSerialized(inputs[id]!, head, reports));
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}

async function runPool(inputs: CollectedInput[], options: EmbeddedOptions, deliver: (id: number, delivery: Delivery) => void): Promise<void> {
  const total = inputs.length;
  const delivered: boolean[] = new Array(total).fill(false);
  options.onProgress?.(0, total);
  const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const memoryMb = options.threadMemoryMb ?? DEFAULT_THREAD_MEMORY_MB;
  const settings: ThreadSettings = { memoryMb, limits: options.limits ?? {} };
  // The early thread serves only the default worker script; a pool with nothing to do ends it.
  let early = total > 0 && options.workerScript === undefined ? options.earlyThread?.adopt(settings) ?? null : null;
  options.earlyThread?.dispose();
  if (total === 0) return;
  // A thread's start-up, which the pool weighs before adding threads, counts from when the first one started.
  const firstThreadStart = early ? options.earlyThread!.startedAt : Date.now();

  const threads = Math.max(1, Math.min(total, Math.floor(options.threads ?? availableParallelism())));
  const script = options.workerScript ?? defaultWorkerScript();
  const workerOptions = threadOptions(settings);
  let next = 0;
  let done = 0;
  /** Jobs a crashed thread held but had not started: handed out again before new ones. */
  const retry: WorkerJob[] = [];

  await new Promise<void>((resolve, reject) => {
    const slots = new Set<Slot>();

    // deliver may write to disk (the spill store): if it fails (disk full), the run stops with that error.
    let aborted = false;
    // One timer for the pool rather than one per job: it looks at each thread's current file.
    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const slot of slots) {
        if (slot.jobs.length > 0 && !slot.timedOut && now - slot.startedAt > timeoutMs) {
          slot.timedOut = true;
          void slot.worker.terminate();
        }
      }
    }, Math.max(10, Math.min(1000, timeoutMs / 4)));
    watchdog.unref();
    let growTimer: NodeJS.Timeout | undefined;
    const stopWatchdog = () => {
      clearInterval(watchdog);
      clearTimeout(growTimer);
    };

    // The pool starts with one thread and adds the others only once the work left is worth a
    // thread's start-up (loading the extractor costs a thread about as much as a hundred text
    // reports): a handful of files never pays for threads that would only load and exit. The output
    // does not depend on the number of threads, so neither does it on when they start.
    const poolStart = firstThreadStart;
    let replies = 0;
    let firstReplyAt = 0;
    let grown = threads === 1;
    const pending = () => total - next + retry.length;
    const grow = () => {
      if (grown || aborted) return;
      grown = true;
      clearTimeout(growTimer);
      if (pending() === 0) return;
      for (let i = slots.size; i < threads; i++) dispatch(spawn());
    };
    const considerGrowing = () => {
      if (grown) return;
      replies++;
      const now = Date.now();
      const startup = Math.max(1, (firstReplyAt || now) - poolStart);
      if (replies === 1) {
        firstReplyAt = now;
        clearTimeout(growTimer);
        // A next file that takes longer than a thread's start-up: the others are worth starting now.
        growTimer = setTimeout(grow, startup);
        growTimer.unref();
        return;
      }
      const perFile = (now - firstReplyAt) / (replies - 1);
      if (pending() * perFile > startup) grow();
    };
    const abort = (error: unknown) => {
      aborted = true;
      stopWatchdog();
      const closing = [...slots].map((s) => s.worker.terminate());
      slots.clear();
      void Promise.allSettled(closing).then(() => reject(error));
    };

    const finish = (slot: Slot, job: WorkerJob, result: Delivery) => {
      if (delivered[job.id] || aborted) return;
      delivered[job.id] = true;
      try {
        deliver(job.id, result);
      } catch (error) {
        abort(error);
        return;
      }
      done++;
      options.onProgress?.(done, total);
      if (done === total) {
        stopWatchdog();
        // Every result is in: the threads are told to end, and the run goes on without waiting for them
        // to be gone (tens of ms per thread, which the export would otherwise wait for). Their exit
        // events find no slot and are ignored.
        for (const s of slots) s.worker.terminate().catch(() => undefined);
        slots.clear();
        resolve();
      }
    };

    const dispatch = (slot: Slot) => {
      while (slot.jobs.length < JOBS_IN_HAND && (retry.length > 0 || next < total)) {
        let job = retry.shift();
        if (!job) {
          const id = next++;
          const input = inputs[id]!;
          job = { id, absolutePath: input.absolutePath, relativePath: input.relativePath };
        }
        if (slot.jobs.length === 0) slot.startedAt = Date.now();
        slot.jobs.push(job);
        slot.worker.postMessage(job);
      }
    };

    const spawn = () => {
      const worker = early ?? spawnThread(script, workerOptions);
      early = null;
      const slot: Slot = { worker, jobs: [], lastError: null, lastErrorCode: null, startedAt: Date.now(), timedOut: false };
      slots.add(slot);
      slot.worker.on('message', (reply: WorkerReply) => {
        const index = slot.jobs.findIndex((j) => j.id === reply?.id);
        if (index < 0) return;
        const [job] = slot.jobs.splice(index, 1);
        // The thread goes straight on to its next job: that one's time starts now.
        slot.startedAt = Date.now();
        finish(slot, job!, checkReply(reply, job!));
        considerGrowing();
        if (slots.has(slot)) dispatch(slot);
      });
      slot.worker.on('error', (error) => {
        slot.lastError = error instanceof Error ? error.message : String(error);
        slot.lastErrorCode = (error as { code?: unknown } | null)?.code?.toString() ?? null;
      });
      slot.worker.on('exit', (code) => {
        if (!slots.has(slot)) return; // terminated by us after the last result
        slots.delete(slot);
        const [job, ...unstarted] = slot.jobs;
        slot.jobs = [];
        retry.unshift(...unstarted);
        if (job) finish(slot, job, crashFailure(slot, job, code, timeoutMs, memoryMb));
        // Keep the pool at strength while work remains, so one bad file does not slow the batch.
        if (aborted) return;
        if (done < total && (next < total || retry.length > 0)) dispatch(spawn());
        else if (done < total && slots.size === 0) {
          // Unreachable unless a reply got lost: fail what is left rather than wait forever.
          for (let id = 0; id < total; id++) {
            if (!delivered[id]) {
              const input = inputs[id]!;
              const orphan = { id, absolutePath: input.absolutePath, relativePath: input.relativePath };
              finish(slot, orphan, internalError(orphan, 'lost by the extraction pool'));
            }
          }
        }
      });
      return slot;
    };

    dispatch(spawn());
    // No answer at all for a while (a first file that hangs or is slow): start the others anyway.
    if (!grown) {
      growTimer = setTimeout(grow, INITIAL_GROW_MS);
      growTimer.unref();
    }
  });

}

/**
 * The worker checked the result against the full schema (extraction-worker.ts); here only the
 * envelope is checked, so a worker script that sends something else fails its file, not the run.
 */
function checkReply(raw: unknown, job: WorkerJob): Delivery {
  const parsed = replySchema.safeParse(raw);
  if (parsed.success && (parsed.data.head.ok ? parsed.data.reports?.length === parsed.data.head.reports.length : parsed.data.reports === undefined)) return parsed.data;
  const issue = parsed.success ? { path: ['reports'], message: 'report bodies missing, unexpected or not one per report' } : parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return internalError(job, `extraction returned an invalid result${where}: ${issue?.message ?? 'unknown issue'}`);
}

/** Why a thread's current file was lost: the time budget, the memory limit, or a crash. */
function crashFailure(slot: Slot, job: WorkerJob, exitCode: number, timeoutMs: number, memoryMb: number): Delivery {
  if (slot.timedOut) return poolFailure(job, 'timeout', `extraction took longer than ${timeoutMs / 1000} s (--file-timeout) and was stopped`);
  if (slot.lastErrorCode === 'ERR_WORKER_OUT_OF_MEMORY') {
    return poolFailure(job, 'too_large', `extraction needed more than the ${memoryMb} MB a worker thread may use (--max-thread-mb) and was stopped`);
  }
  return internalError(job, `extraction worker crashed: ${slot.lastError ?? `exit code ${exitCode}`}`);
}

function internalError(job: WorkerJob, message: string): Delivery {
  return poolFailure(job, 'internal_error', message);
}

function poolFailure(job: WorkerJob, code: FailureCode, message: string): Delivery {
  // The worker that read the bytes is gone; hash them here so the manifest still names the file's content.
  let bytesSha256 = EMPTY_SHA256;
  try {
    // Not for a file over the size limit (it may be gigabytes): its hash stays "not known".
    if (code !== 'too_large') bytesSha256 = sha256Hex(readFileSync(job.absolutePath));
  } catch {
    // Unreadable now as well: the empty-input hash marks "not known".
  }
  return { head: headOf({ ok: false, fileName: job.relativePath, bytesSha256, failure: { code, message } }) };
}
