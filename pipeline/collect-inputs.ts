/**
 * First stage: turn the command line's files and folders into a sorted, de-duplicated list of inputs.
 * Nothing here throws for a bad path: a missing or unreadable path becomes a problem, which the CLI
 * turns into a failed manifest entry, so one typo never costs the rest of the import.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import { compareCodeUnits } from './sort-order.js';
import type { CollectedInput, InputOutcome } from './stages.js';
import { describeFsError } from './fs-errors.js';

export interface InputProblem {
  /** Shown in the manifest, so never absolute: relative to the import root, or the base name. */
  path: string;
  reason: string;
  /** Not a document at all (FIFO, socket, device, broken link): the manifest lists it as skipped, not failed. */
  skipped?: boolean;
  /** A hidden entry of an input folder: skipped too, with a code of its own. */
  hidden?: boolean;
}

export interface CollectOptions {
  /** Folders never read as input (the output folder, which may sit inside an input folder). */
  exclude?: string[];
}

export interface CollectResult {
  inputs: CollectedInput[];
  problems: InputProblem[];
}

/** sha256 of zero bytes: what a failed input that was never read reports as its hash. */
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

interface Found {
  absolutePath: string;
  /** Path relative to the import root, '/'-separated. */
  relativePath: string;
  sizeBytes: number;
  /** realpath: two routes to the same file (argument given twice, folder plus a file inside it) count once. */
  identity: string;
}

export async function collectInputs(paths: string[], options: CollectOptions = {}): Promise<CollectResult> {
  const problems: InputProblem[] = [];
  const roots: { given: string; absolute: string; stats: Stats }[] = [];
  const missing: { given: string; absolute: string; reason: string }[] = [];

  for (const given of paths) {
    const absolute = path.resolve(given);
    try {
      roots.push({ given, absolute, stats: await stat(absolute) });
    } catch (error) {
      missing.push({ given, absolute, reason: describeFsError(error) });
    }
  }

  // Folders anchor at themselves, files at their folder. Paths that do not exist take no part, so a
  // typo does not rename every good input.
  const anchors = roots.map((r) => (r.stats.isDirectory() ? r.absolute : path.dirname(r.absolute)));
  const display = pathNamer(anchors);

  for (const m of missing) problems.push({ path: display(m.absolute), reason: m.reason });

  const found: Found[] = [];
  // Excluded folders count as visited: the walk never enters them.
  const visitedDirs = new Set<string>();
  for (const dir of options.exclude ?? []) {
    const real = await realpath(path.resolve(dir)).catch(() => null);
    if (real) visitedDirs.add(real);
  }
  for (const root of roots) {
    if (root.stats.isDirectory()) {
      await walk(root.absolute, display, visitedDirs, found, problems);
    } else if (root.stats.isFile()) {
      found.push({
        absolutePath: root.absolute,
        relativePath: display(root.absolute),
        sizeBytes: root.stats.size,
        identity: await realpath(root.absolute).catch(() => root.absolute),
      });
    } else {
      // FIFOs and devices would block or never end when read.
      problems.push({ path: display(root.absolute), reason: notRegular(root.stats), skipped: true });
    }
  }

  found.sort((a, b) => compareCodeUnits(a.relativePath, b.relativePath));
  const seen = new Set<string>();
  const inputs: CollectedInput[] = [];
  for (const f of found) {
    if (seen.has(f.identity)) continue;
    seen.add(f.identity);
    inputs.push({ absolutePath: f.absolutePath, relativePath: f.relativePath, sizeBytes: f.sizeBytes });
  }
  problems.sort((a, b) => compareCodeUnits(a.path, b.path) || compareCodeUnits(a.reason, b.reason));
  return { inputs, problems };
}

/** Problems as failed outcomes, so they reach the manifest like any other unreadable file. */
export function problemOutcomes(problems: InputProblem[]): InputOutcome[] {
  return problems.map((p) => ({
    input: { absolutePath: '', relativePath: p.path, sizeBytes: 0 },
    result: {
      ok: false,
      fileName: p.path,
      bytesSha256: EMPTY_SHA256,
      failure: { code: p.hidden ? 'hidden' : p.skipped ? 'not_regular_file' : 'unreadable', message: p.reason },
    },
  }));
}

type Namer = (absolute: string) => string;

