/**
 * Synthetic reports with known truth (bench/synthetic-corpus.ts) through the real extraction and
 * the built CLI: every finding must come back with its indicator, verdict and LET OP, nothing
 * unmapped or extra, and each report with its municipality. No timing here: speed is the bench's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import {
  describeMiss,
  observedFromReport,
  observedFromRows,
  observedReportFromExtracted,
  observedReportFromRow,
  reportDifferences,
  scoreFindings,
  type ObservedFinding,
  type ObservedReport,
} from '../bench/score-truth.js';
import { generateCorpus, writeCorpus, type Corpus } from '../bench/synthetic-corpus.js';

const REPORTS = 40;
const SEED = 20130601;
const CLI = path.resolve('dist/pipeline/cli.js');

/** Quirks a 40-report corpus must exercise, or a perfect score would prove little. */
const REQUIRED_FEATURES = [
  'beleid', 'casus', 'vervolg', 'markdown', 'tsv', 'utf-8', 'utf-8-bom', 'windows-1252', 'crlf',
  'mark-check', 'mark-cross', 'mark-X', 'mark-bold-X', 'gemengd', 'let-op', 'let-op-paragraph', 'let-op-evidence-resumes',
  'multi-indicator-cell', 'indicators-br-joined', 'indicators-space-joined', 'shared-verdict-cell',
  'continuation-table', 'continuation-starts-mid-criterion', 'title-row', 'title-line', 'bold-title',
  'all-indicators', 'indicator-subset', 'followup-bare-year', 'followup-named-year', 'indicator-full-stop',
  'indicator-as-list', 'indicators-bulleted', 'numbered-theme-title',
];

let tmp: string;
let inputDir: string;
let corpus: Corpus;

beforeAll(async () => {
  corpus = generateCorpus({ reports: REPORTS, seed: SEED });
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-synthetic-'));
  inputDir = path.join(tmp, 'reports');
  await writeCorpus(corpus, inputDir);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const bytesOf = (content: string | Uint8Array) => (typeof content === 'string' ? new TextEncoder().encode(content) : content);

describe('synthetic corpus generator', () => {
  it('gives the same bytes for the same seed, and other bytes for another seed', () => {
    const again = generateCorpus({ reports: REPORTS, seed: SEED });
    expect(again.files.map((f) => [f.name, Buffer.from(bytesOf(f.content)).toString('base64')])).toEqual(
      corpus.files.map((f) => [f.name, Buffer.from(bytesOf(f.content)).toString('base64')]),
    );
    expect(again.truth).toEqual(corpus.truth);
    const other = generateCorpus({ reports: 3, seed: SEED + 1 });
    expect(other.files.map((f) => f.content)).not.toEqual(corpus.files.slice(0, 3).map((f) => f.content));
  });

  it('keeps report i the same whatever the corpus size', () => {
    const small = generateCorpus({ reports: 5, seed: SEED });
    expect(small.files).toEqual(corpus.files.slice(0, 5));
  });

  it('exercises every quirk it can generate', () => {
    const seen = new Set(corpus.reports.flatMap((r) => r.features));
    expect(REQUIRED_FEATURES.filter((f) => !seen.has(f))).toEqual([]);
    expect(corpus.truth.length).toBe(corpus.reports.reduce((sum, r) => sum + r.findings, 0));
  });

  it('never writes a character the Windows-1252 files cannot hold, and no ✓/✗ in them', () => {
    const cp1252 = corpus.reports.filter((r) => r.features.includes('windows-1252')).map((r) => corpus.files.find((f) => f.name === r.file)!);
    for (const file of cp1252) {
      const text = new TextDecoder('latin1').decode(bytesOf(file.content));
      expect(text).not.toMatch(/[✓✗]/);
      expect(text).toMatch(/(?:^|[\s>])[üû] /m);
    }
  });
});

describe('scoring against the truth', () => {
  it('notices a wrong verdict, a lost LET OP and a finding that is not in the truth', () => {
    const [first, second] = corpus.truth.filter((t) => t.let_op !== null);
    const observed: ObservedFinding[] = corpus.truth.map((t) => ({
      file: t.file,
      level: t.column ? 'vervolg' : 'beleid',
      indicator_id: t.indicator_id,
      indicator_raw: t.indicator_id,
      verdict: t === first ? (t.verdict === 'voldoet' ? 'verbeterpunt' : 'voldoet') : t.verdict,
      let_op: t === second ? null : t.let_op,
      aanpak: t.column?.aanpak ?? null,
      year: t.column?.year ?? null,
    }));
    observed.push({ ...observed[0]!, indicator_id: 'BEL-X9.9' });
    const score = scoreFindings(corpus.truth, observed);
    expect(score.recalled).toBe(corpus.truth.length - 2);
    expect(score.missed.map((m) => m.expected)).toEqual([first, second]);
    expect(score.unexpected.map((o) => o.indicator_id)).toEqual(['BEL-X9.9']);
  });
});

describe('synthetic reports through the real extraction', () => {
  it('extractReport recalls 100% of the known findings, with nothing unmapped or extra and the right municipality', async () => {
    const observed: ObservedFinding[] = [];
    const reports = new Map<string, ObservedReport>();
    const failures: string[] = [];
    for (const name of (await readdir(inputDir)).sort()) {
      const result = await extractReport(await readFile(path.join(inputDir, name)), name);
      if (!result.ok) {
        failures.push(`${name}: ${result.failure.code} ${result.failure.message}`);
        continue;
      }
      observed.push(...observedFromReport(result.reports[0]!));
      reports.set(name, observedReportFromExtracted(result.reports[0]!));
      const doubts = result.reports[0]!.warnings.filter((w) => w.code === 'unmapped_indicator' || w.code === 'verdict_missing');
      failures.push(...doubts.map((w) => `${name}: ${w.code} ${w.message}`));
    }
    expect(failures).toEqual([]);

    const score = scoreFindings(corpus.truth, observed);
    expect(score.missed.map(describeMiss)).toEqual([]);
    expect(score.unexpected).toEqual([]);
    expect(score.unmapped).toEqual([]);
    expect(score.recalled).toBe(corpus.truth.length);
    expect(corpus.reports.flatMap((truth) => reportDifferences(truth, reports.get(truth.file)))).toEqual([]);
  });

  it('the built CLI writes a dataset holding the same findings and reports', async () => {
    const outDir = path.join(tmp, 'dataset');
    const { REDIS_URL: _embedded, ...env } = process.env;
    const run = spawnSync(process.execPath, [CLI, 'import', inputDir, '--out', outDir], { encoding: 'utf8', env });
    expect(run.stderr).toContain(`${REPORTS} files: ${REPORTS} parsed, 0 duplicate, 0 failed`);
    expect(run.status).toBe(0);

    const jsonl = async (name: string) =>
      (await readFile(path.join(outDir, name), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const score = scoreFindings(corpus.truth, observedFromRows(await jsonl('findings.jsonl')));
    expect(score.missed.map(describeMiss)).toEqual([]);
    expect(score.unexpected).toEqual([]);
    expect(score.unmapped).toEqual([]);

    const reportRows = new Map((await jsonl('reports.jsonl')).map((row) => [String(row.source_files).split(';')[0]!, observedReportFromRow(row)]));
    expect(corpus.reports.flatMap((truth) => reportDifferences(truth, reportRows.get(truth.file)))).toEqual([]);
  });
});
