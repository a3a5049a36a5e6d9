/**
 * The lines under a findings header in layout text, cut into cells. Converters place each cell's
 * text near its header, not under it: `pdftotext -layout` shifts a cell a few characters either
 * way (each text block gets its own column offset), and leaves one space between two cells when
 * the left one is long. So a column's edge is taken from the lines around each line (where text
 * starts after two spaces or more, near the header's edge), and a line whose cells are apart by
 * one space only is cut at the word that starts at that edge: a verdict mark first, else the
 * nearest word that leaves the criterion or indicator cell a line the framework's wordings could
 * print (wording-lines.ts). Words glued across an edge are parted there. A follow-up header's
 * labels may wrap over the lines under it; a heading or a colophon set right under the last row
 * ends the table.
 */
import { classifyHeader } from '../tables/header-row.js';

export interface Word {
  text: string;
  /** Column of its first character (code points). */
  col: number;
  /** Column after its last character. */
  end: number;
  /** Spaces before it; Infinity for a line's first word. */
  gap: number;
}

export interface CutLine {
  /** Column index → its words on this line. */
  cells: Word[][];
  /** Cut at a one-space gap, by the edge the lines around it show. */
  guessed: boolean;
}

export interface Region {
  header: { cols: number[]; texts: string[] };
  headerLines: number;
  /** The header line and the table lines below it, in order (blank lines included). */
  lines: CutLine[];
}

/** The verdict symbols pdftotext may glue to the word before them (not X, a letter). */
const GLUED_MARK = /^[✓✔√✗✘]$/u;
/** A verdict mark as a word of its own: the symbols, a bare X, and Wingdings' ü/û (and their private-use code points) as legacy exports leave them. */
export const MARK = /^[✓✔√✗✘×Xüû\uF0FB\uF0FC]$/u;
/**
 * Could these words, in this order and case, be one line of a criterion or indicator cell: a stretch of
 * one of the framework's wordings, or the end of one and the start of the next (indicators run
 * together in a cell)? Decides one-space cuts.
 */
export type PhraseCheck = (words: string[]) => boolean;
/** What a cut against the wordings costs, in characters of distance from the edge (the window is 8 wide). */
const PHRASE_DOUBT = 10;
/** How far left of the edge a cell may start when only the wordings show it, in characters. */
const FAR_REACH = 10;
/** How far a cell may start from the edge its header shows, in characters. */
const MAX_DRIFT = 6;
/** Lines a follow-up header's labels may wrap onto ("2013" / "Versterkt" / "Verder"). */
export const MAX_HEADER_WRAPS = 3;
/** Lines above and below searched for a column's local edge. */
const NEIGHBOURS = 3;

export function wordsOf(line: string): Word[] {
  const words: Word[] = [];
  const chars = [...line];
  let col = 0;
  let spaces = Infinity;
  while (col < chars.length) {
    if (/\s/.test(chars[col]!)) {
      spaces = spaces === Infinity && words.length === 0 ? Infinity : spaces + 1;
      col++;
      continue;
    }
    const start = col;
    while (col < chars.length && !/\s/.test(chars[col]!)) col++;
    words.push({ text: chars.slice(start, col).join(''), col: start, end: col, gap: words.length === 0 ? Infinity : spaces });
    spaces = 0;
  }
  return words;
}

const isHardStart = (word: Word) => word.gap >= 2;

/** Runs of words apart by two spaces or more. */
export function runsOf(words: Word[]): Word[][] {
  const runs: Word[][] = [];
  for (const word of words) {
    if (runs.length === 0 || isHardStart(word)) runs.push([]);
    runs.at(-1)!.push(word);
  }
  return runs;
}

const YEAR = /^(?:19|20)\d\d$/;

/**
 * A header line's cells: runs of words apart by two spaces or more, and in a follow-up header a run cut
 * again before a year inside it ("2013 Versterkt Verder 2014": pdftotext leaves one space before the
 * next column's year when the label before it is long).
 */
