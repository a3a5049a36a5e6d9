/**
 * The header row of a findings table in a PDF, from text positions: where it is (its cells may wrap
 * onto more lines), its cells' text, and the column edges the lines below show. pdf-tables.ts
 * reads the rows under it.
 */
import { classifyHeader, YEAR_PATTERN, type HeaderKind } from '../tables/header-row.js';
import { continuesBrokenWord, joinItems, joinWrapped, lineRuns, lineText, splitItemAtEdges, splitItemAtIndex, type Line, type PdfItem, type Vocabulary } from './pdf-lines.js';

export interface HeaderCell {
  x0: number;
  x1: number;
  items: PdfItem[];
  text: string;
}

export interface HeaderBand {
  lines: Line[];
  cells: HeaderCell[];
  kind: HeaderKind;
  /** Header items cut at a column edge by estimated glyph widths. */
  estimatedSplits?: number;
}

/** A verdict mark opening a line: it ends a header band, and opens a new block in a cell. */
export const MARK_START = /^[✓✔√☑✅✗✘×☒❌✕✖\uF0FB\uF0FC\uF0FD\uF0FE]/u;

/** Does a findings table's header row start at lines[index]? Header cells may wrap onto a second line. */
export function headerBandAt(lines: Line[], index: number, vocabulary: Vocabulary): HeaderBand | null {
  const line = lines[index]!;
  // A cheap test first; a header word may be hyphenated across two lines in a narrow column.
  if (!/indic|criteri|bevind/i.test(lineText(line))) return null;
  // A header row has cells side by side; running text that mentions "indicatoren" has one run.
  if (lineRuns(line).length < 2) return null;
  const fonts = new Set(line.items.map((item) => item.font));
  const inHeaderFont = (other: Line) => other.items.every((item) => fonts.has(item.font));
  const band = [line];
  const above = lines[index - 1];
  if (above && line.y - above.y <= 1.45 * line.size && lineRuns(above).length >= 2 && inHeaderFont(above)) band.unshift(above);
  for (const other of bottomAlignedWrap(lines, index - band.length, band[0]!, line, inHeaderFont)) band.unshift(other);
  for (let next = index + 1; next < lines.length; next++) {
    const candidate = lines[next]!;
    if (candidate.y - band.at(-1)!.y > 1.45 * line.size || !inHeaderFont(candidate) || MARK_START.test(lineText(candidate))) break;
    band.push(candidate);
  }
  for (const other of centredWrap(lines, index, band, inHeaderFont)) if (!band.includes(other)) band.push(other);
  band.sort((a, b) => a.y - b.y);
  const cells: { x0: number; x1: number; items: PdfItem[] }[] = lineRuns(line).map((run) => ({ x0: run[0]!.x, x1: Math.max(...run.map((i) => i.x + i.width)), items: [...run] }));
  // A wrapped header cell may run up to the next one (a long word broken without a hyphen): an item
  // that starts where a cell of the first line starts begins that cell, however small the gap.
  const starts = cells.map((cell) => cell.x0);
  const atCellStart = (item: PdfItem) => starts.some((x) => Math.abs(item.x - x) <= 1.5);
  for (const other of band) {
    if (other === line) continue;
    for (const run of lineRuns(other).flatMap((items) => splitRunAt(items, atCellStart))) {
      const x0 = run[0]!.x;
      const x1 = Math.max(...run.map((i) => i.x + i.width));
      const overlap = (cell: { x0: number; x1: number }) => Math.min(x1, cell.x1) - Math.max(x0, cell.x0);
      const best = cells.reduce<(typeof cells)[number] | null>((found, cell) => (overlap(cell) > 0 && (!found || overlap(cell) > overlap(found)) ? cell : found), null);
      if (best) {
        best.items.push(...run);
        best.x0 = Math.min(best.x0, x0);
        best.x1 = Math.max(best.x1, x1);
      } else cells.push({ x0, x1, items: [...run] });
    }
  }
  return classifiedBand(band, cells, vocabulary);
}

