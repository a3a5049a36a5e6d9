/**
 * `stj worker`: a long-running process that takes parse jobs (batches of documents) from Redis,
 * extracts each document in a thread of its pool (extraction-pool.ts: heap limit, time budget, a
 * crashed thread replaced) and pushes the batch's results onto the importing run's result list.
 * Start any number, on any machine that reaches the Redis. SIGTERM/SIGINT: stop taking jobs,
 * finish the ones in hand, exit; a second signal exits at once (the jobs go back to the queue
 * when their locks expire).
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job, type JobJson } from 'bullmq';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis, messageOf, redactUrl } from './connection.js';
import { inputLimits } from '../../extractors/input/limits.js';
import { ExtractionPool } from './extraction-pool.js';
import type { WorkerOptions } from './index.js';
import { parseJobDataSchema, parseJobName, type ParseJobData } from './job-data.js';
import { readProgramVersion } from '../program-info.js';
import { heartbeatKey, resultsKey } from './runs.js';
import { MAX_STALLED_COUNT, PARSE_QUEUE, RESULTS_TTL_MS, workerTimings } from './settings.js';

export interface RunWorkerHooks {
  /** One line per event; defaults to stderr. */
  log?: (line: string) => void;
}

/**
 * Results onto the run's list and the documents out of the job, in one step: from then on Redis holds
 * each document once (as a result, until the importer drains it), and a worker that dies before the
 * job completes leaves an empty job behind, which completes without work. A job that is gone (failed
 * for good and removed by the importer) is not recreated.
 */
const DELIVER = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'data', ARGV[1]) end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

const JOBS_PER_THREAD = 2;

/** What a job whose stored data could not be read carries into the processor instead. */
const UNREADABLE = '__stjUnreadableJobData';

/**
 * BullMQ parses a job's stored data before the processor sees it; data that is not JSON (damaged in
 * Redis, or written by something else) throws there, the job is never failed, its lock lapses, and
 * stall detection hands it back to the queue for ever. Such a job is given readable stand-in data
 * instead, which the processor fails at once (no retry can repair it) with the reason.
 */
class ParseWorker extends Worker {
  protected override async nextJobFromJobData(jobData?: JobJson, jobId?: string, token?: string): Promise<Job> {
    try {
      return await super.nextJobFromJobData(jobData, jobId, token);
    } catch (error) {
      if (!jobData || !(error instanceof SyntaxError)) throw error;
      jobData.data = JSON.stringify({ [UNREADABLE]: `stored job data is not JSON (${error.message})` });
      return super.nextJobFromJobData(jobData, jobId, token);
    }
  }
}

