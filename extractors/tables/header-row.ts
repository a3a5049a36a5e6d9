/**
 * Recognises the header row of a findings table, whatever the format: the policy/case table
 * (Criteria | Indicatoren | Bevindingen) or the follow-up table (Indicator | one column per
 * assessed approach and year).
 */
import { stripMarks } from '../framework/normalise.js';

export type HeaderKind =
  | { kind: 'criteria'; criterionColumn: number | null; indicatorColumn: number; findingsColumn: number }
  | { kind: 'followup'; indicatorColumn: number; assessedColumns: number[] };

// stripMarks: the same as normalize('NFD') + dropping \p{M}, without decomposing ASCII text (every row is tried).
const fold = (cell: string) =>
  stripMarks(cell)
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .trim();

// Header cells are short; allow a trailing qualifier ("Bevindingen STJ", "Criteria casusniveau") but nothing longer.
const isCriterionHeader = (cell: string) => /^(criteria|criterium)( \w+)?$/.test(fold(cell));
const isIndicatorHeader = (cell: string) => /^indicator(en)?( \w+)?$/.test(fold(cell));
const isFindingsHeader = (cell: string) => /^(bevinding(en)?|oordeel|beoordeling)( \w+)?$/.test(fold(cell));
export const YEAR_PATTERN = /\b(19[89]\d|20[0-4]\d)\b/;

export function classifyHeader(cells: string[]): HeaderKind | null {
  const indicatorColumn = cells.findIndex(isIndicatorHeader);
  if (indicatorColumn < 0) return null;
  const findingsColumn = cells.findIndex(isFindingsHeader);
  if (findingsColumn > indicatorColumn) {
    const criterionColumn = cells.findIndex(isCriterionHeader);
    return {
      kind: 'criteria',
      criterionColumn: criterionColumn >= 0 && criterionColumn < indicatorColumn ? criterionColumn : null,
      indicatorColumn,
      findingsColumn,
    };
  }
  const assessedColumns = cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell, index }) => index > indicatorColumn && YEAR_PATTERN.test(cell))
    .map(({ index }) => index);
  if (assessedColumns.length > 0) return { kind: 'followup', indicatorColumn, assessedColumns };
  return null;
}
