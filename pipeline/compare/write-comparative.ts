/**
 * Writes panel.csv, panel.jsonl and matrix.csv, streaming cell by cell (comparative-rows.ts), to the
 * paths given (in the staging directory writeDataset names them in); they switch in with the other
 * files. The reports come as panel projections, by their index in the plan's report order.
 * Runs in the main thread (writeDataset, small batches) or in the panel thread (panel-thread.ts).
 */
import { MATRIX_KEY_COLUMNS, PANEL_COLUMNS, type MatrixRow, type PanelRow } from '../dataset-schema.js';
import { csvSink, jsonlSink, type RowSink } from '../export/row-sink.js';
import { comparativeRows } from './comparative-rows.js';
import type { PanelPlan } from './panel-plan.js';
import type { PanelReport } from './panel-report.js';
import { matrixIndicatorColumns, type PanelContext } from './panel-rows.js';

export interface ComparativePaths {
  panelCsv: string;
  panelJsonl: string;
  matrixCsv: string;
}

export interface ComparativeCounts {
  panelRows: number;
  matrixRows: number;
}

export async function writeComparative(
  panel: PanelPlan,
  load: (report: number) => PanelReport,
  context: PanelContext,
  paths: ComparativePaths,
): Promise<ComparativeCounts> {
  const matrixColumns = [...MATRIX_KEY_COLUMNS, ...matrixIndicatorColumns(context)] as (keyof MatrixRow & string)[];
  const sinks: RowSink<object>[] = [];
  const panelCsv = csvSink<PanelRow>(paths.panelCsv, PANEL_COLUMNS);
  const panelJsonl = jsonlSink<PanelRow>(paths.panelJsonl, PANEL_COLUMNS);
  const matrixCsv = csvSink<MatrixRow>(paths.matrixCsv, matrixColumns);
  sinks.push(panelCsv as RowSink<object>, panelJsonl as RowSink<object>, matrixCsv as RowSink<object>);
  let panelRows = 0;
  let matrixRows = 0;
  try {
    for (const cell of comparativeRows(panel, load, context)) {
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
