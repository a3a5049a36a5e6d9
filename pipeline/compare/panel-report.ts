/**
 * What the panel needs of one report, projected while its rows are written (write-dataset.ts reads
 * each body once): per panel cell, the finding that gives each indicator's row, with the few fields
 * a panel row copies. A few hundred bytes where the body is tens of KB, so the panel pass reads these
 * back from a spill file instead of loading and indexing every body a second time.
 */
import type { ExtractedReport, Verdict } from '../../extractors/model.js';
import { aanpakKey } from './keys.js';

export interface PanelFinding {
  verdict: Verdict | null;
  themeId: string | null;
  criterionId: string | null;
  findingId: string;
  /** The printed aanpak of the finding's column, else of the report (blank is null). */
  aanpak: string | null;
}

export interface PanelReport {
  reportId: string;
  scope: 'gemeente' | 'regio';
  reportDate: string | null;
  findingCount: number;
  /** The report's own aanpak and assessed year (metadata), for a cell's key columns. */
  aanpak: string | null;
  assessedYear: number | null;
  /** cellKey(aanpak, year) → indicator_id → the finding that gives the indicator's row, in report order. */
  byCell: Map<string, Map<string, PanelFinding>>;
}

export function cellKey(aanpak: string | null, year: number | null): string {
  return `${aanpak ?? ''}\u0000${year ?? ''}`;
}

/**
 * Indexes a report's mapped findings by panel cell: a report sits in several cells (a follow-up's
 * columns, a regional report's municipalities). Within one report the leftmost column, then the first
 * printed finding, gives an indicator's row. findingIds: finding_id by index into report.findings.
 */
export function projectPanelReport(
  reportId: string,
  scope: 'gemeente' | 'regio',
  report: ExtractedReport,
  findingIds: readonly string[],
): PanelReport {
  const meta = report.metadata;
  const chosen = new Map<string, Map<string, number>>();
  const printedOf = new Map<number, string | null>();
  const keyOfAanpak = new Map<string | null, string | null>();
  report.findings.forEach((f, index) => {
    if (f.indicatorId === null) return;
    // As the finding rows and the report summary take it: a blank column aanpak falls back to the report's.
    const printed = nonBlank(f.aanpak) ?? nonBlank(meta.aanpak);
    printedOf.set(index, printed);
    let aanpak = keyOfAanpak.get(printed);
    if (aanpak === undefined) {
      aanpak = aanpakKey(printed);
      keyOfAanpak.set(printed, aanpak);
    }
    const key = cellKey(aanpak, f.assessedYear ?? meta.assessedYear);
    let cell = chosen.get(key);
    if (!cell) chosen.set(key, (cell = new Map()));
    const known = cell.get(f.indicatorId);
    const other = known === undefined ? undefined : report.findings[known]!;
    if (!other || f.columnIndex < other.columnIndex || (f.columnIndex === other.columnIndex && f.ordinal < other.ordinal)) {
      cell.set(f.indicatorId, index);
    }
  });
  const byCell = new Map<string, Map<string, PanelFinding>>();
  for (const [key, cell] of chosen) {
    const findings = new Map<string, PanelFinding>();
    for (const [indicator, index] of cell) {
      const f = report.findings[index]!;
      findings.set(indicator, {
        verdict: f.verdict,
        themeId: nonBlank(f.themeId),
        criterionId: nonBlank(f.criterionId),
        findingId: findingIds[index]!,
        aanpak: printedOf.get(index) ?? null,
      });
    }
    byCell.set(key, findings);
  }
  return {
    reportId,
    scope,
    reportDate: meta.reportDate,
    findingCount: report.findings.length,
    aanpak: nonBlank(meta.aanpak),
    assessedYear: meta.assessedYear,
    byCell,
  };
}

type EncodedFinding = [string, Verdict | null, string | null, string | null, string, string | null];
type Encoded = [string, 'gemeente' | 'regio', string | null, number, string | null, number | null, [string, EncodedFinding[]][]];

/** One JSON line of tuples (no key names): what the spill file holds per report. */
export function encodePanelReport(report: PanelReport): string {
  const cells: [string, EncodedFinding[]][] = [];
  for (const [key, findings] of report.byCell) {
    const encoded: EncodedFinding[] = [];
    for (const [indicator, f] of findings) encoded.push([indicator, f.verdict, f.themeId, f.criterionId, f.findingId, f.aanpak]);
    cells.push([key, encoded]);
  }
  const tuple: Encoded = [report.reportId, report.scope, report.reportDate, report.findingCount, report.aanpak, report.assessedYear, cells];
  return JSON.stringify(tuple);
}

export function decodePanelReport(text: string): PanelReport {
  const [reportId, scope, reportDate, findingCount, aanpak, assessedYear, cells] = JSON.parse(text) as Encoded;
  const byCell = new Map<string, Map<string, PanelFinding>>();
  for (const [key, encoded] of cells) {
    const findings = new Map<string, PanelFinding>();
    for (const [indicator, verdict, themeId, criterionId, findingId, printed] of encoded) {
      findings.set(indicator, { verdict, themeId, criterionId, findingId, aanpak: printed });
    }
    byCell.set(key, findings);
  }
  return { reportId, scope, reportDate, findingCount, aanpak, assessedYear, byCell };
}

function nonBlank(text: string | null | undefined): string | null {
  return text == null || text.trim() === '' ? null : text;
}
