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
  for (const { loaded, municipality } of members) {
    const meta = loaded.report.metadata;
    const firstOfReport = new Map<string, number>();
    loaded.report.findings.forEach((f, index) => {
      if (f.indicatorId === null) return;
      if (aanpakKey(f.aanpak ?? meta.aanpak) !== cell.aanpak || (f.assessedYear ?? meta.assessedYear) !== cell.year) return;
      const known = firstOfReport.get(f.indicatorId);
      const other = known === undefined ? undefined : loaded.report.findings[known]!;
      if (!other || f.columnIndex < other.columnIndex || (f.columnIndex === other.columnIndex && f.ordinal < other.ordinal)) {
        firstOfReport.set(f.indicatorId, index);
      }
    });
    for (const [indicator, index] of firstOfReport) {
      const list = byIndicator.get(indicator) ?? [];
      list.push({ loaded, municipality, index });
      byIndicator.set(indicator, list);
    }
  }

  // Key columns come from the cell's preferred report, so they are the same on every row of the cell.
  const lead = [...members].sort((a, b) => preferReport(a.loaded, b.loaded))[0]!;
  const leadMeta = lead.loaded.report.metadata;
  const leadFinding = lead.loaded.report.findings.find(
    (f) => f.indicatorId !== null && aanpakKey(f.aanpak ?? leadMeta.aanpak) === cell.aanpak && (f.assessedYear ?? leadMeta.assessedYear) === cell.year,
  );
  const aanpak = leadFinding ? (nonBlank(leadFinding.aanpak) ?? nonBlank(leadMeta.aanpak)) : nonBlank(leadMeta.aanpak);
  const province = provinceOf(cell.code, cell.year ?? leadMeta.assessedYear ?? yearOfDate(leadMeta.reportDate));
  const key = { municipality_code: cell.code, municipality: lead.municipality, province, level: cell.level, aanpak, assessed_year: cell.year };

  const { indicatorById } = context.catalogue;
  const order = (id: string) => indicatorById.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const indicators = [...byIndicator.keys()].sort((a, b) => order(a) - order(b) || compareCodeUnits(a, b));
  const matrix: MatrixRow = { ...key };
  for (const column of matrixIndicatorColumns(context)) matrix[column] = null;
  const panel = indicators.map((indicator): PanelRow => {
    const candidates = byIndicator.get(indicator)!.sort((a, b) => preferReport(a.loaded, b.loaded));
    const chosen = candidates[0]!;
    const finding = chosen.loaded.report.findings[chosen.index]!;
    const verdicts = new Set(candidates.map((c) => c.loaded.report.findings[c.index]!.verdict).filter((v): v is Verdict => v !== null));
    const others = candidates.slice(1).map((c) => c.loaded.reportId).sort(compareCodeUnits);
    matrix[indicator] = finding.verdict;
    return {
      ...key,
      scope: chosen.loaded.scope,
      theme_id: nonBlank(finding.themeId),
      criterion_id: nonBlank(finding.criterionId),
      indicator_id: indicator,
      verdict: finding.verdict,
      report_id: chosen.loaded.reportId,
      finding_id: chosen.loaded.findingIds[chosen.index]!,
      n_reports: candidates.length,
      conflict: verdicts.size > 1,
      other_report_ids: others.length > 0 ? others.join(';') : null,
    };
  });
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
