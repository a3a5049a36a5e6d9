/**
 * What the comparative stage costs in this process: wall time of its parts (copy choice and links,
 * panel planning, baseline loads, the panel/matrix pass) and how far it raised the peak RSS. For the
 * bench only; never written to the dataset (it would break byte-identical output).
 */
import { peakRssKb } from '../peak-rss.js';

export const comparativeCost = {
  /** Wall time the import spent in (or waiting for) the stage: its cost to the import. */
  ms: 0,
  peakRssGrowthKb: 0,
  /** Wall time the panel thread worked, beside the rows pass (0 when the pass ran in the main thread). */
  threadMs: 0,
  /** The panel thread's heap at its fullest (part of the process's RSS while it runs). */
  threadHeapKb: 0,
};

export function resetComparativeCost(): void {
  comparativeCost.ms = 0;
  comparativeCost.threadMs = 0;
  comparativeCost.threadHeapKb = 0;
  comparativeCost.peakRssGrowthKb = 0;
}

export function timed<T>(work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    comparativeCost.ms += performance.now() - start;
  }
}

/** Also records how much the work raised the process's peak RSS (0 when it stayed below an earlier peak). */
export async function timedAsync<T>(work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const peakBefore = peakRssKb();
  try {
    return await work();
  } finally {
    comparativeCost.ms += performance.now() - start;
    comparativeCost.peakRssGrowthKb += peakRssKb() - peakBefore;
  }
}
