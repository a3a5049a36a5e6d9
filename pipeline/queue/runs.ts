/**
 * Each import registers itself under its prefix and keeps a heartbeat key alive while it runs;
 * workers parse only for imports whose heartbeat is alive, and push results onto the import's own
 * result list. An import that was killed leaves at most its window behind: its waiting jobs complete
 * without work (no heartbeat), its result list expires (settings.RESULTS_TTL_MS), and the next
 * import under the prefix deletes the list and the registration at once.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RUN_HEARTBEAT_EVERY_MS, RUN_HEARTBEAT_TTL_MS } from './settings.js';

const runsKey = (prefix: string) => `${prefix}:stj:runs`;
export const heartbeatKey = (prefix: string, runId: string) => `${prefix}:stj:run:${runId}`;
/** Results of one import's parse jobs, one entry per job (job-data.ts BatchResult), drained by the importer. */
export const resultsKey = (prefix: string, runId: string) => `${prefix}:stj:results:${runId}`;

/** Sortable by start time, unique, and safe in a job id. */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Forgets imports whose heartbeat has expired, and their undrained results; returns their run ids. */
export async function sweepDeadRuns(client: Redis, prefix: string): Promise<string[]> {
  const swept: string[] = [];
  for (const runId of await client.smembers(runsKey(prefix))) {
    if ((await client.exists(heartbeatKey(prefix, runId))) === 1) continue;
    await client.unlink(resultsKey(prefix, runId));
    await client.srem(runsKey(prefix), runId);
    swept.push(runId);
  }
  return swept;
}

export interface Heartbeat {
  /** Refreshes the heartbeat now (also after a Redis restart lost it). */
  beat(): Promise<void>;
  stop(): Promise<void>;
}

export async function registerRun(client: Redis, prefix: string, runId: string): Promise<Heartbeat> {
  const beat = async () => {
    await client.multi().set(heartbeatKey(prefix, runId), String(process.pid), 'PX', RUN_HEARTBEAT_TTL_MS).sadd(runsKey(prefix), runId).exec();
  };
  await beat();
  const timer = setInterval(() => void beat().catch(() => {}), RUN_HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    beat,
    async stop() {
      clearInterval(timer);
      await client.multi().del(heartbeatKey(prefix, runId)).srem(runsKey(prefix), runId).unlink(resultsKey(prefix, runId)).exec();
    },
  };
}
