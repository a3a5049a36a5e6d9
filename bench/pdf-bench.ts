/**
 * PDF throughput, for `npm run bench` (bench/run-bench.ts prints the lines benchPdf returns):
 *  - pages per second of the full pipeline (extractReport on a PDF's bytes: reading, table layout,
 *    findings, metadata) beside raw pdf.js text extraction (pdf-parse's getText, pdf.js opened with
 *    the same options as read-pdf.ts) of the same files in the same run. The two alternate file by
 *    file, each going first on every other file: on a shared machine load drifts within seconds, and
 *    alternating whole passes let a busy spell fall on one side only; it also keeps one side from
 *    always inheriting the other's garbage to collect;
 *  - the pipeline with every core busy (one worker thread per core, each doing the whole set)
 *    versus one worker thread, in pages per second of wall time.
 * Files are read into memory first: disk time is not measured. Files the pipeline cannot read
 * (encrypted, damaged) are left out, since they would be timed for no pages.
 * Run alone: node dist/bench/pdf-bench.js [file.pdf …] (default: the rendered PDF fixtures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';
import { extractReport } from '../extractors/extract-report.js';

export interface PdfBenchOptions {
  /** Timed passes over all files for each serial measurement (median taken). Default 3. */
  rounds?: number;
  /** Timed passes per worker thread. Default 2. */
  threadRounds?: number;
  /** Worker threads for the "all cores" line. Default os.availableParallelism(). */
  threads?: number;
  /**
   * A name for each file's set (say, the folder it came from): with two or more sets, a line per set
   * gives its own ratio, timed in the same rounds, so a set added to the files (PDFs rewritten by other
   * producers, which the pipeline reads more of) does not hide how the others fare.
   */
  setOf?: (path: string) => string;
}

interface Loaded {
  path: string;
  bytes: Uint8Array;
}

const WORKER_ROLE = 'stj-pdf-bench';

/** The rendered PDF fixtures, every layout: what the bench measures when given no files. */
export function renderedPdfFixtures(root = 'fixtures/rendered/pdf'): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(join(root, dir.name)).filter((name) => name.endsWith('.pdf')).map((name) => join(root, dir.name, name)))
    .sort();
}

