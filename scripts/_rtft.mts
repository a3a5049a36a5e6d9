import { readFileSync, writeFileSync } from 'node:fs';
import { readRtfReport } from '../extractors/input/read-rtf.js';
writeFileSync('/tmp/r.txt', (await readRtfReport(readFileSync(process.argv[2]!))).text);
