/**
 * Starts the panel pass in a thread of its own (panel-thread.ts) when writeDataset's rows pass begins,
 * so the panel and the matrix are written on the core the single-threaded rows pass leaves idle; the
 * main thread only waits for it, if at all, before the manifest (which needs its counts).
 * Only for bodies on disk (SharedBodies): an in-memory source stays in the main thread.
 */
import type { SharedBodies } from '../outcome-store.js';
import { runTask, type TaskThread } from '../spawn-worker.js';
import type { PanelPlan } from './panel-plan.js';
import type { PanelContext } from './panel-rows.js';
import type { ComparativeCounts, ComparativePaths } from './write-comparative.js';

export interface PanelThreadData {
  bodies: SharedBodies;
  /** Per report of the plan's order (the order of bodies): what the projection needs besides the body. */
  reports: { reportId: string; scope: 'gemeente' | 'regio'; contentKey: string }[];
  panel: PanelPlan;
  /** Every indicator's id and catalogue order (the matrix columns and the row order). */
  indicators: { id: string; order: number }[];
  /** Where the thread may keep its own spill file (the staging directory). */
  spillDir: string;
  paths: ComparativePaths;
}

/** The thread's answer: its counts, how long it worked and its heap (for the bench). */
export interface PanelThreadDone extends ComparativeCounts {
  ms: number;
  heapBytes: number;
}

export type PanelThread = TaskThread<PanelThreadDone>;

export function startPanelThread(data: Omit<PanelThreadData, 'indicators'>, context: PanelContext): PanelThread {
  const indicators = [...context.catalogue.indicatorById.values()].map(({ id, order }) => ({ id, order }));
  return runTask<PanelThreadDone>('compare/panel-thread', { ...data, indicators } satisfies PanelThreadData, 'writing the panel', true);
}
