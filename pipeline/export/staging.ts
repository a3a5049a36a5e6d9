/**
 * Atomic, safe replacement of a dataset in --out.
 *
 * The new files are written into a fresh private directory inside --out (mkdtemp: a random name,
 * mode 0700, created exclusively), so no other user can plant a link where they are written, and
 * --out holds either the previous dataset or the new one. The switch then moves each previous file
 * aside (into the staging directory) and the new one in, by rename(2), which replaces a name and
 * never follows a link planted under it. manifest.json goes first out and last in: it is the commit
 * record. While it is missing a switch is under way, or was interrupted; the next run into the same
 * folder (any import) puts the previous dataset back, and removes what a killed run left behind.
 *
 * Readers: trust the data files of a folder only while manifest.json is present beside them.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STAGING = '.stj-staging-';
const SPILL = '.stj-spill-';
/** Written into the staging directory before the first rename: from then on an interrupted run is rolled back. */
const SWITCHING = 'SWITCHING';
const PREVIOUS = 'previous';
const MANIFEST = 'manifest.json';

export interface Staging {
  /** The private directory the new files are written into. */
  readonly dir: string;
  /** Where to write a dataset file: registers it for the switch, so adding a file to the dataset is one call. */
  file(name: string): string;
  /** Switch every registered file into --out, manifest.json last. */
  commit(): Promise<void>;
  /** Give up: remove the staging directory, leave --out as it was. */
  abort(): Promise<void>;
}

export interface StagingOptions {
  /** Tests only: called after each step of the switch (to kill the process between two renames). */
  onSwitchStep?: (step: number) => void;
}

export async function openStaging(outDir: string, options: StagingOptions = {}): Promise<Staging> {
  await mkdir(outDir, { recursive: true });
  await recoverOutDir(outDir);
  // The pid in the name lets a later run tell a live import's directory from a dead one's.
  const dir = await mkdtemp(path.join(outDir, `${STAGING}${process.pid}-`));
  const names: string[] = [];
  let step = 0;
  const stepDone = () => options.onSwitchStep?.(++step);
  return {
    dir,
    file(name) {
      if (name !== path.basename(name) || name.startsWith('.') || name === SWITCHING || name === PREVIOUS) throw new Error(`not a dataset file name: ${name}`);
      if (!names.includes(name)) names.push(name);
      return path.join(dir, name);
    },
    async commit() {
      // The manifest is switched last whatever order the files were registered in.
      const ordered = [...names.filter((n) => n !== MANIFEST), ...(names.includes(MANIFEST) ? [MANIFEST] : [])];
      await writeFile(path.join(dir, SWITCHING), JSON.stringify(ordered) + '\n', { flag: 'wx', mode: 0o600 });
      await mkdir(path.join(dir, PREVIOUS), { mode: 0o700 });
      try {
        if (ordered.includes(MANIFEST)) await moveIfPresent(path.join(outDir, MANIFEST), path.join(dir, PREVIOUS, MANIFEST));
        stepDone();
        for (const name of ordered) {
          if (name !== MANIFEST) await moveIfPresent(path.join(outDir, name), path.join(dir, PREVIOUS, name));
          await rename(path.join(dir, name), path.join(outDir, name));
          stepDone();
        }
      } catch (error) {
        // A failed rename (the folder went away, a planted directory): put the previous dataset back now.
        await rollBack(outDir, dir, ordered).catch(() => undefined);
        await rm(dir, { recursive: true, force: true }).catch(() => undefined);
        throw error;
      }
      await rm(dir, { recursive: true, force: true });
    },
    async abort() {
      // A sink destroyed a moment ago may still create its file (its open was under way): rm then meets
      // a directory that is not empty any more, and tries again.
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    },
  };
}

/** A private scratch directory inside --out (the embedded import's spill file); removed by the caller, or by the next run. */
export async function makeScratchDir(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return mkdtemp(path.join(outDir, `${SPILL}${process.pid}-`));
}

/**
 * What a killed run left in --out: an interrupted switch is rolled back (the previous dataset is put
 * back), staging and scratch directories of dead processes are removed, and so are the temp files of
 * earlier versions (.<name>.<pid>.tmp). Anything that is not ours (another owner, a link) is left alone.
 */
export async function recoverOutDir(outDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    const kind = name.startsWith(STAGING) ? 'staging' : name.startsWith(SPILL) ? 'spill' : /^\..+\.\d+(\.[0-9a-f]+)?\.tmp$/.test(name) ? 'old' : null;
    if (!kind) continue;
    const pid = Number((kind === 'old' ? /\.(\d+)(\.[0-9a-f]+)?\.tmp$/ : /^\.stj-[a-z]+-(\d+)-/).exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const entry = path.join(outDir, name);
    const stats = await lstat(entry).catch(() => null);
    if (!stats || (typeof process.getuid === 'function' && stats.uid !== process.getuid())) continue;
    if (kind === 'old') {
      if (stats.isFile()) await unlink(entry).catch(() => undefined);
      continue;
    }
    if (!stats.isDirectory()) continue;
    if (kind === 'staging') await finishInterrupted(outDir, entry);
    await rm(entry, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function finishInterrupted(outDir: string, dir: string): Promise<void> {
  let ordered: unknown;
  try {
    ordered = JSON.parse(await readFile(path.join(dir, SWITCHING), 'utf8'));
  } catch {
    return; // never started switching: --out still holds the previous dataset
  }
  if (!Array.isArray(ordered) || !ordered.every((n) => typeof n === 'string' && n === path.basename(n))) return;
  // The manifest is in place: the switch got past its commit point (or never moved anything).
  if (await exists(path.join(outDir, MANIFEST))) return;
  await rollBack(outDir, dir, ordered as string[]);
}

/** Undo a partial switch: new files out, previous ones back, the manifest last. */
async function rollBack(outDir: string, dir: string, ordered: string[]): Promise<void> {
  const manifestLast = [...ordered.filter((n) => n !== MANIFEST), ...ordered.filter((n) => n === MANIFEST)];
  for (const name of manifestLast) {
    const previous = path.join(dir, PREVIOUS, name);
    const target = path.join(outDir, name);
    if (await exists(previous)) await rename(previous, target);
    else if (!(await exists(path.join(dir, name))) && (await exists(target))) await unlink(target); // moved in, had no predecessor
  }
}

async function moveIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/** Whether a process with this id exists (one of another user counts: EPERM). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
