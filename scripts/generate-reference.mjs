#!/usr/bin/env node
// Step of `npm run build`, after tsc: parses and checks the shipped reference files once, with the
// compiled parsers, and writes the results to dist/reference/ with the SHA-256 of their sources
// (extractors/reference/prevalidated.ts says how compiled code uses them). Deterministic: the same
// sources and parsers give the same files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const { prevalidatedFolder, prevalidatedText } = await import(new URL('extractors/reference/prevalidated.js', dist).href);
const { municipalitySourceTexts, parseMunicipalitySources } = await import(new URL('extractors/metadata/municipalities.js', dist).href);
const { CATALOGUE_FILE, parseCatalogueFile } = await import(new URL('extractors/framework/catalogue.js', dist).href);
const { referenceFilePath } = await import(new URL('extractors/reference/locate.js', dist).href);

const folder = prevalidatedFolder(new URL('extractors/reference/prevalidated.js', dist).href);
mkdirSync(folder, { recursive: true });

const municipalityTexts = municipalitySourceTexts();
writeFileSync(path.join(folder, 'municipalities.json'), prevalidatedText(municipalityTexts, parseMunicipalitySources(...municipalityTexts)));

const catalogueText = readFileSync(referenceFilePath(CATALOGUE_FILE), 'utf8');
writeFileSync(path.join(folder, 'catalogue.json'), prevalidatedText([catalogueText], parseCatalogueFile(JSON.parse(catalogueText))));
