/**
 * Writes panel.csv, panel.jsonl and matrix.csv, streaming cell by cell (comparative-rows.ts), into the
 * staging directory writeDataset names them in (`temp`); they switch in with the other files.
 * The reports come as the panel projections writeDataset spilled while it wrote their rows.
 */
import { MATRIX_KEY_COLUMNS, PANEL_COLUMNS, type MatrixRow, type PanelRow } from '../dataset-schema.js';
import type { DatasetPlan } from '../assemble-dataset.js';
import type { AssemblyContext } from '../program-info.js';
import { csvSink, jsonlSink, type RowSink } from '../export/row-sink.js';
import { comparativeRows } from './comparative-rows.js';
import { timedAsync } from './cost.js';
import type { PanelReport } from './panel-report.js';
import { matrixIndicatorColumns } from './panel-rows.js';

export function writeComparative(
  plan: DatasetPlan,
  load: (report: number) => PanelReport,
  context: AssemblyContext,
  temp: (name: string) => string,
): Promise<{ panelRows: number; matrixRows: number }> {
  return timedAsync(() => streamComparative(plan, load, context, temp));
}

async function streamComparative(
  plan: DatasetPlan,
  load: (report: number) => PanelReport,
  context: AssemblyContext,
  temp: (name: string) => string,
): Promise<{ panelRows: number; matrixRows: number }> {
  const matrixColumns = [...MATRIX_KEY_COLUMNS, ...matrixIndicatorColumns(context)] as (keyof MatrixRow & string)[];
  const sinks: RowSink<object>[] = [];
  const panelCsv = csvSink<PanelRow>(temp('panel.csv'), PANEL_COLUMNS);
  const panelJsonl = jsonlSink<PanelRow>(temp('panel.jsonl'), PANEL_COLUMNS);
  const matrixCsv = csvSink<MatrixRow>(temp('matrix.csv'), matrixColumns);
  sinks.push(panelCsv as RowSink<object>, panelJsonl as RowSink<object>, matrixCsv as RowSink<object>);
  let panelRows = 0;
  let matrixRows = 0;
  try {
    for (const cell of comparativeRows(plan.panel, load, context)) {
      for (const row of cell.panel) {
        await panelCsv.write(row);
        await panelJsonl.write(row);
      }
      panelRows += cell.panel.length;
      await matrixCsv.write(cell.matrix);
      matrixRows++;
    }
    for (const sink of sinks) await sink.end();
  } catch (error) {
    for (const sink of sinks) sink.destroy();
    throw error;
  }
  return { panelRows, matrixRows };
}