/**
 * A header cell set about the row's middle and wrapped onto more lines than the others reaches
 * above and below their line: half a line each way for two lines (the cell may have no text on
 * their line), a whole line or more for three, further than the band's usual spacing when lines
 * are widely spaced. Such lines come in pairs at equal distances above and below, starting at the
 * same places, each in a cell's place (where a cell of the main line starts, or clear of its
 * text); text above a header does not.
 */
function centredWrap(lines: Line[], index: number, band: Line[], inHeaderFont: (line: Line) => boolean): Line[] {
  const line = lines[index]!;
  const runs = lineRuns(line).map((run) => [run[0]!.x, Math.max(...run.map((i) => i.x + i.width))] as const);
  const starts = (other: Line) => lineRuns(other).map((run) => run[0]!.x);
  const inCell = (other: Line) =>
    inHeaderFont(other) &&
    !MARK_START.test(lineText(other)) &&
    lineRuns(other).every((run) => {
      const [x0, x1] = [run[0]!.x, Math.max(...run.map((i) => i.x + i.width))];
      return runs.some(([start]) => Math.abs(start - x0) <= 1.5) || runs.every(([a, b]) => x1 <= a || x0 >= b);
    });
  const paired = (a: Line, b: Line) => {
    const [sa, sb] = [starts(a), starts(b)];
    return sa.length === sb.length && sa.every((x, i) => Math.abs(x - sb[i]!) <= 1.5);
  };
  const pairs: Line[] = [];
  for (let step = 1; step <= 2; step++) {
    const up = lines[index - step];
    const down = lines[index + step];
    if (!up || !down || band.includes(up)) break;
    const [rise, fall] = [line.y - up.y, down.y - line.y];
    if (rise > 2 * step * line.size || Math.abs(rise - fall) > 0.2 * line.size || !inCell(up) || !inCell(down) || !paired(up, down)) break;
    pairs.push(up, down);
  }
  return pairs;
}

/**
 * Header cells set at the foot of their row (Word's and pandoc's bottom-aligned header rows) wrap
 * upwards: a cell of two or three lines ("2013 / Multiprobleemgezin / nen") has its first lines
 * above the line the other cells stand on. Such a line, at line spacing above the band, in the
 * header's font, holds only runs that start where a cell of the main line starts, never in the
 * first column (a theme title above the table starts there; the first column's header is short).
 * `from`: the index of the line right above the band.
 */
function bottomAlignedWrap(lines: Line[], from: number, top: Line, line: Line, inHeaderFont: (line: Line) => boolean): Line[] {
  const starts = lineRuns(line).map((run) => run[0]!.x);
  if (starts.length < 2) return [];
  const out: Line[] = [];
  let upper = top;
  for (let k = from; k >= 0 && out.length < 4; k--) {
    const candidate = lines[k]!;
    if (candidate.page !== line.page || upper.y - candidate.y > 1.45 * line.size || !inHeaderFont(candidate) || MARK_START.test(lineText(candidate))) break;
    const fits = lineRuns(candidate).every((run) => run[0]!.x >= starts[1]! - 1.5 && starts.some((x) => Math.abs(x - run[0]!.x) <= 1.5));
    if (!fits) break;
    out.push(candidate);
    upper = candidate;
  }
  return out;
}

/** A run cut before each item that passes the test (the first item stays where it is). */
function splitRunAt(run: PdfItem[], startsNew: (item: PdfItem) => boolean): PdfItem[][] {
  const out: PdfItem[][] = [];
  for (const item of run) {
    if (out.length === 0 || startsNew(item)) out.push([]);
    out.at(-1)!.push(item);
  }
  return out;
}

