import { readFileSync } from 'node:fs';
import { extractReport } from '../extractors/extract-report.js';
const [file, id] = process.argv.slice(2);
const a: any = (await extractReport(readFileSync(file!), file!)); const b: any = await extractReport(readFileSync(`fixtures/reports/${id}.txt`), 'x.txt');
const n = (t: any) => (t ?? '').replace(/\s+/g, ' ').trim();
a.reports[0].findings.forEach((f: any, i: number) => { const g = b.reports[0].findings[i]; if (n(f.evidence) !== n(g.evidence) || n(f.letOp) !== n(g.letOp)) console.log(i, JSON.stringify(f.evidence), '\n  want', JSON.stringify(g.evidence), '\n letop', JSON.stringify(f.letOp), JSON.stringify(g.letOp)); });
