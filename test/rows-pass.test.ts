/**
 * The rows pass in chunks (pipeline/export/rows-pass.ts), with and without a rows thread
 * (rows-in-thread.ts), on real extractions of the fixtures: whoever renders a chunk, the ten row files
 * have the bytes of the main thread alone. From ROWS_THREAD_REPORTS reports on, writeDataset uses the
 * thread; small tests stay below it, so these force it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDataset } from '../pipeline/assemble-dataset.js';
import { collectInputs } from '../pipeline/collect-inputs.js';
import { ROW_FILES } from '../pipeline/export/rows-chunk.js';
import { startRowsThread } from '../pipeline/export/rows-in-thread.js';
import { writeRowsPass } from '../pipeline/export/rows-pass.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import type { SpillStore } from '../pipeline/outcome-store.js';
import { runEmbeddedToStore } from '../pipeline/run-embedded.js';
import { generateCorpus, writeCorpus } from '../bench/synthetic-corpus.js';
import { testContext } from './helpers/fake-results.js';
import { misplacedBodies, unreadableBodies } from './helpers/shared-bodies.js';

let tmp: string;
let store: SpillStore;
/** The dataset as the main thread alone writes it: what every other way must give byte for byte. */
let reference: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-rows-pass-'));
  // The five real reports and their copies through a converter (duplicates among them), and synthetic
  // reports of every level: case-level notas with narrative rows, and a follow-up (0203) whose baseline
  // (0058) is in the batch, so its findings carry baseline links.
  const corpus = generateCorpus({ reports: 204, seed: 2013 });
  const wanted = (name: string) => Number(name.slice(0, 4)) < 40 || name.startsWith('0058_') || name.startsWith('0203_');
  await writeCorpus({ ...corpus, files: corpus.files.filter((file) => wanted(file.name)) }, path.join(tmp, 'synthetic'));
  const { inputs } = await collectInputs([path.resolve('fixtures/reports'), path.resolve('fixtures/converted/pandoc-gfm'), path.join(tmp, 'synthetic')]);
  await mkdir(path.join(tmp, 'spill'));
  store = await runEmbeddedToStore(inputs, path.join(tmp, 'spill'), { threads: 2 });
  reference = path.join(tmp, 'reference');
  await writeDataset(store, reference, testContext(), { rowsThreadReports: Infinity, panelThreadReports: Infinity });
}, 120_000);

afterAll(async () => {
  store?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Byte for byte; on a difference, the first line that differs (toEqual on megabyte Buffers takes seconds). */
async function expectSameBytes(actualPath: string, expectedPath: string): Promise<void> {
  const [actual, expected] = await Promise.all([readFile(actualPath), readFile(expectedPath)]);
  if (actual.equals(expected)) return;
  const a = actual.toString('utf8').split('\n');
  const e = expected.toString('utf8').split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  expect({ file: path.basename(actualPath), line: line + 1, text: a[line] }).toEqual({ file: path.basename(expectedPath), line: line + 1, text: e[line] });
}

async function expectRowFilesLikeReference(dir: string): Promise<void> {
  for (const name of ROW_FILES) await expectSameBytes(path.join(dir, name), path.join(reference, name));
}

describe('the rows pass', () => {
  it('covers what the chunks must carry: findings, narrative rows and baseline links', async () => {
    const lines = async (name: string) => (await readFile(path.join(reference, name), 'utf8')).trimEnd().split('\n').filter(Boolean);
    const plan = planDataset(store.heads);
    expect(plan.groups.length).toBeGreaterThanOrEqual(40);
    expect((await lines('findings.jsonl')).length).toBeGreaterThan(50);
    expect((await lines('sections.jsonl')).length).toBeGreaterThan(0);
    expect((await lines('findings.jsonl')).some((line) => (JSON.parse(line) as { baseline_verdict: string | null }).baseline_verdict !== null)).toBe(true);
    // The CSV header comes once, before the first chunk.
    expect((await lines('findings.csv')).filter((line) => line.startsWith('finding_id,')).length).toBe(1);
  });

  it('gives the same bytes in chunks of 1 and of 16 reports, with a rows thread rendering some of them', async () => {
    const plan = planDataset(store.heads);
    // One thread for both passes: its start-up under vitest (tsx) is most of this test's time.
    const thread = startRowsThread({ bodies: store.shareBodies(plan.groups.map((g) => g.head)), groups: plan.groups, context: testContext(), projections: false });
    try {
      for (const chunkReports of [1, 16]) {
        const out = path.join(tmp, `chunks-${chunkReports}`);
        await mkdir(out);
        const counts = await writeRowsPass(plan, (head) => store.load(head), testContext(), (name) => path.join(out, name), { thread, chunkReports });
        await expectRowFilesLikeReference(out);
        expect(counts.findings).toBe((await readFile(path.join(reference, 'findings.jsonl'), 'utf8')).trimEnd().split('\n').length);
      }
    } finally {
      await thread.stop();
    }
  });

  it('writeDataset with the rows thread (and the panel pass in the main thread) writes every file of the reference', async () => {
    const out = path.join(tmp, 'with-thread');
    await writeDataset(store, out, testContext(), { rowsThreadReports: 1, panelThreadReports: Infinity });
    const names = (await readdir(reference)).sort();
    expect((await readdir(out)).sort()).toEqual(names);
    for (const name of names) await expectSameBytes(path.join(out, name), path.join(reference, name));
  });

  it('fails the import with the thread reason and leaves the previous dataset as it was', async () => {
    const out = path.join(tmp, 'kept');
    await writeDataset(store, out, testContext());
    await writeFile(path.join(out, 'marker.txt'), 'previous run');
    const before = await readFile(path.join(out, 'findings.csv'));
    await expect(writeDataset(unreadableBodies(store), out, testContext(), { rowsThreadReports: 1, panelThreadReports: Infinity })).rejects.toThrow(/^writing the rows failed: .*EBADF/);
    expect((await readFile(path.join(out, 'findings.csv'))).equals(before)).toBe(true);
    expect(await readFile(path.join(out, 'marker.txt'), 'utf8')).toBe('previous run');
    expect((await readdir(path.dirname(out))).filter((name) => name.startsWith('.stj') || name.includes('staging'))).toEqual([]);
  });

  it('refuses a body that is not the report it was asked for, rather than write its findings under another id', async () => {
    await expect(writeDataset(misplacedBodies(store), path.join(tmp, 'swapped'), testContext(), { rowsThreadReports: 1, panelThreadReports: Infinity })).rejects.toThrow(
      /^writing the rows failed: the body read for rpt-\S+ is another report's/,
    );
  });
});
