/**
 * Last stage: assemble the dataset and write its files into outDir, streaming: a report's body is
 * loaded from the outcome source when its rows are written and dropped right after, so memory holds
 * the per-input heads, the warnings and the manifest, never every finding at once.
 * Every file is written into a private staging directory and switched in once all are complete
 * (staging.ts), manifest.json last: a crash or a full disk leaves the previous dataset, never half of a new one.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { finishDataset, planDataset } from '../assemble-dataset.js';
import { comparativeCost, timedAsync } from '../compare/cost.js';
import { startPanelThread, type PanelThread } from '../compare/panel-in-thread.js';
import { decodePanelReport } from '../compare/panel-report.js';
import { writeComparative, type ComparativeCounts, type ComparativePaths } from '../compare/write-comparative.js';
import {
  warningRowSchema,
  type Manifest,
  type WarningRow,
} from '../dataset-schema.js';
import { memorySource, type OutcomeSource } from '../outcome-store.js';
import { SpillFile } from '../spill-file.js';
import { defaultAssemblyContext, type AssemblyContext } from '../program-info.js';
import type { InputOutcome } from '../stages.js';
import { startRowsThread, type RowsThread } from './rows-in-thread.js';
import { writeRowsPass } from './rows-pass.js';
import { openStaging, type StagingOptions } from './staging.js';
import { EXPORT_FILES, PANEL_THREAD_REPORTS, ROWS_THREAD_REPORTS, writeExports, type ExportOptions } from './write-exports.js';
import { writeJsonl } from './write-jsonl.js';

const WARNING_COLUMNS = Object.keys(warningRowSchema.shape) as (keyof WarningRow & string)[];

export type DatasetSummary = Manifest['counts'] & {
  /** Inputs that produced no report, in path order, with the reason a person can act on. */
  failedInputs: { path: string; reason: string; code: string }[];
};

export async function writeDataset(
  outcomes: InputOutcome[] | OutcomeSource,
  outDir: string,
  context: AssemblyContext = defaultAssemblyContext(),
  exportOptions: ExportOptions = {},
  stagingOptions: StagingOptions = {},
): Promise<DatasetSummary> {
  const source = Array.isArray(outcomes) ? memorySource(outcomes) : (outcomes as OutcomeSource);
  const plan = planDataset(source.heads, (head) => source.load(head));
  // Each file is written into the staging directory; naming one registers it for the switch.
  const staging = await openStaging(outDir, stagingOptions);
  const temp = (name: string) => staging.file(name);

  let manifest: Manifest;
  const comparativePaths: ComparativePaths = { panelCsv: temp('panel.csv'), panelJsonl: temp('panel.jsonl'), matrixCsv: temp('matrix.csv') };
  // A large batch on disk: the panel pass runs in a thread beside the rows pass, reading the bodies itself.
  let panelThread: PanelThread | null = null;
  // Otherwise the panel projection of each report is taken while its body is loaded for its rows: the
  // panel pass reads these few hundred bytes back instead of every body again. Never switched in (unlinked).
  let panelSpill: SpillFile | null = null;
  let rowsThread: RowsThread | null = null;
  try {
    // Threads that read the bodies themselves: only when they wait on disk, on more than one core (on one
    // a thread would only compete with the main thread, and parse every body a second time), and from a
    // batch size where its start-up pays (PANEL_THREAD_REPORTS, ROWS_THREAD_REPORTS: bench/rows-bench.ts).
    const multicore = availableParallelism() > 1;
    const bodies = source.shareBodies && plan.groups.length > 0 ? source.shareBodies(plan.groups.map((g) => g.head)) : null;
    const threadFor = (option: number | undefined, fallback: number) => bodies !== null && plan.groups.length >= (option ?? (multicore ? fallback : Infinity));
    if (bodies && threadFor(exportOptions.panelThreadReports, PANEL_THREAD_REPORTS)) {
      panelThread = startPanelThread(
        {
          bodies,
          reports: plan.groups.map((g) => ({ reportId: g.reportId, scope: g.summary.scope ?? 'gemeente', contentKey: g.head.report.contentKey })),
          panel: plan.panel,
          spillDir: staging.dir,
          paths: comparativePaths,
        },
        context,
      );
    } else {
      panelSpill = new SpillFile(staging.dir, 'panel');
    }
    // One pass over the reports, loading each body once and writing its rows straight out (rows-pass.ts):
    // only the warnings (about one per report) and the manifest entries stay in memory. A rows thread
    // renders chunks beside the main thread.
    if (bodies && threadFor(exportOptions.rowsThreadReports, ROWS_THREAD_REPORTS)) {
      rowsThread = startRowsThread({ bodies, groups: plan.groups, context, projections: panelSpill !== null });
    }
    const rowsPass = await writeRowsPass(plan, (head) => source.load(head), context, temp, { thread: rowsThread, panelSpill });
    await rowsThread?.stop();
    rowsThread = null;
    const { findings, unmapped, warnings: reportWarnings } = rowsPass;
    // The comparative files (pipeline/compare/): panel and matrix, streamed cell by cell. What the
    // import waits for is the comparative layer's cost: the whole pass here, only the wait for the thread there.
    let comparative: ComparativeCounts;
    if (panelThread) {
      const thread = panelThread;
      const done = await timedAsync(() => thread.done);
      comparativeCost.threadMs += done.ms;
      comparativeCost.threadHeapKb = Math.max(comparativeCost.threadHeapKb, done.heapBytes / 1024);
      comparative = { panelRows: done.panelRows, matrixRows: done.matrixRows };
    } else {
      // Spilled in plan order: record i is the i-th report's projection.
      const spill = panelSpill!;
      comparative = await timedAsync(() => writeComparative(plan.panel, (index) => decodePanelReport(spill.read(index)), context, comparativePaths));
    }
    const finished = finishDataset(plan, reportWarnings, { reports: plan.groups.length, findings, unmapped, ...comparative }, context);
    manifest = finished.manifest;
    await writeJsonl(temp('warnings.jsonl'), WARNING_COLUMNS, finished.warnings);
    // Last, so a reader that sees the new manifest also sees the new data files.
    await writeFile(temp('manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { encoding: 'utf8', flag: 'wx' });
    // Codebook, datapackage.json, dataset.xlsx, overview.html (and the excel CSV dialect), read back from the
    // files above inside the staging directory, so they switch in with them.
    await writeExports(staging.dir, exportOptions);
    for (const name of EXPORT_FILES) staging.file(name);
  } catch (error) {
    // The staging directory is about to go: the threads must not write into it or read its spill any more.
    await rowsThread?.stop();
    await panelThread?.stop();
    panelSpill?.close();
    panelSpill = null;
    // The failure to report is the one that stopped the dataset, not one met while clearing up after it.
    await staging.abort().catch(() => undefined);
    throw error;
  } finally {
    panelSpill?.close();
  }
  await staging.commit();

  return {
    ...manifest.counts,
    failedInputs: manifest.inputs
      .filter((i) => i.status === 'failed')
      .map((i) => ({ path: i.path, reason: i.reason ?? i.failure_code ?? 'failed', code: i.failure_code ?? 'unknown' })),
  };
}
