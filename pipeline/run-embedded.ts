/**
 * Embedded run mode: a worker_threads pool that runs extractReport on every input on this machine.
 * Extraction is CPU-bound (PDF text layers, table parsing), so threads rather than async concurrency.
 * Results come back in input order whatever order the threads finish in, which keeps the dataset
 * independent of thread count and timing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sha256Hex } from '../extractors/content-key.js';
import { extractionResultSchema, type ExtractionResult } from '../extractors/model.js';
import { EMPTY_SHA256 } from './collect-inputs.js';
import type { WorkerJob, WorkerReply } from './extraction-worker.js';
import type { CollectedInput, InputOutcome } from './stages.js';

export interface EmbeddedOptions {
  /** Worker threads; default os.availableParallelism(), never more than there are inputs. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Replaces the worker script; only tests use this, to simulate a crashing worker. */
  workerScript?: URL;
}

interface Slot {
  worker: Worker;
  job: WorkerJob | null;
  /** Set by 'error' so the 'exit' that follows can say why the thread died. */
  lastError: string | null;
}

export async function runEmbedded(inputs: CollectedInput[], options: EmbeddedOptions = {}): Promise<InputOutcome[]> {
  const total = inputs.length;
  const results: (ExtractionResult | undefined)[] = new Array(total);
  options.onProgress?.(0, total);
  if (total === 0) return [];

  const threads = Math.max(1, Math.min(total, Math.floor(options.threads ?? availableParallelism())));
  const script = options.workerScript ?? defaultWorkerScript();
  let next = 0;
  let done = 0;

  await new Promise<void>((resolve) => {
    const slots = new Set<Slot>();

    const finish = (slot: Slot, job: WorkerJob, result: ExtractionResult) => {
      if (results[job.id] !== undefined) return;
      results[job.id] = result;
      slot.job = null;
      done++;
      options.onProgress?.(done, total);
      if (done === total) {
        const closing = [...slots].map((s) => s.worker.terminate());
        slots.clear();
        void Promise.allSettled(closing).then(() => resolve());
      }
    };

    const dispatch = (slot: Slot) => {
      if (next >= total) return;
      const id = next++;
      const input = inputs[id]!;
      slot.job = { id, absolutePath: input.absolutePath, relativePath: input.relativePath };
      slot.worker.postMessage(slot.job);
    };

    const spawn = () => {
      const slot: Slot = { worker: spawnWorker(script), job: null, lastError: null };
      slots.add(slot);
      slot.worker.on('message', (reply: WorkerReply) => {
        const job = slot.job;
        if (!job || reply.id !== job.id) return;
        finish(slot, job, checkResult(reply.result, job));
        dispatch(slot);
      });
      slot.worker.on('error', (error) => {
        slot.lastError = error instanceof Error ? error.message : String(error);
      });
      slot.worker.on('exit', (code) => {
        if (!slots.has(slot)) return; // terminated by us after the last result
        slots.delete(slot);
        const job = slot.job;
        if (job) {
          const why = slot.lastError ?? `exit code ${code}`;
          finish(slot, job, internalError(job, `extraction worker crashed: ${why}`));
        }
        // Keep the pool at strength while work remains, so one bad file does not slow the batch.
        if (done < total && next < total) dispatch(spawn());
        else if (done < total && slots.size === 0) {
          // Unreachable unless a reply got lost: fail what is left rather than wait forever.
          for (let id = 0; id < total; id++) {
            if (results[id] === undefined) {
              const input = inputs[id]!;
              const orphan = { id, absolutePath: input.absolutePath, relativePath: input.relativePath };
              finish(slot, orphan, internalError(orphan, 'lost by the extraction pool'));
            }
          }
        }
      });
      return slot;
    };

    for (let i = 0; i < threads; i++) dispatch(spawn());
  });

  return inputs.map((input, id) => ({ input, result: results[id]! }));
}

function checkResult(raw: unknown, job: WorkerJob): ExtractionResult {
  const parsed = extractionResultSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return internalError(job, `extraction returned an invalid result${where}: ${issue?.message ?? 'unknown issue'}`);
}

function internalError(job: WorkerJob, message: string): ExtractionResult {
  // The worker that read the bytes is gone; hash them here so the manifest still names the file's content.
  let bytesSha256 = EMPTY_SHA256;
  try {
    bytesSha256 = sha256Hex(readFileSync(job.absolutePath));
  } catch {
    // Unreadable now as well: the empty-input hash marks "not known".
  }
  return { ok: false, fileName: job.relativePath, bytesSha256, failure: { code: 'internal_error', message } };
}

/**
 * Compiled code (dist/) spawns the compiled worker. Under vitest the source .ts runs directly and the
 * worker needs tsx; `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20
 * ("Unknown file extension .ts"), so a tiny eval bootstrap registers tsx in the thread first.
 */
function spawnWorker(script: URL): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script);
  const bootstrap =
    `import(${JSON.stringify(tsxApiUrl())}).then(async ({ register }) => {` +
    ` register(); await import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

function defaultWorkerScript(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './extraction-worker.ts' : './extraction-worker.js', import.meta.url);
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
