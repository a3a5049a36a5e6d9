/**
 * Policy factsheets and case-level notas: Criteria | Indicatoren | Bevindingen. A criterion
 * cell is printed once and left empty on the rows below it, also across a continuation table
 * ("Vervolg bevindingen …"); a row whose indicator cell is empty continues the row above
 * (a row broken by a page or by the converter).
 */
import { mergeLocations, type DocumentTable, type TableRow } from '../tables/document-table.js';
import type { HeaderKind } from '../tables/header-row.js';
import { stitchedRowFindings, unaccountedMarks, unreadColumns } from './accounting.js';
import { collectCellFindings, type FindingsCollector } from './cell-findings.js';
import { parseFindingsCell } from './verdict-marks.js';
import { splitIndicators } from './split-indicators.js';

type CriteriaHeader = Extract<HeaderKind, { kind: 'criteria' }>;

interface LogicalRow {
  criterion: string;
  indicator: string;
  findings: string;
  location: TableRow['location'];
  /** Rows of two pages joined (by the reader, or here: a row with no indicator on the next page). */
  stitched: boolean;
  /** Marks in the findings cell(s), for the accounting. */
  rows: TableRow[];
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
  const findingsColumns = row0Columns(table, header.findingsColumn);
  unreadColumns(collector, table, new Set([...findingsColumns, header.indicatorColumn, ...(header.criterionColumn === null ? [] : [header.criterionColumn])]));
  for (const row of table.rows) {
    // A mark in the criterion or indicator column is read by no finding.
    unaccountedMarks(collector, row, [header.criterionColumn, header.indicatorColumn].filter((c): c is number => c !== null), 'it stands in the criterion or indicator column');
    const criterion = cell(row, header.criterionColumn);
    const indicator = cell(row, header.indicatorColumn);
    // Cells past the findings column belong to it: a stray separator in the text splits a cell.
    const findings = row.cells.slice(header.findingsColumn).map((c) => c.trim()).filter(Boolean).join('\n');
    const previous = logical.at(-1);
    if (indicator.length === 0 && previous) {
      if (criterion) previous.criterion = [previous.criterion, criterion].filter(Boolean).join(' ');
      if (findings) previous.findings = [previous.findings, findings].filter(Boolean).join('\n');
      const otherPage = row.location.page !== null && row.location.page !== previous.location.page;
      previous.location = mergeLocations(previous.location, row.location);
      previous.stitched ||= otherPage || Boolean(row.stitched);
      previous.rows.push(row);
      continue;
    }
    if (indicator.length === 0) {
      if (findings) {
        collector.warn('orphan_findings_cell', 'warning', 'findings text with no indicator in its row or above it; not used', row.location);
        unaccountedMarks(collector, row, findingsColumns, 'the findings cell has no indicator in its row or above it');
      }
      continue;
    }
    logical.push({ criterion, indicator, findings, location: row.location, stitched: Boolean(row.stitched), rows: [row] });
  }

  rejoinSplitCriteria(logical, collector);
  liftCentredCriteria(logical, collector);
  joinCellsCutByPageBreak(logical, collector);
  const tallies: RowTally[] = [];
  for (const row of logical) {
    if (row.criterion) carry.criterion = row.criterion.replace(/\n/g, ' ');
    const first = collector.findings.length;
    const made = collectCellFindings(collector, {
      indicatorCell: row.indicator,
      findingsCell: row.findings,
      location: row.location,
      themeTitle,
      hasCriterionColumn: header.criterionColumn !== null,
      criterionRaw: header.criterionColumn === null ? null : carry.criterion,
      column: { index: 0, label: null, aanpak: null, year: null },
    });
    if (made === 0) for (const raw of row.rows) unaccountedMarks(collector, raw, findingsColumns, 'its indicator cell gave no indicator');
    stitchedRowFindings(collector, row, first);
    if (table.rowsGuessed) {
      const segments = parseFindingsCell(row.findings).segments;
      tallies.push({ indicators: made, marks: segments.length, verdicts: segments.map((s) => s.verdict), location: row.location, newCriterion: row.criterion.length > 0 });
    }
  }
  if (table.rowsGuessed) warnUnbalancedRows(collector, tallies);
}

/**
 * A criterion cell cut by a page break: its first words stand beside the last row before the break,
 * the rest beside the first row after it ("Benodigde partijen werken mee" / "aan de aanpak"), and
 * each was read as a criterion of its own. Where the rest names no catalogue criterion and the two
 * together name one better than the first part alone, the rest goes on the criterion above, for the
 * rows under both.
 */
function rejoinSplitCriteria(rows: LogicalRow[], collector: FindingsCollector): void {
  const match = (text: string) => collector.matcher.matchCriterion(text, collector.level);
  // Together they must name a criterion better than the first part alone, and the same one if that names one.
  const continues = (above: string, own: string) => {
    if (match(own) !== null) return false;
    const whole = match(`${above} ${own}`);
    const first = match(above);
    return whole !== null && (first === null || (first.criterion.id === whole.criterion.id && whole.score > first.score));
  };
  let opened: number | null = null;
  rows.forEach((row, index) => {
    if (!row.criterion) return;
    const above = opened === null ? null : rows[opened]!.criterion.replace(/\n/g, ' ');
    const own = row.criterion.replace(/\n/g, ' ');
    if (above !== null && continues(above, own)) {
      const joined = `${above} ${own}`;
      rows[opened!]!.criterion = joined;
      row.criterion = joined;
      return;
    }
    opened = index;
  });
}