function classifiedBand(lines: Line[], cells: Omit<HeaderCell, 'text'>[], vocabulary: Vocabulary): HeaderBand | null {
  const sorted = [...cells].sort((a, b) => a.x0 - b.x0).map((cell) => ({ ...cell, text: cellLinesText(cell.items, vocabulary) }));
  const kind = classifyHeader(sorted.map((cell) => cell.text));
  return kind ? { lines, cells: sorted, kind } : null;
}

/** Left edges of the runs in these lines, with how many lines have a run starting there. */
function runEdges(lines: Line[]): Map<number, number> {
  const edges = new Map<number, number>();
  for (const line of lines) {
    for (const run of lineRuns(line)) {
      const x = Math.round(run[0]!.x * 2) / 2;
      edges.set(x, (edges.get(x) ?? 0) + 1);
    }
  }
  return edges;
}

/**
 * Two header cells whose words nearly touch ("2013 Versterkt Verder" and "2014" in narrow
 * columns) read as one; the body shows the column edge between them. Split such a cell where one
 * of its words starts at an edge many body lines start at.
 */
export function splitHeaderAtColumns(band: HeaderBand, below: Line[], vocabulary: Vocabulary): HeaderBand {
  // A column edge is where many lines start, not where a justified line happens to have a wide gap.
  const edges = [...runEdges(below).entries()].filter(([, count]) => count >= Math.max(3, 0.2 * below.length)).map(([x]) => x);
  const cells: Omit<HeaderCell, 'text'>[] = [];
  let split = false;
  let estimatedSplits = 0;
  for (const original of band.cells) {
    // The two cells' words may even share one item: cut it where a body column starts.
    const atEdges = original.items.flatMap((item) => splitItemAtEdges(item, edges, 0.5 * item.size));
    const items = band.kind.kind === 'followup' ? atEdges.flatMap(splitAtSecondYear) : atEdges;
    estimatedSplits += items.length - original.items.length;
    const cell = { ...original, items };
    const startsWord = (item: PdfItem) => !cell.items.some((other) => other !== item && Math.abs(other.y - item.y) < 1 && Math.abs(other.x + other.width - item.x) < 0.15 * item.size);
    // Items that touch are one word split by the writer, unless the right one opens a word of its
    // own: a wide header cell may end right where the next starts ("…Multiprobleemgezinnen" "2013 …").
    const opensWord = (item: PdfItem) => startsWord(item) || /^[\p{Lu}\p{N}]/u.test(item.str);
    const cut =
      cell.items.find((item) => item.x > cell.x0 + 2 && opensWord(item) && edges.some((edge) => Math.abs(edge - item.x) <= 1.5)) ??
      (band.kind.kind === 'followup' ? secondYear(cell.items) : undefined);
    if (!cut) {
      cells.push(cell);
      continue;
    }
    split = true;
    const left = cell.items.filter((item) => item.x < cut.x - 0.5);
    const right = cell.items.filter((item) => item.x >= cut.x - 0.5);
    const extent = (items: PdfItem[]) => ({ x0: Math.min(...items.map((i) => i.x)), x1: Math.max(...items.map((i) => i.x + i.width)), items });
    cells.push(extent(left), extent(right));
  }
  const result = split ? classifiedBand(band.lines, cells, vocabulary) : null;
  return result ? { ...result, estimatedSplits } : band;
}

/**
 * A follow-up header cell whose line holds a year and, further right, an item opening with another
 * year is two cells ("2014" "2014" a few points apart): a column's label names one approach in one
 * year. Where too few body lines show the edge between them (a table's last row alone on a page),
 * this is what tells them apart; read as one, the right column's findings went to the left one.
 */
