/**
 * Inside the export job: the result of every document this import needs, into ImportResults (a
 * spill file), page by page, from
 *   - the parent's ignored child failures (parse jobs that failed for good → internal_error),
 *   - the parent's processed children (completed parse jobs, ExtractionResult checked with zod),
 *   - jobs another import owns (awaited through queue events, a few at a time).
 * Results already in Redis before the import started were stored by the lookup.
 *
 * Never getChildrenValues(): that is one HGETALL of every child's result, a single Redis reply of
 * gigabytes at 100k documents, all of it on the heap at once. HSCAN pages (getDependencies with a
 * cursor) keep the importer at one page of results plus the heads.
 */
import { Job, type Queue, type QueueEvents } from 'bullmq';
import type { ExtractionResult } from '../../extractors/model.js';
import type { ImportResults } from './import-results.js';
import { readResult } from './job-data.js';
import { failedResult, jobFailedResult } from './outcomes.js';
import type { DistinctDocument } from './plan.js';

/** Other imports' jobs awaited at once: Job.fromId loads each job's hash, document included. */
const EXTERNAL_AT_ONCE = 32;

export interface ResultSources {
  parent: Job;
  parseQueue: Queue;
  events: QueueEvents;
  documents: Map<string, DistinctDocument>;
  external: Set<string>;
  results: ImportResults;
  /**
   * Children per HSCAN page (settings.resultPageSize): a page of results is about this many × tens
   * of KB on the heap. Redis ignores COUNT for small listpack hashes (≤128 short values), which come whole.
   */
  pageSize: number;
}

export async function collectResults(sources: ResultSources): Promise<void> {
  const { parent, parseQueue, events, documents, external, results } = sources;
  const count = sources.pageSize;
  const childPrefix = `${parseQueue.qualifiedName}:`;
  /** Our document behind a child key, or nothing (the barrier, or not ours). */
  const docOf = (childKey: string) => (childKey.startsWith(childPrefix) ? documents.get(childKey.slice(childPrefix.length)) : undefined);

  // Failures first: if a job is both (failed, retried, completed) the failure wins, as it always has.
  let cursor = 0;
  do {
    const page = await parent.getDependencies({ ignored: { cursor, count } });
    for (const [key, reason] of Object.entries(page.ignored ?? {})) {
      const doc = docOf(key);
      if (doc) results.add(doc.jobId, jobFailedResult(doc.input.relativePath, doc.sha256, String(reason)));
    }
    cursor = page.nextIgnoredCursor ?? 0;
  } while (cursor !== 0);

  cursor = 0;
  do {
    const page = await parent.getDependencies({ processed: { cursor, count } });
    for (const [key, value] of Object.entries(page.processed ?? {})) {
      const doc = docOf(key);
      if (doc && !results.has(doc.jobId)) results.add(doc.jobId, checked(value, doc));
    }
    cursor = page.nextProcessedCursor ?? 0;
  } while (cursor !== 0);

  // A job reported as someone else's may still have reached us as a child (it finished, and was
  // evicted, before the attachment was checked): what the parent holds wins.
  const waiting = [...external].filter((jobId) => !results.has(jobId));
  await inBatches(waiting, EXTERNAL_AT_ONCE, async (jobId) => {
    const doc = documents.get(jobId)!;
    results.add(jobId, await awaitExternal(parseQueue, events, jobId, doc));
  });
}

async function awaitExternal(parseQueue: Queue, events: QueueEvents, jobId: string, doc: DistinctDocument): Promise<ExtractionResult> {
  const job = await Job.fromId(parseQueue, jobId);
  if (!job) return failedResult(doc.input.relativePath, doc.sha256, 'internal_error', 'parse job vanished from Redis');
  // The job's data (the document, base64) is not needed while we wait: let it go.
  job.data = null;
  try {
    return checked(await job.waitUntilFinished(events), doc);
  } catch (error) {
    return jobFailedResult(doc.input.relativePath, doc.sha256, error instanceof Error ? error.message : String(error));
  }
}

/** At most `limit` at once; each slot takes the next item as soon as it is free. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function checked(raw: unknown, doc: DistinctDocument): ExtractionResult {
  const read = readResult(raw);
  return read.ok ? read.result : failedResult(doc.input.relativePath, doc.sha256, 'internal_error', `parse job returned an invalid result: ${read.problem}`);
}
