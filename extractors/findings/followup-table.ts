/**
 * Follow-up reports: Indicator | one column per assessed approach and year
 * (e.g. "2013 Multiprobleemgezinnen | 2013 Versterkt Verder | 2014"). Every filled cell is a
 * finding of that column's approach and year. A header that disagrees with the document's other
 * follow-up tables (a converter or author slip such as "2013 | 2014 | 2014") is resolved from
 * those tables, with a warning.
 */
import type { DocumentTable, TableRow } from '../tables/document-table.js';
import { YEAR_PATTERN, type HeaderKind } from '../tables/header-row.js';
import { collapseWhitespace } from '../tables/cell-markup.js';
import { stitchedRowFindings, unaccountedMarks, unreadColumns } from './accounting.js';
import { collectCellFindings, type FindingsCollector } from './cell-findings.js';
import { countVerdictMarks } from './verdict-marks.js';

type FollowupHeader = Extract<HeaderKind, { kind: 'followup' }>;

export interface FollowupColumn {
  label: string;
  year: number | null;
  /** The approach named in the label, or null when the label is only a year. */
  namedAanpak: string | null;
}

export function parseColumnLabel(label: string): FollowupColumn {
  const text = collapseWhitespace(label);
  const year = YEAR_PATTERN.exec(text);
  const rest = collapseWhitespace(text.replace(YEAR_PATTERN, '').replace(/^[\s:–-]+|[\s:–-]+$/g, ''));
  return { label: text, year: year ? Number(year[1]) : null, namedAanpak: rest.length > 0 ? rest : null };
}

const signature = (columns: FollowupColumn[]) => columns.map((c) => c.label.toLowerCase()).join(' | ');

export interface FollowupPlan {
  table: DocumentTable;
  header: FollowupHeader;
  columns: FollowupColumn[];
}

/** Decides each follow-up table's columns, correcting a header that disagrees with its siblings. */
export function resolveFollowupColumns(collector: FindingsCollector, plans: FollowupPlan[]): void {
  const tally = new Map<string, { count: number; columns: FollowupColumn[] }>();
  for (const plan of plans) {
    const key = signature(plan.columns);
    const entry = tally.get(key) ?? { count: 0, columns: plan.columns };
    entry.count++;
    tally.set(key, entry);
  }
  for (const plan of plans) {
    const own = signature(plan.columns);
    const ownCount = tally.get(own)!.count;
    const dominant = [...tally.entries()]
      .filter(([key, entry]) => key !== own && entry.columns.length === plan.columns.length && entry.count > ownCount)
      .sort((a, b) => b[1].count - a[1].count)[0];
    const where = plan.table.header.location;
    if (dominant) {
      collector.warn(
        'followup_header_mismatch',
        'warning',
        `follow-up header "${plan.columns.map((c) => c.label).join(' | ')}" differs from the document's other follow-up tables ("${dominant[1].columns.map((c) => c.label).join(' | ')}", ${dominant[1].count} tables); columns read as in those tables`,
        where,
      );
      plan.columns = dominant[1].columns;
    } else if (new Set(plan.columns.map((c) => c.label.toLowerCase())).size < plan.columns.length) {
      collector.warn('followup_header_ambiguous', 'warning', `follow-up header repeats a column label ("${plan.columns.map((c) => c.label).join(' | ')}") and no other table settles it`, where);
    }
  }
}

export function collectFollowupTable(collector: FindingsCollector, plan: FollowupPlan, themeTitle: string | null, reportAanpak: string | null): void {
  const { table, header, columns } = plan;
  const latestYear = Math.max(...columns.map((c) => c.year ?? -Infinity));
  const columnAanpak = columns.map((column) => {
    if (column.namedAanpak) return column.namedAanpak;
    // A bare year: the newest column is the report's own approach; an older one cannot be told apart.
    if (column.year === latestYear) return reportAanpak;
    collector.warn('column_aanpak_unknown', 'warning', `follow-up column "${column.label}" names no approach; aanpak left empty`, table.header.location);
    return null;
  });
  unreadColumns(collector, table, new Set([header.indicatorColumn, ...header.assessedColumns]));
  for (const row of table.rows) {
    const indicatorCell = (row.cells[header.indicatorColumn] ?? '').trim();
    unaccountedMarks(collector, row, [header.indicatorColumn], 'it stands in the indicator column');
    if (!indicatorCell) {
      collector.warn('orphan_findings_cell', 'warning', 'follow-up row without an indicator; not used', row.location);
      unaccountedMarks(collector, row, header.assessedColumns, 'the row has no indicator');
      continue;
    }
    const first = collector.findings.length;
    const tallies: { indicators: number; marks: number }[] = [];
    header.assessedColumns.forEach((columnIndex, position) => {
      const findingsCell = (row.cells[columnIndex] ?? '').trim();
      if (!findingsCell) return;
      const column = columns[position]!;
      const made = collectCellFindings(collector, {
        indicatorCell,
        findingsCell,
        location: row.location,
        themeTitle,
        hasCriterionColumn: false,
        criterionRaw: null,
        column: { index: position + 1, label: column.label, aanpak: columnAanpak[position] ?? null, year: column.year },
      });
      if (made === 0) unaccountedMarks(collector, row, [columnIndex], 'its indicator cell gave no indicator');
      // Counted only where the rows were cut by a guess: the cell's marks are read a second time.
      if (table.rowsGuessed) tallies.push({ indicators: made, marks: countVerdictMarks(findingsCell) });
    });
    if (table.rowsGuessed) warnMergedRow(collector, row, tallies);
    stitchedRowFindings(collector, row, first);
  }
}

/**
 * Where rows were cut by a guess: a row whose indicators have one mark each in one column but share
 * fewer in another is most likely two rows of the source read as one, one of them with an empty cell
 * in that column; sharing its mark would give the other indicator a verdict the report does not give.
 */
function warnMergedRow(collector: FindingsCollector, row: TableRow, tallies: { indicators: number; marks: number }[]): void {
  const several = tallies.filter((t) => t.indicators > 1);
  const oneEach = several.some((t) => t.marks === t.indicators);
  const shared = several.some((t) => t.marks > 0 && t.marks < t.indicators);
  if (oneEach && shared) {
    collector.warn(
      'rows_cut_ambiguous',
      'warning',
      `a row whose cut was read off the text holds ${several[0]!.indicators} indicators with one mark each in one column and fewer in another: it may be rows of the source read as one, with an empty cell`,
      row.location,
    );
  }
}
