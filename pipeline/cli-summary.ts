/**
 * The import's summary: counts, warnings by severity with the most frequent codes, failed and
 * skipped inputs. One line (plus one per problem input) on stderr for people, or one JSON object on
 * stdout (--json) for scripts. Warnings are tallied from the written warnings.jsonl, so the queue
 * and the embedded mode summarise the same way.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DatasetSummary } from './export/write-dataset.js';

const SEVERITIES = ['error', 'warning', 'info'] as const;
const TOP_CODES = 5;

export interface RunSummary {
  out: string;
  counts: Omit<DatasetSummary, 'failedInputs'>;
  warnings: { total: number; by_severity: Record<(typeof SEVERITIES)[number], number>; top_codes: { code: string; severity: string; count: number }[] };
  failed: { path: string; code: string; reason: string }[];
  skipped: { path: string; reason: string }[];
  exit_code: number;
}

export async function summarise(summary: DatasetSummary, outDir: string): Promise<RunSummary> {
  const { failedInputs, ...counts } = summary;
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, { severity: string; count: number }>();
  const lines = createInterface({ input: createReadStream(path.join(outDir, 'warnings.jsonl')), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const { code, severity } = JSON.parse(line) as { code: string; severity: (typeof SEVERITIES)[number] };
    bySeverity[severity] = (bySeverity[severity] ?? 0) + 1;
    const entry = byCode.get(code) ?? { severity, count: 0 };
    entry.count++;
    byCode.set(code, entry);
  }
  const top = [...byCode]
    .map(([code, { severity, count }]) => ({ code, severity, count }))
    // Most frequent first; ties by severity (errors first), then by code, so the line is stable.
    .sort((a, b) => b.count - a.count || SEVERITIES.indexOf(a.severity as never) - SEVERITIES.indexOf(b.severity as never) || (a.code < b.code ? -1 : 1))
    .slice(0, TOP_CODES);
  const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as { inputs: { path: string; status: string; reason: string | null }[] };
  const skipped = manifest.inputs.filter((i) => i.status === 'skipped').map((i) => ({ path: i.path, reason: i.reason ?? 'skipped' }));
  return {
    out: outDir,
    counts,
    warnings: { total: counts.warnings, by_severity: bySeverity, top_codes: top },
    failed: failedInputs.map(({ path: p, code, reason }) => ({ path: p, code, reason })),
    skipped,
    exit_code: counts.failed > 0 ? 1 : 0,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function printSummary(s: RunSummary, options: { quiet: boolean; json: boolean; outLabel: string }): void {
  if (options.json) process.stdout.write(JSON.stringify(s) + '\n');
  if (!options.quiet && !options.json) {
    const c = s.counts;
    const severities = SEVERITIES.filter((sev) => s.warnings.by_severity[sev] > 0).map((sev) => `${s.warnings.by_severity[sev]} ${sev}`);
    process.stderr.write(
      `${plural(c.inputs, 'file')}: ${c.parsed} parsed, ${c.duplicate} duplicate, ${c.failed} failed${c.skipped > 0 ? `, ${c.skipped} skipped` : ''}` +
        ` → ${plural(c.reports, 'report')}, ${plural(c.findings, 'finding')}, ${plural(c.warnings, 'warning')}` +
        `${severities.length > 0 ? ` (${severities.join(', ')})` : ''}; wrote ${options.outLabel}\n`,
    );
    if (s.warnings.top_codes.length > 0) {
      process.stderr.write(`  most frequent warnings: ${s.warnings.top_codes.map((t) => `${t.code} ${t.count}`).join(', ')} (see warnings.jsonl)\n`);
    }
  }
  // Problem inputs are listed even with --quiet: they are what a person has to act on.
  if (!options.json) {
    for (const f of s.failed) process.stderr.write(`  failed ${f.path}: ${f.reason}\n`);
    for (const k of s.skipped) process.stderr.write(`  skipped ${k.path}: ${k.reason}\n`);
  }
}