/**
 * A criterion set about the middle of its rows may stand beside its second or third row (Word's
 * cells centred vertically), leaving the rows above it with no criterion of their own. Those rows
 * take it when the catalogue files their indicators under that very criterion; a row whose indicator
 * belongs elsewhere stops the climb (it is the criterion above's).
 */
function liftCentredCriteria(rows: LogicalRow[], collector: FindingsCollector): void {
  const { matcher, level } = collector;
  const criterionOf = (indicatorCell: string) => {
    const first = indicatorCell.split('\n')[0]!;
    return (matcher.matchIndicator(indicatorCell, level).indicator ?? matcher.matchIndicator(first, level).indicator)?.criterionId ?? null;
  };
  rows.forEach((row, index) => {
    if (!row.criterion) return;
    const printed = matcher.matchCriterion(row.criterion.replace(/\n/g, ' '), level);
    if (!printed) return;
    for (let above = index - 1; above >= 0 && !rows[above]!.criterion; above--) {
      if (criterionOf(rows[above]!.indicator) !== printed.criterion.id) return;
      rows[above]!.criterion = row.criterion;
    }
  });
}

interface RowTally {
  indicators: number;
  marks: number;
  /** The verdict of each mark (null: a mark whose verdict was lost). */
  verdicts: (string | null)[];
  location: TableRow['location'];
  newCriterion: boolean;
}

/**
 * A cell of several indicators and its verdict paragraphs cut by a page break, each part read as a row
 * of its own (its first part's paragraphs run on as one line of several indicators, so the page's row
 * cut cannot count them): the row before the break has more indicators than marks, the first row after
 * it more marks than indicators, and together they have one mark per indicator. Read apart, the marks
 * would go to the wrong indicators (a shared cell before the break, "gemengd" after it); joined, each
 * indicator gets its own. Only across a page break and under the same criterion.
 */
function joinCellsCutByPageBreak(rows: LogicalRow[], collector: FindingsCollector): void {
  const tally = (row: LogicalRow) => ({
    indicators: splitIndicators(row.indicator, collector.level, collector.matcher).length,
    marks: parseFindingsCell(row.findings).segments.length,
  });
  for (let i = rows.length - 1; i > 0; i--) {
    const [above, below] = [rows[i - 1]!, rows[i]!];
    if (above.location.page === null || below.location.page === null || below.location.page <= above.location.page || below.criterion) continue;
    const [a, b] = [tally(above), tally(below)];
    if (a.marks === 0 || !(a.indicators > a.marks && b.marks > b.indicators) || a.indicators + b.indicators !== a.marks + b.marks) continue;
    above.indicator = `${above.indicator}\n${below.indicator}`;
    above.findings = `${above.findings}\n${below.findings}`;
    above.location = mergeLocations(above.location, below.location);
    above.stitched = true;
    above.rows.push(...below.rows);
    rows.splice(i, 1);
  }
}

/**
 * Where rows were cut by a guess: a row with more indicators than marks next to one with more marks
 * than indicators, the two together one mark per indicator, is most likely one row of the source
 * cut in two at a line where an indicator and a mark happened to start together. Read as two rows,
 * marks would go to the wrong indicators (a shared cell above, "gemengd" below): a structural doubt.
 */
function warnUnbalancedRows(collector: FindingsCollector, tallies: RowTally[]): void {
  for (let i = 1; i < tallies.length; i++) {
    const [above, below] = [tallies[i - 1]!, tallies[i]!];
    if (below.newCriterion || above.indicators === 0 || below.indicators === 0) continue;
    const balancedTogether = above.indicators + below.indicators === above.marks + below.marks;
    const unbalanced = (above.indicators > above.marks && below.marks > below.indicators) || (above.marks > above.indicators && below.indicators > below.marks);
    // A shared cell above a row of its own: the row may be the rest of that cell. Read either way the
    // verdicts come out the same when every mark of the two agrees; otherwise one reading is a guess.
    const sharedAbove = above.marks > 0 && above.indicators > above.marks && below.marks > 0;
    const disagree = new Set([...above.verdicts, ...below.verdicts]).size > 1;
    if ((balancedTogether && unbalanced) || (sharedAbove && disagree)) {
      collector.warn(
        'rows_cut_ambiguous',
        'warning',
        balancedTogether && unbalanced
          ? `two rows whose cut was read off the text hold ${above.indicators} indicator(s) with ${above.marks} mark(s) and ${below.indicators} with ${below.marks}: one mark per indicator only together, so the rows may be one row of the source cut in two`
          : `a cell of ${above.indicators} indicators with ${above.marks} mark(s) above a row whose cut was read off the text: the row may be the rest of that cell, and their marks give different verdicts`,
        mergeLocations(above.location, below.location),
      );
    }
  }
}

/** The findings column and any past it (a stray separator in the text splits a cell; they are read as one). */
function row0Columns(table: DocumentTable, findingsColumn: number): number[] {
  const width = Math.max(table.header.cells.length, ...table.rows.map((r) => r.cells.length));
  return Array.from({ length: Math.max(0, width - findingsColumn) }, (_, i) => findingsColumn + i);
}
