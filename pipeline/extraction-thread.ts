/**
 * Starting one extraction thread of the embedded pool (run-embedded.ts), kept apart so the command
 * line can start the first thread before it loads anything else (cli.ts): loading the extractor
 * takes a thread about as long as the main thread takes to load the import command and list the
 * inputs, so the two overlap instead of following one another. Loads only Node's own modules.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { InputLimits } from '../extractors/input/limits.js';
import { spawnWorker } from './spawn-worker.js';

/** Defaults of the per-file budgets: generous, a real report takes well under a second and a few hundred MB. */
export const DEFAULT_FILE_TIMEOUT_MS = 120_000;
export const DEFAULT_THREAD_MEMORY_MB = 2048;

export interface ThreadSettings {
  /** Heap limit of the thread (resourceLimits), in MB. */
  memoryMb: number;
  /** Size, inflation and depth limits set in the thread (extractors/input/limits.ts). */
  limits: Partial<InputLimits>;
}

/** The options every thread of a pool is started with. */
export function threadOptions(settings: ThreadSettings): WorkerOptions {
  return { workerData: { limits: settings.limits }, resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb } };
}

/** How every thread of this program is started (compiled, or under vitest through tsx). */
export const spawnThread = spawnWorker;

export function defaultWorkerScript(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './extraction-worker.ts' : './extraction-worker.js', import.meta.url);
}

/**
 * A thread started before its pool: the pool adopts it as its first thread when it runs with the same
 * settings, else terminates it (dispose). Until then it does not keep the process alive, and a thread
 * that failed or ended meanwhile is never adopted, so the pool sees every event of the threads it owns.
 */
export class EarlyThread {
  readonly worker: Worker;
  /** When the thread was started (Date.now()): its start-up counts from here, not from the pool's start. */
  readonly startedAt = Date.now();
  private usable = true;
  private readonly onEnd = () => {
    this.usable = false;
  };

  constructor(readonly settings: ThreadSettings) {
    this.worker = spawnThread(defaultWorkerScript(), threadOptions(settings));
    this.worker.unref();
    this.worker.on('error', this.onEnd);
    this.worker.on('exit', this.onEnd);
  }

  /** The thread, now the caller's to listen to and to end, or null (and the thread ended) when it cannot serve `settings`. */
  adopt(settings: ThreadSettings): Worker | null {
    const same = this.usable && settings.memoryMb === this.settings.memoryMb && sameLimits(settings.limits, this.settings.limits);
    if (!same) {
      this.dispose();
      return null;
    }
    this.usable = false;
    this.worker.off('error', this.onEnd);
    this.worker.off('exit', this.onEnd);
    this.worker.ref();
    return this.worker;
  }

  /** Ends the thread unless a pool adopted it. */
  dispose(): void {
    if (!this.usable) return;
    this.usable = false;
    this.worker.off('error', this.onEnd);
    this.worker.off('exit', this.onEnd);
    // Errors of a thread nobody waits for any more are of no interest.
    this.worker.on('error', () => undefined);
    void this.worker.terminate();
  }
}

function sameLimits(a: Partial<InputLimits>, b: Partial<InputLimits>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof InputLimits>;
  return [...keys].every((key) => a[key] === b[key]);
}