export async function benchPdf(files: string[], options: PdfBenchOptions = {}): Promise<string[]> {
  const rounds = Math.max(1, options.rounds ?? 3);
  const all = await load(files.filter((file) => /\.pdf$/i.test(file)));
  // One untimed pass finds the readable files and warms the pipeline up (JIT, pdf.js's lazily loaded code).
  const readable: Loaded[] = [];
  for (const file of all) if ((await pipelinePass([file])) > 0) readable.push(file);
  if (readable.length === 0) return ['pdf: no readable PDF files to measure'];
  await rawPass(readable);
  const setOf = options.setOf ?? (() => '');
  const sets = new Map<string, SetTimes>();
  const total = setTimes(readable.length);
  for (const file of readable) {
    const name = setOf(file.path);
    const set = sets.get(name) ?? setTimes(0);
    set.files++;
    sets.set(name, set);
  }
  for (let round = 0; round < rounds; round++) {
    for (const set of [total, ...sets.values()]) set.rounds.push({ pipeline: 0, raw: 0, pipelinePages: 0, rawPages: 0 });
    for (const [index, file] of readable.entries()) {
      const order = (round + index) % 2 === 0 ? (['pipeline', 'raw'] as const) : (['raw', 'pipeline'] as const);
      const inRound = [total, sets.get(setOf(file.path))!].map((set) => set.rounds[round]!);
      for (const which of order) {
        const start = performance.now();
        const pages = which === 'pipeline' ? await pipelinePass([file]) : await rawPass([file]);
        const elapsed = performance.now() - start;
        for (const times of inRound) {
          times[which] += elapsed;
          if (which === 'pipeline') times.pipelinePages += pages;
          else times.rawPages += pages;
        }
      }
    }
    const { pipelinePages, rawPages } = total.rounds[round]!;
    // Both sides must have read the same pages, or the rates compare different work.
    if (pipelinePages !== rawPages) throw new Error(`pdf bench: the pipeline read ${pipelinePages} pages, pdf.js ${rawPages}`);
  }
  const whole = rates(total);
  const lines = [
    `pdf: ${whole.pipelineRate.toFixed(1)} pages/s full pipeline vs ${whole.rawRate.toFixed(1)} pages/s raw pdf.js getText (ratio ${whole.ratio.toFixed(2)}, overhead ${((1 / whole.ratio - 1) * 100).toFixed(0)}%, ${1 / whole.ratio <= 1.15 ? 'within' : 'beyond'} the 15% issue 9 allows; ${readable.length} files, ${whole.pages} pages, median of ${rounds} rounds)`,
  ];
  if (sets.size > 1) {
    for (const [name, set] of [...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const part = rates(set);
      lines.push(`pdf:   of which ${name}: ratio ${part.ratio.toFixed(2)} (overhead ${((1 / part.ratio - 1) * 100).toFixed(0)}%; ${set.files} file${set.files === 1 ? '' : 's'}, ${part.pages} pages, same rounds)`);
    }
  }

  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const threadRounds = Math.max(1, options.threadRounds ?? 2);
  const paths = readable.map((file) => file.path);
  const single = await threadedRate(paths, 1, threadRounds);
  if (threads < 2) {
    lines.push(`pdf: 1 worker thread ${single.toFixed(1)} pages/s (one core available: no multi-core figure)`);
    return lines;
  }
  const many = await threadedRate(paths, threads, threadRounds);
  lines.push(`pdf: ${threads === 2 ? 'both cores' : `all ${threads} cores`} ${threads} worker threads ${many.toFixed(1)} pages/s vs 1 thread ${single.toFixed(1)} pages/s (${(many / single).toFixed(2)}x)`);
  return lines;
}

/** One set's timings, a round at a time: the pipeline's and pdf.js' milliseconds and the pages each read. */
interface SetTimes {
  files: number;
  rounds: { pipeline: number; raw: number; pipelinePages: number; rawPages: number }[];
}

const setTimes = (files: number): SetTimes => ({ files, rounds: [] });

/** Pages per second of each side, from the median round of each. */
function rates(set: SetTimes): { pipelineRate: number; rawRate: number; ratio: number; pages: number } {
  const pages = set.rounds[0]?.pipelinePages ?? 0;
  const pipelineRate = (pages / median(set.rounds.map((r) => r.pipeline))) * 1000;
  const rawRate = (pages / median(set.rounds.map((r) => r.raw))) * 1000;
  return { pipelineRate, rawRate, ratio: pipelineRate / rawRate, pages };
}

async function load(paths: string[]): Promise<Loaded[]> {
  return Promise.all(paths.map(async (path) => ({ path, bytes: new Uint8Array(await readFile(path)) })));
}

/** The full pipeline over the files; the pages it read. */
async function pipelinePass(files: Loaded[]): Promise<number> {
  let pages = 0;
  for (const { path, bytes } of files) {
    const result = await extractReport(bytes, path);
    if (result.ok) pages += result.reports[0]!.pageCount ?? 0;
  }
  return pages;
}

/**
 * Raw pdf.js text extraction over the files, as pdf-parse does it; the pages it read. pdf.js gets
 * read-pdf.ts's options: those pdf-parse leaves out are pdf.js's defaults under Node already
 * (verbosity errors, no font faces, no system fonts, go on after errors), given here so a change
 * on either side cannot make the two open documents differently unnoticed.
 */
async function rawPass(files: Loaded[]): Promise<number> {
  let pages = 0;
  for (const { bytes } of files) {
    const parser = new PDFParse({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0, useSystemFonts: false, disableFontFace: true, stopAtErrors: false });
    try {
      pages += (await parser.getText()).total;
    } finally {
      await parser.destroy();
    }
  }
  return pages;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type WorkerMessage = { type: 'ready' } | { type: 'done'; pages: number } | { type: 'error'; message: string };

/**
 * Pages per second of wall time with `count` worker threads, each running the pipeline over all
 * files `rounds` times. Threads load and warm up first; the clock runs from the common start
 * signal to the last thread's finish.
 */
async function threadedRate(paths: string[], count: number, rounds: number): Promise<number> {
  const data = { role: WORKER_ROLE, paths, rounds };
  const workers = Array.from({ length: count }, () => spawnSelf(data));
  const next = (worker: Worker) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  try {
    const ready = await Promise.all(workers.map(next));
    const failed = ready.find((m) => m.type === 'error');
    if (failed?.type === 'error') throw new Error(`bench worker: ${failed.message}`);
    const start = performance.now();
    const finished = workers.map(next);
    for (const worker of workers) worker.postMessage('go');
    const results = await Promise.all(finished);
    const elapsed = performance.now() - start;
    const pages = results.reduce((sum, m) => sum + (m.type === 'done' ? m.pages : 0), 0);
    return (pages / elapsed) * 1000;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * A worker thread running this module. From dist/ that is plain JavaScript; from source (tests)
 * the thread registers tsx first, since execArgv ['--import', 'tsx'] does not reach threads on Node 20.
 */
function spawnSelf(data: unknown): Worker {
  const self = new URL(import.meta.url);
  if (!self.pathname.endsWith('.ts')) return new Worker(self, { workerData: data });
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const api = pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(async ({ register }) => { register(); await import(${JSON.stringify(self.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

async function runWorker(): Promise<void> {
  const { paths, rounds } = workerData as { paths: string[]; rounds: number };
  try {
    const files = await load(paths);
    await pipelinePass(files.slice(0, 4));
    parentPort!.once('message', async () => {
      let pages = 0;
      for (let round = 0; round < rounds; round++) pages += await pipelinePass(files);
      parentPort!.postMessage({ type: 'done', pages } satisfies WorkerMessage);
    });
    parentPort!.postMessage({ type: 'ready' } satisfies WorkerMessage);
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  void runWorker();
} else if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const given = process.argv.slice(2);
  for (const line of await benchPdf(given.length > 0 ? given : renderedPdfFixtures())) console.log(line);
}
