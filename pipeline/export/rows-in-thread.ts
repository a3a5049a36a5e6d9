/**
 * Starts a rows thread (rows-thread.ts) for writeDataset's rows pass and hands it chunks to render:
 * render() resolves with the chunk's bytes per row file, or rejects with the thread's failure. Only for
 * bodies on disk (SharedBodies), like the panel thread.
 */
import type { Worker } from 'node:worker_threads';
import type { PlannedGroup } from '../assemble-dataset.js';
import type { SharedBodies } from '../outcome-store.js';
import type { AssemblyContext } from '../program-info.js';
import type { RenderedChunk } from './rows-chunk.js';
import { programModule, spawnWorker } from '../spawn-worker.js';

export interface RowsThreadData {
  /** Body i belongs to groups[i]. */
  bodies: SharedBodies;
  groups: PlannedGroup[];
  context: AssemblyContext;
  /** Whether each chunk also gives its reports' panel projections (the panel pass then runs in the main thread). */
  projections: boolean;
}

export interface RowsThreadRequest {
  chunk: number;
  from: number;
  to: number;
}

export type RowsThreadReply = { chunk: number; rendered: RenderedChunk } | { chunk: number; error: string };

export interface RowsThread {
  render(chunk: number, from: number, to: number): Promise<RenderedChunk>;
  /** Ends the thread (after the pass, or after a failure elsewhere: before what it reads goes away). */
  stop(): Promise<void>;
}

const TASK = 'writing the rows';

export function startRowsThread(data: RowsThreadData): RowsThread {
  const thread: Worker = spawnWorker(programModule('export/rows-thread'), { workerData: data });
  const waiting = new Map<number, { resolve(reply: RenderedChunk): void; reject(error: Error): void }>();
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  let stopping = false;
  thread.on('message', (reply: RowsThreadReply) => {
    const request = waiting.get(reply.chunk);
    if (!request) return;
    waiting.delete(reply.chunk);
    if ('error' in reply) request.reject(new Error(`${TASK} failed: ${reply.error}`));
    else request.resolve(reply.rendered);
  });
  thread.once('error', (error) => failAll(new Error(`${TASK} failed: ${error instanceof Error ? error.message : String(error)}`)));
  thread.once('exit', (code) => failAll(new Error(stopping ? `${TASK}: the thread was stopped` : `${TASK} failed: its thread exited with code ${code}`)));
  return {
    render(chunk, from, to) {
      if (failure) return Promise.reject(failure);
      const answer = new Promise<RenderedChunk>((resolve, reject) => waiting.set(chunk, { resolve, reject }));
      thread.postMessage({ chunk, from, to } satisfies RowsThreadRequest);
      return answer;
    },
    async stop() {
      stopping = true;
      await thread.terminate();
    },
  };
}
