/** Atomic, safe dataset replacement (pipeline/export/staging.ts): planted links, kills between renames, leftovers. */
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStaging, recoverOutDir } from '../pipeline/export/staging.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { failed, ok, report, testContext } from './helpers/fake-results.js';

const FILES = ['a.csv', 'b.jsonl', 'manifest.json'];
const CHILD = path.resolve('test/helpers/switch-and-die.ts');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-staging-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function previousDataset(name: string): Promise<string> {
  const out = path.join(tmp, name);
  await mkdir(out);
  for (const file of FILES) await writeFile(path.join(out, file), `old ${file}\n`);
  return out;
}

async function contents(out: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(out)).sort()) result[name] = (await lstat(path.join(out, name))).isFile() ? await readFile(path.join(out, name), 'utf8') : '<not a file>';
  return result;
}

const old = Object.fromEntries(FILES.map((f) => [f, `old ${f}\n`]));
const fresh = Object.fromEntries(FILES.map((f) => [f, `new ${f}\n`]));

function killedAt(out: string, step: number) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, out, String(step), ...FILES], { encoding: 'utf8' });
  expect(child.signal).toBe('SIGKILL');
}

describe('staging: a kill at any point leaves the previous dataset or the new one, never a mix', () => {
  // Steps: 1 = old manifest moved aside, 2..3 = data files switched, 4 = manifest in (the commit point).
  it.each([0, 1, 2, 3])('killed after switch step %i: the manifest is missing until the next run restores the previous dataset', async (step) => {
    const out = await previousDataset(`killed-${step}`);
    killedAt(out, step);
    const left = await contents(out);
    if (step > 0) expect(left['manifest.json']).toBeUndefined(); // readers see "no committed dataset"
    else expect(left['manifest.json']).toBe(old['manifest.json']);
    expect(Object.keys(left).some((n) => n.startsWith('.stj-staging-'))).toBe(true);

    await recoverOutDir(out);
    expect(await contents(out)).toEqual(old);
  });

  it('killed after the commit point: the new dataset stands and the leftovers go', async () => {
    const out = await previousDataset('killed-after-commit');
    killedAt(out, 4);
    await recoverOutDir(out);
    expect(await contents(out)).toEqual(fresh);
  });

  it('a first run killed mid-switch leaves nothing half-written behind once recovered', async () => {
    const out = path.join(tmp, 'first-run');
    await mkdir(out);
    killedAt(out, 2);
    await recoverOutDir(out);
    expect(await contents(out)).toEqual({});
  });

  it('the next run after a kill recovers first, then writes its dataset completely', async () => {
    const out = await previousDataset('next-run');
    killedAt(out, 2);
    const staging = await openStaging(out);
    for (const name of FILES) await writeFile(staging.file(name), `newer ${name}\n`, { flag: 'wx' });
    await staging.commit();
    expect(await contents(out)).toEqual(Object.fromEntries(FILES.map((f) => [f, `newer ${f}\n`])));
  });

  it('an aborted staging leaves --out untouched', async () => {
    const out = await previousDataset('aborted');
    const staging = await openStaging(out);
    await writeFile(staging.file('a.csv'), 'half', { flag: 'wx' });
    await staging.abort();
    expect(await contents(out)).toEqual(old);
  });
});

describe('staging: hostile --out', () => {
  it('never follows links planted in a world-writable --out, for data files or the manifest', async () => {
    const out = path.join(tmp, 'planted');
    await mkdir(out);
    await chmod(out, 0o1777);
    const victim = path.join(tmp, 'victim.txt');
    await writeFile(victim, 'precious\n');
    for (const name of ['findings.csv', 'manifest.json', 'warnings.jsonl']) await symlink(victim, path.join(out, name));
    // The temp names of earlier versions, planted too.
    await symlink(victim, path.join(out, `.findings.csv.${process.pid}.tmp`));

    const summary = await writeDataset([ok('a.txt', report('a')), failed('b.txt', 'empty', 'empty file')], out, testContext());
    expect(summary.inputs).toBe(2);
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    for (const name of ['findings.csv', 'manifest.json', 'warnings.jsonl']) expect((await lstat(path.join(out, name))).isFile()).toBe(true);
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')).counts.inputs).toBe(2);
    expect((await readdir(out)).filter((n) => n.startsWith('.stj-'))).toEqual([]);
  });

  it('writes into a private directory (mode 0700) with a name no one can guess', async () => {
    const out = path.join(tmp, 'private');
    const a = await openStaging(out);
    const b = await openStaging(out);
    expect(a.dir).not.toBe(b.dir);
    expect((await lstat(a.dir)).mode & 0o777).toBe(0o700);
    expect(path.basename(a.dir)).toMatch(new RegExp(`^\\.stj-staging-${process.pid}-\\w{6}$`));
    await a.abort();
    await b.abort();
  });

  it('removes what a dead run left (staging, scratch, old temp files) and leaves links and live runs alone', async () => {
    const out = path.join(tmp, 'leftovers');
    await mkdir(out);
    const dead = 2 ** 22 + 12345; // above the default pid_max: never a live process
    await mkdir(path.join(out, `.stj-staging-${dead}-abcdef`));
    await writeFile(path.join(out, `.stj-staging-${dead}-abcdef`, 'findings.csv'), 'x'.repeat(1000));
    await mkdir(path.join(out, `.stj-spill-${dead}-abcdef`));
    await writeFile(path.join(out, `.findings.csv.${dead}.tmp`), 'x');
    await mkdir(path.join(out, `.stj-staging-${process.ppid}-live00`));
    const target = path.join(tmp, 'not-ours');
    await mkdir(target);
    await symlink(target, path.join(out, `.stj-staging-${dead}-linked`));
    await recoverOutDir(out);
    expect((await readdir(out)).sort()).toEqual([`.stj-staging-${dead}-linked`, `.stj-staging-${process.ppid}-live00`].sort());
    expect((await lstat(target)).isDirectory()).toBe(true);
  });
});
