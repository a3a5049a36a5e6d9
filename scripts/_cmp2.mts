import { readFileSync, writeFileSync } from 'node:fs';
import { readHtmlReport } from '../extractors/input/read-html.js';
import { readOdtReport } from '../extractors/input/read-odt.js';
const n = '001_c669e5a01401b566';
writeFileSync('/tmp/h.txt', (await readHtmlReport(readFileSync(`fixtures/rendered/html/word/${n}.html`))).text);
writeFileSync('/tmp/p.txt', (await readOdtReport(readFileSync(`fixtures/rendered/odt/pandoc/${n}.odt`))).text);
