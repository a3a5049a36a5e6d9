/**
 * `npm run bench`: builds a synthetic corpus with known truth, then measures in the same run
 * (each measurement in a Node process of its own, so peak memory is its own):
 *   baseline   reading and decoding the corpus files, nothing else
 *   embedded   collect → worker pool → dataset files, with N threads and with 1
 * and scores the embedded run's findings.jsonl against the truth. Every figure is a ratio
 * against the baseline measured here, so it means the same on a fast and a slow machine.
 *
 *   queue      the same corpus through BullMQ on Redis (--redis, default redis://127.0.0.1:6379) with
 *              1 and 2 `stj worker` processes, against the embedded run with as many threads
 *
 * Options: --reports N (1000, as issue 9 measures), --seed S (2013), --threads N (all cores, at least 2),
 * --repeat N (2: each embedded figure is the fastest of N runs), --redis URL, --no-queue, --keep (leave the temp folder).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Measurement } from './measure.js';
import { redactUrl } from '../pipeline/queue/connection.js';
import { benchNarrative } from './narrative-bench.js';
import { benchRowsPass } from './rows-bench.js';
import { benchExports } from './exports-bench.js';
import { benchPdf } from './pdf-bench.js';
import { benchHostile } from './hostile-bench.js';
import { benchCliStart } from './start-bench.js';
import { benchPrefix, benchQueueFigures, deletePrefixes, QUEUE_FIGURES_DEFAULTS, redisAnswers, startWorkers, type QueueBenchSetup } from './queue-bench.js';
import { describeMiss, observedFromRows, scoreFindings } from './score-truth.js';
import { spinScaling } from './spin-scaling.js';
import { generateCorpus, writeCorpus } from './synthetic-corpus.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/bench/ when built, bench/ under tsx: the repository root is one or two levels up. */
const repoRoot = path.resolve(here, here.split(path.sep).includes('dist') ? '../..' : '..');
const isSource = fileURLToPath(import.meta.url).endsWith('.ts');

const HEADER = `stj-findings bench: synthetic reports with known truth through the embedded pipeline.
  cli start  bench/start-bench.ts: the built CLI on the five fixture reports (import to a dataset, --quiet), whole
             process, fastest of --repeat runs (at least 5), as a ratio against \`node -e ""\` and against a Node
             process that only reads the same files; --help beside it
  corpus     the generated reports: how many, how many known findings, total size on disk
  embedded   collect → worker threads (extractReport) → writeDataset: wall time inside one process (fastest of
             --repeat runs), CPU time / wall time (cores kept busy), peak RSS
  baseline   fs.readFile + TextDecoder over the same files (median of 5 passes), and its peak RSS
  ratio      embedded time / baseline time: what the pipeline costs over merely reading the bytes
  comparative  copy choice, links, panel and matrix (pipeline/compare/) inside the embedded import: the wall time
             the import spent in it or waiting for it, as a share of the import's wall time; from 500 reports the
             panel pass runs in a thread beside the rows pass (its own wall time is printed beside, not counted
             as cost: it overlaps the rows pass) with its heap at its fullest; in the main thread, how far the
             pass raised the peak RSS
  cpu ceiling  the whole import's CPU per report (extraction and export) and the reports/s the machine's cores
             could give at that CPU if every core were busy all the time: no overlap of stages goes past it
  threads    embedded time with 1 thread / with N threads (ideal: N), beside the same ratio for threads that
             only spin (what the cores give at that moment: other load and shared cores lower both)
  extraction CPU time per report of the extraction phase alone (collect → worker threads → spill store, all
             threads and their start-up counted), and the share of the wall time the export takes after the last report
  identical  the dataset files of every run compared byte for byte: N threads, 1 thread, queue mode
  recall     known findings the dataset gives back with the right indicator, verdict and LET OP
  queue figures  bench/queue-bench.ts (benchQueueFigures): per-job overhead, 2 vs 1 worker processes on PDFs,
             Redis peak memory at two corpus sizes, each on a redis-server of its own
  queue      import --redis with W \`stj worker\` processes (--concurrency 1 each, started before the clock runs,
             fresh key prefix so nothing comes from the result cache): reports/s, peak RSS of the importer;
             overhead = (queue time - embedded time with W threads) / reports, and queue time / embedded time
  pdf        lines from bench/pdf-bench.ts (benchPdf), on the PDFs under fixtures/rendered/, with a ratio
             per folder (the clean renderings apart from the rewrites of other producers), timed in the same rounds
  narrative  bench/narrative-bench.ts: the narrative stage per case-level nota and its share of the extraction time
  hostile    bench/hostile-bench.ts: peak RSS on the hostile corpus; the good corpus with default limits vs limits out of reach
  rows       bench/rows-bench.ts: writeDataset's rows pass alone (the ten row files, no panel pass) on a
             corpus of 4,000 reports, the main thread alone vs with a rows thread beside it (start-up counted)
  exports    writeExports alone (codebook.md, datapackage.json, dataset.xlsx, overview.html) on a synthetic
             dataset folder of 1,000 and 10,000 reports with panel and matrix: wall time, peak RSS, file sizes
    xlsx     writeWorkbook alone on the same folder, in a process of its own: wall time, peak RSS, and its
             ratio to merely reading back the tables it is made from (measured just before, same process)
`;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (kb: number) => `${fmt(kb / 1024)} MB`;
const perSecond = (m: Measurement) => fmt(m.reports / (m.ms / 1000));
const cores = (m: Measurement) => `${fmt(m.cpuMs / m.ms, 1)} cores busy`;