async function walk(
  dir: string,
  display: Namer,
  visitedDirs: Set<string>,
  found: Found[],
  problems: InputProblem[],
): Promise<void> {
  // A symlink that points back up the tree would otherwise recurse forever; the real path
  // identifies the directory whatever route led here.
  let real: string;
  try {
    real = await realpath(dir);
  } catch (error) {
    problems.push({ path: display(dir), reason: describeFsError(error) });
    return;
  }
  if (visitedDirs.has(real)) return;
  visitedDirs.add(real);

  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: display(dir), reason: describeFsError(error) });
    return;
  }
  // Sorted so that which of two routes to the same directory wins does not depend on the file system.
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  // Hidden entries (".git", ".DS_Store", an editor's swap file) are not read, but never silently:
  // each is one skipped manifest entry (a hidden folder once, not its contents).
  for (const e of entries) {
    if (e.name.startsWith('.')) problems.push({ path: display(path.join(dir, e.name)), reason: `hidden ${e.isDirectory() ? 'folder' : 'file'} (its name starts with "."), not read`, hidden: true });
  }
  entries = entries.filter((e) => !e.name.startsWith('.'));

  // stat (and realpath for symlinks) of a folder's entries run a batch at a time rather than one
  // after another: on a folder of 10k+ files the sequential round trips dominated collection.
  const looked: Looked[] = [];
  for (let i = 0; i < entries.length; i += STAT_BATCH) {
    looked.push(...(await Promise.all(entries.slice(i, i + STAT_BATCH).map((e) => lookAt(dir, real, e)))));
  }

  // Then in name order, one folder at a time, so the walk (and visitedDirs) stays deterministic.
  for (const item of looked) {
    if ('reason' in item) {
      problems.push({ path: display(item.entry), reason: item.reason, ...(item.skipped ? { skipped: true } : {}) });
    } else if (item.stats.isDirectory()) {
      await walk(item.entry, display, visitedDirs, found, problems);
    } else if (item.stats.isFile()) {
      found.push({
        absolutePath: item.entry,
        relativePath: display(item.entry),
        sizeBytes: item.stats.size,
        identity: item.identity,
      });
    } else {
      // Sockets, FIFOs and devices are not documents (and a FIFO would block the read): skipped, with the reason.
      problems.push({ path: display(item.entry), reason: notRegular(item.stats), skipped: true });
    }
  }
}

/** Entries stat'ed at once per folder: enough to keep the libuv pool busy, few enough to bound open requests. */
const STAT_BATCH = 64;

type Looked = { entry: string; stats: Stats; identity: string } | { entry: string; reason: string; skipped: boolean };

async function lookAt(dir: string, realDir: string, dirent: Dirent): Promise<Looked> {
  const entry = path.join(dir, dirent.name);
  try {
    const stats = await stat(entry);
    // Only a symlink can lead elsewhere; any other entry's real path is its real folder plus its name,
    // which saves a realpath call per file.
    const identity = dirent.isSymbolicLink() ? await realpath(entry).catch(() => entry) : path.join(realDir, dirent.name);
    return { entry, stats, identity };
  } catch (error) {
    const dangling = await lstat(entry).then((l) => l.isSymbolicLink(), () => false);
    // A name that is not UTF-8 (Windows-1252 names from an old zip, say) comes back from readdir with
    // U+FFFD in it and then cannot be opened: say so, instead of the baffling "no such file".
    const undecodable = !dangling && dirent.name.includes('\uFFFD') && (error as { code?: unknown }).code === 'ENOENT';
    const reason = dangling
      ? 'broken symbolic link'
      : undecodable
        ? 'file name is not valid UTF-8; rename the file (e.g. convmv -f cp1252 -t utf8)'
        : describeFsError(error);
    return { entry, reason, skipped: dangling };
  }
}

function notRegular(stats: Stats): string {
  if (stats.isFIFO()) return 'not a regular file: a named pipe (FIFO)';
  if (stats.isSocket()) return 'not a regular file: a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'not a regular file: a device';
  return 'not a regular file';
}

const isInside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * How a file is named in the dataset: relative to the argument that named it (a folder, or a file's
 * folder), never by where that argument sits on this machine. An anchor inside another anchor joins
 * it. With several unrelated anchors each file is prefixed by its anchor's last folder name (more of
 * its path only where two anchors share that name), so equal names do not collide.
 */
function pathNamer(anchors: string[]): Namer {
  const unique = [...new Set(anchors)].sort((a, b) => a.length - b.length || compareCodeUnits(a, b));
  const tops: string[] = [];
  for (const anchor of unique) if (!tops.some((top) => isInside(anchor, top))) tops.push(anchor);
  const labels = new Map<string, string>();
  if (tops.length > 1) {
    const parts = tops.map((top) => top.split(path.sep).filter((p) => p.length > 0));
    const depth = tops.map(() => 1);
    const label = (i: number) => parts[i]!.slice(-depth[i]!).join('/');
    for (let round = 0; round < 64; round++) {
      const counts = new Map<string, number>();
      tops.forEach((_, i) => counts.set(label(i), (counts.get(label(i)) ?? 0) + 1));
      const clashing = tops.map((_, i) => i).filter((i) => counts.get(label(i))! > 1 && depth[i]! < parts[i]!.length);
      if (clashing.length === 0) break;
      for (const i of clashing) depth[i]!++;
    }
    tops.forEach((top, i) => labels.set(top, label(i)));
  }
  return (absolute) => {
    const top = tops.find((t) => isInside(absolute, t));
    if (top === undefined) return path.basename(absolute);
    const relative = path.relative(top, absolute).split(path.sep).join('/');
    const label = labels.get(top) ?? '';
    if (label === '') return relative || path.basename(absolute);
    return relative ? `${label}/${relative}` : label;
  };
}
