/**
 * The rows of one panel cell (municipality, level, aanpak, year), from the panel projections
 * (panel-report.ts) of the reports that give it, and the cell's matrix row.
 *
 * Selection when several reports give one key (documented in the README): the latest report date
 * (undated last), then the report with more findings, then the smallest report_id. `n_reports` counts
 * the distinct reports giving the key, `conflict` is true when their verdicts differ, `other_report_ids`
 * lists the reports not chosen. Within one report, the leftmost column and then the first printed
 * finding of an indicator gives its row.
 */
import type { Verdict } from '../../extractors/model.js';
import type { MatrixRow, PanelRow } from '../dataset-schema.js';
import { compareCodeUnits } from '../sort-order.js';
import { compareLatestFirst } from './keys.js';
import type { PanelCell } from './panel-plan.js';
import { cellKey, type PanelFinding, type PanelReport } from './panel-report.js';
import { provinceOf } from './province.js';

/**
 * What the panel needs of the framework: each indicator's id and catalogue order (an AssemblyContext
 * has it; the panel thread is handed just this).
 */
export interface PanelContext {
  catalogue: { indicatorById: ReadonlyMap<string, { id: string; order: number }> };
}

interface Candidate {
  loaded: PanelReport;
  finding: PanelFinding;
}

/** Report preference for a key: latest report date, more findings, smallest report_id. */
function preferReport(a: PanelReport, b: PanelReport): number {
  return (
    compareLatestFirst(a.reportDate, b.reportDate) ||
    b.findingCount - a.findingCount ||
    compareCodeUnits(a.reportId, b.reportId)
  );
}

export function cellRows(
  cell: PanelCell,
  members: { loaded: PanelReport; municipality: string }[],
  context: PanelContext,
): { panel: PanelRow[]; matrix: MatrixRow } {
  const byIndicator = new Map<string, Candidate[]>();
  const key0 = cellKey(cell.aanpak, cell.year);
  for (const { loaded } of members) {
    const firstOfReport = loaded.byCell.get(key0) ?? new Map<string, PanelFinding>();
    for (const [indicator, finding] of firstOfReport) {
      const list = byIndicator.get(indicator) ?? [];
      list.push({ loaded, finding });
      byIndicator.set(indicator, list);
    }
  }

  // Key columns come from the cell's preferred report, so they are the same on every row of the cell.
  const lead = [...members].sort((a, b) => preferReport(a.loaded, b.loaded))[0]!;
  const leadReport = lead.loaded;
  const leadFinding = leadReport.byCell.get(key0)?.values().next().value;
  const aanpak = leadFinding ? (leadFinding.aanpak ?? leadReport.aanpak) : leadReport.aanpak;
  const province = provinceOf(cell.code, cell.year ?? leadReport.assessedYear ?? yearOfDate(leadReport.reportDate));
  const key = { municipality_code: cell.code, municipality: lead.municipality, province, level: cell.level, aanpak, assessed_year: cell.year };

  const { indicatorById } = context.catalogue;
  const order = (id: string) => indicatorById.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const indicators = [...byIndicator.keys()].sort((a, b) => order(a) - order(b) || compareCodeUnits(a, b));
  const matrix: MatrixRow = { ...key };
  for (const column of matrixIndicatorColumns(context)) matrix[column] = null;
  const panel: PanelRow[] = new Array(indicators.length);
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i]!;
    const candidates = byIndicator.get(indicator)!;
    // Most keys have one report: no ranking, no lists to build.
    if (candidates.length > 1) candidates.sort((a, b) => preferReport(a.loaded, b.loaded));
    const chosen = candidates[0]!;
    const finding = chosen.finding;
    let conflict = false;
    let others: string | null = null;
    if (candidates.length > 1) {
      const verdicts = new Set(candidates.map((c) => c.finding.verdict).filter((v): v is Verdict => v !== null));
      conflict = verdicts.size > 1;
      others = candidates.slice(1).map((c) => c.loaded.reportId).sort(compareCodeUnits).join(';');
    }
    matrix[indicator] = finding.verdict;
    panel[i] = {
      municipality_code: key.municipality_code,
      municipality: key.municipality,
      province: key.province,
      scope: chosen.loaded.scope,
      level: key.level,
      aanpak: key.aanpak,
      assessed_year: key.assessed_year,
      theme_id: finding.themeId,
      criterion_id: finding.criterionId,
      indicator_id: indicator,
      verdict: finding.verdict,
      report_id: chosen.loaded.reportId,
      finding_id: finding.findingId,
      n_reports: candidates.length,
      conflict,
      other_report_ids: others,
    };
  }
  return { panel, matrix };
}

const columnsByCatalogue = new WeakMap<object, string[]>();

/** Every indicator id of both levels in catalogue order: the matrix's columns after its key columns. */
export function matrixIndicatorColumns(context: PanelContext): string[] {
  let columns = columnsByCatalogue.get(context.catalogue.indicatorById);
  if (!columns) {
    columns = [...context.catalogue.indicatorById.values()].sort((a, b) => a.order - b.order).map((i) => i.id);
    columnsByCatalogue.set(context.catalogue.indicatorById, columns);
  }
  return columns;
}

function yearOfDate(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}
