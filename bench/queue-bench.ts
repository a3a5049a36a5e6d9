/**
 * Queue-mode figures for `npm run bench`: the same corpus imported through BullMQ on the real Redis,
 * parsed by 1 and by 2 `stj worker` processes, each with --concurrency 1 so that "N worker processes"
 * uses N threads for parsing, like the embedded run with N threads it is compared with.
 *
 * Every measurement runs under a prefix of its own (stj-bench-<random>-…), so no import sees another's
 * jobs or results. Workers are started and ready ("taking parse jobs") before the import is timed, so
 * process start-up is not counted; they are stopped with SIGTERM and every key under the prefixes is
 * deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pingRedis } from '../pipeline/queue/ping-redis.js';
import type { Measurement } from './measure.js';
import { unlinkPrefix } from '../pipeline/queue/unlink-prefix.js';
import { freePort } from '../pipeline/queue/free-port.js';
import { spinScaling } from './spin-scaling.js';

export interface QueueBenchSetup {
  repoRoot: string;
  /** True when the bench itself runs from TypeScript (tsx): the workers then run pipeline/cli.ts under tsx too. */
  fromSource: boolean;
  redisUrl: string;
}

export interface WorkerSet {
  prefix: string;
  /** CPU time the worker processes have used so far, all their threads (Linux /proc; NaN elsewhere). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (clock ticks of 10 ms, the Linux default). */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Whether a Redis answers at url; -NOAUTH still proves one is there, and the import then says what is wrong. */
export async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return (await pingRedis(hostname || '127.0.0.1', Number(port || 6379))) !== null;
}

export function benchPrefix(label: string): string {
  return `stj-bench-${randomBytes(4).toString('hex')}-${label}`;
}

function cliCommand(setup: QueueBenchSetup): string[] {
  return setup.fromSource
    ? ['--import', 'tsx', path.join(setup.repoRoot, 'pipeline', 'cli.ts')]
    : [path.join(setup.repoRoot, 'dist', 'pipeline', 'cli.js')];
}

/** Starts `count` worker processes (concurrency 1 each) on prefix and resolves once all take jobs. */
export async function startWorkers(setup: QueueBenchSetup, prefix: string, count: number): Promise<WorkerSet> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            // A worker that ignores SIGTERM (a job stuck in hand) must not hold the bench: kill after 10 s.
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const args = [...cliCommand(setup), 'worker', '--redis', setup.redisUrl, '--prefix', prefix, '--concurrency', '1'];
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          let log = '';
          const timer = setTimeout(() => reject(new Error(`worker did not start within 30 s: ${log.trim()}`)), 30_000);
          child.stderr!.on('data', (d: Buffer) => {
            // Only the start-up line matters; later per-job lines are dropped to keep memory flat.
            if (log.length < 4096) log += d.toString();
            if (log.includes('taking parse jobs')) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`worker exited with code ${code} before taking jobs: ${log.trim()}`));
          });
        });
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { prefix, stop, cpuMs: () => children.reduce((sum, child) => sum + processCpuMs(child.pid), 0) };
}

/** Deletes every key under each prefix (SCAN + UNLINK); returns how many keys there were. */
export async function deletePrefixes(url: string, prefixes: string[]): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
  let deleted = 0;
  try {
    await client.connect();
    for (const prefix of prefixes) deleted += await unlinkPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
  return deleted;
}

