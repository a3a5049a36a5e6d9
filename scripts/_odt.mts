import { readFileSync, readdirSync } from 'node:fs';
import { extractReport } from '../extractors/extract-report.js';
const srcCache = new Map<string, any>();
async function textSource(name: string) {
  if (!srcCache.has(name)) { const r: any = await extractReport(readFileSync(`fixtures/reports/${name}.txt`), `${name}.txt`); srcCache.set(name, r.reports[0]); }
  return srcCache.get(name);
}
const dir = process.argv[2]!;
for (const f of readdirSync(dir).sort()) {
  const r: any = await extractReport(readFileSync(dir + '/' + f), f);
  if (!r.ok) { console.log(f, 'FAIL', r.failure.code, r.failure.message.slice(0, 150)); continue; }
  const name = f.replace(/^(docx-)?(ruled|word)-/, '').replace(/\.\w+$/, '');
  const src: any = await textSource(name);
  const key = (x: any) => x.findings.map((g: any) => `${g.indicatorId}|${g.columnIndex}|${g.verdict}`).join('\n');
  const a = key(r.reports[0]), b = key(src);
  const ev = r.reports[0].findings.filter((g: any, i: number) => (g.evidence ?? '').replace(/\s+/g, ' ') !== (src.findings[i]?.evidence ?? '').replace(/\s+/g, ' ')).length;
  console.log(f, a === b ? 'same-verdicts' : 'DIFF', r.reports[0].findings.length, src.findings.length, 'evidence-diff', ev, r.reports[0].warnings.map((w: any) => w.code).filter((c: string) => !/shared_cell|theme_header|municipality_from|followup_header|aanpak_conflict|quote_label|recommendation_unmatched/.test(c)).join(','));
}
