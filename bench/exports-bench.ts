/**
 * What the exports made from the written files cost (codebook.md, datapackage.json, dataset.xlsx,
 * overview.html: pipeline/export/write-exports.ts): wall time and peak RSS of writeExports alone, on a
 * synthetic dataset folder of N reports (about 30 findings each, one panel row per finding, a matrix,
 * a warning per report) generated first in a process of its own, so the peak is the exports' own.
 * Then dataset.xlsx alone (writeWorkbook, in a process of its own for its own peak), beside the time it
 * takes merely to read back the tables it is made from (readTable, the same rows, measured just before in
 * the same process): their ratio is what the workbook costs over its input, on a fast or a slow machine.
 * `npm run bench` prints these lines (bench/run-bench.ts); alone:
 *   node dist/bench/exports-bench.js [--reports 1000,10000]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import {
  DATASET_VERSION,
  FINDING_COLUMNS,
  MATRIX_KEY_COLUMNS,
  PANEL_COLUMNS,
  REPORT_COLUMNS,
  type FindingRow,
  type Manifest,
  type PanelRow,
  type ReportRow,
} from '../pipeline/dataset-schema.js';
import { readTable } from '../pipeline/export/read-table.js';
import { csvSink, jsonlSink } from '../pipeline/export/row-sink.js';
import { scanTables } from '../pipeline/export/scan-tables.js';
import { writeExports } from '../pipeline/export/write-exports.js';
import { writeWorkbook } from '../pipeline/export/write-xlsx.js';
import { Rng } from './prng.js';
import { peakRssKb } from '../pipeline/peak-rss.js';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const WORDS = 'het gezin de regisseur werkt samen met partners aan een plan dat doelen en afspraken bevat en wordt gevolgd door de gemeente'.split(' ');
const VERDICTS = ['voldoet', 'verbeterpunt', 'verbeterpunt', 'voldoet', 'gemengd', null] as const;

const hex = (n: number, salt: number) => ((n * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, '0') + (n >>> 0).toString(16).padStart(8, '0');

/** A dataset folder as the pipeline (and the comparative stage) would write it, streamed to disk. */
export async function generateDataset(dir: string, reports: number, seed = 2013): Promise<{ findings: number }> {
  const rng = new Rng(seed);
  const random = () => rng.next();
  const catalogue = loadCatalogue();
  const findingsCsv = csvSink<FindingRow>(path.join(dir, 'findings.csv'), FINDING_COLUMNS);
  const findingsJsonl = jsonlSink<FindingRow>(path.join(dir, 'findings.jsonl'), FINDING_COLUMNS);
  const reportsCsv = csvSink<ReportRow>(path.join(dir, 'reports.csv'), REPORT_COLUMNS);
  const reportsJsonl = jsonlSink<ReportRow>(path.join(dir, 'reports.jsonl'), REPORT_COLUMNS);
  const panelCsv = csvSink<PanelRow>(path.join(dir, 'panel.csv'), PANEL_COLUMNS);
  const panelJsonl = jsonlSink<PanelRow>(path.join(dir, 'panel.jsonl'), PANEL_COLUMNS);
  const matrixColumns = [...MATRIX_KEY_COLUMNS, ...catalogue.indicators.map((i) => i.id)];
  const matrixCsv = csvSink<Record<string, unknown>>(path.join(dir, 'matrix.csv'), matrixColumns);
  const warnings = jsonlSink<Record<string, unknown>>(path.join(dir, 'warnings.jsonl'), ['code', 'severity', 'message', 'report_id', 'finding_id', 'source_file', 'source_lines', 'source_page', 'source_locator']);
  let findings = 0;
  for (let r = 0; r < reports; r++) {
    const level = r % 3 === 2 ? 'casus' : 'beleid';
    const municipalityCode = `GM${String(1 + (r % 380)).padStart(4, '0')}`;
    const municipality = `Gemeente ${r % 380}`;
    const aanpak = `Aanpak ${Math.floor(r / 380) % 7}`;
    const year = 2012 + (Math.floor(r / (380 * 7)) % 4);
    const reportId = `rpt-${hex(r, 1)}`;
    const sourceFile = `reports/${r}.txt`;
    const indicators = catalogue.indicators.filter((i) => i.level === level);
    const matrixRow: Record<string, unknown> = { municipality_code: municipalityCode, municipality, province: 'Utrecht', level, aanpak, assessed_year: year };
    const counts = { voldoet: 0, verbeterpunt: 0, gemengd: 0 };
    for (const [k, indicator] of indicators.entries()) {
      const verdict = VERDICTS[Math.floor(random() * VERDICTS.length)]!;
      if (verdict) counts[verdict]++;
      const evidence = Array.from({ length: 20 + Math.floor(random() * 40) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
      const findingId = `fnd-${hex(findings, 2)}`;
      const criterion = catalogue.criterionById.get(indicator.criterionId)!;
      const row: FindingRow = {
        finding_id: findingId, report_id: reportId, municipality, municipality_code: municipalityCode, aanpak, level, assessed_year: year,
        theme_id: indicator.themeId, theme: catalogue.themeById.get(indicator.themeId)!.name, criterion_id: criterion.id, criterion: criterion.name,
        indicator_id: indicator.id, indicator: indicator.text, indicator_raw: indicator.text, match_score: 1, verdict, shared_cell: false,
        evidence: k === 0 ? `=HYPERLINK("http://x","${evidence}")` : evidence, let_op: null, source_file: sourceFile,
        source_lines: `${10 + 2 * k}-${11 + 2 * k}`, source_page: null, warnings: null, theme_raw: null, criterion_raw: null,
        column_label: null, source_locator: null, baseline_finding_id: null, baseline_verdict: null,
      };
      await findingsCsv.write(row);
      await findingsJsonl.write(row);
      const panelRow: PanelRow = {
        municipality_code: municipalityCode, municipality, province: 'Utrecht', scope: 'gemeente', level, aanpak, assessed_year: year,
        theme_id: indicator.themeId, criterion_id: criterion.id, indicator_id: indicator.id, verdict, report_id: reportId,
        finding_id: findingId, n_reports: 1, conflict: false, other_report_ids: null,
      };
      await panelCsv.write(panelRow);
      await panelJsonl.write(panelRow);
      matrixRow[indicator.id] = verdict;
      findings++;
    }
    await matrixCsv.write(matrixRow);
    const report: ReportRow = {
      report_id: reportId, title: `Rapport ${r}`, municipality, municipality_code: municipalityCode, aanpak, level, report_date: `${year}-05`,
      inspection_body: 'Samenwerkend Toezicht Jeugd', partners: null, families_count: null, n_findings: indicators.length,
      n_voldoet: counts.voldoet, n_verbeterpunt: counts.verbeterpunt, n_gemengd: counts.gemengd, source_files: sourceFile, warnings: null,
      assessed_year: year, format: 'text', n_unmapped: 0, scope: 'gemeente', municipalities: municipality, municipality_codes: municipalityCode,
      municipality_evidence: null, baseline_report_id: null, policy_report_id: null, learning_meeting_attendees: null,
    };
    await reportsCsv.write(report);
    await reportsJsonl.write(report);
    await warnings.write({ code: 'shared_cell', severity: 'info', message: 'shared', report_id: reportId, finding_id: null, source_file: sourceFile, source_lines: '10-11', source_page: null, source_locator: null });
  }
  for (const sink of [findingsCsv, findingsJsonl, reportsCsv, reportsJsonl, panelCsv, panelJsonl, matrixCsv, warnings]) await sink.end();
  const manifest: Manifest = {
    dataset_version: DATASET_VERSION,
    program: { name: 'stj-findings', version: 'bench' },
    framework: { id: catalogue.id, version: catalogue.version },
    counts: {
      inputs: reports, parsed: reports, duplicate: 0, failed: 0, skipped: 0, reports, findings, unmapped_findings: 0, warnings: reports,
      panel_rows: findings, matrix_rows: reports, panel_findings_without_municipality: 0, panel_findings_without_indicator: 0,
      unaccounted_verdicts: 0, unread_columns: 0,
    },
    inputs: [],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { findings };
}

interface ExportMeasurement {
  ms: number;
  maxRssKb: number;
  bytes: Record<string, number>;
}

interface XlsxMeasurement {
  /** writeWorkbook alone. */
  ms: number;
  /** Reading every table it is made from (readTable), nothing else: the baseline. */
  readMs: number;
  rows: number;
  maxRssKb: number;
  /** Peak RSS before writeWorkbook started (the catalogue, the scans, the baseline pass). */
  rssBeforeKb: number;
  bytes: number;
}

/** The baseline, then writeWorkbook on the same tables: one process, so both meet the same machine. */
async function measureXlsx(dir: string): Promise<XlsxMeasurement> {
  const scans = await scanTables(dir, loadCatalogue());
  let rows = 0;
  const readStart = performance.now();
  for (const scan of scans) for await (const row of readTable(dir, scan.table, scan.columns)) if (row) rows++;
  const readMs = performance.now() - readStart;
  const rssBeforeKb = peakRssKb();
  const out = path.join(dir, 'bench-only.xlsx');
  const start = performance.now();
  await writeWorkbook(dir, scans, out);
  const ms = performance.now() - start;
  const bytes = (await stat(out)).size;
  await rm(out, { force: true });
  return { ms, readMs, rows, maxRssKb: peakRssKb(), rssBeforeKb, bytes };
}

async function measureInChild(args: string[]): Promise<string> {
  const loader = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const { stdout } = await run(process.execPath, [...loader, self, ...args], { maxBuffer: 1 << 20 });
  return stdout.trim().split('\n').at(-1)!;
}

export async function benchExports(sizes: number[]): Promise<string[]> {
  const lines: string[] = [];
  for (const reports of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), 'stj-exports-bench-'));
    try {
      const { findings } = JSON.parse(await measureInChild(['generate', dir, String(reports)])) as { findings: number };
      const m = JSON.parse(await measureInChild(['measure', dir])) as ExportMeasurement;
      const x = JSON.parse(await measureInChild(['measure-xlsx', dir])) as XlsxMeasurement;
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      lines.push(
        `exports    ${reports.toLocaleString('en-US')} reports (${findings.toLocaleString('en-US')} findings and panel rows): ` +
          `${s(m.ms)}, peak RSS ${mb(m.maxRssKb * 1024)}; dataset.xlsx ${mb(m.bytes['dataset.xlsx']!)}, ` +
          `overview.html ${mb(m.bytes['overview.html']!)}, codebook.md ${mb(m.bytes['codebook.md']!)}`,
        `  xlsx     ${reports.toLocaleString('en-US')} reports: writeWorkbook ${s(x.ms)} (${x.rows.toLocaleString('en-US')} rows), ` +
          `reading its tables alone ${s(x.readMs)}: xlsx/read ratio ${(x.ms / x.readMs).toFixed(1)}x; ` +
          `peak RSS ${mb(x.maxRssKb * 1024)} (${mb(x.rssBeforeKb * 1024)} before it), ${mb(x.bytes)}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return lines;
}

async function main(argv: string[]): Promise<void> {
  const [command, dir, reports] = argv;
  if (command === 'generate') {
    process.stdout.write(JSON.stringify(await generateDataset(dir!, Number(reports))) + '\n');
    return;
  }
  if (command === 'measure') {
    const start = performance.now();
    await writeExports(dir!);
    const ms = performance.now() - start;
    const bytes: Record<string, number> = {};
    for (const name of await readdir(dir!)) bytes[name] = (await stat(path.join(dir!, name))).size;
    process.stdout.write(JSON.stringify({ ms, maxRssKb: peakRssKb(), bytes }) + '\n');
    return;
  }
  if (command === 'measure-xlsx') {
    process.stdout.write(JSON.stringify(await measureXlsx(dir!)) + '\n');
    return;
  }
  const { values } = parseArgs({ args: argv, options: { reports: { type: 'string', default: '1000,10000' } } });
  for (const line of await benchExports(values.reports.split(',').map(Number))) process.stdout.write(`${line}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
