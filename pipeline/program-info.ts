/**
 * What the manifest says about the program and framework. Kept apart from assemble-dataset so
 * assembly stays a pure function of its arguments (tests pass their own context).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogue, type Catalogue } from '../extractors/framework/catalogue.js';

export interface AssemblyContext {
  program: { name: string; version: string };
  catalogue: Pick<Catalogue, 'id' | 'version' | 'themeById' | 'criterionById' | 'indicatorById'>;
}

let programVersion: string | null = null;

/** package.json sits one level above pipeline/ in the source tree and two above dist/pipeline/. */
export function readProgramVersion(): string {
  if (programVersion === null) {
    let dir = new URL('./', import.meta.url);
    for (let depth = 0; depth < 4; depth++) {
      dir = new URL('../', dir);
      const candidate = fileURLToPath(new URL('package.json', dir));
      if (!existsSync(candidate)) continue;
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'stj-findings' && typeof pkg.version === 'string') {
        programVersion = pkg.version;
        break;
      }
    }
    if (programVersion === null) throw new Error('cannot find the stj-findings package.json');
  }
  return programVersion;
}

export function defaultAssemblyContext(): AssemblyContext {
  return { program: { name: 'stj-findings', version: readProgramVersion() }, catalogue: loadCatalogue() };
}
