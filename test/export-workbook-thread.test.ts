/** dataset.xlsx is written in a thread of its own beside the other exports (pipeline/export/write-exports.ts). */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { writeExports } from '../pipeline/export/write-exports.js';
import { sheetsInThread } from '../pipeline/export/xlsx/sheets-in-thread.js';
import { finding, ok, report, testContext } from './helpers/fake-results.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-workbook-thread-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// Small datasets write the workbook in the main thread (test/export*.test.ts cover that); this forces the thread.
describe('the workbook thread', () => {
  it("fails the export with the thread's reason, after the other exports, and leaves no temp file", async () => {
    const dir = path.join(tmp, 'dataset');
    await writeDataset([ok('a.txt', report('a', { findings: [finding()] }))], dir, testContext());
    expect((await stat(path.join(dir, 'dataset.xlsx'))).size).toBeGreaterThan(0);
    // A non-empty folder where the workbook goes: the thread's final rename fails.
    await rm(path.join(dir, 'dataset.xlsx'));
    await rm(path.join(dir, 'overview.html'));
    await mkdir(path.join(dir, 'dataset.xlsx'));
    await writeFile(path.join(dir, 'dataset.xlsx', 'keep'), 'x');
    await expect(writeExports(dir, { workbookThreadRows: 0 })).rejects.toThrow(/^writing dataset\.xlsx failed: .*(EISDIR|ENOTEMPTY|EEXIST|directory)/);
    // The main thread's exports were written meanwhile; the thread cleaned up its temp file.
    expect((await stat(path.join(dir, 'overview.html'))).size).toBeGreaterThan(0);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // Once the way is clear, the same call writes it.
    await rm(path.join(dir, 'dataset.xlsx'), { recursive: true });
    await writeExports(dir, { workbookThreadRows: 0 });
    // The same bytes as the main thread writes.
    const fromThread = await readFile(path.join(dir, 'dataset.xlsx'));
    await writeExports(dir);
    expect(fromThread.length).toBeGreaterThan(0);
    expect(await readFile(path.join(dir, 'dataset.xlsx'))).toEqual(fromThread);
  });

  it("fails the export with the sheets thread's reason and leaves no temp file of either thread", async () => {
    const dir = path.join(tmp, 'sheets-thread');
    await writeDataset([ok('a.txt', report('a', { findings: [finding()] }))], dir, testContext());
    const written = await readFile(path.join(dir, 'dataset.xlsx'));
    // A folder where the sheets thread's entry file goes (threads share the process id): it cannot open it.
    const entryFile = path.join(dir, `dataset.xlsx.${process.pid}.sheets.tmp`);
    await mkdir(entryFile);
    await expect(writeExports(dir, { workbookThreadRows: 0 })).rejects.toThrow(/^writing dataset\.xlsx failed: EISDIR.*sheets\.tmp/);
    await rm(entryFile, { recursive: true });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The workbook in place is the one from before, untouched.
    expect(await readFile(path.join(dir, 'dataset.xlsx'))).toEqual(written);
  });

  it('reports a failed sheets thread as soon as it fails, so the workbook thread need not finish the findings sheet first', async () => {
    const dir = path.join(tmp, 'sheets-failed');
    await writeDataset([ok('a.txt', report('a', { findings: [finding()] }))], dir, testContext());
    // A folder where its entry file goes: the thread fails on opening it, before any table.
    const entryFile = path.join(dir, 'entry.tmp');
    await mkdir(entryFile);
    const thread = sheetsInThread(dir, entryFile, ['reports', 'warnings']);
    try {
      // Nobody asked for a table: the failure arrives by itself.
      expect((await thread.failed).message).toMatch(/EISDIR/);
      await expect(thread.next()).rejects.toThrow(/EISDIR/);
    } finally {
      await thread.stop();
    }
  });

  it("stops the workbook's threads when the main thread's exports fail, and removes their temp files", async () => {
    const dir = path.join(tmp, 'main-fails');
    await writeDataset([ok('a.txt', report('a', { findings: [finding()] }))], dir, testContext());
    const written = await readFile(path.join(dir, 'dataset.xlsx'));
    // What threads stopped mid-write leave behind (the names they write under; threads share the process id).
    const leftovers = [`dataset.xlsx.${process.pid}.tmp`, `dataset.xlsx.${process.pid}.sheets.tmp`];
    for (const name of leftovers) await writeFile(path.join(dir, name), 'half a workbook');
    // A non-empty folder where the codebook goes: the main thread fails right after its scan.
    await rm(path.join(dir, 'codebook.md'));
    await mkdir(path.join(dir, 'codebook.md'));
    await writeFile(path.join(dir, 'codebook.md', 'keep'), 'x');
    await expect(writeExports(dir, { workbookThreadRows: 0 })).rejects.toThrow(/(EISDIR|ENOTEMPTY|EEXIST|directory)/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await readFile(path.join(dir, 'dataset.xlsx'))).toEqual(written);
  });
});
