/**
 * Row lines of the text tables other converters write → cells: markdown and Jira/DokuWiki/Textile bar
 * rows, Muse's and GFM's rows without outer bars, tab-separated rows, and rows that run over several
 * lines (Word's "save as text" tabs, Jira's open bar rows). findTextTables (text-tables.ts) decides
 * which lines are rows; this file only splits them.
 */

const MARKDOWN_SEPARATOR_CELL = /^\s*:?-{2,}:?\s*$/;

/** A bar that parts cells: not an escaped "\\|". */
const CELL_BAR = /(?<!\\)\|/;
/** A row's text cut at its bars, outer ones included (an empty first or last cell). */
export const splitAtBars = (text: string) => text.split(CELL_BAR);

const JIRA_HEADER = /^\|\|(?:[^|]|\|\|)*\|\|$/;

export function splitRowLine(line: string): string[] | null {
  const trimmed = line.trim();
  // Header rows as Jira ("|| Criteria || Indicatoren ||") and DokuWiki ("^ Criteria ^ Indicatoren ^") write them.
  // Only a line of "||" throughout: a compact markdown row may start "||" too (an empty first cell).
  if (JIRA_HEADER.test(trimmed)) return trimmed.slice(2, -2).split('||');
  if (trimmed.startsWith('^') && /[\^|]\s*$/.test(trimmed)) return trimmed.slice(1, -1).split(/[\^|]/);
  // Textile marks a header cell "|_. Indicator|".
  if (trimmed.startsWith('|_.')) return trimmed.slice(1, trimmed.endsWith('|') ? -1 : undefined).split('|').map((cell) => cell.replace(/^_\.\s*/, ''));
  if (trimmed.startsWith('|')) {
    const cells = splitAtBars(trimmed);
    cells.shift();
    if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
    return cells;
  }
  if (line.includes('\t')) return line.split('\t');
  return null;
}

export const isMarkdownSeparator = (cells: string[]) => cells.length > 0 && cells.every((c) => MARKDOWN_SEPARATOR_CELL.test(c));

/** GFM also allows pipe tables without the outer pipes; such a line is a row only inside such a table. */
export const BARE_PIPE_SEPARATOR = /^\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+$/;
/** Muse writes a header row's cells apart by "||" and its other rows' by "|", without outer bars. */
export const MUSE_HEADER = /^(?:[^|]|\|\|)*\|\|(?:[^|]|\|\|)*$/;
export const LEADING_EMPTY_CELL = /^[ \t]+\|/;
export const splitBarePipes = (line: string) => {
  const cells = MUSE_HEADER.test(line) ? line.split('||') : splitAtBars(line);
  return cells.length >= 2 ? cells : null;
};

/** Lines a cell of several paragraphs may run over before the rest of its row; more is not a cell. */
const MAX_CELL_LINES = 40;

/**
 * A tab row with fewer cells than the header, whose next lines (no blank one among them) bring
 * its tabs to exactly the header's count: one row whose cells hold line ends. Null when the count
 * is not met exactly (a row of another table, text after the table): the line is then read as before.
 */
export function joinParagraphCells(lines: string[], index: number, width: number): { cells: string[]; next: number } | null {
  const tabs = (text: string) => text.split('\t').length - 1;
  let count = tabs(lines[index]!);
  if (count >= width - 1) return null;
  const parts = [lines[index]!];
  for (let next = index + 1; next < lines.length && next <= index + MAX_CELL_LINES; next++) {
    const line = lines[next]!;
    if (line.trim().length === 0 || line.trim().startsWith('|')) return null;
    parts.push(line);
    count += tabs(line);
    if (count === width - 1) return { cells: parts.join('\n').split('\t'), next: next + 1 };
    if (count > width - 1) return null;
  }
  return null;
}

export const closesWithBar = (line: string) => /(?<!\\)\|\s*$/.test(line);

/**
 * A bar row whose line does not close it, and the lines after it up to the one ending in its closing
 * bar (no other row among them; blank lines only where a bar alone closes the row, as ZimWiki writes a
 * cell's paragraphs), when they hold exactly `width` cells: one row whose cells hold line ends. Null
 * otherwise: the line is then read as before (a markdown row may leave out its closing bar, and text
 * may follow a table without a blank line).
 */
export function joinBarRow(lines: string[], index: number, width: number): { cells: string[]; next: number } | null {
  let blank = false;
  for (let next = index + 1; next < lines.length && next <= index + MAX_CELL_LINES; next++) {
    const line = lines[next]!;
    const trimmed = line.trim();
    if (trimmed.length === 0) {
      blank = true;
      continue;
    }
    const loneBar = trimmed === '|';
    if ((trimmed.startsWith('|') && !loneBar) || (blank && !loneBar && closesWithBar(line))) return null;
    if (!closesWithBar(line)) continue;
    const cells = splitRowLine(lines.slice(index, next + 1).join('\n'));
    return cells !== null && cells.length === width ? { cells, next: next + 1 } : null;
  }
  return null;
}
