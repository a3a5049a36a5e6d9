/**
 * Worker thread body: the whole panel pass beside the main thread's rows pass. It reads each report's
 * body from the outcome spill file by itself (positioned reads of the main thread's descriptor),
 * projects it (panel-report.ts) into a spill file of its own, then writes panel.csv, panel.jsonl and
 * matrix.csv cell by cell (write-comparative.ts): the same code and the same bytes as the main-thread
 * pass, on the core the rows pass leaves idle. Posts its counts and exits; an error ends the thread
 * and reaches the caller through the Worker's 'error' event.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { findingIds } from '../dataset-rows.js';
import { readSharedBody } from '../outcome-store.js';
import { SpillFile } from '../spill-file.js';
import type { PanelThreadData, PanelThreadDone } from './panel-in-thread.js';
import { decodePanelReport, encodePanelReport, projectPanelReport } from './panel-report.js';
import { writeComparative } from './write-comparative.js';

const data = workerData as PanelThreadData;
const start = performance.now();
const context = { catalogue: { indicatorById: new Map(data.indicators.map((i) => [i.id, i])) } };
const projections = new SpillFile(data.spillDir, 'panel');
try {
  data.reports.forEach(({ reportId, scope, contentKey }, i) => {
    const body = readSharedBody(data.bodies, i, { reportId, contentKey });
    projections.append(encodePanelReport(projectPanelReport(reportId, scope, body, findingIds(reportId, body.findings))));
  });
  // This thread's heap (its own isolate) at its two fullest moments, for the bench.
  let heapBytes = getHeapStatistics().total_heap_size;
  const counts = await writeComparative(data.panel, (index) => decodePanelReport(projections.read(index)), context, data.paths);
  heapBytes = Math.max(heapBytes, getHeapStatistics().total_heap_size);
  const done: PanelThreadDone = { ...counts, ms: performance.now() - start, heapBytes };
  parentPort!.postMessage(done);
} finally {
  projections.close();
}
