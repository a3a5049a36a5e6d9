import { readFileSync, readdirSync } from 'node:fs';
import { extractReport } from '../extractors/extract-report.js';
const srcCache = new Map<string, any>();
async function src(name: string) { if (!srcCache.has(name)) { const r: any = await extractReport(readFileSync(`fixtures/reports/${name}.txt`), `${name}.txt`); srcCache.set(name, r.reports[0]); } return srcCache.get(name); }
const n = (t: any) => (t ?? '').replace(/\s+/g, ' ').trim();
for (const dir of process.argv.slice(2)) for (const f of readdirSync(dir).filter((x) => /\.(rtf|odt)$/.test(x)).sort()) {
  const r: any = await extractReport(readFileSync(`${dir}/${f}`), f);
  if (!r.ok) { console.log(dir, f, 'FAIL', r.failure.code, r.failure.message.slice(0, 200)); continue; }
  const rep = r.reports[0]; const s = await src(f.replace(/^.*?(\d{3}_[0-9a-f]{16}).*$/, '$1'));
  const key = (x: any) => x.findings.map((g: any) => `${g.indicatorId}|${g.columnIndex}|${g.verdict}|${n(g.letOp)}`).join('\n');
  const ev = rep.findings.filter((g: any, i: number) => n(g.evidence) !== n(s.findings[i]?.evidence)).length;
  const meta = ['municipality', 'aanpak', 'reportDate', 'level'].filter((k) => rep.metadata[k] !== s.metadata[k]).map((k) => `${k}:${rep.metadata[k]}!=${s.metadata[k]}`);
  console.log(dir.split('/').pop(), f, key(rep) === key(s) ? 'same' : 'DIFF', rep.findings.length, s.findings.length, 'ev', ev, meta.join(' '), rep.warnings.map((w: any) => w.code).filter((c: string) => !/shared_cell|theme_header|municipality_from|followup_header|aanpak_conflict|quote_label|recommendation_unmatched/.test(c)).join(','));
}
