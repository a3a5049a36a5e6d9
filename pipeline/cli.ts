#!/usr/bin/env node
/**
 * Command line: `import` (embedded by default, BullMQ with --redis / REDIS_URL) and `worker`.
 * Exit codes are part of the interface scripts rely on: 0 every input read, 1 some input failed
 * (the rest is still exported) or an internal error, 2 the command line itself is wrong.
 * Bad inputs are reported as one line each, never as a stack trace.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { collectInputs, problemOutcomes } from './collect-inputs.js';
import { writeDataset, type DatasetSummary } from './export/write-dataset.js';
import { createProgress } from './progress.js';
import type { SpillStore } from './outcome-store.js';
import { runEmbeddedToStore } from './run-embedded.js';

/** Where a dataset lands when --out is not given: the project's output/ folder when run through npm. */
const DEFAULT_OUT_DIR = 'output';

const HELP = `Usage:
  stj-findings import <file-or-folder>... [--out <dir>] [--threads N] [--redis <url>] [--prefix <name>] [--window N] [--idle-timeout S]
  stj-findings worker [--redis <url>] [--concurrency N] [--prefix <name>]

Commands:
  import   Read inspection reports (folders recursively) and write the dataset to --out (default: output):
           findings.csv/.jsonl, reports.csv/.jsonl, warnings.jsonl, manifest.json.
           Runs on this machine unless --redis (or REDIS_URL) sends the work to queue workers.
  worker   Serve extraction jobs from the Redis queue.

Options:
  -o, --out <dir>        output folder for import (default: output, under the current folder)
      --threads <n>      worker threads for an embedded import (default: number of CPUs)
      --redis <url>      Redis URL; selects queue mode for import (default for worker: REDIS_URL or redis://127.0.0.1:6379)
      --prefix <name>    Redis key prefix (default: stj)
      --concurrency <n>  documents a worker parses at once (default: number of CPUs)
      --window <n>       queue mode: documents in Redis at once for this import (default: 256)
      --idle-timeout <s> queue mode: give up (exit 3) after this many seconds without a worker making
                         progress or without Redis (default: 600)
  -h, --help             show this help

Exit status: 0 all inputs read, 1 some inputs failed (the others are exported) or internal error, 2 usage error,
3 queue import stopped before writing a dataset (no worker, Redis gone; run it again to resume).
Set STJ_DEBUG=1 to see stack traces of internal errors.
`;

class UsageError extends Error {}

const IMPORT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  threads: { type: 'string' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
  window: { type: 'string' },
  'idle-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const WORKER_OPTIONS = {
  redis: { type: 'string' },
  concurrency: { type: 'string' },
  prefix: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === 'import') return importCommand(rest);
  if (command === 'worker') return workerCommand(rest);
  throw new UsageError(`unknown command: ${command}`);
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, IMPORT_OPTIONS, true);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
  if (values.out === '') throw new UsageError('--out needs a folder');
  const threads = values.threads === undefined ? undefined : positiveInteger('--threads', values.threads);
  const outDir = values.out ?? DEFAULT_OUT_DIR;
  const redisUrl = values.redis ?? process.env.REDIS_URL;
  const window = values.window === undefined ? undefined : positiveInteger('--window', values.window);
  const idleTimeoutS = values['idle-timeout'] === undefined ? undefined : positiveInteger('--idle-timeout', values['idle-timeout']);
  if (redisUrl) await checkUrl(redisUrl);

  const { inputs, problems } = await collectInputs(positionals);
  if (inputs.length === 0 && problems.length === 0) {
    process.stderr.write(`stj-findings: no input files found in ${positionals.join(', ')}\n`);
    return 1;
  }

  const progress = createProgress();
  if (redisUrl) {
    // Loaded only in queue mode: BullMQ and ioredis cost every embedded run half a second of start-up.
    const { runQueuedImport } = await import('./queue/index.js');
    const queueOptions = {
      outDir,
      redisUrl,
      prefix: values.prefix ?? 'stj',
      window,
      idleTimeoutS,
      onProgress: (done: number, total: number) => progress.update(done, total),
      // Unusable paths go into the same manifest as in embedded mode, so both modes write the same bytes.
      problemOutcomes: problemOutcomes(problems),
    };
    let result: DatasetSummary;
    try {
      result = await runQueuedImport(inputs, queueOptions);
    } finally {
      progress.stop();
    }
    printSummary(result, outDir);
    return result.failed > 0 ? 1 : 0;
  }

  let summary: DatasetSummary;
  // Report bodies wait on disk (in --out, which must hold the dataset anyway) rather than in memory:
  // tens of KB per report is gigabytes at 100k files.
  await mkdir(outDir, { recursive: true });
  let store: SpillStore | null = null;
  try {
    store = await runEmbeddedToStore(inputs, outDir, { threads, onProgress: (done, total) => progress.update(done, total) });
    progress.stop();
    for (const problem of problemOutcomes(problems)) store.add(problem);
    summary = await writeDataset(store, outDir);
  } finally {
    progress.stop();
    store?.close();
  }
  printSummary(summary, outDir);
  return summary.failed > 0 ? 1 : 0;
}

async function workerCommand(args: string[]): Promise<number> {
  const { values } = parse(args, WORKER_OPTIONS, false);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const concurrency =
    values.concurrency === undefined ? availableParallelism() : positiveInteger('--concurrency', values.concurrency);
  const redisUrl = values.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await checkUrl(redisUrl);
  const { runWorker } = await import('./queue/index.js');
  await runWorker({
    redisUrl,
    prefix: values.prefix ?? 'stj',
    concurrency,
  });
  return 0;
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // parseArgs reports a bad command line as a TypeError with an ERR_PARSE_ARGS_* code.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/** A mistyped Redis URL is a usage error, and its message never shows the password. */
async function checkUrl(url: string): Promise<void> {
  const { checkRedisUrl } = await import('./queue/redis-url.js');
  try {
    checkRedisUrl(url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} needs a whole number of at least 1, not '${text}'`);
  return Number(text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printSummary(s: DatasetSummary, outDir: string): void {
  process.stderr.write(
    `${plural(s.inputs, 'file')}: ${s.parsed} parsed, ${s.duplicate} duplicate, ${s.failed} failed` +
      ` → ${plural(s.reports, 'report')}, ${plural(s.findings, 'finding')}, ${plural(s.warnings, 'warning')}; wrote ${outDir}\n`,
  );
  for (const f of s.failedInputs) process.stderr.write(`  failed ${f.path}: ${f.reason}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`stj-findings: ${error.message}\nRun 'stj-findings --help' for usage.\n`);
      process.exitCode = 2;
      return;
    }
    const debug = process.env.STJ_DEBUG === '1';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      debug && error instanceof Error && error.stack
        ? `${error.stack}\n`
        : `stj-findings: ${message.split('\n')[0]}${typeof (error as { exitCode?: unknown }).exitCode === 'number' ? '' : ' (set STJ_DEBUG=1 for details)'}\n`,
    );
    // An error may carry its own exit code (a queue import that gave up: 3).
    const own = (error as { exitCode?: unknown }).exitCode;
    process.exitCode = typeof own === 'number' ? own : 1;
  },
);
