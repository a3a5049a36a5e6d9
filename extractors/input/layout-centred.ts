/**
 * Rows of a layout-text criteria table whose cells are centred vertically in their row (html2text and
 * w3m of HTML with `valign="middle"` cells): a row's cells do not start on one line, a criterion merged
 * over several rows stands in their middle, and rows follow each other without a blank line, so the
 * top-aligned row cut (a line where the indicator and a verdict mark start) takes rows apart.
 *
 * What holds instead: the cells of one row overlap in lines, and cells of different rows do not. So
 * the table's lines are cut into units, each indicator (its lines matched against the catalogue's
 * wordings) and each verdict paragraph (from its mark to the next), and a row is a run of units whose
 * line spans overlap. An indicator that overlaps no verdict paragraph (one of four beside two
 * paragraphs) goes with the row above; if the marks of the rows around it disagree, which row it
 * belongs to decides its verdict, and the table is in doubt. Criteria are given to runs of rows by
 * where they stand: each in the middle of its run (a criterion that is not, within a line or so, is
 * no centred table). The rows are then set again top-aligned, for the PDF engine to read as any other
 * table. In doubt the table is left to the top-aligned reading, and the check on the verdict marks.
 */
import type { CatalogueLevel } from '../framework/catalogue.js';
import { sharedMatcher } from '../framework/match.js';
import type { HeaderKind } from '../tables/header-row.js';
import { MARK, type Region } from './layout-columns.js';

/** One row: each column's lines (offsets into region.lines), in order. */
export type CentredRow = Map<number, number[]>;

export type CentredReading = { rows: CentredRow[] } | { doubt: string };

interface Unit {
  column: number;
  lines: number[];
  top: number;
  bottom: number;
  mark: string | null;
}

/** How far a criterion's middle may be from its rows' middle, in lines (a cell's odd line count rounds either way). */
const CENTRE_SLACK = 1;
/** What leaving a row at the table's top without a criterion costs, in lines of distance from the middle. */
const UNCOVERED_ROW = 1;
/** What a row whose indicator the catalogue files under another criterion costs in a criterion's run, in lines. */
const CATALOGUE_MISMATCH = 10;

const textOf = (region: Region, column: number, offset: number) => region.lines[offset]!.cells[column]!.map((w) => w.text).join(' ');

/**
 * Are this table's cells centred in their rows? In a top-aligned table the first line under the
 * header starts every cell of the first row: its criterion, its indicator and a verdict mark (a
 * table carried over from the page before may go on with a row whose criterion stood above).
 */
export function looksCentred(region: Region, kind: HeaderKind, carried: boolean): boolean {
  if (kind.kind !== 'criteria' || carried) return false;
  const first = region.lines.slice(region.headerLines).find((cut) => cut.cells.some((c) => c.length > 0));
  if (!first) return false;
  const indicator = first.cells[kind.indicatorColumn]!;
  const findings = first.cells[kind.findingsColumn]!;
  const criterionMissing = kind.criterionColumn !== null && first.cells[kind.criterionColumn]!.length === 0;
  return criterionMissing || indicator.length === 0 || findings.length === 0 || !MARK.test(findings[0]!.text);
}

/** Runs of consecutive offsets with text in a column. */
function blocks(region: Region, column: number): number[][] {
  const out: number[][] = [];
  let open: number[] | null = null;
  for (let offset = region.headerLines; offset < region.lines.length; offset++) {
    if (region.lines[offset]!.cells[column]!.length === 0) {
      open = null;
      continue;
    }
    if (!open) out.push((open = []));
    open.push(offset);
  }
  return out;
}

/** How well these words are one indicator: the catalogue's score at either level, 0 for no match. */
const matches = (text: string): number => {
  const matcher = sharedMatcher();
  const scores = (['beleid', 'casus'] as const).map((level) => matcher.matchIndicator(text, level)).filter((m) => m.indicator !== null).map((m) => m.score);
  return scores.length > 0 ? Math.max(...scores) : 0;
};

/**
 * An indicator column's block cut into indicators: each piece starts on a line that opens with a
 * capital and matches a catalogue wording; of the cuts that leave every piece a wording, the one
 * whose pieces match best (weighted by their words). Null when no cut does.
 */
function indicatorPieces(region: Region, column: number, block: number[]): number[][] | null {
  const n = block.length;
  const best: ({ score: number; cuts: number[] } | null)[] = Array.from({ length: n + 1 }, () => null);
  best[0] = { score: 0, cuts: [] };
  for (let i = 0; i < n; i++) {
    const from = best[i];
    if (!from || !/^[\p{Lu}\d]/u.test(textOf(region, column, block[i]!))) continue;
    for (let j = i + 1; j <= n; j++) {
      const text = block.slice(i, j).map((offset) => textOf(region, column, offset)).join(' ');
      const score = matches(text);
      if (score === 0) continue;
      const total = from.score + score * text.split(' ').length;
      if (!best[j] || total > best[j]!.score) best[j] = { score: total, cuts: [...from.cuts, i] };
    }
  }
  const end = best[n];
  if (!end) return null;
  return end.cuts.map((start, k) => block.slice(start, end.cuts[k + 1] ?? n));
}

