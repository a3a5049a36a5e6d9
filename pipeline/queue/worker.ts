/**
 * `stj worker`: a long-running process that takes parse jobs from Redis, extracts them in worker
 * threads (sandboxed processor) and stores each ExtractionResult as the job's return value.
 * Start any number, on any machine that reaches the Redis. SIGTERM/SIGINT: stop taking jobs,
 * finish the ones in hand, exit; a second signal exits at once (the jobs go back to the queue
 * when their locks expire).
 */
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { closeRedis, connectRedis, messageOf, redactUrl } from './connection.js';
import type { WorkerOptions } from './index.js';
import { withoutPayload, type ParseJobData } from './job-data.js';
import { parseProcessorFile } from './processor-file.js';
import { MAX_STALLED_COUNT, PARSE_QUEUE, workerTimings } from './settings.js';

export interface RunWorkerHooks {
  /** One line per event; defaults to stderr. */
  log?: (line: string) => void;
}

export async function runWorker(options: WorkerOptions, hooks: RunWorkerHooks = {}): Promise<void> {
  const log = hooks.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const timings = workerTimings();
  const connection = await connectRedis(options.redisUrl);

  const worker = new Worker(PARSE_QUEUE, parseProcessorFile(), {
    connection,
    prefix: options.prefix,
    concurrency,
    useWorkerThreads: true,
    name: `${hostname()}/${process.pid}`,
    lockDuration: timings.lockDurationMs,
    stalledInterval: timings.stalledIntervalMs,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });

  const short = (job: Job | undefined) => (job ? `${String(job.id).slice(0, 12)} ${String((job.data as { fileName?: unknown }).fileName ?? '')}` : '?');
  const started = new Map<string, number>();
  worker.on('active', (job) => started.set(String(job.id), Date.now()));
  worker.on('completed', (job, result: { ok?: boolean; failure?: { code?: string } } | null) => {
    const ms = Date.now() - (started.get(String(job.id)) ?? Date.now());
    started.delete(String(job.id));
    const outcome = result?.ok ? 'parsed' : `not readable (${result?.failure?.code ?? 'unknown'})`;
    log(`stj worker: ${short(job)}: ${outcome} in ${ms} ms`);
    // The finished job stays as a cache of its result; the document itself is no longer needed there.
    void job.updateData(withoutPayload(job.data as ParseJobData)).catch(() => {}); // gone already: retention removed it
  });
  worker.on('failed', (job, error) => {
    if (job) started.delete(String(job.id));
    const attempts = job ? ` (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})` : '';
    log(`stj worker: ${short(job)}: error${attempts}: ${error.message}`);
  });
  worker.on('stalled', (jobId) => log(`stj worker: ${jobId.slice(0, 12)}: its worker stopped answering; back in the queue`));
  let lastError = '';
  worker.on('error', (error) => {
    // Connection trouble repeats every retry; say it once per distinct message.
    if (error.message !== lastError) log(`stj worker: ${error.message}`);
    lastError = error.message;
  });

  let stopping: Promise<void> | null = null;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`stj worker: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    const active = started.size;
    log(`stj worker: ${signal}: finishing ${active} job${active === 1 ? '' : 's'} in hand, then exiting`);
    stopping = worker.close();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  try {
    await worker.waitUntilReady();
    log(`stj worker: taking parse jobs from ${redactUrl(options.redisUrl)} (prefix "${options.prefix}", concurrency ${concurrency})`);
    await worker.run();
    // run() returns once close() has let the jobs in hand finish.
    await (stopping ?? worker.close());
    log('stj worker: stopped');
  } catch (error) {
    throw new Error(`worker stopped: ${messageOf(error)}`);
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await closeRedis(connection);
  }
}
