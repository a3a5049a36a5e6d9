/**
 * Precision, recall and F1 of verdict-bearing findings for each class of fixtures/word-classes
 * (issue 10) against the text source in fixtures/reports. A finding counts as found when the
 * rendering has one with the same indicator id (or, unmapped, the same printed indicator), column,
 * aanpak and verdict; each source finding can be matched once. Also counts `verdict_unaccounted`,
 * `column_unread` and `row_stitched` warnings. Run: npx tsx scripts/measure-word-classes.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedFinding, ExtractedReport } from '../extractors/model.js';

const ROOT = join(import.meta.dirname, '..');
const CLASSES = readdirSync(join(ROOT, 'fixtures/word-classes')).filter((d) => !d.includes('.')).sort();

const key = (f: ExtractedFinding) => `${f.indicatorId ?? `raw:${f.indicatorRaw}`}|${f.columnIndex}|${f.aanpak}|${f.verdict}`;

async function read(file: string): Promise<ExtractedReport | null> {
  const result = await extractReport(readFileSync(file), file.split('/').pop()!);
  return result.ok ? result.report : null;
}

async function main(): Promise<void> {
  const names = readdirSync(join(ROOT, 'fixtures/reports')).filter((n) => n.endsWith('.txt')).sort().map((n) => n.replace(/\.txt$/, ''));
  const sources = new Map<string, ExtractedReport>();
  for (const name of names) sources.set(name, (await read(join(ROOT, 'fixtures/reports', `${name}.txt`)))!);
  console.log('class        file   src  got   tp     P      R      F1   unaccounted unread stitched');
  for (const dir of CLASSES) {
    let [src, got, tp] = [0, 0, 0];
    const counts = { verdict_unaccounted: 0, column_unread: 0, row_stitched: 0 };
    for (const file of readdirSync(join(ROOT, 'fixtures/word-classes', dir)).sort()) {
      const name = file.replace(/\.(txt|pdf)$/, '');
      const source = sources.get(name)!.findings.filter((f) => f.verdict !== null);
      const report = await read(join(ROOT, 'fixtures/word-classes', dir, file));
      const found = report ? report.findings.filter((f) => f.verdict !== null) : [];
      const pool = new Map<string, number>();
      for (const f of source) pool.set(key(f), (pool.get(key(f)) ?? 0) + 1);
      let hits = 0;
      for (const f of found) {
        const left = pool.get(key(f)) ?? 0;
        if (left > 0) {
          pool.set(key(f), left - 1);
          hits++;
        }
      }
      for (const w of report?.warnings ?? []) if (w.code in counts) counts[w.code as keyof typeof counts]++;
      src += source.length;
      got += found.length;
      tp += hits;
      const p = found.length ? hits / found.length : 0;
      const r = source.length ? hits / source.length : 0;
      console.log(`  ${dir.padEnd(12)} ${name.slice(0, 3)} ${String(source.length).padStart(4)} ${String(found.length).padStart(4)} ${String(hits).padStart(4)}  ${p.toFixed(3)}  ${r.toFixed(3)}${report ? '' : '  (failed)'}`);
    }
    const p = got ? tp / got : 0;
    const r = src ? tp / src : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    console.log(`${dir.padEnd(14)} all ${String(src).padStart(4)} ${String(got).padStart(4)} ${String(tp).padStart(4)}  ${p.toFixed(3)}  ${r.toFixed(3)}  ${f1.toFixed(3)}  ${counts.verdict_unaccounted} ${counts.column_unread} ${counts.row_stitched}`);
  }
}

await main();
