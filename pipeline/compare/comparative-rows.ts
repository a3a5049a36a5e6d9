/**
 * Streams the panel and the matrix cell by cell. Only the reports of the current cell are in memory
 * (plus a few recently loaded ones: a follow-up's columns and a regional report's municipalities sit in
 * neighbouring cells), so the panel costs one more read of each report body, never all findings at once.
 */
import type { ExtractedReport } from '../../extractors/model.js';
import { matrixKeySchema, panelRowSchema, type MatrixRow, type PanelRow } from '../dataset-schema.js';
import { findingIds } from '../dataset-rows.js';
import type { AssemblyContext } from '../program-info.js';
import type { ComparedReport } from './index.js';
import type { PanelPlan } from './panel-plan.js';
import { cellRows, type LoadedReport } from './panel-rows.js';

const CACHE_SIZE = 8;

export function* comparativeRows(
  reports: readonly ComparedReport[],
  plan: PanelPlan,
  load: (report: ComparedReport) => ExtractedReport,
  context: AssemblyContext,
): Generator<{ panel: PanelRow[]; matrix: MatrixRow }> {
  const cache = new Map<number, LoadedReport>();
  const loaded = (index: number): LoadedReport => {
    const hit = cache.get(index);
    if (hit) {
      cache.delete(index);
      cache.set(index, hit);
      return hit;
    }
    const compared = reports[index]!;
    const report = load(compared);
    const entry: LoadedReport = {
      reportId: compared.reportId,
      report,
      findingIds: findingIds(compared.reportId, report.findings),
      scope: compared.summary.scope ?? 'gemeente',
    };
    cache.set(index, entry);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return entry;
  };
  for (const cell of plan.cells) {
    const members = cell.members.map((m) => ({ loaded: loaded(m.report), municipality: m.municipality }));
    const rows = cellRows(cell, members, context);
    if (rows.panel.length === 0) continue;
    for (const row of rows.panel) checked(panelRowSchema, row, 'panel');
    checked(matrixKeySchema, rows.matrix, 'matrix');
    yield rows;
  }
}

/** A row that breaks its schema is a bug in this stage, never something to write out. */
function checked(schema: { safeParse(v: unknown): { success: boolean; error?: { message: string } } }, row: object, kind: string): void {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new Error(`dataset assembly bug: ${kind} row ${JSON.stringify(row).slice(0, 200)} breaks the dataset schema (${parsed.error?.message})`);
}