function secondYear(items: PdfItem[]): PdfItem | undefined {
  return items.find((item) => {
    if (!YEAR_OPENS.test(item.str)) return false;
    const before = items.filter((other) => other !== item && Math.abs(other.y - item.y) < 0.5 * item.size && other.x + other.width <= item.x).sort((a, b) => a.x - b.x);
    return before.some((other) => YEAR_PATTERN.test(other.str)) && !RANGE_BEFORE.test(joinItems(before));
  });
}
/** A label of years ("2013 - 2014", "2013/2014", "2013 t/m 2014") is one column's, not two. */
const RANGE_BEFORE = /(?:[-–—/]|\bt\/m|\btot(?: en met)?)\s*$/i;
const YEAR_OPENS = new RegExp(`^\\s*${YEAR_PATTERN.source}`);
/** Up to the white space before a second year. */
const UP_TO_SECOND_YEAR = new RegExp(`${YEAR_PATTERN.source}.*?\\s(?=${YEAR_PATTERN.source})`);

/** One item holding two labels' years ("2014 2014": cairo sets two header cells as one): cut before the second. */
function splitAtSecondYear(item: PdfItem): PdfItem[] {
  const match = UP_TO_SECOND_YEAR.exec(item.str);
  if (!match || RANGE_BEFORE.test(match[0])) return [item];
  const [head, tail] = splitItemAtIndex(item, match.index + match[0].length);
  return [head, ...splitAtSecondYear(tail)];
}

/** Header cell items (several lines) → text. */
function cellLinesText(items: PdfItem[], vocabulary: Vocabulary): string {
  const byLine = new Map<number, PdfItem[]>();
  for (const item of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const key = [...byLine.keys()].find((y) => Math.abs(y - item.y) <= 0.5 * item.size) ?? item.y;
    byLine.set(key, [...(byLine.get(key) ?? []), item]);
  }
  const lines = [...byLine.values()];
  return lines.reduce((text, line, i) => {
    const above = lines[i - 1];
    const next = joinItems(line);
    if (above && isWordAlone(joinItems(above)) && continuesBrokenWord(text, next, vocabulary)) return text + next;
    return joinWrapped(text, next, vocabulary);
  }, '');
}

export const sameHeader = (a: HeaderBand, b: HeaderBand) =>
  a.cells.length === b.cells.length && a.cells.every((cell, i) => cell.text.toLowerCase() === b.cells[i]!.text.toLowerCase());

/**
 * Column edges: where each column's text starts. That is the header cell's left edge when the
 * header is left-aligned, and left of it when it is centred; the lines below tell which.
 */
export function columnEdges(band: HeaderBand, below: Line[]): number[] {
  const { cells } = band;
  const edges = runEdges(below);
  const countNear = (x: number) => [...edges.entries()].reduce((sum, [edge, count]) => sum + (Math.abs(edge - x) <= 1.5 ? count : 0), 0);
  return cells.map((cell, i) => {
    if (i === 0) return -Infinity;
    // A centred header shows as an edge left of it that more lines start at than at the header's own
    // edge, and that no text crosses. Only an edge many lines start at counts: a justified line's
    // wide gaps start runs anywhere.
    const isGutter = (x: number) => !below.some((line) => line.items.some((item) => item.x < x - 1 && item.x + item.width > x + 1));
    const candidates = [...edges.entries()].filter(([x, count]) => count >= Math.max(3, 0.15 * below.length) && x > cells[i - 1]!.x1 && x < cell.x0 - 1.5 && isGutter(x));
    const best = candidates.reduce<[number, number] | null>((found, entry) => (!found || entry[1] > found[1] ? entry : found), null);
    return (best && countNear(best[0]) > countNear(cell.x0) ? best[0] : cell.x0) - 1;
  });
}

/**
 * A word too long for its column is broken where the column ends, without a hyphen (LibreOffice
 * and Word do so in narrow columns): its head is then a line of its own. Where it ends on the page
 * does not tell it from a long word that just fitted (a browser lets such a word overflow instead),
 * so continuesBrokenWord decides by the document's vocabulary.
 */
export const isWordAlone = (text: string) => !/\s/.test(text) && /\p{L}$/u.test(text);