/** The catalogue level these indicator texts match best, summed over them. */
function tableLevel(texts: string[]): CatalogueLevel {
  const matcher = sharedMatcher();
  const total = (level: CatalogueLevel) => texts.reduce((sum, text) => sum + (matcher.matchIndicator(text, level).indicator ? matcher.matchIndicator(text, level).score : 0), 0);
  return total('casus') > total('beleid') ? 'casus' : 'beleid';
}

/** The catalogue id of the criterion these words print, at this level; null when they match none. */
const catalogueCriterion = (text: string, level: CatalogueLevel): string | null => sharedMatcher().matchCriterion(text, level)?.criterion.id ?? null;

/** The catalogue id of the criterion the indicator these words print is filed under, at this level; null when they match none. */
const indicatorCriterion = (text: string, level: CatalogueLevel): string | null => sharedMatcher().matchIndicator(text, level).indicator?.criterionId ?? null;

const unit = (column: number, lines: number[], mark: string | null): Unit => ({ column, lines, top: lines[0]!, bottom: lines.at(-1)!, mark });

export function centredRows(region: Region, kind: HeaderKind): CentredReading {
  if (kind.kind !== 'criteria') return { doubt: 'not a criteria table' };
  const indicatorColumn = kind.indicatorColumn;
  const findingsColumn = kind.findingsColumn;
  const units: Unit[] = [];
  for (const block of blocks(region, indicatorColumn)) {
    const pieces = indicatorPieces(region, indicatorColumn, block);
    if (!pieces) return { doubt: `indicator text at line offset ${block[0]} matches no cut into catalogue wordings` };
    for (const piece of pieces) units.push(unit(indicatorColumn, piece, null));
  }
  // Verdict paragraphs: from a line that opens with a mark to the next such line; lines before the
  // first mark of a block go on the paragraph above (a LET OP after a blank line).
  const paragraphs: Unit[] = [];
  for (const block of blocks(region, findingsColumn)) {
    for (const offset of block) {
      const first = region.lines[offset]!.cells[findingsColumn]![0]!;
      if (MARK.test(first.text)) paragraphs.push(unit(findingsColumn, [offset], first.text));
      else if (paragraphs.length > 0) {
        const last = paragraphs.at(-1)!;
        last.lines.push(offset);
        last.bottom = offset;
      } else return { doubt: `findings text at line offset ${offset} before any verdict mark` };
    }
  }
  // Other columns than criterion, indicator and findings are not read here.
  const other = region.header.cols.map((_, c) => c).filter((c) => c !== indicatorColumn && c !== findingsColumn && c !== kind.criterionColumn);
  if (other.some((c) => blocks(region, c).length > 0)) return { doubt: 'text in a column that is neither criterion, indicator nor findings' };
  // Runs of overlapping units, in line order.
  const all = [...units, ...paragraphs].sort((a, b) => a.top - b.top || a.bottom - b.bottom);
  const groups: { top: number; bottom: number; units: Unit[] }[] = [];
  for (const u of all) {
    const last = groups.at(-1);
    if (last && u.top <= last.bottom) {
      last.units.push(u);
      last.bottom = Math.max(last.bottom, u.bottom);
    } else groups.push({ top: u.top, bottom: u.bottom, units: [u] });
  }
  const hasFindings = (g: (typeof groups)[number]) => g.units.some((u) => u.column === findingsColumn);
  const hasIndicator = (g: (typeof groups)[number]) => g.units.some((u) => u.column === indicatorColumn);
  if (groups.some((g) => !hasIndicator(g))) return { doubt: 'a verdict paragraph beside no indicator' };
  // An indicator beside no paragraph goes with the row above; its verdict is that row's, so the rows
  // around it must agree.
  const marks = (g: (typeof groups)[number]) => new Set(g.units.flatMap((u) => (u.mark ? [u.mark] : [])));
  const merged: typeof groups = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (hasFindings(g)) {
      merged.push(g);
      continue;
    }
    const above = merged.at(-1);
    if (!above) return { doubt: 'an indicator beside no verdict paragraph, first in its table' };
    const below = groups.slice(i + 1).find(hasFindings);
    const around = new Set([...marks(above), ...(below ? marks(below) : [])]);
    if (around.size > 1) return { doubt: 'an indicator beside no verdict paragraph, between rows whose marks disagree' };
    above.units.push(...g.units);
    above.bottom = g.bottom;
  }
  // Criteria: each block goes to a run of rows, runs in order from the first row, each run's middle
  // as near its criterion's middle as the runs allow.
  const criteria = kind.criterionColumn === null ? [] : blocks(region, kind.criterionColumn);
  const n = merged.length;
  // A top-aligned table read this way starts every row's indicator and verdict on one line, and every
  // criterion on a row's first line (the first rows of a page may go on under a criterion above, so
  // that the first line lacks one): centring shows in a row whose cells start on different lines, or
  // a criterion that starts beside no row's first line.
  const starts = (g: (typeof groups)[number], column: number) => Math.min(...g.units.filter((u) => u.column === column).map((u) => u.top));
  const rowTops = new Set(merged.map((g) => g.top));
  const topAligned = merged.every((g) => starts(g, indicatorColumn) === starts(g, findingsColumn)) && criteria.every((c) => rowTops.has(c[0]!));
  // The catalogue files each indicator under a criterion: a row whose indicators it files under another
  // criterion than the run's is costly, so that of two runs equally near a criterion's middle (a title
  // or a paragraph's last line moves a middle by half a line) the one its indicators belong to wins.
  const indicatorText = (u: Unit) => u.lines.map((offset) => textOf(region, indicatorColumn, offset)).join(' ');
  const level = tableLevel(units.map(indicatorText));
  const criterionIds = criteria.map((c) => catalogueCriterion(c.map((offset) => textOf(region, kind.criterionColumn!, offset)).join(' '), level));
  const rowCriteria = merged.map((g) => {
    const ids = new Set(g.units.filter((u) => u.column === indicatorColumn).map((u) => indicatorCriterion(indicatorText(u), level)));
    return ids.size === 1 ? [...ids][0]! : null;
  });
  const disagrees = (j: number, row: number) => criterionIds[j] !== null && rowCriteria[row] !== null && criterionIds[j] !== rowCriteria[row];
  const runStarts = new Map<number, number[]>();
  const runOf: number[] = [];
  if (criteria.length > n) return { doubt: 'more criteria than rows' };
  if (criteria.length > 0) {
    const middle = (lines: number[]) => (lines[0]! + lines.at(-1)!) / 2;
    // cost[j][b]: criteria 0..j-1 over rows 0..b-1.
    const cost: { total: number; from: number }[][] = Array.from({ length: criteria.length + 1 }, () => Array.from({ length: n + 1 }, () => ({ total: Infinity, from: -1 })));
    // Rows before the first criterion's run go on under a criterion above the table (its page's
    // header repeated over a row cut by the page break): allowed, at a cost, so that the first
    // criterion takes the first rows when they centre on it as well.
    for (let a = 0; a <= n; a++) cost[0]![a] = { total: a * UNCOVERED_ROW, from: -1 };
    for (let j = 1; j <= criteria.length; j++) {
      const m = middle(criteria[j - 1]!);
      for (let b = j; b <= n; b++) {
        for (let a = j - 1; a < b; a++) {
          const before = cost[j - 1]![a]!.total;
          if (before === Infinity) continue;
          let total = before + Math.abs((merged[a]!.top + merged[b - 1]!.bottom) / 2 - m);
          for (let row = a; row < b; row++) if (disagrees(j - 1, row)) total += CATALOGUE_MISMATCH;
          if (total < cost[j]![b]!.total) cost[j]![b] = { total, from: a };
        }
      }
    }
    let b = n;
    for (let j = criteria.length; j >= 1; j--) {
      const a = cost[j]![b]!.from;
      // A criterion stands in the middle of its rows, give or take a line of rounding: one that does
      // not (a table whose first rows go on under a criterion on the page before) is no centred table.
      if (Math.abs((merged[a]!.top + merged[b - 1]!.bottom) / 2 - middle(criteria[j - 1]!)) > CENTRE_SLACK) return { doubt: 'a criterion not in the middle of its rows' };
      runStarts.set(a, criteria[j - 1]!);
      for (let row = a; row < b; row++) runOf[row] = j - 1;
      b = a;
    }
  }
  // A table whose rows all start their cells on one line, each criterion on a row's first line, may be
  // top-aligned (its first rows going on under a criterion on the page before): read as centred only when
  // the catalogue files every row's indicators under the criterion that reading gives it.
  const confirmed = criteria.length > 0 && merged.every((_, row) => runOf[row] !== undefined && criterionIds[runOf[row]!] !== null && rowCriteria[row] === criterionIds[runOf[row]!]);
  if (topAligned && !confirmed) return { doubt: 'every row starts its cells on one line' };
  if (merged.some((_, row) => runOf[row] !== undefined && disagrees(runOf[row]!, row))) return { doubt: 'a row whose indicator the catalogue files under another criterion than the one it stands beside' };
  const rows: CentredRow[] = merged.map((g, i) => {
    const row: CentredRow = new Map();
    const criterion = runStarts.get(i);
    if (criterion && kind.criterionColumn !== null) row.set(kind.criterionColumn, criterion);
    for (const u of g.units) row.set(u.column, [...(row.get(u.column) ?? []), ...u.lines].sort((a, b) => a - b));
    return row;
  });
  return { rows };
}
