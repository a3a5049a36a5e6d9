/**
 * Before enqueueing, what Redis already knows about each document (job id = content hash):
 *   - finished earlier by this program version → reuse the stored result, parse nothing;
 *   - failed earlier, or finished by another version → remove it and enqueue afresh;
 *   - waiting or running with no live import waiting on it → attach it to this import's flow;
 *   - running for another live import (a job has one parent) → wait for it through queue events;
 *   - unknown → enqueue.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExtractionResult } from '../../extractors/model.js';
import { parseJobName, readResult } from './job-data.js';

export interface Lookup {
  /** Finished earlier by this version: their results went to `keep` and nothing is enqueued for them. */
  cached: Set<string>;
  /** In flight under another import's export job. */
  external: Set<string>;
  /** To add as children of this import's export job (new, or attachable). */
  enqueue: string[];
}

/** Ids per round trip; a batch of cached results is on the heap at once (tens of KB each). */
const BATCH = 100;

/**
 * keep receives each cached result as it is read (the import spills it to disk): a re-import of
 * 100k documents must not hold 100k results here.
 */
export async function lookupDocuments(
  queue: Queue,
  client: Redis,
  jobIds: string[],
  keep: (jobId: string, result: ExtractionResult) => void,
): Promise<Lookup> {
  const lookup: Lookup = { cached: new Set(), external: new Set(), enqueue: [] };
  const currentName = parseJobName();
  for (let start = 0; start < jobIds.length; start += BATCH) {
    const batch = jobIds.slice(start, start + BATCH);
    const pipeline = client.pipeline();
    for (const id of batch) {
      pipeline.hmget(queue.toKey(id), 'name', 'returnvalue', 'parentKey');
      pipeline.zscore(queue.keys.completed!, id);
      pipeline.zscore(queue.keys.failed!, id);
    }
    const replies = (await pipeline.exec()) ?? [];
    const value = (i: number) => {
      const [error, result] = replies[i] ?? [new Error('no reply'), null];
      if (error) throw error;
      return result;
    };

    const parentsToCheck: { id: string; parentKey: string }[] = [];
    for (let i = 0; i < batch.length; i++) {
      const id = batch[i]!;
      const [name, returnvalue, parentKey] = value(3 * i) as (string | null)[];
      const completed = value(3 * i + 1) !== null;
      const failed = value(3 * i + 2) !== null;
      if (name === null || name === undefined) {
        lookup.enqueue.push(id);
      } else if (completed || failed) {
        const stored = completed && name === currentName ? readResult(returnvalue) : null;
        if (stored?.ok) {
          lookup.cached.add(id);
          keep(id, stored.result);
        } else {
          await queue.remove(id);
          lookup.enqueue.push(id);
        }
      } else if (parentKey) {
        parentsToCheck.push({ id, parentKey });
      } else {
        lookup.enqueue.push(id);
      }
    }

    if (parentsToCheck.length > 0) {
      const exists = client.pipeline();
      for (const { parentKey } of parentsToCheck) exists.exists(parentKey);
      const replies2 = (await exists.exec()) ?? [];
      parentsToCheck.forEach(({ id }, i) => {
        const alive = replies2[i]?.[1] === 1;
        // A parent that is gone (its import finished or was swept) leaves the job free to adopt.
        if (alive) lookup.external.add(id);
        else lookup.enqueue.push(id);
      });
    }
  }
  return lookup;
}
