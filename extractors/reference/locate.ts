import { fileURLToPath } from 'node:url';

/**
 * Reference data files live beside this module in the source tree; compiled code runs from
 * dist/, which does not copy them, so it reaches back to the source folder. Compiled code may be
 * tsc's copy of this module (dist/extractors/reference/) or a bundle that holds it
 * (dist/pipeline/, scripts/bundle.mjs): either way the package root is the folder above dist/.
 */
export function referenceFilePath(fileName: string): string {
  const here = import.meta.url;
  const dist = here.lastIndexOf('/dist/');
  const base = dist >= 0 ? new URL('extractors/reference/', here.slice(0, dist + 1)) : new URL('./', here);
  return fileURLToPath(new URL(fileName, base));
}
