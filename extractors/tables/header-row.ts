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

/**
 * Three ASCII words apart: two runs of ASCII non-alphanumerics between ASCII letters or digits stay
 * two separators in fold(cell), and no header form below allows more than one, so such a cell (every
 * findings and indicator cell) is rejected without being folded. Non-ASCII is left out of both
 * classes: accent folding may turn it into letters.
 */
const THREE_WORDS = /[A-Za-z0-9][\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+[A-Za-z0-9]+[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+[A-Za-z0-9]/;
const headerForm = (cell: string, form: RegExp) => !THREE_WORDS.test(cell) && form.test(fold(cell));

// Header cells are short; allow a trailing qualifier ("Bevindingen STJ", "Criteria casusniveau") but nothing longer.
const isCriterionHeader = (cell: string) => headerForm(cell, /^(criteria|criterium)( \w+)?$/);
const isIndicatorHeader = (cell: string) => headerForm(cell, /^indicator(en)?( \w+)?$/);
const isFindingsHeader = (cell: string) => headerForm(cell, /^(bevinding(en)?|oordeel|beoordeling)( \w+)?$/);
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
