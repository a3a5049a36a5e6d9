/**
 * One import at a time per output folder: two imports switching their files into one --out at once
 * would leave a dataset mixed from both. The lock is a file holding the owner's pid, created with
 * O_EXCL; a lock whose process is gone (killed) is taken over. Exit code 4 says the folder is busy.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from './staging.js';

export const LOCK_NAME = '.stj-lock';
export const EXIT_OUT_BUSY = 4;

export class OutDirBusy extends Error {
  readonly exitCode = EXIT_OUT_BUSY;
  constructor(label: string, pid: number) {
    super(`--out ${label} is in use by another import (process ${pid}); wait for it to finish, or choose another --out`);
  }
}

/** Takes the lock of outDir (which exists); resolves to its release. */
export async function lockOutDir(outDir: string, label: string): Promise<() => Promise<void>> {
  const lockPath = path.join(outDir, LOCK_NAME);
  // Twice at most: the second try follows the removal of a dead owner's lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return async () => {
        // Only our own lock: never remove one another import has taken over meanwhile.
        if ((await ownerOf(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await ownerOf(lockPath);
      if (owner !== null && owner !== process.pid && isAlive(owner)) throw new OutDirBusy(label, owner);
      await unlink(lockPath).catch(() => undefined);
    }
  }
  throw new OutDirBusy(label, (await ownerOf(lockPath)) ?? 0);
}

async function ownerOf(lockPath: string): Promise<number | null> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}