const fastest = (best: Measurement | null, next: Measurement) => (best && best.ms <= next.ms ? best : next);

async function measure(args: string[]): Promise<Measurement> {
  const script = path.join(here, `measure${path.extname(fileURLToPath(import.meta.url))}`);
  // Under tsx the measurement script is TypeScript too and needs the loader in its own process.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const { stdout } = await run(process.execPath, [...loader, script, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '2013' },
      threads: { type: 'string' },
      repeat: { type: 'string', default: '2' },
      redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      'no-queue': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const repeat = Number(values.repeat);
  const reports = Number(values.reports);
  const seed = Number(values.seed);
  const threads = values.threads ? Number(values.threads) : Math.max(2, availableParallelism());
  if (![reports, seed, threads, repeat].every(Number.isInteger) || reports < 1 || threads < 1 || repeat < 1) {
    throw new Error('--reports, --seed, --threads and --repeat take whole numbers (all but the seed at least 1)');
  }

  process.stdout.write(HEADER + '\n');
  // Other processes on the machine take cores from the threads measured: say so rather than let it pass for scaling.
  const load = loadavg()[0]!;
  if (load > availableParallelism() * 0.5) {
    process.stdout.write(`note: load average ${fmt(load, 1)} on ${availableParallelism()} cores before the run; thread scaling will read low\n`);
  }
  for (const line of await benchCliStart(repoRoot, Math.max(5, repeat)).catch((e: unknown) => [`cli start: failed: ${String(e)}`])) {
    process.stdout.write(`${line}\n`);
  }
  const tmp = await mkdtemp(path.join(tmpdir(), 'stj-bench-'));
  try {
    const corpusDir = path.join(tmp, 'corpus');
    const corpus = generateCorpus({ reports, seed });
    const bytes = await writeCorpus(corpus, corpusDir);
    process.stdout.write(`corpus: ${fmt(reports)} synthetic reports, ${fmt(corpus.truth.length)} findings, ${fmt(bytes / 1e6, 1)} MB (seed ${seed})\n`);

    const base = await measure(['baseline', corpusDir]);
    // Best of `repeat` runs, interleaved, so a burst of outside load does not land on one side only.
    let many: Measurement | null = null;
    let one: Measurement | null = null;
    for (let round = 0; round < repeat; round++) {
      many = fastest(many, await measure(['pipeline', corpusDir, path.join(tmp, `out-${threads}`), String(threads)]));
      one = fastest(one, await measure(['pipeline', corpusDir, path.join(tmp, 'out-1'), '1']));
    }
    if (!many || !one) throw new Error('no embedded run measured');
    process.stdout.write(
      `embedded (${threads} threads): ${perSecond(many)} reports/s, ${cores(many)}, peak RSS ${mb(many.maxRssKb)}` +
        ` | baseline read+decode: ${perSecond(base)} reports/s, peak RSS ${mb(base.maxRssKb)}` +
        ` | pipeline/baseline time ratio ${fmt(many.ms / base.ms, 1)}x\n`,
    );
    process.stdout.write(
      `embedded (1 thread): ${perSecond(one)} reports/s, ${cores(one)}, peak RSS ${mb(one.maxRssKb)}` +
        ` | pipeline/baseline time ratio ${fmt(one.ms / base.ms, 1)}x\n`,
    );
    process.stdout.write(`${extractionLine(many, one, threads)}\n`);
    // What the CPU the whole import spends per report allows on these cores, however well the work were
    // spread: the distance from the issue's goal that no overlap of stages can close.
    const cpuPerReport = many.cpuMs / many.reports;
    process.stdout.write(
      `cpu ceiling: the whole ${threads}-thread import spends ${fmt(cpuPerReport, 2)} ms of CPU per report (extraction ${fmt((many.extractCpuMs ?? 0) / many.reports, 2)}, export ${fmt((many.cpuMs - (many.extractCpuMs ?? 0)) / many.reports, 2)});` +
        ` at that, ${availableParallelism()} busy cores give at most ${fmt((availableParallelism() * 1000) / cpuPerReport)} reports/s (measured ${perSecond(many)}; issue 9's goal 1,000)\n`,
    );
    process.stdout.write(
      `comparative layer (${threads} threads run): ${fmt(many.comparativeMs ?? 0)} ms = ${fmt((100 * (many.comparativeMs ?? 0)) / many.ms, 2)}% of the import` +
        ` (goal <= 5% at 10,000 reports)` +
        (many.comparativeThreadMs
          ? ` | its panel thread worked ${fmt(many.comparativeThreadMs)} ms beside the rows pass, heap ${mb(many.comparativeThreadHeapKb ?? 0)} (peak RSS of the import ${mb(many.maxRssKb)})`
          : ` | panel pass in the main thread, raised peak RSS by ${mb(many.comparativePeakGrowthKb ?? 0)} (of ${mb(many.maxRssKb)})`) +
        '\n',
    );
    // The same ratio for threads that only spin, measured right after: what the machine itself gives at
    // this moment (shared cores, other load), so poor scaling of the pipeline can be told from a busy host.
    const spin = await spinScaling(threads);
    process.stdout.write(
      `embedded ${threads} threads vs 1 thread: ${fmt(one.ms / many.ms, 2)}x` +
        ` | pure-CPU spin threads on this machine now: ${fmt(spin, 2)}x | load average ${fmt(loadavg()[0]!, 1)}\n`,
    );
    if (many.failed > 0 || one.failed > 0) process.stdout.write(`warning: ${many.failed} files failed with ${threads} threads, ${one.failed} with 1\n`);

    const rows = (await readFile(path.join(tmp, `out-${threads}`, 'findings.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const score = scoreFindings(corpus.truth, observedFromRows(rows));
    process.stdout.write(`recall on synthetic truth: ${fmt(score.recalled)}/${fmt(score.expected)} (${fmt((100 * score.recalled) / score.expected, 2)}%)` +
      ` | unmapped rows: ${score.unmapped.length} | rows not in the truth: ${score.unexpected.length}\n`);
    for (const miss of score.missed.slice(0, 10)) process.stdout.write(`  missed ${describeMiss(miss)}\n`);

    if (!values['no-queue']) {
      const embeddedByThreads = new Map<number, Measurement>([[1, one], [threads, many]]);
      await queueBench({ repoRoot, fromSource: isSource, redisUrl: values.redis }, corpusDir, tmp, repeat, embeddedByThreads);
      // The queue mode's own figures (per-job overhead, scaling on PDFs, Redis peak vs corpus size), on redis-servers of their own.
      await benchQueueFigures({ ...QUEUE_FIGURES_DEFAULTS, seed }, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
        process.stdout.write(`queue figures: failed: ${error instanceof Error ? error.message : String(error)}\n`);
      });
    }
    // Same inputs, same bytes, whatever the thread count or mode (issue 9 item 5).
    const runs = [`out-1`, `out-queue-1`, `out-queue-2`].map((name) => path.join(tmp, name)).filter((dir) => existsSync(dir));
    process.stdout.write(`${await identicalLine(path.join(tmp, `out-${threads}`), runs)}\n`);
    await pdfBench();
    for (const line of await benchNarrative(repoRoot).catch((e: unknown) => [`narrative: failed: ${String(e)}`])) process.stdout.write(`${line}\n`);
    await benchHostile(corpusDir, tmp);
    await exportsBench();
    await rowsBench(tmp, seed);
    if (values.keep) process.stdout.write(`kept ${tmp}\n`);
    return 0;
  } finally {
    if (!values.keep) await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Queue mode with 1 and 2 worker processes, each figure the fastest of `repeat` runs. Each run gets a
 * fresh prefix and fresh workers; all prefixes are deleted at the end, also when a run fails.
 */
async function queueBench(
  setup: QueueBenchSetup,
  corpusDir: string,
  tmp: string,
  repeat: number,
  embedded: Map<number, Measurement>,
): Promise<void> {
  if (!(await redisAnswers(setup.redisUrl))) {
    process.stdout.write(`queue: skipped (no Redis at ${redactUrl(setup.redisUrl)})\n`);
    return;
  }
  const prefixes: string[] = [];
  try {
    for (const workers of [1, 2]) {
      let best: Measurement | null = null;
      for (let round = 0; round < repeat; round++) {
        const prefix = benchPrefix(`w${workers}-r${round}`);
        prefixes.push(prefix);
        const set = await startWorkers(setup, prefix, workers);
        try {
          best = fastest(best, await measure(['queue', corpusDir, path.join(tmp, `out-queue-${workers}`), setup.redisUrl, prefix]));
        } finally {
          await set.stop();
        }
      }
      const q = best!;
      const e = embedded.get(workers);
      const versus = e
        ? ` | overhead vs embedded ${workers} thread${workers === 1 ? '' : 's'}: ${fmt((q.ms - e.ms) / q.reports, 2)} ms/report, ${fmt(q.ms / e.ms, 2)}x time`
        : '';
      process.stdout.write(
        `queue (${workers} worker process${workers === 1 ? '' : 'es'}): ${perSecond(q)} reports/s, importer peak RSS ${mb(q.maxRssKb)}${versus}\n`,
      );
      if (q.failed > 0) process.stdout.write(`warning: ${q.failed} files failed in queue mode with ${workers} workers\n`);
    }
  } catch (error) {
    // The embedded figures above stand on their own; a queue failure is reported, not fatal.
    process.stdout.write(`queue: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await deletePrefixes(setup.redisUrl, prefixes).catch((error: unknown) => {
      process.stdout.write(`queue: could not delete bench keys (${prefixes.join(', ')}): ${String(error)}\n`);
    });
  }
}

/** Extraction CPU per report and the export's share of the wall time, from the pipeline measurements. */
function extractionLine(many: Measurement, one: Measurement, threads: number): string {
  if (many.extractMs === undefined || one.extractMs === undefined) return 'extraction: phase times not measured';
  const cpuPerReport = (m: Measurement) => `${fmt(m.extractCpuMs! / m.reports, 2)} ms`;
  const exportShare = (m: Measurement) => `${fmt((100 * (m.ms - m.extractMs!)) / m.ms)}%`;
  return (
    `extraction CPU per report: ${cpuPerReport(one)} with 1 thread, ${cpuPerReport(many)} with ${threads} (all threads)` +
    ` | export after the last report: ${exportShare(many)} of the ${threads}-thread wall time, ${exportShare(one)} of the 1-thread` +
    ` | ${threads}-thread extraction phase alone: ${fmt(many.reports / (many.extractMs! / 1000))} reports/s`
  );
}

/** Compares every file of each run's output folder with the reference run's, byte for byte. */
async function identicalLine(reference: string, others: string[]): Promise<string> {
  const names = (await readdir(reference)).sort();
  const differing: string[] = [];
  for (const dir of others) {
    const theirs = (await readdir(dir)).sort();
    if (theirs.join('\n') !== names.join('\n')) {
      differing.push(`${path.basename(dir)} (files: ${theirs.join(', ')})`);
      continue;
    }
    for (const name of names) {
      const [a, b] = await Promise.all([readFile(path.join(reference, name)), readFile(path.join(dir, name))]);
      if (!a.equals(b)) differing.push(`${path.basename(dir)}/${name}`);
    }
  }
  const compared = [path.basename(reference), ...others.map((dir) => path.basename(dir))].join(', ');
  return differing.length === 0
    ? `output byte-identical across runs: ${compared} (${names.length} files each)`
    : `warning: output differs between runs (${compared}): ${differing.join('; ')}`;
}

/** Codebook, datapackage, xlsx and overview made from a written dataset: lines from bench/exports-bench.ts. */
async function exportsBench(): Promise<void> {
  try {
    for (const line of await benchExports([1_000, 10_000])) process.stdout.write(`${line}\n`);
  } catch (error) {
    process.stdout.write(`exports: benchExports failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** The rows pass alone with and without a rows thread (bench/rows-bench.ts), on a corpus of ROWS_BENCH_REPORTS. */
const ROWS_BENCH_REPORTS = 4_000;

async function rowsBench(tmp: string, seed: number): Promise<void> {
  try {
    const dir = path.join(tmp, 'rows-corpus');
    await writeCorpus(generateCorpus({ reports: ROWS_BENCH_REPORTS, seed }), dir);
    process.stdout.write(`${await benchRowsPass(dir, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
  } catch (error) {
    process.stdout.write(`rows: benchRowsPass failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

async function pdfBench(): Promise<void> {
  const files = await findPdfs(path.join(repoRoot, 'fixtures', 'rendered'));
  if (files.length === 0) {
    process.stdout.write('pdf: no PDFs under fixtures/rendered/; skipped\n');
    return;
  }
  try {
    // A line per folder under fixtures/rendered: the clean renderings beside the rewrites of other producers.
    const root = path.join(repoRoot, 'fixtures', 'rendered');
    const setOf = (file: string) => `fixtures/rendered/${path.relative(root, file).split(path.sep)[0]}`;
    for (const line of await benchPdf(files, { setOf })) process.stdout.write(`${line}\n`);
  } catch (error) {
    // The corpus figures above stand on their own; a failing PDF bench should not take them down.
    process.stdout.write(`pdf: benchPdf failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

async function findPdfs(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.pdf'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
