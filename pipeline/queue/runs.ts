/**
 * Each import registers itself under its prefix and keeps a heartbeat key alive while it runs.
 * An import that was killed leaves its export queue behind (the parent job, with every child
 * result copied into it); the next import under that prefix finds the dead heartbeat and removes
 * that queue, which also frees the dead import's unfinished parse jobs to join a new flow.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EXPORT_JOB } from './enqueue.js';
import { exportQueueName, RUN_HEARTBEAT_EVERY_MS, RUN_HEARTBEAT_TTL_MS } from './settings.js';

const runsKey = (prefix: string) => `${prefix}:stj:runs`;
const heartbeatKey = (prefix: string, runId: string) => `${prefix}:stj:run:${runId}`;

/** Sortable by start time, unique, and safe in a queue name. */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export async function removeExportQueue(client: Redis, prefix: string, runId: string): Promise<void> {
  const queue = new Queue(exportQueueName(runId), { connection: client, prefix });
  try {
    // obliterate does not look into waiting-children, where a parent whose children are not all done
    // sits; remove it first (its children keep their jobs and results). Locked (running) jobs are
    // left to obliterate's force.
    await queue.remove(EXPORT_JOB, { removeChildren: false });
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

/** Removes the export queues of imports whose heartbeat has expired; returns their run ids. */
export async function sweepDeadRuns(client: Redis, prefix: string): Promise<string[]> {
  const swept: string[] = [];
  for (const runId of await client.smembers(runsKey(prefix))) {
    if ((await client.exists(heartbeatKey(prefix, runId))) === 1) continue;
    await removeExportQueue(client, prefix, runId);
    await client.srem(runsKey(prefix), runId);
    swept.push(runId);
  }
  return swept;
}

export interface Heartbeat {
  stop(): Promise<void>;
}

export async function registerRun(client: Redis, prefix: string, runId: string): Promise<Heartbeat> {
  const beat = () => client.set(heartbeatKey(prefix, runId), String(process.pid), 'PX', RUN_HEARTBEAT_TTL_MS);
  await beat();
  await client.sadd(runsKey(prefix), runId);
  const timer = setInterval(() => void beat().catch(() => {}), RUN_HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await client.del(heartbeatKey(prefix, runId));
      await client.srem(runsKey(prefix), runId);
    },
  };
}
