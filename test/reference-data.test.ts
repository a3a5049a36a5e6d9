/**
 * Reference data checked at build time (extractors/reference/prevalidated.ts, scripts/generate-reference.mjs):
 * what `npm run build` stored is what parsing the shipped files gives, and it is used only for exactly
 * those files. Needs dist/ (`npm test` builds it first).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, loadCatalogue, parseCatalogueFile } from '../extractors/framework/catalogue.js';
import { loadMunicipalities, municipalitySourceTexts, parseMunicipalitySources } from '../extractors/metadata/municipalities.js';
import { compiledPackageRoot, referenceFilePath } from '../extractors/reference/locate.js';
import { prevalidatedFolder, prevalidatedText, readPrevalidated } from '../extractors/reference/prevalidated.js';

const DIST_REFERENCE = path.resolve('dist/reference');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-reference-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('reference data checked at build time', () => {
  it('is found from any module under dist/ (tsc copies and bundle chunks), and never from the sources', () => {
    expect(prevalidatedFolder(pathToFileURL(path.resolve('dist/extractors/reference/prevalidated.js')).href)).toBe(DIST_REFERENCE);
    expect(prevalidatedFolder(pathToFileURL(path.resolve('dist/pipeline/chunk-ABC.js')).href)).toBe(DIST_REFERENCE);
    expect(prevalidatedFolder(pathToFileURL(path.resolve('extractors/reference/prevalidated.ts')).href)).toBeNull();
    // Sources checked out under a folder named dist are still sources.
    expect(prevalidatedFolder('file:///home/someone/dist/stj-findings/extractors/reference/prevalidated.ts')).toBeNull();
    expect(compiledPackageRoot('file:///home/someone/dist/stj-findings/dist/pipeline/chunk-ABC.js')?.href).toBe('file:///home/someone/dist/stj-findings/');
    // This test runs from the sources: the loaders parse the files themselves.
    expect(prevalidatedFolder()).toBeNull();
  });

  it('holds what parsing the shipped municipality files gives', () => {
    const texts = municipalitySourceTexts();
    const stored = readPrevalidated(path.join(DIST_REFERENCE, 'municipalities.json'), texts);
    expect(stored).not.toBeNull();
    expect(stored).toEqual(parseMunicipalitySources(...texts));
    // The index built from either is the same (rows, names, aliases, accent-folded names).
    expect(loadMunicipalities().rows).toEqual((stored as { rows: unknown[] }).rows);
  });

  it('holds what parsing the shipped catalogue gives', async () => {
    const text = await readFile(referenceFilePath(CATALOGUE_FILE), 'utf8');
    const stored = readPrevalidated(path.join(DIST_REFERENCE, 'catalogue.json'), [text]);
    expect(stored).not.toBeNull();
    expect(stored).toEqual(parseCatalogueFile(JSON.parse(text)));
    expect(loadCatalogue().indicators.length).toBeGreaterThan(0);
  });

  it('is not used for other source texts, nor when missing or unreadable', async () => {
    const file = path.join(tmp, 'x.json');
    await writeFile(file, prevalidatedText(['a', 'b'], { value: 1 }));
    expect(readPrevalidated(file, ['a', 'b'])).toEqual({ value: 1 });
    expect(readPrevalidated(file, ['a', 'b changed'])).toBeNull();
    expect(readPrevalidated(file, ['a'])).toBeNull();
    expect(readPrevalidated(path.join(tmp, 'missing.json'), ['a', 'b'])).toBeNull();
    await writeFile(file, '{ not json');
    expect(readPrevalidated(file, ['a', 'b'])).toBeNull();
    expect(existsSync(DIST_REFERENCE)).toBe(true);
  });
});
