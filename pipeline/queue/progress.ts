/**
 * Live progress of an import from the parse queue's event stream: an input is done when its
 * document's job completes or fails for good (retries do not count). Inputs that needed no job
 * (unreadable, or a result already in Redis) are done from the start.
 */
import type { QueueEvents } from 'bullmq';

export interface ProgressTracker {
  /** Some parse job of this import has not finished yet. */
  waiting(): boolean;
  /** Everything is done: the export is writing (reports total/total once). */
  finish(): void;
  dispose(): void;
}

export function trackProgress(
  events: QueueEvents,
  /** Parse jobs this import waits for → how many inputs each one stands for. */
  pending: Map<string, number>,
  total: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): ProgressTracker {
  const waiting = new Map(pending);
  let done = total - [...waiting.values()].reduce((sum, n) => sum + n, 0);
  let reported = -1;
  const report = () => {
    if (done === reported) return;
    reported = done;
    onProgress?.(done, total);
  };
  const settle = ({ jobId }: { jobId: string }) => {
    const inputs = waiting.get(jobId);
    if (inputs === undefined) return;
    waiting.delete(jobId);
    done += inputs;
    report();
  };
  events.on('completed', settle);
  events.on('failed', settle);
  report();
  return {
    waiting: () => waiting.size > 0,
    finish() {
      done = total;
      report();
    },
    dispose() {
      events.off('completed', settle);
      events.off('failed', settle);
    },
  };
}