/* ------------------------------------------------------------------------------------------------
 * `node dist/bench/queue-bench.js` (or `npx tsx bench/queue-bench.ts`): the queue mode's own figures,
 * every one a ratio against a baseline measured in the same run, on a redis-server of its own (a
 * fresh one per measurement, so its peak memory belongs to that import alone):
 *   overhead   (queue time with 1 worker process - embedded time with 1 thread) / reports: per-job cost
 *              (the goal's figure), and the same over the parse phase alone (the export after it is the
 *              same code in both modes). Fastest of TEXT_REPEAT each: the embedded imports alternated,
 *              each a fresh process as a CLI import is; the queue's workers warm, as long-running `stj
 *              worker` processes are (an untimed import of other reports first). One run of each had
 *              moved the figure between 0.5 and 1.2 ms within an hour on an idle machine. Beside it, one
 *              import on a fresh worker process (cold, as the embedded thread is): the figure before.
 *   scaling    queue time with 1 worker process / with 2, on distinct PDFs (CPU-bound work), read from
 *              the parse phase (import start until the last result is in; the export after it runs in
 *              the importer alone whatever the worker count), with the whole import beside it. Warm:
 *              the workers first import 48 other PDFs each, untimed, as a long-running `stj worker` has
 *              loaded pdf.js and compiled its hot code long before (on 24 PDFs a fresh worker spends
 *              about as much CPU on that as on parsing them); cold: fresh workers, printed beside it.
 *              Also printed: how many cores one worker process kept busy, since V8 compiles and
 *              collects garbage on threads of its own and one worker thus uses more than one core,
 *              and what 2 spinning threads give against 1 at that moment (bench/spin-scaling.ts).
 *   text       queue time with 2 worker processes / embedded time with 2 threads (goal ≤ 1.25)
 *   redis      used_memory_peak of the importing run at two batch sizes (goal: the same, ≤ 64 MB)
 * Options: --reports N (400, the text corpus), --peak A,B (500,2000), --pdfs N (24), --seed S, --keep.
 * ------------------------------------------------------------------------------------------------ */

interface OwnRedis {
  url: string;
  cpuMs(): number;
  usedMemory(): Promise<{ used: number; peak: number }>;
  stop(): Promise<void>;
}

async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while ((await pingRedis('127.0.0.1', port)) !== 'pong') {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('redis-server did not start (is it installed?)');
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    cpuMs: () => processCpuMs(child.pid),
    async usedMemory() {
      const client = new Redis(url, { maxRetriesPerRequest: 3 });
      try {
        const info = await client.info('memory');
        const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
        return { used: field('used_memory'), peak: field('used_memory_peak') };
      } finally {
        client.disconnect();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface QueueFiguresOptions {
  /** Text reports of the overhead and text-ratio measurements (400). */
  reports: number;
  /** Corpus sizes of the Redis peak-memory measurement (500, 2000). */
  peakSizes: number[];
  /** Distinct PDFs of the scaling measurement (24; 0 skips it). */
  pdfCount: number;
  seed: number;
  keep?: boolean;
}

/** Runs of each text measurement (embedded 1 and 2 threads, queue 1 and 2 warm workers); the fastest counts. */
const TEXT_REPEAT = 3;

/** Timed imports per warm worker set in the PDF scaling figure (the fastest counts): they are short, and the machine may be shared. */
const PDF_REPEAT = 3;

/** PDFs each worker process parses untimed before the warm figure (the JIT has settled by about 48 on the fixtures). */
const WARM_UP_PDFS = 48;

export const QUEUE_FIGURES_DEFAULTS: QueueFiguresOptions = { reports: 400, peakSizes: [500, 2000], pdfCount: 24, seed: 2013 };

async function queueBenchMain(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: String(QUEUE_FIGURES_DEFAULTS.reports) },
      peak: { type: 'string', default: QUEUE_FIGURES_DEFAULTS.peakSizes.join(',') },
      pdfs: { type: 'string', default: String(QUEUE_FIGURES_DEFAULTS.pdfCount) },
      seed: { type: 'string', default: String(QUEUE_FIGURES_DEFAULTS.seed) },
      keep: { type: 'boolean', default: false },
    },
  });
  await benchQueueFigures(
    { reports: Number(values.reports), peakSizes: values.peak.split(',').map(Number), pdfCount: Number(values.pdfs), seed: Number(values.seed), keep: values.keep },
    (line) => process.stdout.write(`${line}\n`),
  );
}

