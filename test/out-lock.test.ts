/** One import at a time per output folder (pipeline/export/out-lock.ts). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_NAME, lockOutDir, OutDirBusy } from '../pipeline/export/out-lock.js';

const CLI = path.resolve('dist/pipeline/cli.js');
const FACTSHEET = path.resolve('fixtures/reports/002_1b897dc814a8f4e7.txt');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-out-lock-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A process that lives until killed, and one that is already gone. */
function liveProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Waits until the child is reaped: a zombie still answers kill(pid, 0).
  return { pid: child.pid!, stop: async () => { child.kill('SIGKILL'); await exited; } };
}
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim());
}

describe('the output-folder lock', () => {
  it('is taken with this process id, refused to a second taker while held, and gone once released', async () => {
    const dir = path.join(tmp, 'held');
    await mkdir(dir);
    const release = await lockOutDir(dir, 'held');
    expect(await readFile(path.join(dir, LOCK_NAME), 'utf8')).toBe(`${process.pid}\n`);
    // Another live process writes its id over ours (as if it had taken the lock after a crash of ours).
    const live = liveProcess();
    try {
      await writeFile(path.join(dir, LOCK_NAME), `${live.pid}\n`);
      const refused = lockOutDir(dir, 'held');
      await expect(refused).rejects.toBeInstanceOf(OutDirBusy);
      await expect(refused).rejects.toThrow(`--out held is in use by another import (process ${live.pid}); wait for it to finish, or choose another --out`);
      // Our release never removes a lock another process holds now.
      await release();
      expect(await readFile(path.join(dir, LOCK_NAME), 'utf8')).toBe(`${live.pid}\n`);
    } finally {
      await live.stop();
    }
  });

  it("takes over a lock whose process is gone, or that holds no process id", async () => {
    for (const content of [`${deadPid()}\n`, 'garbage']) {
      const dir = await mkdtemp(path.join(tmp, 'stale-'));
      await writeFile(path.join(dir, LOCK_NAME), content);
      const release = await lockOutDir(dir, 'stale');
      expect(await readFile(path.join(dir, LOCK_NAME), 'utf8')).toBe(`${process.pid}\n`);
      await release();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('makes the CLI exit 4 before any work while another import holds --out, and leaves no lock after a run', async () => {
    const out = path.join(tmp, 'cli-out');
    await mkdir(out);
    const live = liveProcess();
    try {
      await writeFile(path.join(out, LOCK_NAME), `${live.pid}\n`);
      const busy = spawnSync(process.execPath, [CLI, 'import', FACTSHEET, '--out', out], { encoding: 'utf8' });
      expect(busy.status).toBe(4);
      expect(busy.stderr).toBe(`stj-findings: --out ${out} is in use by another import (process ${live.pid}); wait for it to finish, or choose another --out\n`);
      expect(await readdir(out)).toEqual([LOCK_NAME]);
    } finally {
      await live.stop();
    }
    // Its owner gone, the next import takes the lock over and removes it when done.
    const done = spawnSync(process.execPath, [CLI, 'import', FACTSHEET, '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(done.status, done.stderr).toBe(0);
    expect(await readdir(out)).not.toContain(LOCK_NAME);
    expect(await readdir(out)).toContain('manifest.json');
  });
});
