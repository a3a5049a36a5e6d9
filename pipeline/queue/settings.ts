/**
 * Names, job options and timings of the worker mode, in one place so the README can point here.
 * A few timings can be overridden from the environment; the tests use that to make stall
 * detection and retries fast, and operators can use it to tune for very large files.
 */
import type { JobsOptions, KeepJobs } from 'bullmq';

/** Queue that holds one parse job per distinct document; every `stj worker` consumes it. */
export const PARSE_QUEUE = 'parse';

/** Each import gets its own export queue, consumed only by that import process (see import.ts). */
export const exportQueueName = (runId: string) => `export-${runId}`;

const SECOND = 1;
const DAY = 24 * 60 * 60 * SECOND;

/** Finished parse jobs are the cache that lets a later import skip documents it has seen: keep a week's worth. */
export const KEEP_COMPLETED: KeepJobs = { age: 7 * DAY, count: 10_000 };
/** Failed parse jobs (transient errors that outlived their retries) stay a month for inspection. */
export const KEEP_FAILED: KeepJobs = { age: 30 * DAY, count: 1_000 };

/** Thrown errors (worker crash, Redis hiccup) are retried; a bad document is a completed job with ok:false. */
export const PARSE_ATTEMPTS = 3;

/**
 * Within one transaction, at most this many jobs / this much base64 payload. The importer holds a
 * chunk about three times over while it is sent (the data, its JSON, the command buffer): 8 MB keeps
 * that small, and is still far above where the round trips would cost anything.
 */
export const ENQUEUE_CHUNK_JOBS = 500;
export const ENQUEUE_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Children results read per HSCAN page by the export job: one page is about this many results
 * (tens of KB each) on the importer's heap. STJ_QUEUE_RESULT_PAGE overrides it (tests use 2, to
 * read a handful of children over several pages).
 */
export function resultPageSize(): number {
  return envCount('STJ_QUEUE_RESULT_PAGE', 50);
}

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
  /** Test/benchmark only: busy-wait this long in the processor thread before extracting. */
  simulateCpuMs: number;
}

export function workerTimings(): WorkerTimings {
  return {
    lockDurationMs: envMs('STJ_WORKER_LOCK_MS', 30_000),
    stalledIntervalMs: envMs('STJ_WORKER_STALLED_MS', 30_000),
    backoffMs: envMs('STJ_QUEUE_BACKOFF_MS', 2_000),
    simulateCpuMs: process.env.STJ_WORKER_SIMULATE_CPU_MS ? envMs('STJ_WORKER_SIMULATE_CPU_MS', 0) : 0,
  };
}

/** How often a job may be found stalled (its worker died) before it fails for good. */
export const MAX_STALLED_COUNT = 2;

export function parseJobOptions(jobId: string): JobsOptions {
  return {
    jobId,
    attempts: PARSE_ATTEMPTS,
    backoff: { type: 'exponential', delay: workerTimings().backoffMs },
    // A child that fails for good is recorded on the parent (getIgnoredChildrenFailures) and the
    // parent still runs: the export lists it as failed instead of waiting forever.
    ignoreDependencyOnFailure: true,
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/** An import process that stops refreshing its heartbeat for this long is considered dead. */
export const RUN_HEARTBEAT_TTL_MS = 30_000;
export const RUN_HEARTBEAT_EVERY_MS = 10_000;
