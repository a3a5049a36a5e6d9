/**
 * Inside the export job: the result of every document this import needs, from
 *   - the parent's children values (completed parse jobs, ExtractionResult checked with zod),
 *   - the parent's ignored child failures (parse jobs that failed for good → internal_error),
 *   - results already in Redis before the import started (cached),
 *   - jobs another import owns (awaited through queue events).
 */
import { Job, type Queue, type QueueEvents } from 'bullmq';
import type { ExtractionResult } from '../../extractors/model.js';
import { readResult } from './job-data.js';
import { failedResult, jobFailedResult } from './outcomes.js';
import type { DistinctDocument } from './plan.js';

export interface ResultSources {
  parent: Job;
  parseQueue: Queue;
  events: QueueEvents;
  documents: Map<string, DistinctDocument>;
  cached: Map<string, ExtractionResult>;
  external: Set<string>;
}

export async function collectResults(sources: ResultSources): Promise<Map<string, ExtractionResult>> {
  const { parent, parseQueue, events, documents, cached, external } = sources;
  const results = new Map(cached);
  const childPrefix = `${parseQueue.qualifiedName}:`;
  const jobIdOf = (childKey: string) => (childKey.startsWith(childPrefix) ? childKey.slice(childPrefix.length) : null);
  const docOf = (jobId: string) => documents.get(jobId);

  for (const [key, value] of Object.entries(await parent.getChildrenValues())) {
    const jobId = jobIdOf(key);
    const doc = jobId ? docOf(jobId) : undefined;
    if (!jobId || !doc) continue; // the barrier, or nothing of ours
    results.set(jobId, checked(value, doc));
  }
  for (const [key, reason] of Object.entries(await parent.getIgnoredChildrenFailures())) {
    const jobId = jobIdOf(key);
    const doc = jobId ? docOf(jobId) : undefined;
    if (!jobId || !doc) continue;
    results.set(jobId, jobFailedResult(doc.input.relativePath, doc.sha256, reason));
  }

  // A job reported as someone else's may still have reached us as a child (it finished, and was
  // evicted, before the attachment was checked): what the parent holds wins.
  await Promise.all(
    [...external].filter((jobId) => !results.has(jobId)).map(async (jobId) => {
      const doc = docOf(jobId)!;
      const job = await Job.fromId(parseQueue, jobId);
      if (!job) {
        results.set(jobId, failedResult(doc.input.relativePath, doc.sha256, 'internal_error', 'parse job vanished from Redis'));
        return;
      }
      try {
        results.set(jobId, checked(await job.waitUntilFinished(events), doc));
      } catch (error) {
        results.set(jobId, jobFailedResult(doc.input.relativePath, doc.sha256, error instanceof Error ? error.message : String(error)));
      }
    }),
  );
  return results;
}

function checked(raw: unknown, doc: DistinctDocument): ExtractionResult {
  const read = readResult(raw);
  return read.ok ? read.result : failedResult(doc.input.relativePath, doc.sha256, 'internal_error', `parse job returned an invalid result: ${read.problem}`);
}