function headerRuns(words: Word[]): Word[][] {
  const runs = runsOf(words);
  // Only a line already set out in columns: words all one space apart are running text (flattened).
  if (runs.length < 2) return runs;
  const texts = (r: Word[][]) => r.map((run) => run.map((w) => w.text).join(' '));
  const cutBefore = (at: (word: Word) => boolean) =>
    runs.flatMap((run) => {
      const parts: Word[][] = [[]];
      run.forEach((word, i) => {
        if (i > 0 && at(word)) parts.push([]);
        parts.at(-1)!.push(word);
      });
      return parts;
    });
  const split = cutBefore((word) => YEAR.test(word.text));
  if (split.length > runs.length && classifyHeader(texts(split))?.kind === 'followup') return split;
  // html2text sets columns one space apart: "Criteria Indicatoren     Bevindingen". A run cut again
  // before a column label inside it, when the runs as they stand are no header and the cut ones are.
  if (classifyHeader(texts(runs)) === null) {
    const labelled = cutBefore((word) => COLUMN_LABEL.test(word.text));
    if (labelled.length > runs.length && classifyHeader(texts(labelled)) !== null) return labelled;
  }
  return runs;
}

/** Lines with text under a header of labels alone searched for a cell under each label. */
const LABEL_LINES = 5;

/** A findings header's column label as one word. */
const COLUMN_LABEL = /^(?:Criteri(?:a|um)|Indicator(?:en)?|Bevinding(?:en)?)$/i;

/** A findings header row: two or more runs that classify as one. */
export function headerCells(words: Word[]): { cols: number[]; texts: string[] } | null {
  return cellsOf(headerRuns(words));
}

function cellsOf(runs: Word[][]): { cols: number[]; texts: string[] } | null {
  if (runs.length < 2) return null;
  const texts = runs.map((run) => run.map((w) => w.text).join(' '));
  return classifyHeader(texts) ? { cols: runs.map((run) => run[0]!.col), texts } : null;
}

/**
 * html2text sets every cell one space from the next when its column is full, the header's too:
 * "Criteria Indicatoren Bevindingen". A line of column labels alone, one space apart, is a header
 * when the next lines with text start a cell, after two spaces or more, right under each label after
 * the first (within a few lines: cells centred in their rows start lower); running text that names
 * the labels, or a flattened table's rows under them (lynx), does not.
 */
function labelRuns(lines: string[], at: number): Word[][] | null {
  const words = wordsOf(lines[at]!);
  if (words.length < 2 || !words.every((w) => COLUMN_LABEL.test(w.text))) return null;
  const below = lines
    .slice(at + 1)
    .filter((line) => line.trim().length > 0)
    .slice(0, LABEL_LINES)
    .map(wordsOf);
  return words.slice(1).every((label) => below.some((line) => line.some((w) => w.col === label.col && isHardStart(w)))) ? words.map((w) => [w]) : null;
}

/** The header row at lines[at], its cells as runs of words, or null: set out in columns, or labels the line below aligns. */
function headerRunsAt(lines: string[], at: number): Word[][] | null {
  if (!/indic|criteri|bevind/i.test(lines[at]!)) return null;
  const runs = headerRuns(wordsOf(lines[at]!));
  if (cellsOf(runs)) return runs;
  const labels = labelRuns(lines, at);
  return labels && cellsOf(labels) ? labels : null;
}

/** Is lines[at] a findings header set out in columns (or html2text's labels that the line below aligns)? */
export function isHeaderAt(lines: string[], at: number): boolean {
  return headerRunsAt(lines, at) !== null;
}

/**
 * The header at lines[at] and the table lines below it, up to the next header, the page's end,
 * or the first line that does not fit the columns (running text after the table).
 */
