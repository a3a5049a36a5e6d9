import { fileURLToPath } from 'node:url';

/**
 * The package root when `moduleUrl` is compiled code under dist/ (tsc's copy of a module, or a bundle
 * chunk that holds it: scripts/bundle.mjs), else null: the TypeScript sources (tsx, vitest) run as .ts.
 */
export function compiledPackageRoot(moduleUrl: string): URL | null {
  if (moduleUrl.endsWith('.ts')) return null;
  const dist = moduleUrl.lastIndexOf('/dist/');
  return dist >= 0 ? new URL(moduleUrl.slice(0, dist + 1)) : null;
}

/**
 * Reference data files live beside this module in the source tree; compiled code runs from
 * dist/, which does not copy them, so it reaches back to the source folder.
 */
export function referenceFilePath(fileName: string): string {
  const root = compiledPackageRoot(import.meta.url);
  const base = root ? new URL('extractors/reference/', root) : new URL('./', import.meta.url);
  return fileURLToPath(new URL(fileName, base));
}
