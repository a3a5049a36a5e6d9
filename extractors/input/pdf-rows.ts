/**
 * Rows of a findings table whose cells are not top-aligned. Word and LibreOffice can centre a
 * cell's text vertically (or set it at the bottom): a row's cells then do not start on one
 * baseline, so pdf-tables.ts's top-aligned row cut (indicator and another column starting a cell
 * on the same line) would merge and split rows. What holds instead: every cell of a row is set
 * about the row's middle (or bottom), and rows are apart by their cells' padding.
 *
 * So each column's lines are gathered into blocks (lines at line pitch), blocks of the columns
 * that are never merged over rows (all but the criterion column) into bands where their extents
 * overlap, and each band holding indicator text is a row. A band without indicator text (a
 * paragraph of a tall findings cell that nothing beside it covers, the rest of a row cut by a
 * page break) joins the row above or below, whichever leaves both rows best aligned. A criterion
 * cell may be merged over several rows and centred on all of them: it goes to the first row of
 * the run of rows whose middle is its own.
 */
import type { HeaderKind } from '../tables/header-row.js';
import type { TableLine } from './pdf-tables.js';

export type CellAlignment = 'top' | 'centre' | 'bottom';

/** A row's text on one page part: single-column lines in reading order. */
export interface RowGroup {
  lines: TableLine[];
  /** Holds indicator text: a new row, unless it is the rest of the row a page break cut. */
  anchored: boolean;
  /** The first group on a page part after the first: may continue the row above the page break. */
  partStart: boolean;
}

interface Block {
  part: number;
  column: number;
  /** Baselines of its first and last line. */
  top: number;
  bottom: number;
  lines: TableLine[];
}

interface Band {
  top: number;
  bottom: number;
  blocks: Block[];
  anchored: boolean;
}

/** One column of a table line, as a line of its own (a row's cells no longer share lines). */
function columnLine(line: TableLine, column: number): TableLine {
  return {
    page: line.page,
    y: line.baselines?.get(column) ?? line.y,
    size: line.size,
    cells: new Map([[column, line.cells.get(column)!]]),
    indents: new Map([[column, line.indents.get(column) ?? 0]]),
    alone: new Set(line.alone.has(column) ? [column] : []),
    partStart: false,
  };
}

/**
 * The usual distance between two lines of one cell: from each column's own lines, since the
 * lines of cells set about their middle interleave (the table's consecutive lines are often half
 * a line apart, in different columns).
 */
