/**
 * Policy factsheets and case-level notas: Criteria | Indicatoren | Bevindingen. A criterion
 * cell is printed once and left empty on the rows below it, also across a continuation table
 * ("Vervolg bevindingen …"); a row whose indicator cell is empty continues the row above
 * (a row broken by a page or by the converter).
 */
import { mergeLocations, type DocumentTable, type TableRow } from '../tables/document-table.js';
import type { HeaderKind } from '../tables/header-row.js';
import { collectCellFindings, type FindingsCollector } from './cell-findings.js';

type CriteriaHeader = Extract<HeaderKind, { kind: 'criteria' }>;

interface LogicalRow {
  criterion: string;
  indicator: string;
  findings: string;
  location: TableRow['location'];
}

export interface CriteriaCarry {
  criterion: string | null;
}

export function collectCriteriaTable(
  collector: FindingsCollector,
  table: DocumentTable,
  header: CriteriaHeader,
  themeTitle: string | null,
  carry: CriteriaCarry,
): void {
  const cell = (row: TableRow, column: number | null) => (column === null ? '' : (row.cells[column] ?? '').trim());
  const logical: LogicalRow[] = [];
  for (const row of table.rows) {
    const criterion = cell(row, header.criterionColumn);
    const indicator = cell(row, header.indicatorColumn);
    // Cells past the findings column belong to it: a stray separator in the text splits a cell.
    const findings = row.cells.slice(header.findingsColumn).map((c) => c.trim()).filter(Boolean).join('\n');
    const previous = logical.at(-1);
    if (indicator.length === 0 && previous) {
      if (criterion) previous.criterion = [previous.criterion, criterion].filter(Boolean).join(' ');
      if (findings) previous.findings = [previous.findings, findings].filter(Boolean).join('\n');
      previous.location = mergeLocations(previous.location, row.location);
      continue;
    }
    if (indicator.length === 0) {
      if (findings) collector.warn('orphan_findings_cell', 'warning', 'findings text with no indicator in its row or above it; not used', row.location);
      continue;
    }
    logical.push({ criterion, indicator, findings, location: row.location });
  }

  for (const row of logical) {
    if (row.criterion) carry.criterion = row.criterion.replace(/\n/g, ' ');
    collectCellFindings(collector, {
      indicatorCell: row.indicator,
      findingsCell: row.findings,
      location: row.location,
      themeTitle,
      hasCriterionColumn: header.criterionColumn !== null,
      criterionRaw: header.criterionColumn === null ? null : carry.criterion,
      column: { index: 0, label: null, aanpak: null, year: null },
    });
  }
}
