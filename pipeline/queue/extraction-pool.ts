/**
 * The extraction threads of one `stj worker` process. Each document runs in a thread with a heap
 * limit (resourceLimits), the input limits (extractors/input/limits.ts) and a time budget, as in the
 * embedded pool, so a hostile file can end its thread but never the worker process. The failures are
 * the embedded pool's: over the time budget → timeout, over the heap → too_large (the thread is
 * stopped or dies, and is replaced). A thread that crashes otherwise is replaced and its document
 * tried once more in a fresh thread (the crash may be the machine's), then fails as internal_error.
 * The worker's main thread only routes, so it keeps renewing job locks.
 *
 * Each thread holds up to TASKS_PER_THREAD documents: the one it parses and the next, which it starts
 * as soon as it has answered for the first (parse-thread.ts takes them one after another). With one
 * document at a time, the thread waited after each answer until this process's main thread, often
 * busy delivering a finished job's results, handed it the next: 0.7 ms per document, a third of the
 * parse phase on text reports. A document's time budget starts when the answer before it arrives,
 * that is when the thread begins it; if the thread dies, the oldest unanswered document is the one it
 * was parsing, and the one behind it goes back to the queue untouched.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputLimits } from '../../extractors/input/limits.js';
import type { FailureCode } from '../../extractors/model.js';
import type { WorkerReply } from '../worker-reply.js';
import { THREAD_ATTEMPTS } from './settings.js';

export interface ThreadTask {
  id: number;
  fileName: string;
  sha256: string;
  base64: string;
  simulateCpuMs: number;
}

export type ThreadReply = WorkerReply;
export type DocumentReply = Omit<WorkerReply, 'id'>;

export interface PoolOptions {
  threads: number;
  documentTimeoutMs: number;
  threadMemoryMb: number;
  /** Size, inflation and depth limits, set in every thread (the embedded pool passes them the same way). */
  limits: InputLimits;
  simulateCpuMs: number;
}

interface Task {
  doc: { fileName: string; sha256: string; base64: string };
  attempt: number;
  resolve: (reply: DocumentReply) => void;
}

/** Documents a thread holds at once: the one it parses, and the next (see above). */
const TASKS_PER_THREAD = 2;

interface Slot {
  worker: Worker;
  /** Sent and not yet answered, oldest first: the first is the one the thread is parsing. */
  tasks: { task: Task; id: number }[];
  /** The first task's time budget. */
  timer: NodeJS.Timeout | null;
  /** Set by 'error' so the 'exit' that follows can say why the thread died. */
  lastError: string | null;
  lastErrorCode: string | null;
  /** The thread has loaded its modules (it says so): a document's time budget starts at dispatch. */
  ready: boolean;
  /** Stopped by us: over its time budget, or the pool is closing. */
  stopped: 'timeout' | 'closing' | null;
}

