/**
 * One measurement, run by run-bench.ts as a Node process of its own so that its peak RSS
 * (worker threads included: they live in this process) belongs to this measurement alone.
 * Prints one JSON line: { ms, cpuMs, reports, findings, failed, maxRssKb }.
 *
 *   node dist/bench/measure.js baseline <dir>
 *   node dist/bench/measure.js pipeline <dir> <outDir> <threads>
 *   node dist/bench/measure.js queue <dir> <outDir> <redisUrl> <prefix>   (workers started by run-bench)
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { collectInputs } from '../pipeline/collect-inputs.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { runEmbeddedToStore } from '../pipeline/run-embedded.js';
import { comparativeCost } from '../pipeline/compare/cost.js';
import { peakRssKb } from '../pipeline/peak-rss.js';

export interface Measurement {
  ms: number;
  /** User + system CPU time of the measured work, all threads: cpuMs / ms is how many cores it kept busy. */
  cpuMs: number;
  reports: number;
  findings: number;
  failed: number;
  maxRssKb: number;
  /** The comparative stage (pipeline/compare/) inside the import: wall time, and how far it raised the peak RSS. */
  comparativeMs?: number;
  /** Wall time of the panel thread, beside the rows pass (0: the panel pass ran in the main thread). */
  comparativeThreadMs?: number;
  comparativeThreadHeapKb?: number;
  comparativePeakGrowthKb?: number;
  /**
   * Pipeline mode: the extraction phase alone (collect → worker pool → spill store), wall and CPU of
   * all threads; the rest of ms is the export, which today starts only after the last report.
   * Queue mode: wall time until the last result was in (collect, plan, enqueue, parse, drain); no CPU.
   */
  extractMs?: number;
  extractCpuMs?: number;
}

/** Passes over the corpus for the baseline: one pass takes tens of milliseconds, so one alone is noise. */
const BASELINE_PASSES = 5;

type Work = Omit<Measurement, 'maxRssKb' | 'cpuMs'>;

async function baseline(dir: string): Promise<Work> {
  const names = (await readdir(dir)).sort();
  const decoder = new TextDecoder('utf-8');
  const times: number[] = [];
  let characters = 0;
  for (let pass = 0; pass < BASELINE_PASSES; pass++) {
    const start = performance.now();
    for (const name of names) characters += decoder.decode(await readFile(path.join(dir, name))).length;
    times.push(performance.now() - start);
  }
  // Using the count keeps the decode from being optimised away.
  if (characters === 0) throw new Error(`baseline: nothing read from ${dir}`);
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, reports: names.length, findings: 0, failed: 0 };
}

async function pipeline(dir: string, outDir: string, threads: number): Promise<Work> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const { inputs } = await collectInputs([dir]);
  // As the CLI does it: report bodies spilled to disk until the export streams them out.
  await mkdir(outDir, { recursive: true });
  const store = await runEmbeddedToStore(inputs, outDir, { threads });
  const extractMs = performance.now() - start;
  const extractCpu = process.cpuUsage(cpuStart);
  let summary;
  try {
    summary = await writeDataset(store, outDir);
  } finally {
    store.close();
  }
  return {
    ms: performance.now() - start,
    reports: summary.reports,
    findings: summary.findings,
    failed: summary.failed,
    extractMs,
    extractCpuMs: (extractCpu.user + extractCpu.system) / 1000,
  };
}

/** The importer's side of queue mode: read + hash + enqueue, wait for the workers, write the dataset. */
async function queued(dir: string, outDir: string, redisUrl: string, prefix: string): Promise<Work> {
  // Loaded here, not at the top, so BullMQ's start-up lands in neither figure: the embedded runs do not
  // load it at all, and the queue figure is meant to show per-job overhead, not a fixed half second.
  const { runQueuedImport } = await import('../pipeline/queue/index.js');
  const start = performance.now();
  const { inputs } = await collectInputs([dir]);
  // The moment the last result is in: the parse phase ends there and the export (single-threaded, as in
  // the embedded mode) begins, so worker scaling can be read from the phase it can change.
  let extractMs: number | undefined;
  const onProgress = (done: number, total: number) => {
    if (done === total) extractMs ??= performance.now() - start;
  };
  const summary = await runQueuedImport(inputs, { outDir, redisUrl, prefix, onProgress });
  return { ms: performance.now() - start, reports: summary.reports, findings: summary.findings, failed: summary.failed, extractMs };
}

async function main(argv: string[]): Promise<void> {
  const [mode, dir, outDir, third, prefix] = argv;
  let work: () => Promise<Work>;
  if (mode === 'baseline' && dir) work = () => baseline(dir);
  else if (mode === 'pipeline' && dir && outDir && Number(third) >= 1) work = () => pipeline(dir, outDir, Number(third));
  else if (mode === 'queue' && dir && outDir && third && prefix) work = () => queued(dir, outDir, third, prefix);
  else throw new Error('usage: measure.js baseline <dir> | pipeline <dir> <outDir> <threads> | queue <dir> <outDir> <redisUrl> <prefix>');
  const before = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(before);
  const measurement: Measurement = {
    ...result,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: peakRssKb(),
    comparativeMs: comparativeCost.ms,
    comparativeThreadMs: comparativeCost.threadMs,
    comparativeThreadHeapKb: comparativeCost.threadHeapKb,
    comparativePeakGrowthKb: comparativeCost.peakRssGrowthKb,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`measure: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
