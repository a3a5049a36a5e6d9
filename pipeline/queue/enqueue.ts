/**
 * The import's BullMQ flow: a parent `export` job in this import's own export queue, and as its
 * children one parse job per distinct document (job id = content hash), added in bulk.
 *
 * A `barrier` child, processed by the importer itself once every chunk is in, keeps the parent
 * from running early: children are added in several transactions (one transaction holding every
 * document could be gigabytes), and the first chunk may finish before the last is added.
 * Children use ignoreDependencyOnFailure, so one that fails for good is recorded on the parent
 * and the export still runs.
 */
import type { FlowJob, FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseJobName } from './job-data.js';
import { loadJobData, type DistinctDocument } from './plan.js';
import { ENQUEUE_CHUNK_BYTES, ENQUEUE_CHUNK_JOBS, exportQueueName, PARSE_QUEUE, parseJobOptions } from './settings.js';

export const EXPORT_JOB = 'export';
export const BARRIER_JOB = 'barrier';

const VERIFY_BATCH = 1_000;

export interface EnqueueResult {
  /** Children of this import's export job: their results arrive with the parent. */
  attached: Set<string>;
  /** Enqueued but adopted by another import in the meantime (a job has one parent): awaited separately. */
  external: Set<string>;
}

export async function addExportFlow(flows: FlowProducer, runId: string, total: number): Promise<void> {
  const queueName = exportQueueName(runId);
  await flows.add({
    name: EXPORT_JOB,
    queueName,
    data: { runId, inputs: total },
    opts: { jobId: EXPORT_JOB },
    children: [{ name: BARRIER_JOB, queueName, data: {}, opts: { jobId: BARRIER_JOB } }],
  });
}

export async function addParseChildren(
  flows: FlowProducer,
  parseQueue: Queue,
  client: Redis,
  prefix: string,
  runId: string,
  documents: DistinctDocument[],
): Promise<EnqueueResult> {
  const parent = { id: EXPORT_JOB, queue: `${prefix}:${exportQueueName(runId)}` };
  const name = parseJobName();
  let chunk: FlowJob[] = [];
  let chunkBytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await flows.addBulk(chunk);
    chunk = [];
    chunkBytes = 0;
  };
  for (const doc of documents) {
    const data = await loadJobData(doc);
    chunk.push({ name, queueName: PARSE_QUEUE, data, opts: { ...parseJobOptions(doc.jobId), parent } });
    chunkBytes += data.base64.length;
    if (chunk.length >= ENQUEUE_CHUNK_JOBS || chunkBytes >= ENQUEUE_CHUNK_BYTES) await flush();
  }
  await flush();
  return verifyAttachment(parseQueue, client, `${parent.queue}:${parent.id}`, documents.map((d) => d.jobId));
}

/**
 * BullMQ silently declines to attach a job that already belongs to another live parent (another
 * import enqueued the same document a moment earlier). Those are waited for separately. A job that
 * failed between the lookup and the attach would be a dependency that never resolves: retry it.
 */
async function verifyAttachment(parseQueue: Queue, client: Redis, parentKey: string, jobIds: string[]): Promise<EnqueueResult> {
  const result: EnqueueResult = { attached: new Set(), external: new Set() };
  // In batches: one pipeline for every document would buffer 2 replies per job at once.
  for (let start = 0; start < jobIds.length; start += VERIFY_BATCH) {
    const batch = jobIds.slice(start, start + VERIFY_BATCH);
    const pipeline = client.pipeline();
    for (const id of batch) {
      pipeline.hget(parseQueue.toKey(id), 'parentKey');
      pipeline.zscore(parseQueue.keys.failed!, id);
    }
    const replies = (await pipeline.exec()) ?? [];
    for (let i = 0; i < batch.length; i++) {
      const id = batch[i]!;
      const [error, owner] = replies[2 * i] ?? [new Error('no reply'), null];
      if (error) throw error;
      if (owner !== parentKey) {
        result.external.add(id);
        continue;
      }
      result.attached.add(id);
      if (replies[2 * i + 1]?.[1] !== null && (await client.sismember(`${parentKey}:dependencies`, parseQueue.toKey(id))) === 1) {
        const job = await parseQueue.getJob(id);
        await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      }
    }
  }
  return result;
}
