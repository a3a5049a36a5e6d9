import { fileURLToPath } from 'node:url';

/**
 * Reference data files live beside this module in the source tree; compiled code runs from
 * dist/, which does not copy them, so it reaches back to the source folder.
 */
export function referenceFilePath(fileName: string): string {
  const here = import.meta.url;
  const base = here.includes('/dist/extractors/')
    ? new URL('../../../extractors/reference/', here)
    : new URL('./', here);
  return fileURLToPath(new URL(fileName, base));
}
