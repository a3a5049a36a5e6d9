/**
 * Findings tables for the synthetic corpus, in the two shapes the real exports have: markdown
 * pipe tables with HTML inside cells (padded like pandoc's, or not) and tab-separated rows.
 * A findings cell is built together with its truth, so what a cell says and what the test
 * expects back can never drift apart.
 */
import type { Verdict } from '../extractors/model.js';
import type { Rng } from './prng.js';
import { sentences } from './synthetic-text.js';

export type TableStyle = 'markdown' | 'tsv';

export interface Table {
  /** The theme as printed; rendered as a one-label row above the header, or as a line above the table. */
  title: string;
  titleAsRow: boolean;
  /** Markdown exports sometimes bold the theme label. */
  boldTitle: boolean;
  header: string[];
  rows: string[][];
}

export function renderTable(table: Table, style: TableStyle, padded: boolean): string {
  const width = table.header.length;
  const title = table.boldTitle ? `**${table.title}**` : table.title;
  const titleRow = [title, ...Array<string>(width - 1).fill('')];
  const rows = table.titleAsRow ? [titleRow, table.header, ...table.rows] : [table.header, ...table.rows];
  const lines: string[] = table.titleAsRow ? [] : [title, ''];
  if (style === 'tsv') return [...lines, ...rows.map((row) => row.join('\t'))].join('\n');

  const widths = table.header.map((_, column) => (padded ? Math.max(3, ...rows.map((row) => row[column]!.length)) : 0));
  const pad = (cell: string, column: number) => (padded ? cell.padEnd(widths[column]!) : cell);
  const line = (row: string[]) => (padded ? `| ${row.map(pad).join(' | ')} |` : `|${row.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`);
  const separator = `|${widths.map((w, column) => '-'.repeat(padded ? w + 2 : 2 + ((column + rows.length) % 2))).join('|')}|`;
  // The first row is the markdown header row: the title row when there is one (as pandoc left them).
  return [...lines, line(rows[0]!), separator, ...rows.slice(1).map(line)].join('\n');
}

export interface CellTruth {
  verdict: Verdict;
  letOp: string | null;
}

export interface CellOptions {
  /** What the cell exercised, collected per report so a test can show the corpus covers every quirk. */
  features: Set<string>;
  /** Chance of ✓ per verdict: follow-up columns lean one way or the other. */
  passBias: number;
}

type Single = Exclude<Verdict, 'gemengd'>;

function mark(rng: Rng, verdict: Single, features: Set<string>): string {
  if (verdict === 'voldoet') {
    features.add('mark-check');
    return '✓';
  }
  const form = rng.weighted([['✗', 4], ['X', 3], ['<b>X</b>', 1]] as const);
  features.add(form === '✗' ? 'mark-cross' : form === 'X' ? 'mark-X' : 'mark-bold-X');
  return form;
}

/** A LET OP remark: runs to the end of its block, so it either ends the segment or sits in a block of its own. */
function letOpMarkup(rng: Rng, note: string, features: Set<string>): string {
  features.add('let-op');
  const form = rng.weighted([['inline', 3], ['bold-block', 2], ['resumed', 1]] as const);
  if (form === 'inline') return ` LET OP: ${note}`;
  if (form === 'bold-block') return `${lineBreak(rng)}<b>LET OP: ${note}</b>`;
  features.add('let-op-evidence-resumes');
  return `${lineBreak(rng)}LET OP: ${note}${lineBreak(rng)}${sentences(rng, 1, 2)}`;
}

function segment(rng: Rng, verdict: Single, withNote: boolean, features: Set<string>): { text: string; letOp: string | null } {
  const note = withNote ? sentences(rng, 1, 2) : null;
  const text = `${mark(rng, verdict, features)} ${sentences(rng, 1, 4)}${note ? letOpMarkup(rng, note, features) : ''}`;
  return { text, letOp: note };
}

const verdictOf = (rng: Rng, passBias: number): Single => (rng.chance(passBias) ? 'voldoet' : 'verbeterpunt');

/**
 * The findings cell for `count` indicators. One indicator: one verdict segment (now and then two
 * opposite ones, which the extractor must call gemengd). Several: one <p> verdict paragraph per
 * indicator, in order, so each indicator has its own verdict.
 */
export function findingsCell(rng: Rng, count: number, options: CellOptions): { cell: string; truths: CellTruth[] } {
  const { features } = options;
  if (count === 1 && rng.chance(0.05)) {
    features.add('gemengd');
    const first = verdictOf(rng, 0.5);
    const second: Single = first === 'voldoet' ? 'verbeterpunt' : 'voldoet';
    const a = segment(rng, first, false, features);
    const b = segment(rng, second, rng.chance(0.3), features);
    const cell = rng.chance(0.5) ? `${a.text} ${b.text}` : `<p>${a.text}</p><p>${b.text}</p>`;
    return { cell, truths: [{ verdict: 'gemengd', letOp: b.letOp }] };
  }
  if (count === 1) {
    const verdict = verdictOf(rng, options.passBias);
    const s = segment(rng, verdict, rng.chance(0.12), features);
    return { cell: rng.chance(0.15) ? `<p>${s.text}</p>` : s.text, truths: [{ verdict, letOp: s.letOp }] };
  }
  features.add('multi-indicator-cell');
  if (rng.chance(0.15)) {
    // One verdict for the whole cell (as fixture 000 prints BEL-A1.4-7): every indicator shares it.
    features.add('shared-verdict-cell');
    const verdict = verdictOf(rng, options.passBias);
    const s = segment(rng, verdict, rng.chance(0.2), features);
    return { cell: `<p>${s.text}</p>`, truths: Array.from({ length: count }, () => ({ verdict, letOp: s.letOp })) };
  }
  const parts: string[] = [];
  const truths: CellTruth[] = [];
  for (let i = 0; i < count; i++) {
    const verdict = verdictOf(rng, options.passBias);
    // A note in a paragraph of its own still belongs to the verdict paragraph before it.
    const separateNote = rng.chance(0.1);
    const s = segment(rng, verdict, !separateNote && rng.chance(0.12), features);
    parts.push(`<p>${s.text}</p>`);
    let letOp = s.letOp;
    if (separateNote) {
      features.add('let-op-paragraph');
      letOp = sentences(rng, 1, 1);
      parts.push(`<p>LET OP: ${letOp}</p>`);
    }
    truths.push({ verdict, letOp });
  }
  return { cell: parts.join(rng.chance(0.5) ? ' ' : ''), truths };
}

/** Converters spell a line break several ways. */
const lineBreak = (rng: Rng) => rng.weighted([['<br>', 6], ['<br/>', 1], ['<br />', 1]] as const);

/** Several indicators in one cell: <br> between them, or (as some converters left them) just a space. */
export function indicatorCell(rng: Rng, wordings: string[], features: Set<string>): string {
  if (wordings.length === 1) {
    // Case-level notas sometimes end an indicator with a full stop.
    if (!rng.chance(0.08)) return wordings[0]!;
    features.add('indicator-full-stop');
    return `${wordings[0]}.`;
  }
  if (rng.chance(0.1)) {
    // Numbered or bulleted, as some authors typed them.
    features.add('indicators-bulleted');
    const numbered = rng.chance(0.5);
    return wordings.map((w, i) => `${numbered ? `${i + 1}.` : '-'} ${w}`).join(rng.chance(0.5) ? ' ' : lineBreak(rng));
  }
  if (rng.chance(0.25)) {
    features.add('indicators-space-joined');
    return wordings.join(' ');
  }
  features.add('indicators-br-joined');
  return wordings.join(lineBreak(rng));
}