export async function runWorker(options: WorkerOptions, hooks: RunWorkerHooks = {}): Promise<void> {
  const log = hooks.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const timings = workerTimings();
  const connection = await connectRedis(options.redisUrl, 'worker');
  const pool = new ExtractionPool({
    threads: concurrency,
    documentTimeoutMs: options.documentTimeoutMs ?? timings.documentTimeoutMs,
    threadMemoryMb: options.threadMemoryMb ?? timings.threadMemoryMb,
    // Read now, after the CLI has set them from --max-*-mb (STJ_MAX_*_MB).
    limits: { ...inputLimits() },
    simulateCpuMs: timings.simulateCpuMs,
  });
  const prefix = options.prefix;

  const processJob = async (job: Job): Promise<{ docs: number; skipped?: string }> => {
    if (job.name !== parseJobName()) {
      // Retryable on purpose: another worker, of the importing version, may take it.
      throw new Error(`job was enqueued by ${job.name.replace('parse@', 'stj-findings ')} but this worker runs stj-findings ${readProgramVersion()}`);
    }
    const unreadable = (job.data as Record<string, unknown> | null)?.[UNREADABLE];
    if (typeof unreadable === 'string') throw new UnrecoverableError(unreadable);
    const parsed = parseJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed parse job: ${parsed.error.issues[0]?.message ?? 'invalid data'}`);
    const { runId, docs } = parsed.data;
    if (docs.length === 0) return { docs: 0 }; // delivered before; its worker died before completing it
    // An import that died (kill -9) drains nothing: do not parse for it.
    if ((await connection.exists(heartbeatKey(prefix, runId))) === 0) return { docs: 0, skipped: 'its import is gone' };
    const replies = await Promise.all(docs.map((doc) => pool.run(doc)));
    const batch = JSON.stringify({ job: String(job.id), docs: replies.map((reply, i) => ({ key: docs[i]!.key, ...reply })) });
    const emptied: ParseJobData = { runId, docs: [] };
    await connection.eval(DELIVER, 2, job.queueQualifiedName + ':' + job.id, resultsKey(prefix, runId), JSON.stringify(emptied), batch, RESULTS_TTL_MS);
    const failed = replies.filter((r) => !r.head.ok).map((r) => (r.head.ok ? '' : `${r.head.failure.fileName} (${r.head.failure.failure.code})`));
    return { docs: docs.length, ...(failed.length > 0 ? { notReadable: failed } : {}) };
  };

  const worker = new ParseWorker(PARSE_QUEUE, processJob, {
    connection,
    prefix,
    // Twice as many jobs as threads: the next job's documents wait in the pool while the current job
    // delivers its results and fetches, so no thread idles through those round trips.
    concurrency: concurrency * JOBS_PER_THREAD,
    name: `${hostname()}/${process.pid}`,
    lockDuration: timings.lockDurationMs,
    stalledInterval: timings.stalledIntervalMs,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });

  const short = (job: Job | undefined) => (job ? String(job.id) : '?');
  const started = new Map<string, number>();
  // Jobs ended after the stop signal, counted for the last log line: a fetch already under way when
  // the signal came moves its job to active in Redis, so the job is in hand though not yet started.
  let endedAfterStop = 0;
  let stopping: Promise<void> | null = null;
  let stopSignal: NodeJS.Signals | null = null;
  worker.on('active', (job) => started.set(String(job.id), Date.now()));
  worker.on('completed', (job, result: { docs?: number; skipped?: string; notReadable?: string[] } | null) => {
    if (stopping) endedAfterStop++;
    const ms = Date.now() - (started.get(String(job.id)) ?? Date.now());
    started.delete(String(job.id));
    if (result?.skipped) return log(`stj worker: job ${short(job)}: skipped, ${result.skipped}`);
    if (!result?.docs) return;
    const notReadable = result.notReadable ?? [];
    const readable = result.docs - notReadable.length;
    log(`stj worker: job ${short(job)}: ${readable} parsed${notReadable.length > 0 ? `, not readable: ${notReadable.join(', ')}` : ''} in ${ms} ms`);
  });
  worker.on('failed', (job, error) => {
    if (stopping) endedAfterStop++;
    if (job) started.delete(String(job.id));
    const attempts = job ? ` (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})` : '';
    log(`stj worker: job ${short(job)}: error${attempts}: ${error.message.split('\n')[0]}`);
  });
  worker.on('stalled', (jobId) => log(`stj worker: job ${jobId}: its worker stopped answering; back in the queue`));
  let lastError = '';
  worker.on('error', (error) => {
    // Connection trouble repeats every retry; say it once per distinct message.
    const message = messageOf(error).split('\n')[0]!;
    if (message !== lastError) log(`stj worker: ${message}`);
    lastError = message;
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`stj worker: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    const active = started.size;
    log(`stj worker: ${signal}: finishing the jobs in hand (${active} started, and any being fetched), then exiting`);
    stopSignal = signal;
    stopping = worker.close();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  try {
    await worker.waitUntilReady();
    log(`stj worker: taking parse jobs from ${redactUrl(options.redisUrl)} (prefix "${prefix}", concurrency ${concurrency})`);
    await worker.run();
    // run() returns once close() has let the jobs in hand finish.
    await (stopping ?? worker.close());
    log(stopSignal ? `stj worker: stopped, ${endedAfterStop} job${endedAfterStop === 1 ? '' : 's'} finished after ${stopSignal}` : 'stj worker: stopped');
  } catch (error) {
    throw new Error(`worker stopped: ${messageOf(error)}`);
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await pool.close();
    await closeRedis(connection as Redis);
  }
}