export function cutRegion(lines: string[], at: number, phrases?: PhraseCheck, carried = false, continues?: string[]): Region | null {
  const runs = headerRunsAt(lines, at);
  const header = runs && cellsOf(runs);
  if (!runs || !header) return null;
  let last = at + 1;
  while (last < lines.length && !isHeaderAt(lines, last)) last++;
  const words = lines.slice(at + 1, last).map(wordsOf);
  const edges = centredHeaderEdges(runs, header.cols, words) ?? header.cols;
  const drift = edges.map((edge, k) => (k === 0 ? 0 : Math.min(MAX_DRIFT, Math.floor((edge - edges[k - 1]!) / 2) - 1)));

  // A follow-up table's last column may stand well right of its label (pdftotext sets "2014" after the
  // long label before it): any cell start right of that label is in it.
  const beyondLast = classifyHeader(header.texts)?.kind === 'followup';
  /** Where column k starts around line i: a hard start near its header edge on the nearest line, below first. */
  const localEdge = (k: number, i: number): number => {
    for (let d = 0; d <= NEIGHBOURS; d++) {
      for (const j of d === 0 ? [i] : [i + d, i - d]) {
        const line = words[j];
        if (!line || blankBetween(words, i, j)) continue;
        // A start nearer another column's label is that column's: "2014 2014", two labels one space
        // apart (html2text at 80 columns), leave a drift that would reach the next label's own start.
        const near = line.filter((w) => isHardStart(w) && ((Math.abs(w.col - edges[k]!) <= drift[k]! && !nearerOther(edges, k, w.col)) || (beyondLast && k === edges.length - 1 && w.col > edges[k]!)));
        if (near.length > 0) return near.reduce((a, b) => (Math.abs(b.col - edges[k]!) < Math.abs(a.col - edges[k]!) ? b : a)).col;
      }
    }
    return edges[k]!;
  };

  const out: CutLine[] = [{ cells: runs, guessed: false }];
  // A follow-up header's labels wrapped onto the next line ("2013" over "Multiprobleemgezinnen"):
  // a line right under it with nothing in the indicator column and no mark belongs to the header.
  let headerLines = 1;
  // The header's kind does not change with the labels its wrapped lines add.
  const kind = classifyHeader(header.texts);
  // Under a header carried over from the page before, only up to that table's labels: the lines under it are its rows.
  const followup = (!carried || continues !== undefined) && kind?.kind === 'followup';
  for (let next = words[0]; followup && headerLines <= MAX_HEADER_WRAPS && next && next.length > 0; next = words[headerLines - 1]) {
    if (next[0]!.col < edges[1]! - 2 || next.some((w) => MARK.test(w.text))) break;
    // A header repeated over a table that goes on from the page before is complete once its labels are
    // that table's: the lines under it are the rows' text carried over the page (they hold no mark either).
    if (continues && sameLabels(header.texts, continues)) break;
    const cut = cutLine(next, edges);
    out.push({ cells: cut.cells, guessed: cut.guessed });
    header.texts = header.texts.map((text, k) => [text, ...cut.cells[k]!.map((w) => w.text)].join(' '));
    headerLines++;
  }
  // In a criteria table, text in the criterion column alone goes on a criterion printed above; after
  // lines without one, and with no text beside the criterion column on the next line either, it is
  // text under the table (a colophon set right under the last row), not a criterion centred in its row.
  const criterionFirst = kind?.kind === 'criteria' && kind.criterionColumn === 0;
  let criterionAbove = false;
  let blankBefore = false;
  for (let i = headerLines - 1; i < words.length; i++) {
    const line = words[i]!;
    if (line.length === 0) {
      out.push({ cells: edges.map(() => []), guessed: false });
      blankBefore = true;
      continue;
    }
    const local = edges.map((edge, k) => (k === 0 ? edge : localEdge(k, i)));
    // A follow-up table's assessed cell opens with its verdict mark: where the line above holds nothing
    // in that column (or is the header, or blank), a cut at one space opens it only at a mark. Else a
    // findings cell a word or two wider than its column ("gemeenschappelijkheid in") spills its last
    // word into the empty column beside it.
    const above = out.length > headerLines ? out.at(-1)! : null;
    const markOnly = kind?.kind === 'followup' ? new Set(kind.assessedColumns.filter((k) => !above || above.cells[k]!.length === 0)) : undefined;
    const cut = cutLine(unglued(line, local), local, phrases, markOnly);
    const fits = cut.hard || (!blankBefore && (cut.guessed || line.at(-1)!.end <= local[1]! + 1));
    if (!fits || headsNextTable(words, i, cut, local, last < lines.length) || (blankBefore && titlesNextTable(words, i, local, drift, last < lines.length))) break;
    if (criterionFirst && !criterionAbove && out.length > headerLines && cut.cells.slice(1).every((c) => c.length === 0) && !rowTextFollows(words, i, edges)) break;
    // In a follow-up table, text in the indicator column alone right under lines with none there (an
    // indicator's lines come together, beside its row's first marks), with only a title and the next
    // header after it, is a heading over the next table ("Vervolg uitkomsten verbeterpunten").
    const lineAbove = out.at(-1)!;
    if (kind?.kind === 'followup' && kind.indicatorColumn === 0 && out.length > headerLines && lineAbove.cells[0]!.length === 0 && lineAbove.cells.some((c) => c.length > 0) && cut.cells.slice(1).every((c) => c.length === 0) && onlyTitleBeforeHeader(words, i, last < lines.length)) break;
    criterionAbove = cut.cells[0]!.length > 0;
    out.push({ cells: cut.cells, guessed: cut.guessed });
    blankBefore = false;
  }
  // Blank lines at the end belong to what follows.
  while (out.length > 1 && out.at(-1)!.cells.every((c) => c.length === 0)) out.pop();
  return { header, headerLines, lines: out };
}

