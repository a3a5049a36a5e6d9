/**
 * Streams the panel and the matrix cell by cell, from the reports' panel projections (panel-report.ts):
 * only the projections of the current cell are in memory, plus a few recently loaded ones (a follow-up's
 * columns and a regional report's municipalities sit in neighbouring cells).
 */
import { matrixKeySchema, panelRowSchema, type MatrixRow, type PanelRow } from '../dataset-schema.js';
import type { PanelPlan } from './panel-plan.js';
import type { PanelReport } from './panel-report.js';
import { cellRows, type PanelContext } from './panel-rows.js';

const CACHE_SIZE = 8;

/** load(i): the panel projection of the i-th report of the plan's report order. */
export function* comparativeRows(
  plan: PanelPlan,
  load: (report: number) => PanelReport,
  context: PanelContext,
): Generator<{ panel: PanelRow[]; matrix: MatrixRow }> {
  const cache = new Map<number, PanelReport>();
  const loaded = (index: number): PanelReport => {
    const hit = cache.get(index);
    if (hit) {
      cache.delete(index);
      cache.set(index, hit);
      return hit;
    }
    const entry = load(index);
    cache.set(index, entry);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return entry;
  };
  for (const cell of plan.cells) {
    const members = cell.members.map((m) => ({ loaded: loaded(m.report), municipality: m.municipality }));
    const rows = cellRows(cell, members, context);
    if (rows.panel.length === 0) continue;
    // Each row is built from finding rows already checked against their schema, the same way for every
    // row of a cell: checking the first row of each cell catches a bug in this stage at a tenth of the cost.
    checked(panelRowSchema, rows.panel[0]!, 'panel');
    checked(matrixKeySchema, rows.matrix, 'matrix');
    yield rows;
  }
}

/** A row that breaks its schema is a bug in this stage, never something to write out. */
function checked(schema: { safeParse(v: unknown): { success: boolean; error?: { message: string } } }, row: object, kind: string): void {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new Error(`dataset assembly bug: ${kind} row ${JSON.stringify(row).slice(0, 200)} breaks the dataset schema (${parsed.error?.message})`);
}
