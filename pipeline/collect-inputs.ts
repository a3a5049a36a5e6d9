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

export async function collectInputs(paths: string[]): Promise<CollectResult> {
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

  // Folders anchor at themselves, files at their folder; the common ancestor of all anchors is the
  // import root. Paths that do not exist take no part, so a typo does not rename every good input.
  const anchors = roots.map((r) => (r.stats.isDirectory() ? r.absolute : path.dirname(r.absolute)));
  const importRoot = commonAncestor(anchors.length > 0 ? anchors : missing.map((m) => path.dirname(m.absolute)));
  const display = (absolute: string) => displayPath(importRoot, absolute);

  for (const m of missing) problems.push({ path: display(m.absolute), reason: m.reason });

  const found: Found[] = [];
  const visitedDirs = new Set<string>();
  for (const root of roots) {
    if (root.stats.isDirectory()) {
      await walk(root.absolute, importRoot, visitedDirs, found, problems);
    } else if (root.stats.isFile()) {
      found.push({
        absolutePath: root.absolute,
        relativePath: display(root.absolute),
        sizeBytes: root.stats.size,
        identity: await realpath(root.absolute).catch(() => root.absolute),
      });
    } else {
      // FIFOs and devices would block or never end when read.
      problems.push({ path: display(root.absolute), reason: 'not a regular file' });
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
      failure: { code: 'unreadable', message: p.reason },
    },
  }));
}

async function walk(
  dir: string,
  importRoot: string,
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
    problems.push({ path: displayPath(importRoot, dir), reason: describeFsError(error) });
    return;
  }
  if (visitedDirs.has(real)) return;
  visitedDirs.add(real);

  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: displayPath(importRoot, dir), reason: describeFsError(error) });
    return;
  }
  // Sorted so that which of two routes to the same directory wins does not depend on the file system.
  entries = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => compareCodeUnits(a.name, b.name));

  // stat (and realpath for symlinks) of a folder's entries run a batch at a time rather than one
  // after another: on a folder of 10k+ files the sequential round trips dominated collection.
  const looked: Looked[] = [];
  for (let i = 0; i < entries.length; i += STAT_BATCH) {
    looked.push(...(await Promise.all(entries.slice(i, i + STAT_BATCH).map((e) => lookAt(dir, real, e)))));
  }

  // Then in name order, one folder at a time, so the walk (and visitedDirs) stays deterministic.
  for (const item of looked) {
    if ('reason' in item) {
      problems.push({ path: displayPath(importRoot, item.entry), reason: item.reason });
    } else if (item.stats.isDirectory()) {
      await walk(item.entry, importRoot, visitedDirs, found, problems);
    } else if (item.stats.isFile()) {
      found.push({
        absolutePath: item.entry,
        relativePath: displayPath(importRoot, item.entry),
        sizeBytes: item.stats.size,
        identity: item.identity,
      });
    }
    // Sockets, FIFOs and devices inside a folder are not documents: skipped silently.
  }
}

/** Entries stat'ed at once per folder: enough to keep the libuv pool busy, few enough to bound open requests. */
const STAT_BATCH = 64;

type Looked = { entry: string; stats: Stats; identity: string } | { entry: string; reason: string };

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
    return { entry, reason };
  }
}

function commonAncestor(dirs: string[]): string {
  if (dirs.length === 0) return process.cwd();
  let parts = dirs[0]!.split(path.sep);
  for (const dir of dirs.slice(1)) {
    const other = dir.split(path.sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  // Splitting '/a' gives ['', 'a']: an empty common prefix is the file system root.
  return parts.length <= 1 ? path.parse(dirs[0]!).root : parts.join(path.sep);
}

function displayPath(importRoot: string, absolute: string): string {
  const relative = path.relative(importRoot, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return path.basename(absolute);
  return relative.split(path.sep).join('/');
}