/** The queue mode's own figures (see above), one line each through say; `npm run bench` calls this too. */
export async function benchQueueFigures(options: QueueFiguresOptions, say: (line: string) => void): Promise<void> {
  const { mkdtemp, rm, readdir, readFile, writeFile, mkdir } = await import('node:fs/promises');
  const { tmpdir, loadavg } = await import('node:os');
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { fileURLToPath } = await import('node:url');
  const { generateCorpus, writeCorpus } = await import('./synthetic-corpus.js');
  const run = promisify(execFile);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromSource = import.meta.url.endsWith('.ts');
  const repoRoot = path.resolve(here, here.split(path.sep).includes('dist') ? '../..' : '..');

  const { reports, peakSizes, pdfCount, seed } = options;

  const measure = async (args: string[]): Promise<Measurement> => {
    const script = path.join(here, `measure${fromSource ? '.ts' : '.js'}`);
    const loader = fromSource ? ['--import', 'tsx'] : [];
    const { stdout } = await run(process.execPath, [...loader, script, ...args], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
  };
  const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  /**
   * One queue import on a fresh redis-server with `workers` worker processes; returns the measurement,
   * Redis' peak over its start and the CPU of importer + workers + Redis. With warm, the workers first
   * import warm.dir untimed (other documents, so nothing timed is a repeat), as a long-running worker
   * has loaded pdf.js and compiled its hot code long before an import comes; the timed import then runs
   * warm.repeat times on those workers and the fastest counts.
   */
  const queued = async (dir: string, out: string, workers: number, warm?: { dir: string; repeat: number }) => {
    const own = await startOwnRedis();
    try {
      const base = await own.usedMemory();
      const prefix = benchPrefix(`w${workers}`);
      const set = await startWorkers({ repoRoot, fromSource, redisUrl: own.url }, prefix, workers);
      try {
        if (warm) await measure(['queue', warm.dir, `${out}-warm-up`, own.url, prefix]);
        let best: { m: Measurement; cpuMs: number; workerCpuMs: number } | null = null;
        for (let round = 0; round < (warm?.repeat ?? 1); round++) {
          const workersBefore = set.cpuMs();
          const idleCpu = workersBefore + own.cpuMs(); // start-up and warm-up: not part of the import
          const m = await measure(['queue', dir, `${out}${round > 0 ? `-${round}` : ''}`, own.url, prefix]);
          const workerCpuMs = set.cpuMs() - workersBefore;
          const run = { m, cpuMs: m.cpuMs + set.cpuMs() + own.cpuMs() - idleCpu, workerCpuMs };
          if (!best || run.m.ms < best.m.ms) best = run;
        }
        const after = await own.usedMemory();
        return { ...best!, peakMb: (after.peak - base.used) / 2 ** 20 };
      } finally {
        await set.stop();
      }
    } finally {
      await own.stop();
    }
  };

  const tmp = await mkdtemp(path.join(tmpdir(), 'stj-queue-bench-'));
  try {
    const textDir = path.join(tmp, 'text');
    await writeCorpus(generateCorpus({ reports, seed }), textDir);
    say(`queue bench: ${reports} synthetic text reports; Redis: a redis-server of its own per measurement; load average ${fmt(loadavg()[0]!, 1)}`);

    // Other reports of the same kind for the workers' untimed warm-up: nothing timed is a repeat.
    const textWarmUp = { dir: path.join(tmp, 'text-warm-up'), repeat: TEXT_REPEAT };
    await writeCorpus(generateCorpus({ reports, seed: seed + 1 }), textWarmUp.dir);
    let e1: Measurement | null = null;
    let e2: Measurement | null = null;
    for (let round = 0; round < TEXT_REPEAT; round++) {
      const one = await measure(['pipeline', textDir, path.join(tmp, `e1-${round}`), '1']);
      const two = await measure(['pipeline', textDir, path.join(tmp, `e2-${round}`), '2']);
      if (!e1 || one.ms < e1.ms) e1 = one;
      if (!e2 || two.ms < e2.ms) e2 = two;
    }
    if (!e1 || !e2) throw new Error('no embedded run measured');
    const q1 = await queued(textDir, path.join(tmp, 'q1'), 1, textWarmUp);
    const q2 = await queued(textDir, path.join(tmp, 'q2'), 2, textWarmUp);
    // Fresh worker processes (started before the clock), one import: what the first import after `stj worker` starts pays.
    const q1Cold = await queued(textDir, path.join(tmp, 'q1-cold'), 1);
    say(`queue overhead per job (1 warm worker process vs embedded 1 thread, fastest of ${TEXT_REPEAT} each): ${fmt((q1.m.ms - e1.ms) / reports)} ms/report wall (goal ≤ 1 ms), time ratio ${fmt(q1.m.ms / e1.ms)}x` +
      ` | CPU (importer + workers + Redis vs embedded): ${fmt((q1.cpuMs - e1.cpuMs) / reports)} ms/report, ratio ${fmt(q1.cpuMs / e1.cpuMs)}x` +
      ` | parse phase alone (until the last result is in; the embedded run's thread start-up counted, the queue's workers already running and warm): ${fmt(((q1.m.extractMs ?? NaN) - (e1.extractMs ?? NaN)) / reports)} ms/report` +
      ` | fresh worker process (one import, its JIT cold as the embedded thread's is): ${fmt((q1Cold.m.ms - e1.ms) / reports)} ms/report, ${fmt(q1Cold.m.ms / e1.ms)}x; load average ${fmt(loadavg()[0]!, 1)}`);
    say(`queue 2 worker processes vs embedded 2 threads: ${fmt(q2.m.ms / e2.ms)}x time (goal ≤ 1.25x); embedded ${fmt(e2.ms / 1000, 1)} s, queue ${fmt(q2.m.ms / 1000, 1)} s; CPU ratio ${fmt(q2.cpuMs / e2.cpuMs)}x`);
    // The export after the last result is most of a text import and runs in the importer alone: the parse phase shows what the workers change.
    say(`text: 2 worker processes vs 1: ${fmt(q1.m.ms / q2.m.ms)}x the whole import, ${fmt((q1.m.extractMs ?? NaN) / (q2.m.extractMs ?? NaN))}x the parse phase` +
      ` (export after the last result: ${fmt(q1.m.ms - (q1.m.extractMs ?? NaN), 0)} ms of ${fmt(q1.m.ms, 0)} with 1 worker); importer peak RSS ${fmt(q2.m.maxRssKb / 1024, 0)} MB`);
    if (q1.m.failed + q2.m.failed + e1.failed + e2.failed > 0) say(`warning: failed files: embedded ${e1.failed}/${e2.failed}, queue ${q1.m.failed}/${q2.m.failed}`);

    // CPU-bound work: distinct PDFs (each rendered fixture with a comment after %%EOF, so every copy is its own document).
    const pdfRoot = path.join(repoRoot, 'fixtures', 'rendered', 'pdf');
    const sources: string[] = [];
    for (const entry of await readdir(pdfRoot, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.pdf')) sources.push(path.join(entry.parentPath ?? entry.path, entry.name));
    }
    sources.sort();
    if (sources.length > 0 && pdfCount > 0) {
      const writeCopies = async (dir: string, tag: string, count: number) => {
        await mkdir(dir, { recursive: true });
        for (let i = 0; i < count; i++) {
          const bytes = await readFile(sources[i % sources.length]!);
          await writeFile(path.join(dir, `copy-${String(i).padStart(4, '0')}.pdf`), Buffer.concat([bytes, Buffer.from(`\n%${tag} ${i}\n`)]));
        }
      };
      const pdfDir = path.join(tmp, 'pdf');
      await writeCopies(pdfDir, 'stj-bench', pdfCount);
      // Every worker process warms up on as many PDFs, WARM_UP_PDFS of its own, whatever the worker count:
      // a worker that had seen half as many would still be compiling hot code inside the timed import.
      const warm = async (workers: number) => {
        const dir = path.join(tmp, `pdf-warm-up-${workers}`);
        await writeCopies(dir, `stj-bench-warm-up-${workers}`, WARM_UP_PDFS * workers);
        return { dir, repeat: PDF_REPEAT };
      };
      const p1 = await queued(pdfDir, path.join(tmp, 'p1'), 1, await warm(1));
      const p2 = await queued(pdfDir, path.join(tmp, 'p2'), 2, await warm(2));
      const c1 = await queued(pdfDir, path.join(tmp, 'c1'), 1);
      const c2 = await queued(pdfDir, path.join(tmp, 'c2'), 2);
      // Measured right after the warm runs: what 2 cores gave then, against 1 (other load lowers it).
      const spin = await spinScaling(2);
      const parse = (q: typeof p1) => q.m.extractMs ?? NaN;
      const s = (ms: number) => `${fmt(ms / 1000)} s`;
      say(`pdf (${pdfCount} distinct PDFs, CPU-bound), warm workers (fastest of ${PDF_REPEAT} imports after an untimed one of ${WARM_UP_PDFS} other PDFs per worker): ` +
        `2 worker processes vs 1, parse phase (until the last result is in): ${fmt(parse(p1) / parse(p2))}x (goal ≥ 1.8x), ${s(parse(p1))} vs ${s(parse(p2))}` +
        ` | whole import with the export after the last result: ${fmt(p1.m.ms / p2.m.ms)}x, ${s(p1.m.ms)} vs ${s(p2.m.ms)}` +
        ` | 1 worker process kept ${fmt(p1.workerCpuMs / parse(p1), 1)} cores busy in the parse phase (its extraction thread and V8's compiler and GC threads; 2 such need ${fmt((2 * p1.workerCpuMs) / parse(p1), 1)} cores)` +
        ` | pure-CPU spin threads 2 vs 1 on this machine now: ${fmt(spin)}x; load average ${fmt(loadavg()[0]!, 1)}`);
      say(`pdf, cold workers (fresh processes: each pays pdf.js' loading and the JIT warm-up inside the timed import, as the first import after \`stj worker\` starts does): ` +
        `2 vs 1, parse phase ${fmt(parse(c1) / parse(c2))}x, ${s(parse(c1))} vs ${s(parse(c2))}; whole import ${fmt(c1.m.ms / c2.m.ms)}x; workers' CPU ${s(c1.workerCpuMs)} vs ${s(c2.workerCpuMs)} (warm: ${s(p1.workerCpuMs)} vs ${s(p2.workerCpuMs)})`);
      if (p1.m.failed + p2.m.failed + c1.m.failed + c2.m.failed > 0) say(`warning: failed PDFs: warm ${p1.m.failed}/${p2.m.failed}, cold ${c1.m.failed}/${c2.m.failed}`);
    }

    // Redis' peak at two batch sizes: the window bounds it, not the batch.
    const peaks: string[] = [];
    for (const size of peakSizes) {
      const dir = path.join(tmp, `peak-${size}`);
      await writeCorpus(generateCorpus({ reports: size, seed: seed + size }), dir);
      const q = await queued(dir, path.join(tmp, `peak-out-${size}`), 2);
      peaks.push(`${size} reports: ${fmt(q.peakMb, 1)} MB`);
      await rm(dir, { recursive: true, force: true });
    }
    say(`redis peak memory over its empty start (default window): ${peaks.join(' | ')} (goal: flat, ≤ 64 MB)`);
  } finally {
    if (!options.keep) await rm(tmp, { recursive: true, force: true });
    else say(`kept ${tmp}`);
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]).replace(/\.ts$/, '.js') === new URL(import.meta.url).pathname.replace(/\.ts$/, '.js');
if (invokedDirectly) {
  queueBenchMain().catch((error: unknown) => {
    process.stderr.write(`queue bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