const label = (text: string) => text.replace(/\s+/g, ' ').trim();
const sameLabels = (a: string[], b: string[]) => a.length === b.length && a.every((text, k) => label(text) === label(b[k]!));

/**
 * w3m centres a header's labels over their columns: "Criteria" stands eight characters right of where
 * the criteria start, "Bevindingen" sixty or more right of the findings. The lines under such a header
 * show the real edge: a place left of the label, right of the label before it, that many lines start a
 * cell at (after two spaces or more, or indented there) and that no word crosses. Taken only when it is
 * further left of the label than a cell drifts (a left-aligned header's edges are the labels', moved
 * line by line by localEdge) and more lines start there than near the label; the first column then starts
 * where its lines do. The lines looked at are the table's: up to the next header, or to a line from the
 * left margin without a cell beside it after a blank line (running text under the table). Null when no
 * edge moves.
 */
function centredHeaderEdges(runs: Word[][], cols: number[], words: Word[][]): number[] | null {
  const sample: Word[][] = [];
  for (let i = 0; i < words.length; i++) {
    const line = words[i]!;
    if (line.length > 0 && i > 0 && words[i - 1]!.length === 0 && line[0]!.col === 0 && !line.slice(1).some(isHardStart)) break;
    if (line.length > 0) sample.push(line);
  }
  const startsAt = new Map<number, number>();
  for (const line of sample) {
    for (const [index, word] of line.entries()) {
      if ((index === 0 && word.col > 0) || (index > 0 && isHardStart(word))) startsAt.set(word.col, (startsAt.get(word.col) ?? 0) + 1);
    }
  }
  const needed = Math.max(3, Math.ceil(0.15 * sample.length));
  const crossed = (x: number) => sample.some((line) => line.some((w) => w.col < x && w.end > x));
  const countNear = (x: number, reach: number) => [...startsAt].reduce((sum, [col, n]) => sum + (Math.abs(col - x) <= reach ? n : 0), 0);
  let moved = false;
  const edges = cols.map((col, k) => {
    if (k === 0) return col;
    const from = runs[k - 1]!.at(-1)!.end;
    const reach = Math.min(MAX_DRIFT, Math.floor((col - cols[k - 1]!) / 2) - 1);
    const candidates = [...startsAt].filter(([x, n]) => n >= needed && x > from && x < col - reach && !crossed(x));
    const best = candidates.reduce<[number, number] | null>((found, entry) => (!found || entry[1] > found[1] ? entry : found), null);
    if (!best || best[1] <= countNear(col, reach)) return col;
    moved = true;
    return best[0];
  });
  if (!moved) return null;
  edges[0] = Math.min(cols[0]!, ...sample.map((line) => line[0]!.col));
  return edges;
}

/**
 * pdftotext glues two cells' words when the left one runs up to the right one ("netwerk vanHet sociale"):
 * a word across a column edge with a capital right after a small letter at the edge is two words.
 */
