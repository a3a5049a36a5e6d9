/**
 * Reference data checked at build time. Parsing and validating the shipped reference files (csv-parse
 * and zod over 800 municipalities, zod over the framework catalogue) cost every extraction thread and
 * every import tens of milliseconds before its first report. `npm run build` does it once
 * (scripts/generate-reference.mjs, with the compiled parsers) and writes the validated values to
 * dist/reference/, each with the SHA-256 of the source files it was made from. Compiled code uses
 * such a value only while those files are unchanged and parses them itself otherwise; code running
 * from source (tsx, vitest) always parses, so a parser edited since the last build is never bypassed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledPackageRoot } from './locate.js';

interface PrevalidatedFile {
  /** SHA-256 of each source text, in the order the loader passes them. */
  sources: string[];
  value: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** dist/reference/ when this code runs from dist/ (tsc's copy or a bundle), else null. */
export function prevalidatedFolder(moduleUrl: string = import.meta.url): string | null {
  const root = compiledPackageRoot(moduleUrl);
  return root ? fileURLToPath(new URL('dist/reference', root)) : null;
}

/** The value `file` holds for exactly these source texts, or null (no such file, made from other sources, unreadable). */
export function readPrevalidated<T>(file: string, sources: readonly string[]): T | null {
  let stored: PrevalidatedFile;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as PrevalidatedFile;
  } catch {
    return null;
  }
  if (!Array.isArray(stored?.sources) || stored.sources.length !== sources.length) return null;
  if (!sources.every((text, i) => stored.sources[i] === sha256(text))) return null;
  return stored.value as T;
}

/** The value the build stored as dist/reference/<name>.json for these source texts, or null. */
export function prevalidated<T>(name: string, sources: readonly string[]): T | null {
  const folder = prevalidatedFolder();
  return folder === null ? null : readPrevalidated<T>(path.join(folder, `${name}.json`), sources);
}

/** The file text the build writes for `value`, validated from `sources`. */
export function prevalidatedText(sources: readonly string[], value: unknown): string {
  const stored: PrevalidatedFile = { sources: sources.map(sha256), value };
  return JSON.stringify(stored) + '\n';
}
