#!/usr/bin/env node
/**
 * Command line: `import` (embedded by default, BullMQ with --redis / REDIS_URL) and `worker`.
 * Exit codes are part of the interface scripts rely on: 0 every input read, 1 some input failed
 * (the rest is still exported) or an internal error, 2 the command line itself is wrong.
 * Bad inputs are reported as one line each, never as a stack trace.
 *
 * This file loads nothing but Node's own modules: `--help` and `--version` answer at once, and the
 * command that runs loads only what it needs (cli-import.ts; BullMQ only for the queue mode).
 */
import { accessSync, constants, lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-usage.js';
import { describeFsError } from './fs-errors.js';
import { CSV_DIALECTS, type CsvDialect } from './export/csv-dialect.js';

const HELP = `Usage:
  stj-findings import <file-or-folder>... [--out <dir>] [--threads N] [--redis <url>] [--prefix <name>] [--window N] [--idle-timeout S] [--csv-dialect excel]
  stj-findings worker [--redis <url>] [--concurrency N] [--prefix <name>]
  stj-findings --version | --help

Commands:
  import   Read inspection reports (folders recursively) and write the dataset to --out (default: output):
           findings.csv/.jsonl, reports.csv/.jsonl, warnings.jsonl, manifest.json (written last).
           Runs on this machine unless --redis (or REDIS_URL) sends the work to queue workers.
  worker   Serve extraction jobs from the Redis queue.

Options:
  -o, --out <dir>          output folder for import (default: output, under the current folder)
      --threads <n>        worker threads for an embedded import (default: number of CPUs)
      --redis <url>        Redis URL; selects queue mode for import (default for worker: REDIS_URL or redis://127.0.0.1:6379)
      --prefix <name>      Redis key prefix (default: stj)
      --concurrency <n>    documents a worker parses at once (default: number of CPUs)
      --window <n>         queue mode: documents in Redis at once for this import (default: 256)
      --idle-timeout <s>   queue mode: give up (exit 3) after this many seconds without a worker making
                           progress or without Redis (default: 600)
      --csv-dialect <d>    rfc4180 (default: comma, faithful text for R and pandas) or excel (';', BOM, CRLF,
                           cells starting with = + - @ neutralised for spreadsheets)
  -q, --quiet              no progress line and no summary (failed inputs are still listed)
      --json               print the summary as JSON on stdout
Limits per input file (a file over one fails alone, with too_large, too_deep or timeout):
      --max-file-mb <n>    largest file read (default: 128)
      --max-inflate-mb <n> what the text parts of a .docx or .odt may unpack to (default: 64)
      --max-text-mb <n>    largest text, HTML or DocBook document (default: 16)
      --file-timeout <s>   seconds one file may take (default: 120; embedded import and worker)
      --max-thread-mb <n>  heap of one extraction thread (default: 2048; embedded import and worker)
  -V, --version            print the version
  -h, --help               show this help

Relative paths are taken from the folder you run the command in (through \`npm run stj\` too).
Exit status: 0 all inputs read, 1 some inputs failed (the others are exported) or internal error, 2 usage error,
3 queue import stopped before writing a dataset (no worker, Redis gone; run it again to resume).
Set STJ_DEBUG=1 to see stack traces of internal errors.
`;

const LIMIT_OPTIONS = {
  'max-file-mb': { type: 'string' },
  'max-inflate-mb': { type: 'string' },
  'max-text-mb': { type: 'string' },
} satisfies ParseArgsConfig['options'];

const IMPORT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  threads: { type: 'string' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
  window: { type: 'string' },
  'idle-timeout': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
  'file-timeout': { type: 'string' },
  'max-thread-mb': { type: 'string' },
  ...LIMIT_OPTIONS,
  'csv-dialect': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const WORKER_OPTIONS = {
  redis: { type: 'string' },
  concurrency: { type: 'string' },
  prefix: { type: 'string' },
  'file-timeout': { type: 'string' },
  'max-thread-mb': { type: 'string' },
  ...LIMIT_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`stj-findings ${programVersion()}\n`);
    return 0;
  }
  if (command === 'import') return importCommand(rest);
  if (command === 'worker') return workerCommand(rest);
  throw new UsageError(command.startsWith('-') ? `unknown option: ${command}` : `unknown command: ${command}`);
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
  const fileTimeout = values['file-timeout'] === undefined ? undefined : positiveNumber('--file-timeout', values['file-timeout']);
  const threadMemory = values['max-thread-mb'] === undefined ? undefined : positiveInteger('--max-thread-mb', values['max-thread-mb']);
  const window = values.window === undefined ? undefined : positiveInteger('--window', values.window);
  const idleTimeoutS = values['idle-timeout'] === undefined ? undefined : positiveInteger('--idle-timeout', values['idle-timeout']);
  applyLimits(values);
  const csvDialect = values['csv-dialect'] ?? 'rfc4180';
  if (!(CSV_DIALECTS as readonly string[]).includes(csvDialect)) throw new UsageError(`--csv-dialect is ${CSV_DIALECTS.join(' or ')}, not '${csvDialect}'`);
  const redisUrl = values.redis ?? process.env.REDIS_URL;
  if (redisUrl) await checkUrl(redisUrl);

  // Everything the command line names is checked before any work: a typo costs nothing.
  const base = callerFolder();
  const inputs = positionals.map((given) => {
    const absolute = path.resolve(base, given);
    const problem = missingReason(absolute);
    if (problem) throw new UsageError(`cannot read ${given}: ${problem}`);
    return absolute;
  });
  const outDir = path.resolve(base, values.out ?? 'output');
  checkOutDir(outDir, values.out ?? 'output');

  // An embedded import starts its first extraction thread now: it loads the extractor while this
  // thread loads the import command and lists the inputs (extraction-thread.ts).
  const earlyThread = redisUrl ? undefined : await startEarlyThread(threadMemory);
  const { runImport } = await import('./cli-import.js');
  return runImport({
    inputs,
    outDir,
    outLabel: values.out ?? 'output',
    threads,
    fileTimeoutMs: fileTimeout === undefined ? undefined : fileTimeout * 1000,
    threadMemoryMb: threadMemory,
    redisUrl,
    prefix: values.prefix ?? 'stj',
    window,
    idleTimeoutS,
    quiet: values.quiet === true,
    json: values.json === true,
    exportOptions: { csvDialect: csvDialect as CsvDialect },
    earlyThread,
  });
}