function unglued(line: Word[], edges: number[]): Word[] {
  return line.flatMap((word) => {
    const chars = [...word.text];
    // A verdict symbol glued to the end of a word ("gezamenlijke✓") opens the next cell: no word holds one.
    const glued = chars.length > 1 && GLUED_MARK.test(chars.at(-1)!) && /\p{L}/u.test(chars.at(-2)!);
    if (glued) {
      const i = chars.length - 1;
      return [
        { text: chars.slice(0, i).join(''), col: word.col, end: word.col + i, gap: word.gap },
        { text: chars[i]!, col: word.col + i, end: word.end, gap: 1 },
      ];
    }
    for (const edge of edges.slice(1)) {
      const at = edge - word.col;
      for (const i of [at, at - 1, at + 1]) {
        if (i > 0 && i < chars.length && /\p{Ll}/u.test(chars[i - 1]!) && /\p{Lu}/u.test(chars[i]!)) {
          return [
            { text: chars.slice(0, i).join(''), col: word.col, end: word.col + i, gap: word.gap },
            { text: chars.slice(i).join(''), col: word.col + i, end: word.end, gap: 1 },
          ];
        }
      }
    }
    return [word];
  });
}

/**
 * A heading over the next table ("Vervolg bevindingen toezichtonderzoek") set right under this one's
 * last row: a line from the left margin without a mark that runs across the next column's edge with
 * single spaces (no cell of a row does: a criterion wraps inside its column), followed by nothing but
 * blank lines and at most one title before the next header.
 */
function headsNextTable(words: Word[][], i: number, cut: { guessed: boolean }, edges: number[], headerFollows: boolean): boolean {
  const line = words[i]!;
  if (!cut.guessed || line[0]!.col >= edges[1]! || line.some((w) => MARK.test(w.text))) return false;
  return onlyTitleBeforeHeader(words, i, headerFollows);
}

/** Does the next header follow line i with nothing but blank lines and at most one title between? */
function onlyTitleBeforeHeader(words: Word[][], i: number, headerFollows: boolean): boolean {
  if (!headerFollows) return false;
  let titles = 0;
  for (let j = i + 1; j < words.length; j++) {
    if (words[j]!.length === 0) continue;
    if (++titles > 1) return false;
  }
  return true;
}

/**
 * A title centred over the next table (w3m: "Gezin centraal" halfway across the findings column),
 * after a blank line under this one's last row: one run of words, no mark, starting at no column's
 * edge (a cell's line starts at its edge), and only blank lines between it and the next header.
 */
function titlesNextTable(words: Word[][], i: number, edges: number[], drift: number[], headerFollows: boolean): boolean {
  const line = words[i]!;
  if (!headerFollows || line.slice(1).some(isHardStart) || line.some((w) => MARK.test(w.text))) return false;
  if (edges.some((edge, k) => Math.abs(line[0]!.col - edge) <= Math.max(2, drift[k]!))) return false;
  return words.slice(i + 1).every((next) => next.length === 0);
}

/** Does the next line with text start a cell beyond the criterion column (the table's rows go on)? */
function rowTextFollows(words: Word[][], i: number, edges: number[]): boolean {
  const next = words.slice(i + 1).find((line) => line.length > 0);
  return next !== undefined && next.some((word) => isHardStart(word) && word.col >= edges[1]! - 2);
}

function blankBetween(words: Word[][], i: number, j: number): boolean {
  const [a, b] = i < j ? [i, j] : [j, i];
  for (let x = a; x <= b; x++) if (words[x]!.length === 0) return true;
  return false;
}

/**
 * Cuts one line at these column edges. A word after two spaces or more starts the cell whose edge
 * is nearest; a column with no such start may begin at a word after one space that starts right
 * at its edge (a verdict mark first).
 */
