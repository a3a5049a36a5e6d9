/**
 * Starts a worker thread on a module of this program. Compiled code (dist/) spawns the compiled
 * module. Under vitest the source .ts runs directly and the thread needs tsx; `execArgv: ['--import',
 * 'tsx']` does not reach worker threads on Node 20 ("Unknown file extension .ts"), so a tiny eval
 * bootstrap registers tsx in the thread first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(script: URL, options: WorkerOptions): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options);
  const bootstrap =
    `import(${JSON.stringify(tsxApiUrl())}).then(async ({ register }) => {` +
    ` register(); await import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * A module of this program by its path under pipeline/ (`export/workbook-thread`), as .ts under vitest
 * and .js when compiled. Resolved from this file, which stays in pipeline/ (dist/pipeline/) whether it
 * runs alone or inside one of the bundles or chunks `npm run build` writes there (scripts/bundle.mjs).
 */
export function programModule(name: string): URL {
  return new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
}

/** A thread that does one task and exits (runTask). */
export interface TaskThread<Answer> {
  /** Resolves once the thread has exited cleanly, with its answer; rejects with the task's failure. */
  done: Promise<Answer>;
  /** After a failure elsewhere: ends the thread (before what it writes into goes away). */
  stop(): Promise<void>;
}

/**
 * Runs a module of this program (programModule's names) in a thread of its own until it exits. With
 * `answers`, the thread posts one message, its answer, before it exits; without, done resolves with
 * undefined. Errors read "<task> failed: <reason>".
 */
export function runTask<Answer = void>(module: string, workerData: unknown, task: string, answers = false): TaskThread<Answer> {
  const thread = spawnWorker(programModule(module), { workerData });
  const done = new Promise<Answer>((resolve, reject) => {
    let failed = false;
    let answer: { value: Answer } | null = null;
    if (answers) thread.once('message', (value: Answer) => (answer = { value }));
    thread.once('error', (error) => {
      failed = true;
      reject(new Error(`${task} failed: ${error instanceof Error ? error.message : String(error)}`));
    });
    thread.once('exit', (code) => {
      if (failed) return;
      if (code === 0 && (answer || !answers)) resolve(answer ? answer.value : (undefined as Answer));
      else reject(new Error(`${task} failed: its thread exited with code ${code}${answers && !answer ? ' before it finished' : ''}`));
    });
  });
  // Observed by the caller; a failure before then must not surface as an unhandled rejection.
  done.catch(() => {});
  return {
    done,
    async stop() {
      await thread.terminate();
    },
  };
}

let tsxApi: string | null = null;

/** The ESM entry of tsx's API, found through its own export map (its CommonJS build cannot register ESM hooks). */
function tsxApiUrl(): string {
  if (tsxApi === null) {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve('tsx/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      exports: Record<string, { import: { default: string } }>;
    };
    const entry = manifest.exports['./esm/api']?.import.default;
    if (!entry) throw new Error('tsx does not export ./esm/api; cannot run the TypeScript worker');
    tsxApi = pathToFileURL(path.join(path.dirname(manifestPath), entry)).href;
  }
  return tsxApi;
}
