/**
 * Worker processes under stress: one is SIGKILLed mid-batch while another finishes the batch (no
 * finding lost or doubled), SIGTERM lets the job in hand finish, and a CPU-bound parse does not
 * cost the worker its job lock. Timings are shortened through the STJ_WORKER_* environment.
 */
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARSE_QUEUE } from '../pipeline/queue/settings.js';
import { deletePrefix, startTestRedis, uniquePrefix, type TestRedis } from './helpers/redis.js';
import {
  expectSameDataset,
  killLeftovers,
  readManifest,
  removeDir,
  runCli,
  startWorker,
  tempDir,
  until,
  writeDistinctReports,
} from './queue-helpers.js';

let redis: TestRedis;
let connection: Redis;
let parseQueue: Queue;
let events: QueueEvents;
let work: string;
const prefix = uniquePrefix('workers');
const stalled: string[] = [];

/** Short locks so a dead worker's jobs are free again within about a second. */
const FAST_RECOVERY = { STJ_WORKER_LOCK_MS: '1000', STJ_WORKER_STALLED_MS: '500' };

beforeAll(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  parseQueue = new Queue(PARSE_QUEUE, { connection, prefix });
  events = new QueueEvents(PARSE_QUEUE, { connection, prefix });
  events.on('stalled', ({ jobId }) => stalled.push(jobId));
  await events.waitUntilReady();
  work = await tempDir('queue-workers');
});

afterAll(async () => {
  await killLeftovers();
  await events?.close();
  await parseQueue?.close();
  connection?.disconnect();
  if (redis) {
    await deletePrefix(redis.url, prefix);
    await redis.stop();
  }
  await removeDir(work);
});

function queuedImport(dir: string, out: string) {
  return runCli(['import', dir, '--out', out, '--redis', redis.url, '--prefix', prefix]);
}

/** Active parse jobs and the worker (hostname/pid) holding each. */
async function activeJobs(): Promise<{ id: string; processedBy: string | undefined }[]> {
  const jobs = await parseQueue.getJobs(['active']);
  return jobs.map((job) => ({ id: String(job.id), processedBy: job.processedBy }));
}

describe('stj worker', () => {
  it('a worker SIGKILLed mid-batch: another finishes the batch, no finding lost or doubled', async () => {
    const dir = path.join(work, 'batch');
    await writeDistinctReports(dir, 60, 'batch');
    const embeddedOut = path.join(work, 'batch-embedded');
    const embedded = await runCli(['import', dir, '--out', embeddedOut]);
    expect(embedded.code, embedded.stderr).toBe(0);

    // ~250 ms of CPU per document, two jobs at a time per worker: the batch takes seconds.
    const env = { ...FAST_RECOVERY, STJ_WORKER_SIMULATE_CPU_MS: '250' };
    const [victim, survivor] = await Promise.all([startWorker(redis.url, prefix, 2, env), startWorker(redis.url, prefix, 2, env)]);
    const out = path.join(work, 'batch-queued');
    const importing = queuedImport(dir, out);

    // Kill the victim while it holds jobs, after it has finished a few.
    await victim.waitFor(/parsed in/);
    const held = await until('the victim to hold jobs', async () => {
      const mine = (await activeJobs()).filter((j) => j.processedBy?.endsWith(`/${victim.pid}`));
      return mine.length > 0 && mine;
    });
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    const result = await importing;
    expect(result.code, result.stderr).toBe(0);
    await expectSameDataset(embeddedOut, out);
    const manifest = await readManifest(out);
    expect(manifest.counts).toMatchObject({ inputs: 60, parsed: 60, duplicate: 0, failed: 0, reports: 60 });

    // The jobs the victim held (and had not finished in the instant before the kill) came back
    // through stall detection and were finished by the survivor.
    const unfinished = held.filter(({ id }) => !victim.log().includes(id.slice(0, 12)));
    for (const { id } of unfinished) expect(stalled).toContain(id);
    expect(stalled.length).toBeGreaterThan(0);
    expect(survivor.finished()).toBeGreaterThan(0);
    expect(victim.finished() + survivor.finished()).toBeGreaterThanOrEqual(60);
    survivor.child.kill('SIGTERM');
    expect((await survivor.exited).code).toBe(0);
  }, 90_000);

  it('SIGTERM lets the job in hand finish, takes no new one, and exits 0', async () => {
    const dir = path.join(work, 'graceful');
    await writeDistinctReports(dir, 3, 'graceful');
    const worker = await startWorker(redis.url, prefix, 1, { STJ_WORKER_SIMULATE_CPU_MS: '1500' });
    const out = path.join(work, 'graceful-queued');
    const importing = queuedImport(dir, out);

    const [inHand] = await until('a job in hand', async () => {
      const jobs = await activeJobs();
      return jobs.length > 0 && jobs;
    });
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.code, worker.log()).toBe(0);
    expect(worker.log()).toMatch(/SIGTERM: finishing \d+ jobs? in hand, then exiting/);

    expect(await parseQueue.getJobState(inHand!.id)).toBe('completed');
    expect(worker.finished()).toBe(1);
    const counts = await parseQueue.getJobCounts('active', 'waiting');
    expect(counts).toEqual({ active: 0, waiting: 2 });

    // Another worker picks up the rest; the import, still waiting, completes.
    const next = await startWorker(redis.url, prefix, 2);
    const result = await importing;
    expect(result.code, result.stderr).toBe(0);
    expect((await readManifest(out)).counts).toMatchObject({ inputs: 3, parsed: 3 });
    next.child.kill('SIGINT');
    expect((await next.exited).code).toBe(0);
  }, 60_000);

  it('a CPU-bound parse (2.5 s, lock of 1 s) keeps its lock: no stall, started once', async () => {
    const dir = path.join(work, 'cpu');
    await writeDistinctReports(dir, 2, 'cpu');
    const env = { ...FAST_RECOVERY, STJ_WORKER_SIMULATE_CPU_MS: '2500' };
    // Two workers: either would take over a job whose lock lapsed.
    const workers = await Promise.all([startWorker(redis.url, prefix, 1, env), startWorker(redis.url, prefix, 1, env)]);
    const stalledBefore = stalled.length;
    const result = await queuedImport(dir, path.join(work, 'cpu-queued'));
    expect(result.code, result.stderr).toBe(0);
    expect(stalled.length).toBe(stalledBefore);
    const jobs = await parseQueue.getJobs(['completed']);
    const cpuJobs = jobs.filter((j) => String((j.data as { fileName?: string }).fileName).startsWith('cpu-'));
    expect(cpuJobs).toHaveLength(2);
    for (const job of cpuJobs) expect(job.attemptsStarted).toBe(1);
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) expect((await w.exited).code).toBe(0);
  }, 60_000);
});
