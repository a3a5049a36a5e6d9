/**
 * `stj import --redis` against a real Redis with a real `stj worker` process: the dataset is the
 * embedded mode's, byte for byte; Redis never holds more than the window's documents and keeps
 * nothing of an import once it has ended; duplicates are parsed once; unreadable documents fail
 * once with their reason; a damaged job fails with its reason; interrupted and killed imports
 * leave nothing that grows.
 */
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARSE_QUEUE } from '../pipeline/queue/settings.js';
import { deletePrefix, startTestRedis, uniquePrefix, type TestRedis } from './helpers/redis.js';
import {
  copyFixtures,
  documentsInRedis,
  expectSameDataset,
  FIXTURES,
  killLeftovers,
  readManifest,
  removeDir,
  runCli,
  startCli,
  startWorker,
  tempDir,
  writeDistinctReports,
  until,
  type WorkerProcess,
} from './queue-helpers.js';

let redis: TestRedis;
let connection: Redis;
let parseQueue: Queue;
let worker: WorkerProcess;
let work: string;
const prefix = uniquePrefix('import');

/** Embedded import into <work>/<label>-embedded, queued import into <work>/<label>-queued. */
async function importBothWays(label: string, inputs: string[], extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const embeddedOut = path.join(work, `${label}-embedded`);
  const queuedOut = path.join(work, `${label}-queued`);
  const embedded = await runCli(['import', ...inputs, '--out', embeddedOut]);
  const queued = await runCli(['import', ...inputs, '--out', queuedOut, '--redis', redis.url, '--prefix', prefix, ...extra], env);
  return { embedded, queued, embeddedOut, queuedOut };
}

const runs = () => connection.smembers(`${prefix}:stj:runs`);
/** Keys this prefix holds beyond BullMQ's fixed bookkeeping (meta, events, id counter, stalled check). */
async function leftovers(): Promise<string[]> {
  const keys = await connection.keys(`${prefix}:*`);
  return keys.filter((k) => !/:parse:(meta|events|id|stalled-check|marker)$/.test(k)).sort();
}

beforeAll(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  parseQueue = new Queue(PARSE_QUEUE, { connection, prefix });
  work = await tempDir('queue-import');
  worker = await startWorker(redis.url, prefix, 2);
});

afterAll(async () => {
  await killLeftovers();
  await parseQueue?.close();
  connection?.disconnect();
  if (redis) {
    await deletePrefix(redis.url, prefix);
    await redis.stop();
  }
  await removeDir(work);
});