async function startEarlyThread(threadMemoryMb: number | undefined) {
  const { EarlyThread, DEFAULT_THREAD_MEMORY_MB } = await import('./extraction-thread.js');
  // The limits reach the thread through the environment (applyLimits), as they reach every thread.
  return new EarlyThread({ memoryMb: threadMemoryMb ?? DEFAULT_THREAD_MEMORY_MB, limits: {} });
}

async function workerCommand(args: string[]): Promise<number> {
  const { values } = parse(args, WORKER_OPTIONS, false);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { availableParallelism } = await import('node:os');
  const concurrency =
    values.concurrency === undefined ? availableParallelism() : positiveInteger('--concurrency', values.concurrency);
  const fileTimeout = values['file-timeout'] === undefined ? undefined : positiveNumber('--file-timeout', values['file-timeout']);
  const threadMemory = values['max-thread-mb'] === undefined ? undefined : positiveInteger('--max-thread-mb', values['max-thread-mb']);
  applyLimits(values);
  const redisUrl = values.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await checkUrl(redisUrl);
  const { runWorker } = await import('./queue/index.js');
  await runWorker({
    redisUrl,
    prefix: values.prefix ?? 'stj',
    concurrency,
    documentTimeoutMs: fileTimeout === undefined ? undefined : fileTimeout * 1000,
    threadMemoryMb: threadMemory,
  });
  return 0;
}

/**
 * The input limits travel as environment variables (extractors/input/limits.ts reads them), so every
 * thread this process starts, the embedded pool's or a queue worker's, applies the same ones.
 */
