/**
 * `stj import --redis` against a real Redis with a real `stj worker` process: the dataset is the
 * embedded mode's, byte for byte; duplicates are parsed once; unreadable documents fail once with
 * their reason; a parse job that fails for good does not strand the export.
 */
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProgramVersion } from '../pipeline/program-info.js';
import { encodeParseJob, parseJobId } from '../pipeline/queue/job-data.js';
import { ALL_DATASET_FILES, DATA_FILES } from './helpers/dataset-files.js';
import { PARSE_QUEUE } from '../pipeline/queue/settings.js';
import { deletePrefix, startTestRedis, uniquePrefix, type TestRedis } from './helpers/redis.js';
import {
  copyFixtures,
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
async function importBothWays(label: string, inputs: string[], env: NodeJS.ProcessEnv = {}) {
  const embeddedOut = path.join(work, `${label}-embedded`);
  const queuedOut = path.join(work, `${label}-queued`);
  const embedded = await runCli(['import', ...inputs, '--out', embeddedOut]);
  const queued = await runCli(['import', ...inputs, '--out', queuedOut, '--redis', redis.url, '--prefix', prefix], env);
  return { embedded, queued, embeddedOut, queuedOut };
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

  it('writes the same dataset as the embedded mode, byte for byte', async () => {
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('fixtures', [FIXTURES]);
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(queued.code, queued.stderr).toBe(0);
    await expectSameDataset(embeddedOut, queuedOut);
    expect((await readManifest(queuedOut)).counts).toMatchObject({ inputs: 5, parsed: 5, failed: 0 });
  });

  it('reads the children results page by page into the spill file: same bytes with pages of 2', async () => {
    const dir = path.join(work, 'pages-in');
    await writeDistinctReports(dir, 9, 'pages');
    await copyFile(path.join(dir, 'pages-004.txt'), path.join(dir, 'z-copy-of-pages-004.txt'));
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('pages', [dir], { STJ_QUEUE_RESULT_PAGE: '2' });
    expect(queued.code, queued.stderr).toBe(embedded.code);
    await expectSameDataset(embeddedOut, queuedOut);
    expect((await readManifest(queuedOut)).counts).toMatchObject({ inputs: 10, parsed: 9, duplicate: 1, failed: 0 });
    // The spill file is unlinked as soon as it is open: nothing but the dataset is left in --out.
    expect((await readdir(queuedOut)).sort()).toEqual(
      ALL_DATASET_FILES,
    );
  });

  it('does not parse a document again that is already done (the next import reuses the result)', async () => {
    const before = worker.finished();
    const { queued, embeddedOut, queuedOut } = await importBothWays('again', [FIXTURES]);
    expect(queued.code, queued.stderr).toBe(0);
    await expectSameDataset(embeddedOut, queuedOut);
    expect(worker.finished()).toBe(before);

    // What Redis keeps of a finished document: its result, not its bytes.
    const name = '000_318a4c095323d6df.txt';
    const job = await until('the payload to be dropped', async () => {
      const found = await parseQueue.getJob(parseJobId(await readFile(path.join(FIXTURES, name)), name).jobId);
      return found?.data.base64 === '' && found;
    });
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toMatchObject({ ok: true, reports: [{ fileName: name }] });
  });

  it('parses a duplicate file once and the manifest marks the copy duplicate', async () => {
    const dir = path.join(work, 'dup-in');
    await writeDistinctReports(dir, 2, 'dup');
    await copyFile(path.join(dir, 'dup-000.txt'), path.join(dir, 'z-copy-of-dup-000.txt'));
    // The same bytes named .htm are read as HTML: another document to the extractor, another job.
    await copyFile(path.join(dir, 'dup-001.txt'), path.join(dir, 'z-copy-of-dup-001.htm'));
    const before = worker.finished();
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('dup', [dir]);
    expect(queued.code, queued.stderr).toBe(embedded.code);
    await expectSameDataset(embeddedOut, queuedOut);
    const manifest = await readManifest(queuedOut);
    expect(manifest.counts).toMatchObject({ inputs: 4, duplicate: 1 });
    expect(manifest.inputs.find((i) => i.path === 'z-copy-of-dup-000.txt')?.status).toBe('duplicate');
    // Three distinct (bytes, format) pairs, three parse jobs: the .txt copy shared its original's job.
    expect(worker.finished() - before).toBe(3);
  });

  it('fails a corrupt file once, with its reason, and exports the good ones', async () => {
    const dir = path.join(work, 'corrupt-in');
    await copyFixtures(dir);
    const empty = Buffer.alloc(0);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await writeFile(path.join(dir, 'empty.txt'), empty);
    await writeFile(path.join(dir, 'garbage.txt'), binary);
    const { embedded, queued, embeddedOut, queuedOut } = await importBothWays('corrupt', [dir]);
    expect(embedded.code).toBe(1);
    expect(queued.code, queued.stderr).toBe(1);
    await expectSameDataset(embeddedOut, queuedOut);

    const manifest = await readManifest(queuedOut);
    expect(manifest.counts).toMatchObject({ inputs: 7, parsed: 5, failed: 2 });
    const failed = manifest.inputs.filter((i) => i.status === 'failed');
    expect(failed.map((i) => i.path).sort()).toEqual(['empty.txt', 'garbage.txt']);
    for (const entry of failed) expect(entry.reason).toBeTruthy();
    expect(queued.stderr).toMatch(/failed empty\.txt: /);

    // A document the extractor cannot read is a final answer: completed once, never retried.
    for (const [name, bytes] of [['empty.txt', empty], ['garbage.txt', binary]] as const) {
      const job = await parseQueue.getJob(parseJobId(bytes, name).jobId);
      expect(await job?.getState()).toBe('completed');
      expect(job?.attemptsMade).toBe(1);
      expect(job?.returnvalue).toMatchObject({ ok: false });
    }
  });

  it('a parse job that fails for good does not strand the export: the document is listed failed with its reason', async () => {
    const dir = path.join(work, 'poison-in');
    await writeDistinctReports(dir, 3, 'poison');
    const version = readProgramVersion();
    const doc = async (i: number) => {
      const name = `poison-00${i}.txt`;
      const bytes = new Uint8Array(await readFile(path.join(dir, name)));
      return { name, bytes, ...parseJobId(bytes, name) };
    };
    const [damaged, otherVersion] = [await doc(0), await doc(1)];

    // Two jobs already waiting under those documents' ids, which no worker can complete: one with a
    // payload that does not match its hash (unrecoverable: fails at once), one from another program
    // version (retryable: fails after 3 attempts with backoff). The queue is paused so the import
    // finds them waiting and adopts them into its flow.
    await parseQueue.pause();
    const data = encodeParseJob(damaged.bytes, damaged.name, damaged.sha256);
    await parseQueue.add(`parse@${version}`, { ...data, base64: Buffer.from('not the document').toString('base64') }, { jobId: damaged.jobId, attempts: 3 });
    await parseQueue.add('parse@0.0.0-other', encodeParseJob(otherVersion.bytes, otherVersion.name, otherVersion.sha256), {
      jobId: otherVersion.jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 50 },
    });

    const out = path.join(work, 'poison-queued');
    const importing = runCli(['import', dir, '--out', out, '--redis', redis.url, '--prefix', prefix]);
    // Wait until the import has adopted both jobs, then let the worker at them.
    await until('the import to adopt the waiting jobs', async () => {
      const parents = await Promise.all([damaged, otherVersion].map((d) => connection.hget(parseQueue.toKey(d.jobId), 'parentKey')));
      return parents.every((p) => p);
    });
    await parseQueue.resume();
    const result = await importing;
    expect(result.code, result.stderr).toBe(1);

    const manifest = await readManifest(out);
    expect(manifest.counts).toMatchObject({ inputs: 3, parsed: 1, failed: 2 });
    const byPath = new Map(manifest.inputs.map((i) => [i.path, i]));
    expect(byPath.get(damaged.name)).toMatchObject({ status: 'failed', failure_code: 'internal_error' });
    expect(byPath.get(damaged.name)?.reason).toMatch(/parse job failed: payload damaged in transit/);
    expect(byPath.get(otherVersion.name)?.reason).toMatch(/enqueued by stj-findings 0\.0\.0-other but this worker runs/);

    const unrecoverable = await parseQueue.getJob(damaged.jobId);
    expect(unrecoverable?.attemptsMade).toBe(1);
    const retried = await parseQueue.getJob(otherVersion.jobId);
    expect(retried?.attemptsMade).toBe(3);

    // The next import does not reuse a failed job: it enqueues the document afresh and parses it.
    const again = await runCli(['import', dir, '--out', path.join(work, 'poison-again'), '--redis', redis.url, '--prefix', prefix]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('an import killed mid-way: the next one waits for its jobs instead of parsing them again, and a later one clears its leftovers', async () => {
    const dir = path.join(work, 'killed-in');
    await writeDistinctReports(dir, 2, 'killed');
    const jobIds = await Promise.all(
      ['killed-000.txt', 'killed-001.txt'].map(async (name) => parseJobId(await readFile(path.join(dir, name)), name).jobId),
    );
    const runs = () => connection.smembers(`${prefix}:stj:runs`);
    const before = worker.finished();

    await parseQueue.pause();
    const first = startCli(['import', dir, '--out', path.join(work, 'killed-first'), '--redis', redis.url, '--prefix', prefix]);
    await until('the first import to enqueue', async () => {
      const parents = await Promise.all(jobIds.map((id) => connection.hget(parseQueue.toKey(id), 'parentKey')));
      return parents.every((p) => p);
    });
    const [deadRun] = await runs();
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    // Its export job still holds the two parse jobs (its heartbeat has not expired yet): the second
    // import cannot adopt them, so it waits for them through queue events.
    const secondOut = path.join(work, 'killed-second');
    const second = runCli(['import', dir, '--out', secondOut, '--redis', redis.url, '--prefix', prefix]);
    await until('the second import to register', async () => (await runs()).length === 2);
    await parseQueue.resume();
    const result = await second;
    expect(result.code, result.stderr).toBe(0);
    expect((await readManifest(secondOut)).counts).toMatchObject({ inputs: 2, parsed: 2 });
    expect(worker.finished() - before).toBe(2);

    // Once the dead import's heartbeat has expired (30 s; deleted here), the next import removes its export queue.
    expect(await connection.keys(`${prefix}:export-${deadRun}:*`)).not.toEqual([]);
    await connection.del(`${prefix}:stj:run:${deadRun}`);
    const third = await runCli(['import', FIXTURES, '--out', path.join(work, 'killed-third'), '--redis', redis.url, '--prefix', prefix]);
    expect(third.code, third.stderr).toBe(0);
    expect(await connection.keys(`${prefix}:export-${deadRun}:*`)).toEqual([]);
    expect(await runs()).toEqual([]);
  });

  it('an import interrupted with SIGINT removes its export job and exits', async () => {
    const dir = path.join(work, 'sigint-in');
    await writeDistinctReports(dir, 2, 'sigint');
    await parseQueue.pause();
    try {
      const importing = startCli(['import', dir, '--out', path.join(work, 'sigint-out'), '--redis', redis.url, '--prefix', prefix]);
      const [runId] = await until('the import to enqueue', async () => {
        const runs = await connection.smembers(`${prefix}:stj:runs`);
        return runs.length === 1 && (await connection.exists(`${prefix}:export-${runs[0]}:export`)) === 1 && runs;
      });
      importing.child.kill('SIGINT');
      const result = await importing.done;
      expect(result.signal).toBe('SIGINT');
      expect(await connection.keys(`${prefix}:export-${runId}:*`)).toEqual([]);
      expect(await connection.smembers(`${prefix}:stj:runs`)).toEqual([]);
    } finally {
      await parseQueue.resume();
    }
  });

  it('reports progress from queue events, ending at total/total', async () => {
    const { runQueuedImport } = await import('../pipeline/queue/index.js');
    const { collectInputs } = await import('../pipeline/collect-inputs.js');
    const dir = path.join(work, 'progress-in');
    await writeDistinctReports(dir, 6, 'progress');
    const { inputs } = await collectInputs([dir]);
    const calls: [number, number][] = [];
    const summary = await runQueuedImport(inputs, {
      redisUrl: redis.url,
      prefix,
      outDir: path.join(work, 'progress-out'),
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(summary).toMatchObject({ inputs: 6, parsed: 6, failed: 0 });
    expect(calls[0]).toEqual([0, 6]);
    expect(calls.at(-1)).toEqual([6, 6]);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });

  it('leaves no export queue or run registration behind', async () => {
    const keys = await connection.keys(`${prefix}:*`);
    expect(keys.filter((k) => k.includes(':export-') || k.includes(':stj:'))).toEqual([]);
  });

  it('says clearly when Redis cannot be reached', async () => {
    const result = await runCli(['import', FIXTURES, '--out', path.join(work, 'nowhere'), '--redis', 'redis://127.0.0.1:1', '--prefix', prefix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});
