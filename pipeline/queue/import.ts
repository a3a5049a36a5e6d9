/**
 * `stj import --redis`: read and hash the inputs, enqueue a flow (export parent + one parse job per
 * distinct document), show progress from queue events, and write the dataset when the export job
 * runs. The export job lives in a queue of its own that only this process works on, so the dataset
 * is always written here, into --out, whichever machines did the parsing.
 */
import { mkdir } from 'node:fs/promises';
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { writeDataset, type DatasetSummary } from '../export/write-dataset.js';
import type { CollectedInput } from '../stages.js';
import { collectResults } from './collect-results.js';
import { closeRedis, connectRedis } from './connection.js';
import { addExportFlow, addParseChildren, type EnqueueResult } from './enqueue.js';
import { startExportWorker, type ExportWorker } from './export-worker.js';
import type { QueuedImportOptions } from './index.js';
import { ImportResults } from './import-results.js';
import { lookupDocuments } from './lookup.js';
import { planImport } from './plan.js';
import { trackProgress } from './progress.js';
import { newRunId, registerRun, removeExportQueue, sweepDeadRuns, type Heartbeat } from './runs.js';
import { PARSE_QUEUE, resultPageSize } from './settings.js';
import { warnWhenNoWorkers } from './worker-watch.js';

export async function runQueuedImport(inputs: CollectedInput[], options: QueuedImportOptions): Promise<DatasetSummary> {
  const { prefix } = options;
  const client = await connectRedis(options.redisUrl);
  const runId = newRunId();
  const closers: (() => Promise<unknown>)[] = [() => closeRedis(client)];
  let heartbeat: Heartbeat | null = null;
  let exporter: ExportWorker | null = null;
  // Interrupted: do not leave a parent behind (the parse jobs stay and serve the next import),
  // then let the signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const timeout = new Promise((resolve) => setTimeout(resolve, 2_000).unref());
    // Stop the export worker first: a barrier it completes after the queue is gone would recreate keys.
    const cleanup = (async () => {
      await exporter?.close(true);
      await removeExportQueue(client, prefix, runId);
      await heartbeat?.stop();
    })();
    void Promise.race([cleanup, timeout])
      .catch(() => {})
      .finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  try {
    await sweepDeadRuns(client, prefix);
    const registered = (heartbeat = await registerRun(client, prefix, runId));
    closers.unshift(() => registered.stop());
    closers.unshift(() => removeExportQueue(client, prefix, runId));
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const plan = await planImport(inputs);
    // Results wait in a spill file in --out (which must hold the dataset anyway), as in the embedded mode.
    await mkdir(options.outDir, { recursive: true });
    const results = new ImportResults(plan, options.outDir);
    closers.push(async () => results.close()); // last: after the export worker has stopped using it
    const parseQueue = new Queue(PARSE_QUEUE, { connection: client, prefix });
    closers.unshift(() => parseQueue.close());
    const lookup = await lookupDocuments(parseQueue, client, [...plan.documents.keys()], (jobId, result) => results.add(jobId, result));

    // Listen from the current end of the event stream before anything is enqueued: no event is missed.
    const events = new QueueEvents(PARSE_QUEUE, { connection: client, prefix, lastEventId: await lastEventId(client, parseQueue) });
    closers.unshift(() => events.close());
    await events.waitUntilReady();
    const waitingFor = new Map<string, number>();
    for (const [jobId, doc] of plan.documents) if (!lookup.cached.has(jobId)) waitingFor.set(jobId, doc.inputs);
    const progress = trackProgress(events, waitingFor, inputs.length, options.onProgress);
    closers.unshift(async () => progress.dispose());

    const enqueued = deferred<EnqueueResult>();
    exporter = startExportWorker(client, prefix, runId, enqueued.promise, async (parent) => {
      const { external } = await enqueued.promise;
      await collectResults({
        parent,
        parseQueue,
        events,
        documents: plan.documents,
        external: new Set([...lookup.external, ...external]),
        results,
        pageSize: resultPageSize(),
      });
      progress.finish();
      return writeDataset(results.finish(options.problemOutcomes), options.outDir, undefined, options.exportOptions);
    });
    const startedExporter = exporter;
    closers.unshift(() => startedExporter.close());

    const flows = new FlowProducer({ connection: client, prefix });
    closers.unshift(() => flows.close());
    try {
      await addExportFlow(flows, runId, inputs.length);
      const toEnqueue = lookup.enqueue.map((jobId) => plan.documents.get(jobId)!);
      enqueued.resolve(await addParseChildren(flows, parseQueue, client, prefix, runId, toEnqueue));
    } catch (error) {
      enqueued.reject(error);
      throw error;
    }
    const notice = (line: string) => process.stderr.write(`\n${line}\n`);
    const stopWatch = warnWhenNoWorkers(parseQueue, options.redisUrl, prefix, () => progress.waiting(), notice);
    closers.unshift(async () => stopWatch());
    return await exporter.done;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const close of closers) await close().catch(() => {});
  }
}

async function lastEventId(client: Redis, queue: Queue): Promise<string> {
  const last = await client.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
  return last[0]?.[0] ?? '0';
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  return { promise, resolve, reject };
}
