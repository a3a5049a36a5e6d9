/**
 * The queue worker's extraction pool (pipeline/queue/extraction-pool.ts) hands each thread two
 * documents, the one it parses and the next. What must hold whatever a thread holds when it dies: the
 * document it was parsing gets the failure (or its second attempt), the one waiting behind it is parsed
 * elsewhere as if nothing happened, and every document gets exactly one answer.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../extractors/input/limits.js';
import { ExtractionPool } from '../pipeline/queue/extraction-pool.js';

const FIXTURE = path.resolve('fixtures/reports/002_1b897dc814a8f4e7.txt');

async function document(fileName: string, extra = '') {
  const bytes = Buffer.concat([await readFile(FIXTURE), Buffer.from(extra)]);
  return { fileName, sha256: createHash('sha256').update(bytes).digest('hex'), base64: bytes.toString('base64') };
}

let previous: string | undefined;
beforeEach(() => {
  // The pool's threads inherit the environment they are started with: the test-only hostile names work.
  previous = process.env.STJ_TEST_HOSTILE_FILES;
  process.env.STJ_TEST_HOSTILE_FILES = '1';
});
afterEach(() => {
  if (previous === undefined) delete process.env.STJ_TEST_HOSTILE_FILES;
  else process.env.STJ_TEST_HOSTILE_FILES = previous;
});

describe('the queue worker extraction pool', () => {
  it('a thread that dies on the document it parses: that one fails after its second attempt, the ones behind it are parsed', async () => {
    const pool = new ExtractionPool({ threads: 1, documentTimeoutMs: 20_000, threadMemoryMb: 512, limits: DEFAULT_LIMITS, simulateCpuMs: 0 });
    try {
      // One thread: it holds the crashing document and the first good one at once.
      const docs = [await document('hostile-crash.txt', '\n1'), await document('good-1.txt', '\n2'), await document('good-2.txt', '\n3')];
      const replies = await Promise.all(docs.map((doc) => pool.run(doc)));
      expect(replies[0]!.head).toMatchObject({ ok: false, failure: { fileName: 'hostile-crash.txt', failure: { code: 'internal_error', message: 'extraction worker crashed: exit code 70 (2 attempts)' } } });
      for (const [i, name] of [[1, 'good-1.txt'], [2, 'good-2.txt']] as const) {
        expect(replies[i]!.head.ok, name).toBe(true);
        expect(replies[i]!.reports).toHaveLength(1);
        expect((JSON.parse(replies[i]!.reports![0]!) as { fileName: string }).fileName).toBe(name);
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a document over its time budget fails with timeout; the one that waited behind it in the same thread is parsed', async () => {
    const pool = new ExtractionPool({ threads: 1, documentTimeoutMs: 1_500, threadMemoryMb: 512, limits: DEFAULT_LIMITS, simulateCpuMs: 0 });
    try {
      const docs = [await document('hostile-hang.txt', '\n1'), await document('good-after-hang.txt', '\n2')];
      const [hang, good] = await Promise.all(docs.map((doc) => pool.run(doc)));
      expect(hang!.head).toMatchObject({ ok: false, failure: { failure: { code: 'timeout' } } });
      expect(good!.head.ok).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('answers every document once when the pool closes, in a thread or not yet', async () => {
    const pool = new ExtractionPool({ threads: 1, documentTimeoutMs: 20_000, threadMemoryMb: 512, limits: DEFAULT_LIMITS, simulateCpuMs: 0 });
    const docs = [await document('hostile-hang.txt', '\n1'), await document('waiting.txt', '\n2'), await document('queued.txt', '\n3')];
    const replies = docs.map((doc) => pool.run(doc));
    // Whether the thread has taken the first two yet or not, each gets one answer.
    await pool.close();
    for (const reply of await Promise.all(replies)) {
      expect(reply.head).toMatchObject({ ok: false, failure: { failure: { code: 'internal_error', message: 'the worker stopped before this document was parsed' } } });
    }
  }, 60_000);
});
