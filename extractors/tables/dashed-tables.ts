/**
 * Pandoc's simple and multiline tables (its default markdown and `plain` output), where columns
 * are aligned with spaces and a line of dash groups gives their extent:
 *
 *     Toeleiding                                 ← header (here the theme; may be absent)
 *     ------------- ---------------- -------     ← one dash group per column
 *     Criteria      Indicatoren      Bevindingen
 *     GGSR zijn …   Alle netwerk…    ✓ De …      ← simple: one line per row, ends at a blank line
 *
 *     --------------------------------------     ← multiline: opens with one long dash line,
 *     Indicator     2013             2014
 *                   Multiprobleem…               ← header lines (joined)
 *     ------------- ---------------- -------
 *     Alle          X De …           ✓ De …      ← rows separated by blank lines, cells wrapped
 *     netwerk…      gemist.                        within their column
 *
 *     --------------------------------------     ← and closes with it
 *
 * A column runs from the start of its dash group to the start of the next (pandoc left-aligns
 * text at the group start, and the last column's text may run past its dashes).
 */
import { cellToText } from './cell-markup.js';

export interface DashedRow {
  cells: string[];
  lineStart: number;
  lineEnd: number;
}

const GROUPS = /^\s*-{3,}(?: +-{3,})+\s*$/;
const FULL_DASHES = /^\s*-{3,}\s*$/;
const blank = (line: string | undefined) => line === undefined || line.trim().length === 0;

export const isDashGroupLine = (line: string) => GROUPS.test(line);

/** Where the dash groups start: the columns' left edges. */
function columnStarts(line: string): number[] {
  return [...line.matchAll(/-{3,}/g)].map((m) => m.index);
}

function slice(line: string, starts: number[]): string[] {
  return starts.map((start, column) => {
    const end = column + 1 < starts.length ? starts[column + 1] : undefined;
    // Text left of the first column (indentation) belongs to it.
    return line.slice(column === 0 ? 0 : start, end);
  });
}

/** One row out of several lines: each column's slices joined by a space, then read as markup. */
function joinRow(lines: string[], starts: number[], lineStart: number, smart: boolean): DashedRow {
  const parts = starts.map(() => [] as string[]);
  for (const line of lines) slice(line, starts).forEach((cell, column) => parts[column]!.push(cell.trim()));
  return { cells: parts.map((p) => cellToText(p.filter(Boolean).join(' '), smart)), lineStart, lineEnd: lineStart + lines.length - 1 };
}

/**
 * Reads the table whose dash-group line is lines[groupLine]. `headerStart` is the first header
 * line (== groupLine when there is none). Returns the rows (header first) and the index after the
 * table, or null when the lines around do not form a pandoc table (a lone rule, a setext heading).
 */
export function readDashedTable(lines: string[], groupLine: number, smart = false): { rows: DashedRow[]; first: number; next: number } | null {
  const starts = columnStarts(lines[groupLine]!);
  // Header lines above, up to a blank line or the long dash line that opens a multiline table.
  let headerStart = groupLine;
  while (headerStart > 0 && !blank(lines[headerStart - 1]) && !FULL_DASHES.test(lines[headerStart - 1]!)) headerStart--;
  const opensMultiline = headerStart > 0 && FULL_DASHES.test(lines[headerStart - 1]!);
  const headerless = headerStart === groupLine;
  if (!headerless && headerStart > 0 && !opensMultiline && !blank(lines[headerStart - 1])) return null;
  const rows: DashedRow[] = [];
  if (!headerless) rows.push(joinRow(lines.slice(headerStart, groupLine), starts, headerStart + 1, smart));

  // Multiline tables (and headerless ones, which may be either) end at a dash line; simple ones at a blank line.
  const closesWithRule = opensMultiline || headerless;
  let end = groupLine + 1;
  if (closesWithRule) {
    while (end < lines.length && !FULL_DASHES.test(lines[end]!) && !GROUPS.test(lines[end]!)) end++;
    if (end >= lines.length) return null;
  } else {
    while (end < lines.length && !blank(lines[end])) end++;
  }
  const body = lines.slice(groupLine + 1, end);
  const multiline = closesWithRule && body.some((line) => blank(line));
  if (multiline) {
    let chunk: string[] = [];
    let chunkStart = groupLine + 2;
    body.forEach((line, offset) => {
      if (blank(line)) {
        if (chunk.length > 0) rows.push(joinRow(chunk, starts, chunkStart, smart));
        chunk = [];
        chunkStart = groupLine + offset + 3;
        return;
      }
      chunk.push(line);
    });
    if (chunk.length > 0) rows.push(joinRow(chunk, starts, chunkStart, smart));
  } else {
    body.forEach((line, offset) => rows.push(joinRow([line], starts, groupLine + offset + 2, smart)));
  }
  return { rows, first: opensMultiline ? headerStart - 1 : headerStart, next: closesWithRule ? end + 1 : end };
}
