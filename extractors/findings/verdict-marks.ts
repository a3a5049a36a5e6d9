/**
 * Reads a findings cell: verdict marks, the evidence after each, and "LET OP" remarks.
 * Marks come in many forms: ✓/✗ and their look-alikes, a bare capital X, and the stand-ins
 * legacy exports leave for Wingdings glyphs (ü = ✓ and û = ✗ once saved as Windows-1252, or the
 * private-use code points U+F0FC/U+F0FB when the font mapping survives). A "?" where a mark
 * stands is a mark that a conversion to Latin-1, Mac Roman or a DOS code page could not keep: it
 * still opens a segment (so one-to-one assignment holds), but its verdict is unknown, never guessed.
 */
import type { Verdict } from '../model.js';
import { collapseWhitespace } from '../tables/cell-markup.js';

const PASS_SYMBOLS = '✓✔√☑✅\uF0FC\uF0FE';
const FAIL_SYMBOLS = '✗✘×☒❌✕✖\uF0FB\uF0FD';
/** Letter-like marks count only as a word of their own, never glued to the next word. */
const PASS_LETTERS = ['ü'];
const FAIL_LETTERS = ['X', 'û'];

/** The symbol marks table readers open a findings cell or paragraph at (a character class's contents). */
export const OPENING_SYMBOLS = '✓✔√✗✘×\uF0FB\uF0FC';
/** A verdict mark opening a cell or a line of one: how table readers tell a findings row or paragraph. */
export const STARTS_WITH_MARK = new RegExp(`^(?:[${OPENING_SYMBOLS}]|X\\s|ü\\s|û\\s)`, 'u');

/** null: a mark stood here but was lost in an earlier conversion ("?"). */
export type SegmentVerdict = Exclude<Verdict, 'gemengd'> | null;

export interface VerdictSegment {
  verdict: SegmentVerdict;
  evidence: string;
  letOp: string | null;
}

export interface ParsedFindingsCell {
  segments: VerdictSegment[];
  /** Text before the first mark (or the whole cell when it has none). */
  unmarked: { evidence: string; letOp: string | null } | null;
}

// A mark opens a segment at the start of a block or right after the end of a sentence. Sticky:
// tried only where a mark character stands (nextMark).
const MARK = new RegExp(
  `(?:^|(?<=[.!?;:)\\]"”’'…]\\s+)|(?<=^\\s+))(?:([${PASS_SYMBOLS}])|([${FAIL_SYMBOLS}])|(${[...PASS_LETTERS].join('|')})(?=\\s)|(${FAIL_LETTERS.join('|')})(?=\\s)|(\\?)(?=\\s+[\\p{L}(]))\\s*`,
  'uy',
);

/**
 * The characters a mark can be: every match of MARK begins with one (its lookbehinds consume
 * nothing). A global scan for them finds where MARK can match natively; MARK itself, which opens
 * with lookbehinds, cannot skip ahead and was tried at every character of every findings cell.
 */
const MARK_CHAR = new RegExp(`[${PASS_SYMBOLS}${FAIL_SYMBOLS}${PASS_LETTERS.join('')}${FAIL_LETTERS.join('')}?]`, 'gu');

/**
 * The first match of MARK in block at or after `from`: what a global MARK's exec gives with
 * lastIndex `from`, since no match can start where no mark character stands.
 */
function nextMark(block: string, from: number): RegExpExecArray | null {
  MARK_CHAR.lastIndex = from;
  for (let candidate = MARK_CHAR.exec(block); candidate !== null; candidate = MARK_CHAR.exec(block)) {
    MARK.lastIndex = candidate.index;
    const match = MARK.exec(block);
    if (match !== null) return match;
  }
  return null;
}

/**
 * A mark set in emphasis by a writer whose bold or italic is one character ("*X*" in Jira, Textile and
 * org, "_X_", "''X''" in MediaWiki, "/X/" in org): the mark itself, as the "**X**" that cell markup
 * unwraps is. Only a mark alone between the two signs, as a word of its own.
 */
const EMPHASISED_MARK = new RegExp(`(^|[\\s(])(\\*|_|'{2,3}|/)([${PASS_SYMBOLS}${FAIL_SYMBOLS}]|${[...PASS_LETTERS, ...FAIL_LETTERS].join('|')})\\2(?=\\s|$)`, 'gu');

