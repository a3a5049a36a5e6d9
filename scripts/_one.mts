import { readFileSync } from 'node:fs';
import { extractReport } from '../extractors/extract-report.js';
const r: any = await extractReport(readFileSync(process.argv[2]!), process.argv[2]!);
if (!r.ok) { console.log(r.failure); process.exit(0); }
const rep = r.reports[0];
console.log(rep.findings.map((f: any) => `${f.indicatorId} ${f.columnIndex} ${f.verdict} ${f.location.locator} ${(f.evidence ?? '').slice(0, 50)}`).join('\n'));
console.log(rep.warnings.map((w: any) => `${w.code} ${w.location?.locator ?? w.location?.lineStart} ${w.message.slice(0, 140)}`).join('\n'));
console.log(rep.unaccountedVerdicts ?? '', JSON.stringify(Object.keys(rep)));