describe('stj import --redis', () => {
  it('splits bundles as the embedded mode does: one report per report in the file, same bytes', async () => {
    const dir = path.join(work, 'bundles-in');
    await copyFixtures(dir);
    await copyFile(path.join(FIXTURES, '../bundles/seeds-000-002-004.pdf'), path.join(dir, 'bundle.pdf'));
    const texts = await Promise.all(['000_318a4c095323d6df.txt', '002_1b897dc814a8f4e7.txt', '004_e10162d225c65291.txt'].map((n) => readFile(path.join(FIXTURES, n), 'utf8')));
    await writeFile(path.join(dir, 'bundle.txt'), texts.join('\n\n'));
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('bundles', [dir]);
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(queued.code, queued.stderr).toBe(0);
    await expectSameDataset(embeddedOut, queuedOut);
    const manifest = await readManifest(queuedOut);
    expect(manifest.counts).toMatchObject({ inputs: 7, reports: 5 });
    expect(manifest.inputs.filter((i) => (i as { report_ids?: string[] }).report_ids?.length === 3).map((i) => i.path)).toEqual(['bundle.pdf', 'bundle.txt']);
  });

  it('writes the same dataset as the embedded mode, byte for byte, and leaves nothing of the import in Redis', async () => {
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('fixtures', [FIXTURES]);
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(queued.code, queued.stderr).toBe(0);
    await expectSameDataset(embeddedOut, queuedOut);
    expect((await readManifest(queuedOut)).counts).toMatchObject({ inputs: 5, parsed: 5, failed: 0 });
    // The spill file's scratch folder is gone: nothing but the dataset is left in --out.
    expect((await readdir(queuedOut)).sort()).toEqual((await readdir(embeddedOut)).sort());
    expect((await readdir(queuedOut)).filter((name) => name.startsWith('.'))).toEqual([]);
    // No job, no result, no registration: finished jobs are removed, results were drained.
    expect(await leftovers()).toEqual([]);
    expect(Number(await connection.xlen(`${prefix}:parse:events`))).toBeLessThan(100);
  });

  it('never has more than the window of documents in Redis, and writes the same bytes', async () => {
    const dir = path.join(work, 'window-in');
    await writeDistinctReports(dir, 12, 'window');
    await copyFile(path.join(dir, 'window-004.txt'), path.join(dir, 'z-copy-of-window-004.txt'));
    const embeddedOut = path.join(work, 'window-embedded');
    expect((await runCli(['import', dir, '--out', embeddedOut])).code).toBe(0);

    // A slow worker of its own (its jobs take 150 ms each), so documents pile up if the window leaks.
    const slow = await startWorker(redis.url, prefix, 1, { STJ_WORKER_SIMULATE_CPU_MS: '150' });
    await worker.child.kill('SIGSTOP');
    try {
      const queuedOut = path.join(work, 'window-queued');
      const importing = startCli(['import', dir, '--out', queuedOut, '--redis', redis.url, '--prefix', prefix, '--window', '3']);
      const [runId] = await until('the import to register', async () => {
        const r = await runs();
        return r.length === 1 && r;
      });
      const samples: number[] = [];
      let ended = false;
      void importing.done.then(() => (ended = true));
      while (!ended) samples.push(await documentsInRedis(connection, prefix, runId!));
      const result = await importing.done;
      expect(result.code, result.stderr).toBe(0);
      await expectSameDataset(embeddedOut, queuedOut);
      expect(samples.length).toBeGreaterThan(20);
      expect(Math.max(...samples)).toBeLessThanOrEqual(3);
      expect(Math.max(...samples)).toBeGreaterThanOrEqual(2); // the window was used, not merely never filled
      expect(slow.finished()).toBe(12);
    } finally {
      worker.child.kill('SIGCONT');
      slow.child.kill('SIGTERM');
      await slow.exited;
    }
  });

  it('parses a duplicate file once and the manifest marks the copy duplicate', async () => {
    const dir = path.join(work, 'dup-in');
    await writeDistinctReports(dir, 2, 'dup');
    await copyFile(path.join(dir, 'dup-000.txt'), path.join(dir, 'z-copy-of-dup-000.txt'));
    // The same bytes named .htm are read as HTML: another document to the extractor.
    await copyFile(path.join(dir, 'dup-001.txt'), path.join(dir, 'z-copy-of-dup-001.htm'));
    const before = worker.finished();
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('dup', [dir]);
    expect(queued.code, queued.stderr).toBe(embedded.code);
    await expectSameDataset(embeddedOut, queuedOut);
    const manifest = await readManifest(queuedOut);
    expect(manifest.counts).toMatchObject({ inputs: 4, duplicate: 1 });
    expect(manifest.inputs.find((i) => i.path === 'z-copy-of-dup-000.txt')?.status).toBe('duplicate');
    // Three distinct (bytes, format) pairs, three documents parsed: the .txt copy shared its original's.
    expect(worker.finished() - before).toBe(3);
  });

  it('fails a corrupt file once, with its reason, and exports the good ones', async () => {
    const dir = path.join(work, 'corrupt-in');
    await copyFixtures(dir);
    await writeFile(path.join(dir, 'empty.txt'), Buffer.alloc(0));
    await writeFile(path.join(dir, 'garbage.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    // Four documents per job: readable and unreadable ones share jobs, each gets its own outcome.
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('corrupt', [dir], ['--window', '8'], { STJ_QUEUE_BATCH: '4' });
    expect(embedded.code).toBe(1);
    expect(queued.code, queued.stderr).toBe(1);
    await expectSameDataset(embeddedOut, queuedOut);
    const manifest = await readManifest(queuedOut);
    expect(manifest.counts).toMatchObject({ inputs: 7, parsed: 5, failed: 2 });
    const failed = manifest.inputs.filter((i) => i.status === 'failed');
    expect(failed.map((i) => i.path).sort()).toEqual(['empty.txt', 'garbage.txt']);
    for (const entry of failed) expect(entry.reason).toBeTruthy();
    expect(queued.stderr).toMatch(/failed empty\.txt: /);
    // A document the extractor cannot read is a final answer, not an error: never retried.
    expect(worker.log()).toMatch(/: \d parsed, not readable: .*empty\.txt \(empty\)/);
    expect(worker.log()).not.toMatch(/error \(attempt/);
  });

  it('a job whose stored data is damaged fails at once with its reason; the other documents are exported', async () => {
    const dir = path.join(work, 'damaged-in');
    await writeDistinctReports(dir, 3, 'damaged');
    await parseQueue.pause();
    let resumed = false;
    try {
      const out = path.join(work, 'damaged-queued');
      // --window 2: one document per job, two jobs waiting while the queue is paused.
      const importing = startCli(['import', dir, '--out', out, '--redis', redis.url, '--prefix', prefix, '--window', '2']);
      const [jobId] = await until('the import to enqueue', async () => {
        const waiting = await parseQueue.getJobs(['wait']);
        return waiting.length === 2 && waiting.map((j) => String(j.id)).sort();
      });
      await connection.hset(parseQueue.toKey(jobId!), 'data', '{"runId": "not json');
      await parseQueue.resume();
      resumed = true;
      const result = await importing.done;
      expect(result.code, result.stderr).toBe(1);
      const manifest = await readManifest(out);
      expect(manifest.counts).toMatchObject({ inputs: 3, parsed: 2, failed: 1 });
      const failed = manifest.inputs.find((i) => i.status === 'failed');
      expect(failed?.failure_code).toBe('internal_error');
      expect(failed?.reason).toMatch(/parse job failed: stored job data is not JSON/);
      expect(worker.log()).toMatch(/stored job data is not JSON/);
      expect(await leftovers()).toEqual([]);
    } finally {
      if (!resumed) await parseQueue.resume();
    }
  });

  it('an import killed with SIGKILL: workers skip its jobs once its heartbeat is gone, and the next import forgets it', async () => {
    const dir = path.join(work, 'killed-in');
    await writeDistinctReports(dir, 2, 'killed');
    await parseQueue.pause();
    let resumed = false;
    try {
      const first = startCli(['import', dir, '--out', path.join(work, 'killed-first'), '--redis', redis.url, '--prefix', prefix, '--window', '8']);
      await until('the first import to enqueue', async () => (await parseQueue.getJobs(['wait'])).length === 2);
      const [deadRun] = await runs();
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');
      // Its heartbeat would expire within 30 s; deleted here so the test need not wait.
      await connection.del(`${prefix}:stj:run:${deadRun}`);
      const before = worker.finished();
      await parseQueue.resume();
      resumed = true;
      await worker.waitFor(/skipped, its import is gone/);
      expect(worker.finished()).toBe(before);

      const next = await runCli(['import', FIXTURES, '--out', path.join(work, 'killed-next'), '--redis', redis.url, '--prefix', prefix]);
      expect(next.code, next.stderr).toBe(0);
      expect(await runs()).toEqual([]);
      expect(await leftovers()).toEqual([]);
    } finally {
      if (!resumed) await parseQueue.resume();
    }
  });

  it('an import interrupted with SIGINT takes its jobs back and exits', async () => {
    const dir = path.join(work, 'sigint-in');
    await writeDistinctReports(dir, 2, 'sigint');
    await parseQueue.pause();
    try {
      const importing = startCli(['import', dir, '--out', path.join(work, 'sigint-out'), '--redis', redis.url, '--prefix', prefix, '--window', '8']);
      await until('the import to enqueue', async () => (await parseQueue.getJobs(['wait'])).length === 2);
      importing.child.kill('SIGINT');
      const result = await importing.done;
      expect(result.signal).toBe('SIGINT');
      expect(await parseQueue.getJobs(['wait'])).toEqual([]);
      expect(await runs()).toEqual([]);
      expect(await leftovers()).toEqual([]);
    } finally {
      await parseQueue.resume();
    }
  });

  it('reports progress as results arrive, ending at total/total, and keeps within the window it was given', async () => {
    const { runQueuedImport } = await import('../pipeline/queue/index.js');
    const { collectInputs } = await import('../pipeline/collect-inputs.js');
    const dir = path.join(work, 'progress-in');
    await writeDistinctReports(dir, 6, 'progress');
    const { inputs } = await collectInputs([dir]);
    const calls: [number, number][] = [];
    const inFlight: number[] = [];
    const summary = await runQueuedImport(inputs, {
      redisUrl: redis.url,
      prefix,
      outDir: path.join(work, 'progress-out'),
      window: 2,
      onProgress: (done, total) => calls.push([done, total]),
      onInFlight: (n) => inFlight.push(n),
    });
    expect(summary).toMatchObject({ inputs: 6, parsed: 6, failed: 0 });
    expect(calls[0]).toEqual([0, 6]);
    expect(calls.at(-1)).toEqual([6, 6]);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    expect(Math.max(...inFlight)).toBe(2);
    expect(inFlight.at(-1)).toBe(0);
  });

  it('with no worker serving the prefix, gives up after --idle-timeout with exit code 3 and says how to resume', async () => {
    const lonely = uniquePrefix('lonely');
    try {
      const result = await runCli(['import', FIXTURES, '--out', path.join(work, 'lonely'), '--redis', redis.url, '--prefix', lonely, '--idle-timeout', '2']);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/no worker is serving prefix "stj-test-lonely-[0-9a-f]+"/);
      expect(result.stderr).toMatch(/Run the same command again to resume/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const keys = await connection.keys(`${lonely}:*`);
      expect(keys.filter((k) => !/:parse:(meta|events|id|stalled-check|marker)$/.test(k))).toEqual([]);
    } finally {
      await deletePrefix(redis.url, lonely);
    }
  });

  it('says clearly when Redis cannot be reached, without the password', async () => {
    const result = await runCli(['import', FIXTURES, '--out', path.join(work, 'nowhere'), '--redis', 'redis://:s3cret-pw@127.0.0.1:1', '--prefix', prefix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(result.stderr).not.toContain('s3cret-pw');
  });

  it('a malformed Redis URL is a usage error (exit 2) that never prints the password', async () => {
    // Every form is covered by queue-url.test.ts; here the two typos of the issue, through both commands.
    const runs = [
      runCli(['import', FIXTURES, '--out', path.join(work, 'bad-url'), '--redis', 'redis//:s3cret-pw@host']),
      runCli(['worker', '--redis', 'redis:/:s3cret-pw@host']),
    ];
    for (const result of await Promise.all(runs)) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/--redis needs a URL like redis:\/\//);
      expect(result.stderr).not.toContain('s3cret-pw');
    }
    const fromEnv = await runCli(['worker'], { REDIS_URL: 'redis:/:s3cret-pw@host' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).not.toContain('s3cret-pw');
  });
});