function withoutEmphasisOnMarks(block: string): string {
  if (!/[*_'/]/.test(block)) return block;
  return block.replace(EMPHASISED_MARK, '$1$3');
}

// Upper case with or without a colon; other casings only with the colon ("Let op:"), since "let op" is also plain Dutch.
const LET_OP = /\bLET OP\b\s*:?\s*|\b[Ll]et [Oo]p\s*:\s*/;

export function verdictOfMark(mark: string): Exclude<Verdict, 'gemengd'> | null {
  if (PASS_SYMBOLS.includes(mark) || PASS_LETTERS.includes(mark)) return 'voldoet';
  if (FAIL_SYMBOLS.includes(mark) || FAIL_LETTERS.includes(mark)) return 'verbeterpunt';
  return null;
}

interface Piece {
  verdict: SegmentVerdict;
  blocks: string[];
}

export function parseFindingsCell(cellText: string): ParsedFindingsCell {
  const pieces: Piece[] = [{ verdict: null, blocks: [] }];
  for (const block of cellText.split('\n').map(withoutEmphasisOnMarks)) {
    let cursor = 0;
    let openBlock = true;
    for (let match = nextMark(block, 0); match !== null; match = nextMark(block, cursor)) {
      const before = block.slice(cursor, match.index);
      appendText(pieces.at(-1)!, before, openBlock);
      openBlock = before.trim().length > 0 ? false : openBlock;
      const mark = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? '';
      pieces.push({ verdict: verdictOfMark(mark), blocks: [] });
      openBlock = true;
      cursor = match.index + match[0].length;
    }
    appendText(pieces.at(-1)!, block.slice(cursor), openBlock);
  }
  const [leading, ...marked] = pieces;
  const leadingText = splitLetOp(leading!.blocks);
  return {
    segments: marked.map((piece) => ({ verdict: piece.verdict, ...splitLetOp(piece.blocks) })),
    unmarked: leadingText.evidence.length > 0 || leadingText.letOp ? leadingText : null,
  };
}

function appendText(piece: Piece, text: string, startsBlock: boolean): void {
  const trimmed = text.trim();
  if (trimmed.length === 0) return;
  if (startsBlock || piece.blocks.length === 0) piece.blocks.push(trimmed);
  else piece.blocks[piece.blocks.length - 1] += ` ${trimmed}`;
}

/** A LET OP remark runs from "LET OP" to the end of its block; evidence may resume in later blocks. */
function splitLetOp(blocks: string[]): { evidence: string; letOp: string | null } {
  const evidence: string[] = [];
  const notes: string[] = [];
  for (const block of blocks) {
    const found = LET_OP.exec(block);
    if (!found) {
      evidence.push(block);
      continue;
    }
    // A remark set in one-sign emphasis inside the block ("… gezin. *LET OP: … professionals.*", Textile
    // and org bold in an HTML cell): the opening sign stays out of the evidence, the closing one out of the note.
    const before = block.slice(0, found.index);
    const rest = block.slice(found.index + found[0].length);
    const sign = /(?:^|\s)([*_])$/.exec(before)?.[1];
    const paired = sign !== undefined && rest.endsWith(sign);
    evidence.push(paired ? before.slice(0, -1) : before);
    notes.push(paired ? rest.slice(0, -1) : rest);
  }
  const note = collapseWhitespace(notes.join(' '));
  return { evidence: collapseWhitespace(evidence.join(' ')), letOp: note.length > 0 ? note : null };
}

/**
 * parseFindingsCell(cellText).segments.length (one segment per mark), without building the
 * segments: the accounting counts the marks of every cell and line that no finding reads.
 */
/** Whether the text holds any character that can be a verdict mark: most lines of a report hold none. */
export function hasMarkCharacter(text: string): boolean {
  MARK_CHAR.lastIndex = 0;
  return MARK_CHAR.test(text);
}

export function countVerdictMarks(cellText: string): number {
  let count = 0;
  if (!hasMarkCharacter(cellText)) return 0;
  for (const block of cellText.split('\n').map(withoutEmphasisOnMarks)) {
    for (let match = nextMark(block, 0); match !== null; match = nextMark(block, match.index + match[0].length)) count++;
  }
  return count;
}

/** One verdict for several segments; unknown when any of them lost its mark (the lost one may differ). */
export function combineVerdicts(verdicts: SegmentVerdict[]): Verdict | null {
  if (verdicts.length === 0 || verdicts.includes(null)) return null;
  return verdicts.every((v) => v === verdicts[0]) ? verdicts[0]! : 'gemengd';
}
