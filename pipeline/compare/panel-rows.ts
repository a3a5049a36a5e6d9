/**
 * The rows of one panel cell (municipality, level, aanpak, year), from the bodies of the reports that
 * give it, and the cell's matrix row.
 *
 * Selection when several reports give one key (documented in the README): the latest report date
 * (undated last), then the report with more findings, then the smallest report_id. `n_reports` counts
 * the distinct reports giving the key, `conflict` is true when their verdicts differ, `other_report_ids`
 * lists the reports not chosen. Within one report, the leftmost column and then the first printed
 * finding of an indicator gives its row.
 */
import type { ExtractedReport, Verdict } from '../../extractors/model.js';
import type { MatrixRow, PanelRow } from '../dataset-schema.js';
import { compareCodeUnits } from '../sort-order.js';
import type { AssemblyContext } from '../program-info.js';
import { aanpakKey, compareLatestFirst } from './keys.js';
import type { PanelCell } from './panel-plan.js';
import { provinceOf } from './province.js';

export interface LoadedReport {
  reportId: string;
  report: ExtractedReport;
  /** finding_id by index into report.findings. */
  findingIds: string[];
  scope: 'gemeente' | 'regio';
  /** cellKey(aanpak, year) → indicator_id → the index of the finding that gives the indicator's row. */
  byCell: Map<string, Map<string, number>>;
}

export function cellKey(aanpak: string | null, year: number | null): string {
  return `${aanpak ?? ''}\u0000${year ?? ''}`;
}

/**
 * Indexes a report's mapped findings by panel cell once, when it is loaded: a report sits in several
 * cells (a follow-up's columns, a regional report's municipalities). Within one report the leftmost
 * column, then the first printed finding, gives an indicator's row.
 */
export function indexByCell(report: ExtractedReport): Map<string, Map<string, number>> {
  const meta = report.metadata;
  const byCell = new Map<string, Map<string, number>>();
  const keyOfAanpak = new Map<string | null, string | null>();
  report.findings.forEach((f, index) => {
    if (f.indicatorId === null) return;
    // As the finding rows and the report summary take it: a blank column aanpak falls back to the report's.
    const printed = nonBlank(f.aanpak) ?? nonBlank(meta.aanpak);
    let aanpak = keyOfAanpak.get(printed);
    if (aanpak === undefined) {
      aanpak = aanpakKey(printed);
      keyOfAanpak.set(printed, aanpak);
    }
    const key = cellKey(aanpak, f.assessedYear ?? meta.assessedYear);
    let cell = byCell.get(key);
    if (!cell) byCell.set(key, (cell = new Map()));
    const known = cell.get(f.indicatorId);
    const other = known === undefined ? undefined : report.findings[known]!;
    if (!other || f.columnIndex < other.columnIndex || (f.columnIndex === other.columnIndex && f.ordinal < other.ordinal)) {
      cell.set(f.indicatorId, index);
    }
  });
  return byCell;
}

interface Candidate {
  loaded: LoadedReport;
  municipality: string;
  index: number;
}

/** Report preference for a key: latest report date, more findings, smallest report_id. */
function preferReport(a: LoadedReport, b: LoadedReport): number {
  return (
    compareLatestFirst(a.report.metadata.reportDate, b.report.metadata.reportDate) ||
    b.report.findings.length - a.report.findings.length ||
    compareCodeUnits(a.reportId, b.reportId)
  );
}

export function cellRows(
  cell: PanelCell,
  members: { loaded: LoadedReport; municipality: string }[],
  context: AssemblyContext,
): { panel: PanelRow[]; matrix: MatrixRow } {
  const byIndicator = new Map<string, Candidate[]>();
  const key0 = cellKey(cell.aanpak, cell.year);
  for (const { loaded, municipality } of members) {
    const firstOfReport = loaded.byCell.get(key0) ?? new Map<string, number>();
    for (const [indicator, index] of firstOfReport) {
      const list = byIndicator.get(indicator) ?? [];
      list.push({ loaded, municipality, index });
      byIndicator.set(indicator, list);
    }
  }

  // Key columns come from the cell's preferred report, so they are the same on every row of the cell.
  const lead = [...members].sort((a, b) => preferReport(a.loaded, b.loaded))[0]!;
  const leadMeta = lead.loaded.report.metadata;
  const leadIndex = lead.loaded.byCell.get(key0)?.values().next().value;
  const leadFinding = leadIndex === undefined ? undefined : lead.loaded.report.findings[leadIndex];
  const aanpak = leadFinding ? (nonBlank(leadFinding.aanpak) ?? nonBlank(leadMeta.aanpak)) : nonBlank(leadMeta.aanpak);
  const province = provinceOf(cell.code, cell.year ?? leadMeta.assessedYear ?? yearOfDate(leadMeta.reportDate));
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
    const finding = chosen.loaded.report.findings[chosen.index]!;
    let conflict = false;
    let others: string | null = null;
    if (candidates.length > 1) {
      const verdicts = new Set(candidates.map((c) => c.loaded.report.findings[c.index]!.verdict).filter((v): v is Verdict => v !== null));
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
      theme_id: nonBlank(finding.themeId),
      criterion_id: nonBlank(finding.criterionId),
      indicator_id: indicator,
      verdict: finding.verdict,
      report_id: chosen.loaded.reportId,
      finding_id: chosen.loaded.findingIds[chosen.index]!,
      n_reports: candidates.length,
      conflict,
      other_report_ids: others,
    };
  }
  return { panel, matrix };
}

const columnsByCatalogue = new WeakMap<object, string[]>();

/** Every indicator id of both levels in catalogue order: the matrix's columns after its key columns. */
export function matrixIndicatorColumns(context: AssemblyContext): string[] {
  let columns = columnsByCatalogue.get(context.catalogue.indicatorById);
  if (!columns) {
    columns = [...context.catalogue.indicatorById.values()].sort((a, b) => a.order - b.order).map((i) => i.id);
    columnsByCatalogue.set(context.catalogue.indicatorById, columns);
  }
  return columns;
}

function nonBlank(text: string | null | undefined): string | null {
  return text == null || text.trim() === '' ? null : text;
}

function yearOfDate(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}