export function cutLine(line: Word[], edges: number[], phrases?: PhraseCheck, markOnly?: ReadonlySet<number>): { cells: Word[][]; hard: boolean; guessed: boolean } {
  const starts = new Map<number, number>();
  line.forEach((word, index) => {
    if (index === 0 && word.col === 0) return;
    if (!isHardStart(word)) return;
    const column = nearest(edges, word.col);
    if (column > 0 && !starts.has(column)) starts.set(column, index);
  });
  const hard = starts.size > 0;
  let guessed = false;
  for (let k = 1; k < edges.length; k++) {
    if (starts.has(k)) continue;
    const after = Math.max(0, ...[...starts.entries()].filter(([c]) => c < k).map(([, index]) => index + 1));
    const before = Math.min(line.length, ...[...starts.entries()].filter(([c]) => c > k).map(([, index]) => index));
    // Only a line that runs on past the edge has text in that column, or one whose last word starts
    // right at it after one space (html2text's columns are exact: "toereikend en").
    const lastWord = line[before - 1];
    if (lastWord === undefined || (lastWord.end <= edges[k]! + 2 && !(lastWord.col === edges[k]! && lastWord.gap === 1))) continue;
    let best: number | null = null;
    // A verdict mark is a word no indicator or criterion holds: near the edge, it is where the cell starts.
    // Otherwise the word nearest the edge, unless the framework's wordings tell: a cut that leaves the
    // left cell (a criterion or indicator) with words no wording could hold on one line is less likely
    // (pdftotext moves a cell's line up to five characters either way, so nearness alone guesses wrong).
    const texts = (from: number, to: number) => line.slice(Math.max(from, 0), to).map((w) => w.text);
    const score = (index: number) => {
      const word = line[index]!;
      if (MARK.test(word.text)) return Math.abs(word.col - edges[k]!) - 100;
      // The left cell's words on this line, as the cut leaves them (from the word that starts it, the
      // one before `after`): words no wording could hold there.
      const doubt = phrases && !phrases(texts(after > 0 ? after - 1 : 0, index)) ? PHRASE_DOUBT : 0;
      return Math.abs(word.col - edges[k]!) + doubt;
    };
    // pdftotext sets a line's cell up to five characters left of the edge when the cell left of it is
    // full; further only where the wordings show it (every cut nearer leaves impossible words on the left).
    const reach = (index: number) => (MARK.test(line[index]!.text) ? 6 : 5);
    // A column whose cell can only start with a mark (markOnly) is not opened at any other word.
    const may = (index: number) => !markOnly?.has(k) || MARK.test(line[index]!.text);
    for (let index = Math.max(after, 1); index < before; index++) {
      const word = line[index]!;
      if (word.gap !== 1 || word.col < edges[k]! - reach(index) || word.col > edges[k]! + 2 || !may(index)) continue;
      if (best === null || score(index) < score(best)) best = index;
    }
    // (A mark scores below zero; a word within reach at most 7 without doubt, PHRASE_DOUBT or more with.)
    if (phrases && (best === null || score(best) >= PHRASE_DOUBT)) {
      for (let index = before - 1; index >= Math.max(after, 1); index--) {
        const word = line[index]!;
        if (word.col >= edges[k]! - reach(index)) continue;
        if (word.col < edges[k]! - FAR_REACH) break;
        if (word.gap === 1 && score(index) < PHRASE_DOUBT && may(index)) {
          best = index;
          break;
        }
      }
    }
    if (best !== null) {
      starts.set(k, best);
      guessed = true;
    }
  }
  const cells: Word[][] = edges.map(() => []);
  const ordered = [...starts.entries()].sort((a, b) => a[1] - b[1]);
  line.forEach((word, index) => {
    let column = 0;
    // A line that starts inside a later column (its first word indented there) starts that cell.
    if (index === 0 && word.col > 0) column = nearest(edges, word.col);
    for (const [c, start] of ordered) if (index >= start) column = Math.max(column, c);
    cells[column]!.push(word);
  });
  return { cells, hard: hard || (line[0]!.col > 0 && nearest(edges, line[0]!.col) > 0), guessed };
}

/** Whether another column's edge lies nearer col than edge k does. */
function nearerOther(edges: number[], k: number, col: number): boolean {
  const distance = Math.abs(edges[k]! - col);
  return edges.some((edge, other) => other !== k && Math.abs(edge - col) < distance);
}

function nearest(edges: number[], col: number): number {
  let best = 0;
  for (let k = 1; k < edges.length; k++) if (Math.abs(edges[k]! - col) < Math.abs(edges[best]! - col)) best = k;
  return best;
}
