/**
 * Names, job options, sizes and timings of the worker mode, in one place so the README can point here.
 * A few can be overridden from the environment; the tests use that to make stall detection, retries
 * and the give-up deadline fast, and operators can use it to tune for very large files.
 */
import type { JobsOptions } from 'bullmq';

/** Queue that holds the parse jobs of every import under a prefix; every `stj worker` consumes it. */
export const PARSE_QUEUE = 'parse';

/**
 * Documents in Redis at once for one import (queued, being parsed, or parsed and not yet drained by
 * the importer): what bounds Redis' memory, whatever the batch. `--window` sets it.
 */
export const DEFAULT_WINDOW_DOCUMENTS = 256;

/**
 * The same bound in bytes of documents (base64): 256 legacy PDFs of 2 MB would otherwise be 700 MB
 * of Redis. A single document larger than this is still sent, alone. STJ_QUEUE_WINDOW_MB overrides it.
 */
export function windowBytes(): number {
  return envCount('STJ_QUEUE_WINDOW_MB', 24) * 1024 * 1024;
}

/**
 * Documents per parse job. A job costs a few Redis round trips and a lock renewal whatever its size,
 * so small text reports travel in batches; a batch is also capped in bytes, and kept small enough that
 * an import makes at least ~32 jobs (or, with a small window, 8 in flight), so every worker gets a
 * share and no worker is left with a long tail of CPU-heavy PDFs while the others idle.
 */
export const MAX_BATCH_DOCUMENTS = 16;
export const MAX_BATCH_BYTES = 512 * 1024;
export function batchDocuments(window: number, documents: number): number {
  // STJ_QUEUE_BATCH: a fixed batch size (tests use it to put several documents in one job of a small import).
  if (process.env.STJ_QUEUE_BATCH) return Math.min(envCount('STJ_QUEUE_BATCH', 1), Math.max(1, window));
  return Math.max(1, Math.min(MAX_BATCH_DOCUMENTS, Math.floor(window / 8), Math.floor(documents / 32)));
}

/**
 * How long the importer waits while no worker makes progress (no result arrives and no worker holds
 * one of its jobs) or Redis does not answer, before it ends with exit code 3. `--idle-timeout` sets it.
 */
export const DEFAULT_IDLE_TIMEOUT_S = 600;

/** Exit code of an import that stopped before it could write a dataset (no worker, Redis gone). */
export const EXIT_INCOMPLETE = 3;

/** How often the importer looks at its unfinished jobs (failed for good? lost by a Redis restart?). */
export const CHECK_EVERY_MS = 500;

/** Parse results wait in Redis at most this long for an importer that vanished (kill -9). */
export const RESULTS_TTL_MS = 60 * 60_000;

/** Thrown errors (a version mismatch, a worker killed mid-job, Redis trouble) are retried; a bad document is a result. */
export const PARSE_ATTEMPTS = 3;

/** How often a job may be found stalled (its worker died, its data unreadable) before it fails for good. */
export const MAX_STALLED_COUNT = 2;

/** A document whose extraction thread crashed (out of memory, a native crash) is tried this often in a fresh thread. */
export const THREAD_ATTEMPTS = 2;

/**
 * Environment overrides are whole numbers; a bad value is an error that names the variable.
 */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function envMs(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`);
  return Math.round(value);
}

export interface WorkerTimings {
  /** How long a job's lock lives without renewal; a killed worker's jobs are free again after this. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired (jobs of a killed worker). */
  stalledIntervalMs: number;
  /** First retry delay; doubles per attempt. Read by the importer (job options travel with the job). */
  backoffMs: number;
  /** Time budget of one document's extraction; past it the thread is stopped and the document fails as timeout (--file-timeout; the embedded default). */
  documentTimeoutMs: number;
  /** Heap of one extraction thread; a document that needs more fails as too_large and the worker lives on (--max-thread-mb). */
  threadMemoryMb: number;
  /** Test/benchmark only: busy-wait this long in the extraction thread before extracting. */
  simulateCpuMs: number;
}

export function workerTimings(): WorkerTimings {
  return {
    lockDurationMs: envMs('STJ_WORKER_LOCK_MS', 30_000),
    stalledIntervalMs: envMs('STJ_WORKER_STALLED_MS', 30_000),
    backoffMs: envMs('STJ_QUEUE_BACKOFF_MS', 2_000),
    documentTimeoutMs: envMs('STJ_WORKER_DOCUMENT_TIMEOUT_MS', 120_000),
    threadMemoryMb: envCount('STJ_WORKER_THREAD_MB', 2_048),
    simulateCpuMs: process.env.STJ_WORKER_SIMULATE_CPU_MS ? envMs('STJ_WORKER_SIMULATE_CPU_MS', 0) : 0,
  };
}

/**
 * Parse jobs leave nothing behind: the result travels through the run's result list (the
 * importer drains it into its spill file) and the finished job is removed at once. A job that
 * failed for good is kept until the importer has read its reason (it then removes it); failed
 * jobs of an importer that vanished go after a day.
 */
export function parseJobOptions(jobId: string): JobsOptions {
  return {
    jobId,
    attempts: PARSE_ATTEMPTS,
    backoff: { type: 'exponential', delay: workerTimings().backoffMs },
    removeOnComplete: true,
    removeOnFail: { age: 24 * 60 * 60, count: 1_000 },
  };
}

/** Events BullMQ keeps in its stream (`<prefix>:parse:events`); they are small (no results), and nothing reads them back. */
export const EVENTS_MAX_LEN = 1_000;

/** An import process that stops refreshing its heartbeat for this long is considered dead. */
export const RUN_HEARTBEAT_TTL_MS = 30_000;
export const RUN_HEARTBEAT_EVERY_MS = 10_000;
