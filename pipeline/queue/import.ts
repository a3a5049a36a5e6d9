/**
 * `stj import --redis`: read and hash the inputs, send the distinct documents to the workers a window
 * at a time (dispatch.ts), spill each result as it comes back, and write the dataset here, into
 * --out, exactly as the embedded mode does, whichever machines did the parsing.
 */
import { rm } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { makeScratchDir } from '../export/staging.js';
import { writeDataset, type DatasetSummary } from '../export/write-dataset.js';
import type { CollectedInput } from '../stages.js';
import { closeRedis, connectRedis, redactUrl } from './connection.js';
import { Dispatcher } from './dispatch.js';
import type { QueuedImportOptions } from './index.js';
import { ImportResults } from './import-results.js';
import { planImport, sendingOrder } from './plan.js';
import { newRunId, registerRun, resultsKey, sweepDeadRuns, type Heartbeat } from './runs.js';
import { DEFAULT_IDLE_TIMEOUT_S, DEFAULT_WINDOW_DOCUMENTS, EVENTS_MAX_LEN, PARSE_QUEUE, windowBytes } from './settings.js';
import { warnWhenNoWorkers } from './worker-watch.js';

/** Clean-up after an interruption or a give-up may meet a Redis that is gone: never wait on it longer than this. */
const CLEANUP_MS = 2_000;

export async function runQueuedImport(inputs: CollectedInput[], options: QueuedImportOptions): Promise<DatasetSummary> {
  const { prefix } = options;
  const url = redactUrl(options.redisUrl);
  const idleTimeoutMs = (options.idleTimeoutS ?? DEFAULT_IDLE_TIMEOUT_S) * 1000;
  const client = await connectRedis(options.redisUrl, 'importer');
  const runId = newRunId();
  const closers: (() => Promise<unknown>)[] = [() => closeRedis(client)];
  let heartbeat: Heartbeat | null = null;
  let dispatcher: Dispatcher | null = null;
  let parseQueue: Queue | null = null;

  /** Takes back what this import still has in Redis: its waiting jobs, its results, its registration. */
  const withdraw = async () => {
    const work = (async () => {
      for (const id of dispatcher?.pendingJobIds() ?? []) await parseQueue?.remove(id).catch(() => 0);
      await heartbeat?.stop();
    })();
    await Promise.race([work.catch(() => {}), new Promise((resolve) => setTimeout(resolve, CLEANUP_MS).unref())]);
  };
  // Interrupted: take this import's jobs back (workers would parse them for nobody), then let the signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    void withdraw().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  let finished = false;
  try {
    await sweepDeadRuns(client, prefix);
    heartbeat = await registerRun(client, prefix, runId);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const plan = await planImport(inputs);
    // Results wait in a spill file in a private scratch folder inside --out, as in the embedded mode
    // (cli-import.ts): the next run into --out removes it should this one be killed.
    const scratch = await makeScratchDir(options.outDir);
    const results = new ImportResults(plan, scratch);
    // Last: after everything that writes to the spill file has stopped.
    closers.push(async () => {
      results.close();
      await rm(scratch, { recursive: true, force: true });
    });
    const queue = (parseQueue = new Queue(PARSE_QUEUE, { connection: client, prefix, streams: { events: { maxLen: EVENTS_MAX_LEN } } }));
    queue.on('error', () => {}); // connection trouble surfaces as failed commands in the dispatcher
    closers.unshift(() => queue.close());
    const blocking = client.duplicate();
    blocking.on('error', () => {});
    closers.unshift(() => closeRedis(blocking));

    let done = inputs.length - [...plan.documents.values()].reduce((sum, d) => sum + d.inputs, 0);
    options.onProgress?.(done, inputs.length);
    const resume = `Nothing was written to ${options.outDir}. Run the same command again to resume (documents parsed so far are parsed again).`;
    const workerHint = `stj-findings worker --redis <url> --prefix ${prefix}`;
    dispatcher = new Dispatcher({
      client,
      blocking,
      queue,
      runId,
      resultsKey: resultsKey(prefix, runId),
      heartbeat,
      documents: sendingOrder(plan.documents.values()),
      results,
      window: options.window ?? DEFAULT_WINDOW_DOCUMENTS,
      windowBytes: windowBytes(),
      idleTimeoutMs,
      onDone: (n) => {
        done += n;
        options.onProgress?.(done, inputs.length);
      },
      describeIdle: async (seconds) => {
        const workers = await Promise.race([queue.getWorkersCount().catch(() => -1), new Promise<number>((r) => setTimeout(() => r(-1), 2_000).unref())]);
        const who =
          workers === 0
            ? `no worker is serving prefix "${prefix}" on ${url} (start one: ${workerHint})`
            : `no worker made progress on this import for ${seconds} s (are the workers on prefix "${prefix}" stuck, or of another version?)`;
        return `import stopped after waiting ${seconds} s (--idle-timeout): ${who}. ${resume}`;
      },
      describeRedisDown: (seconds) => `import stopped: Redis at ${url} has not answered for ${seconds} s (--idle-timeout). ${resume}`,
      onInFlight: options.onInFlight,
    });

    const notice = (line: string) => process.stderr.write(`\n${line}\n`);
    const stopWatch = warnWhenNoWorkers(queue, options.redisUrl, prefix, () => !finished, notice);
    closers.unshift(async () => stopWatch());

    await dispatcher.run();
    finished = true;
    return await writeDataset(results.finish(options.problemOutcomes), options.outDir, undefined, options.exportOptions);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await withdraw();
    for (const close of closers) await close().catch(() => {});
  }
}


