/**
 * Last stage: assemble the dataset and write its files into outDir, streaming: a report's body is
 * loaded from the outcome source when its rows are written and dropped right after, so memory holds
 * the per-input heads, the warnings and the manifest, never every finding at once.
 * Every file is written into a private staging directory and switched in once all are complete
 * (staging.ts), manifest.json last: a crash or a full disk leaves the previous dataset, never half of a new one.
 */
import { writeFile } from 'node:fs/promises';
import { finishDataset, loadGroupRows, panelProjection, planDataset } from '../assemble-dataset.js';
import { timed } from '../compare/cost.js';
import { decodePanelReport, encodePanelReport } from '../compare/panel-report.js';
import { writeComparative } from '../compare/write-comparative.js';
import {
  FINDING_COLUMNS,
  REPORT_COLUMNS,
  warningRowSchema,
  type Manifest,
  type WarningRow,
} from '../dataset-schema.js';
import { memorySource, type OutcomeSource } from '../outcome-store.js';
import { SpillFile } from '../spill-file.js';
import { defaultAssemblyContext, type AssemblyContext } from '../program-info.js';
import type { InputOutcome } from '../stages.js';
import { narrativeWriter } from './narrative-files.js';
import { csvSink, jsonlSink, type RowSink } from './row-sink.js';
import { openStaging, type StagingOptions } from './staging.js';
import { EXPORT_FILES, writeExports, type ExportOptions } from './write-exports.js';
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
  const plan = planDataset(source.heads);
  // Each file is written into the staging directory; naming one registers it for the switch.
  const staging = await openStaging(outDir, stagingOptions);
  const temp = (name: string) => staging.file(name);

  let manifest: Manifest;
  const sinks: RowSink<object>[] = [];
  // The panel projection of each report, taken while its body is loaded for its rows: the panel pass
  // reads these few hundred bytes back instead of every body again. Never switched in (unlinked).
  let panelSpill: SpillFile | null = null;
  try {
    panelSpill = new SpillFile(staging.dir, 'panel');
    // One pass over the reports, loading each body once and writing its rows straight out:
    // only the warnings (about one per report) and the manifest entries stay in memory.
    const findingsCsv = csvSink(temp('findings.csv'), FINDING_COLUMNS);
    const findingsJsonl = jsonlSink(temp('findings.jsonl'), FINDING_COLUMNS);
    const reportsCsv = csvSink(temp('reports.csv'), REPORT_COLUMNS);
    const reportsJsonl = jsonlSink(temp('reports.jsonl'), REPORT_COLUMNS);
    sinks.push(findingsCsv, findingsJsonl, reportsCsv, reportsJsonl);
    const narrative = narrativeWriter(temp);
    sinks.push(...narrative.sinks);
    const reportWarnings: WarningRow[] = [];
    let findings = 0;
    let unmapped = 0;
    for (const group of plan.groups) {
      const body = source.load(group.head);
      const rows = loadGroupRows(plan, group, source, context, body);
      await narrative.write(group.reportId, body);
      for (const row of rows.findings) {
        await findingsCsv.write(row);
        await findingsJsonl.write(row);
        if (row.indicator_id === null) unmapped++;
      }
      findings += rows.findings.length;
      timed(() => panelSpill!.append(encodePanelReport(panelProjection(group, body, rows.findingIds))));
      await reportsCsv.write(rows.report);
      await reportsJsonl.write(rows.report);
      reportWarnings.push(...rows.warnings);
    }
    for (const sink of sinks) await sink.end();
    // The comparative files (pipeline/compare/): panel and matrix, streamed cell by cell.
    // Spilled in plan order: record i is the i-th report's projection.
    const spill = panelSpill;
    const comparative = await writeComparative(plan, (index) => decodePanelReport(spill.read(index)), context, temp);
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
    for (const sink of sinks) sink.destroy();
    panelSpill?.close();
    panelSpill = null;
    await staging.abort();
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