export class ExtractionPool {
  private readonly slots = new Set<Slot>();
  private readonly pending: Task[] = [];
  private nextId = 0;
  private closing = false;
  private readonly script = threadScript();

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.spawn();
  }

  run(doc: Task['doc']): Promise<DocumentReply> {
    return new Promise((resolve) => {
      this.pending.push({ doc, attempt: 1, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    // Not handed to a thread yet: answered here (those in the threads' hands are answered as they exit).
    for (const task of this.pending.splice(0)) task.resolve(failure(task.doc, 'internal_error', 'the worker stopped before this document was parsed'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) slot.stopped = 'closing';
    await Promise.allSettled(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    const slot: Slot = {
      worker: new Worker(this.script, {
        workerData: { limits: this.options.limits },
        resourceLimits: { maxOldGenerationSizeMb: this.options.threadMemoryMb },
      }),
      tasks: [],
      timer: null,
      lastError: null,
      lastErrorCode: null,
      stopped: null,
      ready: false,
    };
    this.slots.add(slot);
    slot.worker.on('message', (reply: ThreadReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const current = slot.tasks[0];
      if (!current || reply?.id !== current.id) return;
      slot.tasks.shift();
      this.stopTimer(slot);
      // The thread has begun the next one it holds: its time budget runs from now.
      if (slot.tasks.length > 0) this.startTimer(slot);
      current.task.resolve({ head: reply.head, reports: reply.reports });
      this.dispatch();
    });
    slot.worker.on('error', (error) => {
      slot.lastError = error instanceof Error ? error.message : String(error);
      slot.lastErrorCode = (error as { code?: unknown }).code === undefined ? null : String((error as { code?: unknown }).code);
    });
    slot.worker.on('exit', (code) => {
      this.slots.delete(slot);
      const [task, ...waiting] = slot.tasks.map((t) => t.task);
      const stopped = slot.stopped;
      this.stopTimer(slot);
      slot.tasks = [];
      if (stopped === 'closing' || this.closing) {
        for (const t of [task, ...waiting]) t?.resolve(failure(t.doc, 'internal_error', 'the worker stopped before this document was parsed'));
        return;
      }
      // Not begun: back to the front of the queue as they were (a retry of `task` goes before them, below).
      this.pending.unshift(...waiting);
      if (task) {
        // The embedded pool's codes and messages (run-embedded.ts), so both modes write the same manifest.
        if (stopped === 'timeout') {
          task.resolve(failure(task.doc, 'timeout', `extraction took longer than ${this.options.documentTimeoutMs / 1000} s (--file-timeout) and was stopped`));
        } else if (slot.lastErrorCode === 'ERR_WORKER_OUT_OF_MEMORY') {
          const mb = this.options.threadMemoryMb;
          task.resolve(failure(task.doc, 'too_large', `extraction needed more than the ${mb} MB a worker thread may use (--max-thread-mb) and was stopped`));
        } else if (task.attempt < THREAD_ATTEMPTS) {
          // A crash can be the machine's (memory pressure) rather than the file's: once more in a fresh thread, first in line.
          this.pending.unshift({ ...task, attempt: task.attempt + 1 });
        } else {
          const why = slot.lastError ?? `exit code ${code}`;
          task.resolve(failure(task.doc, 'internal_error', `extraction worker crashed: ${why} (${THREAD_ATTEMPTS} attempts)`));
        }
      }
      // Keep the pool at strength: one bad file must not cost the worker a thread.
      this.spawn();
      this.dispatch();
    });
  }

  private stopTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private startTimer(slot: Slot): void {
    slot.timer = setTimeout(() => {
      slot.stopped = 'timeout';
      void slot.worker.terminate();
    }, this.options.documentTimeoutMs);
  }

  /** Every idle thread gets a document before any thread gets a second. */
  private dispatch(): void {
    for (let held = 0; held < TASKS_PER_THREAD; held++) {
      for (const slot of this.slots) {
        if (this.pending.length === 0) return;
        if (slot.tasks.length !== held || slot.stopped || !slot.ready) continue;
        const task = this.pending.shift()!;
        const id = this.nextId++;
        slot.tasks.push({ task, id });
        if (slot.tasks.length === 1) this.startTimer(slot);
        const message: ThreadTask = { id, ...task.doc, simulateCpuMs: this.options.simulateCpuMs };
        slot.worker.postMessage(message);
      }
    }
  }
}

function failure(doc: Task['doc'], code: FailureCode, message: string): DocumentReply {
  return { head: { ok: false, failure: { ok: false, fileName: doc.fileName, bytesSha256: doc.sha256, failure: { code, message } } } };
}

/**
 * The compiled thread body. A thread cannot load TypeScript, so when this module runs from source
 * (vitest, tsx) it uses the copy `npm run build` put in dist/.
 */
function threadScript(): URL {
  const sibling = new URL('./parse-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL('../../dist/pipeline/queue/parse-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`cannot find the compiled extraction thread (looked for ${fileURLToPath(sibling)} and ${fileURLToPath(built)}); run \`npm run build\``);
}
