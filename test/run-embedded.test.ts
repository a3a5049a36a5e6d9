import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SHA256 } from '../pipeline/collect-inputs.js';
import type { ExtractionResult } from '../extractors/model.js';
import { runEmbedded, runEmbeddedToStore } from '../pipeline/run-embedded.js';
import { DEFAULT_THREAD_MEMORY_MB, EarlyThread } from '../pipeline/extraction-thread.js';
import { replyFor } from '../pipeline/worker-reply.js';
import type { CollectedInput } from '../pipeline/stages.js';

const FIXTURES = path.resolve('fixtures/reports');
const fixture = (name: string): CollectedInput => ({ absolutePath: path.join(FIXTURES, name), relativePath: name, sizeBytes: 0 });

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-pool-'));
  await writeFile(path.join(tmp, 'empty.txt'), '');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('runEmbedded with the real extractor', () => {
  it('returns outcomes in input order and turns unreadable paths into unreadable failures', async () => {
    const inputs: CollectedInput[] = [
      fixture('004_e10162d225c65291.txt'),
      { absolutePath: path.join(tmp, 'missing.txt'), relativePath: 'missing.txt', sizeBytes: 0 },
      fixture('000_318a4c095323d6df.txt'),
      { absolutePath: tmp, relativePath: 'a-directory', sizeBytes: 0 },
      fixture('002_1b897dc814a8f4e7.txt'),
      { absolutePath: path.join(tmp, 'empty.txt'), relativePath: 'empty.txt', sizeBytes: 0 },
    ];
    const progress: [number, number][] = [];
    const outcomes = await runEmbedded(inputs, { threads: 3, onProgress: (d, t) => progress.push([d, t]) });

    expect(outcomes.map((o) => o.input)).toEqual(inputs);
    expect(outcomes.map((o) => (o.result.ok ? o.result.reports[0]!.fileName : o.result.fileName))).toEqual(inputs.map((i) => i.relativePath));
    expect(outcomes[1]!.result).toEqual({
      ok: false,
      fileName: 'missing.txt',
      bytesSha256: EMPTY_SHA256,
      failure: { code: 'unreadable', message: 'cannot read file: no such file or directory' },
    });
    expect(outcomes[3]!.result).toMatchObject({ ok: false, failure: { code: 'unreadable', message: 'cannot read file: is a directory' } });
    expect(outcomes[5]!.result).toMatchObject({ ok: false, failure: { code: 'empty' } });
    const factsheet = outcomes[4]!.result;
    expect(factsheet.ok && factsheet.reports[0]!.findings.length).toBe(30);
    expect(progress[0]).toEqual([0, 6]);
    expect(progress.at(-1)).toEqual([6, 6]);
    expect(progress.map(([d]) => d)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('spills report bodies to a store that gives back the same reports, leaving no file behind', async () => {
    const inputs = [fixture('002_1b897dc814a8f4e7.txt'), { absolutePath: path.join(tmp, 'empty.txt'), relativePath: 'empty.txt', sizeBytes: 0 }];
    const inMemory = await runEmbedded(inputs, { threads: 2 });
    const spillDir = await mkdtemp(path.join(tmp, 'spill-'));
    const store = await runEmbeddedToStore(inputs, spillDir, { threads: 2 });
    try {
      expect(await readdir(spillDir)).toEqual([]);
      const byPath = new Map(store.heads.map((h) => [h.input.relativePath, h]));
      const parsed = byPath.get('002_1b897dc814a8f4e7.txt')!;
      const expected = inMemory[0]!.result;
      expect(parsed.ok && expected.ok && store.load(parsed)).toEqual(expected.ok && expected.reports[0]);
      expect(byPath.get('empty.txt')).toMatchObject({ ok: false, failure: { failure: { code: 'empty' } } });
    } finally {
      store.close();
    }
  });

  it('turns a result that breaks the schema into an internal error of that file alone', () => {
    const job = { id: 7, absolutePath: '/x/bad.txt', relativePath: 'bad.txt' };
    const reply = replyFor(job, { ok: true, reports: [{ bytesSha256: 'a'.repeat(64) }] } as unknown as ExtractionResult);
    expect(reply.reports).toBeUndefined();
    expect(reply.head).toMatchObject({ ok: false, failure: { fileName: 'bad.txt', bytesSha256: 'a'.repeat(64), failure: { code: 'internal_error' } } });
    expect(!reply.head.ok && reply.head.failure.failure.message).toMatch(/^extraction returned an invalid result at reports\.0\./);
  });

  it('returns an empty list for no inputs without starting threads', async () => {
    expect(await runEmbedded([])).toEqual([]);
  });
});

describe('runEmbedded with a thread started ahead (the command line starts one before loading the pool)', () => {
  const settings = { memoryMb: DEFAULT_THREAD_MEMORY_MB, limits: {} };
  /** The thread's replies and whether it has ended, watched from outside the pool. */
  const watch = (early: EarlyThread) => {
    const seen = { replies: 0, exited: false };
    early.worker.on('message', () => seen.replies++);
    early.worker.on('exit', () => (seen.exited = true));
    return seen;
  };
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return condition();
  };
  const inputs = () => [fixture('002_1b897dc814a8f4e7.txt'), fixture('004_e10162d225c65291.txt')];

  it('adopts it as the first thread, gives the same outcomes and ends it with the pool', async () => {
    const expected = await runEmbedded(inputs(), { threads: 1 });
    const early = new EarlyThread(settings);
    const seen = watch(early);
    const outcomes = await runEmbedded(inputs(), { threads: 1, earlyThread: early });
    expect(outcomes).toEqual(expected);
    expect(seen.replies).toBe(2);
    expect(await until(() => seen.exited)).toBe(true);
  });

  it('ends it unused when the pool runs with other settings or has nothing to do, and never adopts one that has ended', async () => {
    const other = new EarlyThread({ ...settings, memoryMb: 512 });
    const otherSeen = watch(other);
    const expected = await runEmbedded(inputs(), { threads: 1 });
    expect(await runEmbedded(inputs(), { threads: 1, earlyThread: other })).toEqual(expected);
    expect(otherSeen.replies).toBe(0);
    expect(await until(() => otherSeen.exited)).toBe(true);

    const idle = new EarlyThread(settings);
    const idleSeen = watch(idle);
    expect(await runEmbedded([], { earlyThread: idle })).toEqual([]);
    expect(await until(() => idleSeen.exited)).toBe(true);

    const ended = new EarlyThread(settings);
    const endedSeen = watch(ended);
    await ended.worker.terminate();
    expect(await until(() => endedSeen.exited)).toBe(true);
    expect(await runEmbedded(inputs(), { threads: 1, earlyThread: ended })).toEqual(expected);
    expect(endedSeen.replies).toBe(0);
  });
});

describe('runEmbedded when a worker misbehaves', () => {
  const workerScript = new URL('./helpers/crashing-worker.mjs', import.meta.url);
  const input = (name: string): CollectedInput => ({ absolutePath: `/nowhere/${name}`, relativePath: name, sizeBytes: 0 });

  it('fails only the file whose worker crashed, replaces the worker and finishes the batch', async () => {
    const names = ['a.txt', 'crash-1.txt', 'b.txt', 'throw.txt', 'c.txt', 'crash-2.txt', 'd.txt', 'garbage.txt', 'e.txt'];
    const outcomes = await runEmbedded(names.map(input), { threads: 2, workerScript });
    expect(outcomes.map((o) => (o.result.ok ? 'ok' : `${o.result.fileName}:${o.result.failure.code}`))).toEqual([
      'a.txt:empty',
      'crash-1.txt:internal_error',
      'b.txt:empty',
      'throw.txt:internal_error',
      'c.txt:empty',
      'crash-2.txt:internal_error',
      'd.txt:empty',
      'garbage.txt:internal_error',
      'e.txt:empty',
    ]);
    const crash = outcomes[1]!.result;
    expect(!crash.ok && crash.failure.message).toBe('extraction worker crashed: exit code 3');
    const thrown = outcomes[3]!.result;
    expect(!thrown.ok && thrown.failure.message).toBe('extraction worker crashed: worker blew up');
    const garbage = outcomes[7]!.result;
    expect(!garbage.ok && garbage.failure.message).toMatch(/^extraction returned an invalid result at head\.reports?\./);
  });

  it('does not hang when every worker crashes', async () => {
    const outcomes = await runEmbedded(['crash-a', 'crash-b', 'crash-c'].map(input), { threads: 2, workerScript });
    expect(outcomes.map((o) => !o.result.ok && o.result.failure.code)).toEqual(['internal_error', 'internal_error', 'internal_error']);
  });
});