export function columnPitch(lines: TableLine[]): number {
  const gaps: number[] = [];
  const last = new Map<number, number>();
  for (const line of lines) {
    if (line.partStart) last.clear();
    for (const column of line.cells.keys()) {
      const y = line.baselines?.get(column) ?? line.y;
      const above = last.get(column);
      const gap = above === undefined ? 0 : y - above;
      if (gap > 0.6 * line.size && gap < 2 * line.size) gaps.push(gap);
      last.set(column, y);
    }
  }
  if (gaps.length === 0) return 1.2 * (lines[0]?.size ?? 10);
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/** Each column's lines, per page part, cut into blocks where the gap is wider than a line's. */
function columnBlocks(lines: TableLine[], pitch: number): Block[][] {
  const parts: Block[][] = [];
  let open = new Map<number, Block>();
  for (const line of lines) {
    if (line.partStart || parts.length === 0) {
      parts.push([]);
      open = new Map();
    }
    const part = parts.length - 1;
    for (const column of line.cells.keys()) {
      const own = columnLine(line, column);
      const block = open.get(column);
      if (block && own.y - block.bottom <= 1.15 * pitch) {
        block.bottom = own.y;
        block.lines.push(own);
        continue;
      }
      const fresh = { part, column, top: own.y, bottom: own.y, lines: [own] };
      open.set(column, fresh);
      parts[part]!.push(fresh);
    }
  }
  return parts;
}

/**
 * Blocks whose lines' slots (a pitch high about each baseline) overlap by more than a quarter
 * pitch are one band: a row's cells overlap when aligned by their middle or bottom; rows are apart
 * by at least a line's pitch, paragraphs of one cell by a little more.
 */
function bands(blocks: Block[], indicator: number, pitch: number): Band[] {
  const out: Band[] = [];
  for (const block of [...blocks].sort((a, b) => a.top - b.top)) {
    const last = out.at(-1);
    if (last && block.top - last.bottom < 0.75 * pitch) {
      last.bottom = Math.max(last.bottom, block.bottom);
      last.blocks.push(block);
      last.anchored ||= block.column === indicator;
    } else out.push({ top: block.top, bottom: block.bottom, blocks: [block], anchored: block.column === indicator });
  }
  return out;
}

const position = (alignment: CellAlignment, top: number, bottom: number) => (alignment === 'top' ? top : alignment === 'bottom' ? bottom : (top + bottom) / 2);

/** Each column's extent in these bands. */
function columnExtents(group: Band[]): Map<number, { top: number; bottom: number }> {
  const extents = new Map<number, { top: number; bottom: number }>();
  for (const block of group.flatMap((band) => band.blocks)) {
    const extent = extents.get(block.column);
    if (extent) {
      extent.top = Math.min(extent.top, block.top);
      extent.bottom = Math.max(extent.bottom, block.bottom);
    } else extents.set(block.column, { top: block.top, bottom: block.bottom });
  }
  return extents;
}

/**
 * How the cells are set in their rows, by the bands whose indicator text and another column's
 * differ in height by a line or more (equal heights tell nothing). Top unless another alignment
 * clearly wins. A row cut by a page break is filled from the top whatever the alignment, on both
 * pages: the bands at a page break vote only where no other band does.
 */
export function cellAlignment(parts: Band[][], indicator: number, pitch: number): CellAlignment {
  const atPageBreak = new Set<Band>();
  parts.forEach((part, index) => {
    if (index > 0 && part.length > 0) atPageBreak.add(part[0]!);
    if (index < parts.length - 1 && part.length > 0) atPageBreak.add(part.at(-1)!);
  });
  const inside = alignmentVotes(parts.flat().filter((band) => !atPageBreak.has(band)), indicator, pitch);
  // Only where no row away from a page break tells, the rows at one do.
  const votes = inside.top + inside.centre + inside.bottom > 0 ? inside : alignmentVotes(parts.flat(), indicator, pitch);
  const winner = votes.centre >= votes.bottom ? 'centre' : 'bottom';
  return votes[winner] >= 1 && votes[winner] >= 2 * (votes.top + votes[winner === 'centre' ? 'bottom' : 'centre']) ? winner : 'top';
}

function alignmentVotes(bands: Band[], indicator: number, pitch: number): Record<CellAlignment, number> {
  const votes = { top: 0, centre: 0, bottom: 0 };
  for (const band of bands) {
    if (!band.anchored) continue;
    const extents = columnExtents([band]);
    const own = extents.get(indicator)!;
    for (const [column, other] of extents) {
      if (column === indicator || Math.abs(other.bottom - other.top - (own.bottom - own.top)) < 0.9 * pitch) continue;
      for (const alignment of ['top', 'centre', 'bottom'] as const) {
        if (Math.abs(position(alignment, own.top, own.bottom) - position(alignment, other.top, other.bottom)) < 0.3 * pitch) votes[alignment]++;
      }
    }
  }
  return votes;
}

/** How far a group's columns are from the alignment they would have as one row. */
function misalignment(group: Band[], alignment: CellAlignment): number {
  if (group.length === 0) return 0;
  const top = Math.min(...group.map((band) => band.top));
  const bottom = Math.max(...group.map((band) => band.bottom));
  const row = position(alignment, top, bottom);
  let sum = 0;
  for (const extent of columnExtents(group).values()) sum += Math.abs(position(alignment, extent.top, extent.bottom) - row);
  return sum;
}

/**
 * One page part's bands → rows. Each band with indicator text opens a row; the bands without
 * between two of them are split where the rows on either side are best aligned, over the whole
 * part at once (a row's alignment depends on what it takes from above and below). On a tie they
 * go up: a cell's later paragraphs stand alone more often than a row's first ones. Those at the
 * top of a part after the first may be the rest of the row the page break cut (`previous`).
 */
function groupBands(part: Band[], alignment: CellAlignment, previous: boolean): { bands: Band[]; anchored: boolean }[] {
  // Runs of bands without indicator text: before the first anchored band, between, after the last.
  const seeds: Band[] = [];
  const runs: Band[][] = [[]];
  for (const band of part) {
    if (band.anchored) {
      seeds.push(band);
      runs.push([]);
    } else runs.at(-1)!.push(band);
  }
  if (seeds.length === 0) return part.length > 0 ? [{ bands: part, anchored: false }] : [];
  const m = seeds.length;
  // best[i][k]: least cost with k bands of run i going up (to row i-1, or to the row above the
  // page break for i = 0); the last run goes up whole, and the first stays down when nothing is above.
  const choices = (i: number) => (i === m ? [runs[m]!.length] : i === 0 && !previous ? [0] : Array.from({ length: runs[i]!.length + 1 }, (_, k) => runs[i]!.length - k));
  let best = new Map<number, { cost: number; path: number[] }>(choices(0).map((k) => [k, { cost: misalignment(runs[0]!.slice(0, k), alignment), path: [k] }]));
  for (let i = 1; i <= m; i++) {
    const next = new Map<number, { cost: number; path: number[] }>();
    for (const k of choices(i)) {
      for (const [before, found] of best) {
        const cost = found.cost + misalignment([...runs[i - 1]!.slice(before), seeds[i - 1]!, ...runs[i]!.slice(0, k)], alignment);
        const current = next.get(k);
        if (!current || cost < current.cost - 0.5) next.set(k, { cost, path: [...found.path, k] });
      }
    }
    best = next;
  }
  const path = [...best.values()][0]!.path;
  const groups: { bands: Band[]; anchored: boolean }[] = [];
  if (path[0]! > 0) groups.push({ bands: runs[0]!.slice(0, path[0]), anchored: false });
  for (let i = 0; i < m; i++) groups.push({ bands: [...runs[i]!.slice(path[i]), seeds[i]!, ...runs[i + 1]!.slice(0, path[i + 1])], anchored: true });
  return groups;
}

/**
 * The row each criterion block belongs to. A criterion cell merged over rows i..j is set about the
 * middle (or bottom) of their joint extent, so its text need not touch row i. Candidate runs hold
 * the block and no row another criterion block overlaps; the run whose position is nearest the
 * block's wins, the shorter on a tie.
 */
function criterionRows(blocks: Block[], rows: { top: number; bottom: number }[], alignment: CellAlignment, pitch: number): number[] {
  const MAX_RUN = 12;
  const overlaps = (block: Block, row: { top: number; bottom: number }) => Math.min(block.bottom, row.bottom) - Math.max(block.top, row.top) > -0.25 * pitch;
  const claimedBy = rows.map((row) => blocks.filter((block) => overlaps(block, row)));
  const freeFor = (block: Block, index: number) => claimedBy[index]!.every((other) => other === block);
  return blocks.map((block) => {
    const own = position(alignment, block.top, block.bottom);
    // The rows it overlaps (a cell taller than the others of its row reaches beyond their text), or,
    // set in the gap between two rows, those two.
    const touching = rows.flatMap((row, index) => (overlaps(block, row) ? [index] : []));
    let start = touching[0] ?? rows.filter((row) => row.bottom < block.top).length - 1;
    let end = touching.at(-1) ?? rows.findIndex((row) => row.top > block.bottom);
    if (start < 0) start = Math.max(0, end);
    if (end < 0) end = start;
    while (start < end && !freeFor(block, start)) start++;
    while (end > start && !freeFor(block, end)) end--;
    let best = start;
    let distance = Infinity;
    for (let i = start; i >= 0 && start - i < MAX_RUN && (i === start || freeFor(block, i)); i--) {
      for (let j = end; j < rows.length && j - end < MAX_RUN && (j === end || freeFor(block, j)); j++) {
        const d = Math.abs(position(alignment, rows[i]!.top, rows[j]!.bottom) - own);
        if (d < distance - 0.5) [best, distance] = [i, d];
      }
    }
    return best;
  });
}

/**
 * The table's rows, each as groups of single-column lines per page part, or null when its cells
 * are top-aligned (pdf-tables.ts's row model reads those).
 */
export function alignedRowGroups(lines: TableLine[], kind: HeaderKind): { alignment: CellAlignment; pitch: number; groups: RowGroup[] } | null {
  const pitch = columnPitch(lines);
  const criterion = kind.kind === 'criteria' ? kind.criterionColumn : null;
  const indicator = kind.indicatorColumn;
  const parts = columnBlocks(lines, pitch);
  const partBands = parts.map((blocks) => bands(blocks.filter((block) => block.column !== criterion), indicator, pitch));
  const alignment = cellAlignment(partBands, indicator, pitch);
  if (alignment === 'top') return null;

  const groups: RowGroup[] = [];
  parts.forEach((blocks, part) => {
    const grouped = groupBands(partBands[part]!, alignment, groups.length > 0);
    const extents = grouped.map((group) => ({ top: Math.min(...group.bands.map((b) => b.top)), bottom: Math.max(...group.bands.map((b) => b.bottom)) }));
    const lineSets = grouped.map((group) => group.bands.flatMap((band) => band.blocks.flatMap((block) => block.lines)));
    const criterionBlocks = blocks.filter((block) => block.column === criterion);
    if (grouped.length === 0 && criterionBlocks.length > 0) {
      // A part with criterion text only: the rest of a criterion cell the page break cut.
      grouped.push({ bands: [], anchored: false });
      extents.push({ top: criterionBlocks[0]!.top, bottom: criterionBlocks.at(-1)!.bottom });
      lineSets.push([]);
    }
    criterionRows(criterionBlocks, extents, alignment, pitch).forEach((row, index) => lineSets[row]!.push(...criterionBlocks[index]!.lines));
    // Up to its first row of its own, a part after the first may go on with the row above.
    const firstAnchored = grouped.findIndex((group) => group.anchored);
    const mayContinue = groups.length > 0;
    grouped.forEach((group, index) => {
      const ordered = lineSets[index]!.sort((a, b) => a.y - b.y);
      groups.push({ lines: ordered, anchored: group.anchored, partStart: mayContinue && (firstAnchored < 0 || index <= firstAnchored) });
    });
  });
  return { alignment, pitch, groups };
}