function applyLimits(values: { 'max-file-mb'?: string; 'max-inflate-mb'?: string; 'max-text-mb'?: string }): void {
  if (values['max-text-mb'] !== undefined) process.env.STJ_MAX_TEXT_MB = String(positiveNumber('--max-text-mb', values['max-text-mb']));
  if (values['max-file-mb'] !== undefined) process.env.STJ_MAX_FILE_MB = String(positiveNumber('--max-file-mb', values['max-file-mb']));
  if (values['max-inflate-mb'] !== undefined) process.env.STJ_MAX_INFLATE_MB = String(positiveNumber('--max-inflate-mb', values['max-inflate-mb']));
}

/**
 * Where relative paths start. `npm run` runs scripts in the package's folder and says where the
 * user was in INIT_CWD; only then (we are in our package's folder, under an npm script) is it used,
 * so a program that merely inherits INIT_CWD from an npm parent is not misled.
 */
function callerFolder(): string {
  const initCwd = process.env.INIT_CWD;
  if (!initCwd || !process.env.npm_lifecycle_event) return process.cwd();
  return path.resolve(process.cwd()) === packageRoot() ? path.resolve(initCwd) : process.cwd();
}

function missingReason(absolute: string): string | null {
  try {
    statSync(absolute);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'ENOTDIR') return 'a parent of it is a file, not a folder';
    if (code === 'ELOOP') return 'too many levels of symbolic links';
    return null; // unreadable for another reason (permissions): reported per input, like a file inside a folder
  }
}

/**
 * --out must be a folder, or creatable as one, that this user can write: checked, and created, before
 * any work, so a bad --out is a usage error rather than a failure after the whole batch was read.
 * Missing folders are made one level at a time: Node's recursive mkdir never returns for some paths
 * (under /proc it retries for ever).
 */
function checkOutDir(outDir: string, given: string): void {
  const missing: string[] = [];
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    let isDirectory: boolean | null = null;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch {
      // Does not exist (yet), or a link to nothing: look at its parent.
      if (isSymbolicLink(dir)) {
        throw new UsageError(`--out ${given} cannot be created: ${dir} is a symbolic link to something that does not exist`);
      }
    }
    if (isDirectory === false) {
      throw new UsageError(dir === outDir ? `--out ${given} is a file, not a folder` : `--out ${given} cannot be created: ${dir} is a file`);
    }
    if (isDirectory === true) break;
    missing.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`--out ${given} cannot be created: ${describeFsError(error)}`);
    }
  }
  try {
    accessSync(outDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new UsageError(`--out ${given} is not a folder this user can write to: ${describeFsError(error)}`);
  }
}

function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

let root: string | null = null;

/** package.json sits one level above pipeline/ in the source tree and two above dist/pipeline/. */
function packageRoot(): string {
  if (root === null) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (let depth = 0; depth < 3; depth++) {
      dir = path.dirname(dir);
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
        if (pkg.name === 'stj-findings') break;
      } catch {
        // not here
      }
    }
    root = dir;
  }
  return root;
}

function programVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // parseArgs reports a bad command line as a TypeError with an ERR_PARSE_ARGS_* code and a long
    // message written for developers; say the same in one short line.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message;
    const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option: ${quoted}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument: ${quoted}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /(--[\w-]+)/.exec(message)?.[1] ?? quoted;
      throw new UsageError(/argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`);
    }
    throw new UsageError(message.split('\n')[0]!);
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

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) throw new UsageError(`${flag} needs a number above 0, not '${text}'`);
  return value;
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
    // An error may carry its own exit code (a queue import that gave up: 3); its message is the whole story.
    const own = (error as { exitCode?: unknown } | null)?.exitCode;
    process.stderr.write(
      debug && error instanceof Error && error.stack
        ? `${error.stack}\n`
        : `stj-findings: ${message.split('\n')[0]}${typeof own === 'number' ? '' : ' (set STJ_DEBUG=1 for details)'}\n`,
    );
    process.exitCode = typeof own === 'number' ? own : 1;
  },
);
