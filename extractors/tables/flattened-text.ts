/**
 * Findings tables that a converter flattened into running text (lynx -dump): the cells one after
 * another, the header "Criteria Indicatoren Bevindingen" (perhaps
 * split over lines) still in place. Read as a sequence [criterion] indicator(s) MARK evidence
 * [LET OP …] …, with the catalogue deciding where one row's evidence ends and the next row's
 * wording starts (flattened-split.ts). The result is DocumentTables with a synthesised header,
 * so findings, matching and warnings are those of every other reader. Every such table carries a
 * `flattened_table` note; text that could not be placed is a located `unplaced_text` warning, a
 * boundary the catalogue could not confirm a `flattened_split_uncertain` one.
 *
 * Text whose cells the converter interleaved (pdftotext without -layout: a row's cells merged line
 * by line, or emitted a column at a time) is refused, never read: a boundary guessed there gives
 * one row's verdict to another row's indicator, silently. The sign is a catalogue wording cut by a
 * verdict mark (interleaveSigns in flattened-split.ts); lynx-style text, read in cell order, never
 * shows it.
 *
 * Follow-up tables (Indicator | one column per year) in running text are not rebuilt: flattened text
 * does not say which column an empty cell was, so a verdict cannot be given its year. Only text that
 * keeps one line per cell, empty cells as empty lines (LibreOffice's text export), is read, and only
 * when every row proves that structure (flattened-followup.ts). A table not read is reported with
 * `flattened_followup_unread` and its reason, and left out.
 */
import { foldText } from '../framework/normalise.js';
import { ExtractionFailure, type ExtractionWarning } from '../model.js';
import { lineLocation, type DocumentTable, type TableRow } from './document-table.js';
import { classifyHeader } from './header-row.js';
import { cellPerLineHeaderAt, readCellPerLineRows } from './flattened-followup.js';
import {
  ENDS_SENTENCE,
  explainTail,
  flattenedMatcher,
  interleaveSigns,
  joinWords,
  tokenize,
  unexplainedTail,
  wordingLimits,
  type FlatWord,
} from './flattened-split.js';

type Warning = Omit<ExtractionWarning, 'findingIndex'>;

interface FoundHeader {
  kind: 'criteria' | 'followup';
  /** 0-based line indices. */
  start: number;
  end: number;
  cells: string[];
  title: { text: string; line: number } | null;
  /** A follow-up header written one cell per line ("Indicator", then a label per line). */
  cellPerLine?: boolean;
}

const CRITERIA_HEADER = /^(?:(criteria|criterium) )?(indicatoren|indicator) (bevindingen|bevinding|oordeel|beoordeling)$/;
const FOLLOWUP_HEADER = /^(indicatoren|indicator)((?: [a-z]+)*(?: (?:19[89]\d|20[0-4]\d)(?: [a-z]+){0,3})+)$/;
/** Header cells are short: a line of more words is no header part. */
const MAX_HEADER_LINE_WORDS = 8;

/** Up to three consecutive short lines (blank lines between allowed) that read as a findings header. */
function headerAt(lines: string[], index: number): Omit<FoundHeader, 'title'> | null {
  const parts: string[] = [];
  let cursor = index;
  for (let taken = 0; taken < 6 && cursor < lines.length; taken++) {
    const folded = foldText(lines[cursor]!);
    if (folded.length === 0) {
      if (parts.length === 0) return null;
      cursor++;
      continue;
    }
    if (folded.split(' ').length > MAX_HEADER_LINE_WORDS) return null;
    parts.push(folded);
    const joined = parts.join(' ');
    if (CRITERIA_HEADER.test(joined)) {
      const m = CRITERIA_HEADER.exec(joined)!;
      return { kind: 'criteria', start: index, end: cursor, cells: [m[1] ? 'Criteria' : '', 'Indicatoren', 'Bevindingen'] };
    }
    const followup = FOLLOWUP_HEADER.exec(joined);
    // A follow-up header ends with a year column; anything after it would be a further label word.
    if (followup && /\d$/.test(joined)) {
      const labels = followup[2]!.trim().split(/ (?=(?:19[89]\d|20[0-4]\d)\b)/);
      return { kind: 'followup', start: index, end: cursor, cells: ['Indicator', ...labels] };
    }
    if (!/^(criteria|criterium|indicatoren|indicator)\b/.test(joined)) return null;
    cursor++;
  }
  return null;
}

function findHeaders(lines: string[]): FoundHeader[] {
  const matcher = flattenedMatcher();
  const headers: FoundHeader[] = [];
  for (let index = 0; index < lines.length; index++) {
    // The cell-per-line form first: read as running text, "Indicator" + "2013" would already pass
    // for a whole follow-up header and leave the other labels behind.
    const cellHeader = cellPerLineHeaderAt(lines, index);
    const header = cellHeader ? { kind: 'followup' as const, ...cellHeader, cellPerLine: true } : headerAt(lines, index);
    if (!header) continue;
    let title: FoundHeader['title'] = null;
    for (let back = index - 1; back >= 0 && back >= index - 4; back--) {
      const text = lines[back]!.trim();
      if (text.length === 0) continue;
      if (matcher.matchTheme(text)) title = { text, line: back };
      break;
    }
    headers.push({ ...header, title });
    index = header.end;
  }
  return headers;
}

interface FlatRow {
  criterion: FlatWord[];
  indicators: FlatWord[][];
  segments: { verdict: FlatWord['mark']; evidence: FlatWord[] }[];
}

const MARK_TEXT = { voldoet: '✓', verbeterpunt: '✗' } as const;
const STARTS_MARK_OR_NOTE = (word: FlatWord | undefined) => !word || word.mark !== null || /^LET$/i.test(word.text);

/**
 * Where the last evidence of a table ends: at a paragraph after a blank line, or at a short
 * heading-like line after a sentence end, that opens with neither a mark nor LET OP.
 */
function lastEvidenceEnd(words: FlatWord[], from: number): number {
  for (let index = from + 1; index < words.length; index++) {
    const word = words[index]!;
    if (!word.lineStart || STARTS_MARK_OR_NOTE(word)) continue;
    if (word.afterBlank) return index;
    const lineWords = words.slice(index).filter((w) => w.line === word.line);
    const heading = lineWords.length <= 5 && !ENDS_SENTENCE.test(lineWords.at(-1)!.text) && /^\p{Lu}/u.test(word.text);
    if (heading && ENDS_SENTENCE.test(words[index - 1]!.text)) return index;
  }
  return words.length;
}

const locationOf = (words: FlatWord[]) => lineLocation(words[0]!.line, words.at(-1)!.line);
const quote = (words: FlatWord[]) => {
  const text = joinWords(words);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/** One table's running text → rows (and warnings for what could not be placed). */
export function readFlattenedRows(words: FlatWord[], warnings: Warning[]): FlatRow[] {
  const matcher = flattenedMatcher();
  const { maxPiece } = wordingLimits(matcher);
  const marks = words.map((w, i) => (w.mark ? i : -1)).filter((i) => i >= 0);
  if (marks.length === 0) {
    if (words.length > 0) warnings.push({ code: 'unplaced_text', severity: 'warning', message: `flattened findings table holds no verdict mark; its text was not read: "${quote(words)}"`, location: locationOf(words) });
    return [];
  }
  const rows: FlatRow[] = [];
  const openRow = (wordingWords: FlatWord[]): void => {
    const tail = explainTail(wordingWords, matcher);
    const row: FlatRow = { criterion: [], indicators: [], segments: [] };
    if (!tail) {
      if (wordingWords.length > 0) {
        row.indicators.push(wordingWords);
        warnings.push({ code: 'flattened_split_uncertain', severity: 'warning', message: `no framework wording found in "${quote(wordingWords)}"; read as one indicator`, location: locationOf(wordingWords) });
      }
    } else {
      const unplaced = wordingWords.slice(0, tail.start);
      if (tail.wording.criterion) row.criterion = wordingWords.slice(tail.wording.criterion.start, tail.wording.criterion.end);
      else if (unplaced.length > 0) row.criterion = unplaced;
      if (unplaced.length > 0) {
        warnings.push({ code: 'unplaced_text', severity: 'warning', message: `text before the row's framework wording matches no criterion or indicator: "${quote(unplaced)}"${tail.wording.criterion ? '; not used' : '; read as the criterion'}`, location: locationOf(unplaced) });
      }
      for (const piece of tail.wording.indicators) row.indicators.push(wordingWords.slice(piece.start, piece.end));
    }
    rows.push(row);
  };

  openRow(words.slice(0, marks[0]));
  marks.forEach((markIndex, k) => {
    const last = k === marks.length - 1;
    let gapEnd = last ? lastEvidenceEnd(words, markIndex) : marks[k + 1]!;
    const gap = words.slice(markIndex + 1, gapEnd);
    let evidence = gap;
    let next: FlatWord[] | null = null;
    if (!last) {
      const tail = explainTail(gap, matcher);
      if (tail) {
        evidence = gap.slice(0, tail.start);
        next = gap.slice(tail.start);
        if (evidence.length > 0 && !ENDS_SENTENCE.test(evidence.at(-1)!.text)) {
          warnings.push({ code: 'flattened_split_uncertain', severity: 'info', message: `evidence ending "${quote(evidence.slice(-8))}" does not end a sentence before the next row's wording; the boundary may be off`, location: locationOf(evidence) });
        }
      } else {
        const start = unexplainedTail(gap, maxPiece);
        if (start !== null) {
          evidence = gap.slice(0, start);
          next = gap.slice(start);
          warnings.push({ code: 'flattened_split_uncertain', severity: 'warning', message: `"${quote(next)}" ends the evidence without a sentence end and matches no framework wording; read as the next row's indicator`, location: locationOf(next) });
        }
      }
    }
    const row = rows.at(-1)!;
    row.segments.push({ verdict: words[markIndex]!.mark, evidence: [words[markIndex]!, ...evidence] });
    if (next) openRow(next);
    if (last && gapEnd < words.length) {
      const rest = words.slice(gapEnd);
      warnings.push({ code: 'flattened_table_end', severity: 'info', message: `flattened findings table taken to end before "${quote(rest.slice(0, 8))}" (line ${rest[0]!.line}); the text from there is read as running text`, location: locationOf(rest) });
      gapEnd = words.length;
    }
  });
  return rows;
}

function toTableRow(row: FlatRow): TableRow {
  const all = [...row.criterion, ...row.indicators.flat(), ...row.segments.flatMap((s) => s.evidence)];
  const lines = all.map((w) => w.line);
  return {
    cells: [
      joinWords(row.criterion),
      row.indicators.map(joinWords).join('\n'),
      row.segments.map((s) => [MARK_TEXT[s.verdict!], joinWords(s.evidence.slice(1))].filter(Boolean).join(' ')).join('\n'),
    ],
    location: lineLocation(Math.min(...lines), Math.max(...lines)),
  };
}

/**
 * Flattened findings tables in a document's text. Meant as the last resort, when no structured
 * reader found a findings table: it reads any text with a findings header as flattened.
 */
export function findFlattenedTables(text: string): { tables: DocumentTable[]; warnings: Warning[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const headers = findHeaders(lines);
  const tables: DocumentTable[] = [];
  const warnings: Warning[] = [];
  // Cells interleaved by the converter: any boundary drawn could give one row's verdict to another
  // row's indicator. Looked for over all the tables at once, since a page break (a repeated header)
  // can part a wording from its remainder; one sign and no table is read (the document is refused).
  const first = headers.find((h) => h.kind === 'criteria');
  const signs = first ? interleaveSigns(tokenize(lines.slice(first.start), first.start + 1)) : [];
  if (signs.length > 0) {
    warnings.push({ code: 'flattened_interleaved', severity: 'error', message: `${INTERLEAVED}; ${signs.length} sign(s), first: ${signs[0]!.message}`, location: lineLocation(signs[0]!.line) });
    return { tables, warnings };
  }
  // Follow-up columns are resolved across all of a document's follow-up tables, and one table that
  // failed the proof says the converter's lines cannot be trusted: then none of them is read.
  let followupRefused = false;
  const followupRead: { table: DocumentTable; note: Warning }[] = [];
  headers.forEach((header, index) => {
    const following = headers[index + 1];
    const regionEnd = following ? (following.title?.line ?? following.start) : lines.length;
    const words = tokenize(lines.slice(header.end + 1, regionEnd), header.end + 2);
    const headerLocation = lineLocation(header.start + 1, header.end + 1);
    if (header.kind === 'followup') {
      const read = header.cellPerLine ? readCellPerLineRows(lines, header, regionEnd) : null;
      if (!read || 'refused' in read) {
        const reason = read ? `its lines do not prove one line per cell: ${read.refused}` : 'the table structure was lost in conversion (running text), so a verdict cannot be given its year column';
        warnings.push({ code: 'flattened_followup_unread', severity: 'warning', message: `follow-up table "${header.cells.join(' | ')}" not read: ${reason}`, location: read ? lineLocation(read.line + 1) : headerLocation });
        followupRefused = true;
        return;
      }
      const table: DocumentTable = {
        title: header.title ? { text: header.title.text, location: lineLocation(header.title.line + 1) } : null,
        header: { cells: header.cells, location: headerLocation },
        rows: read.rows,
      };
      const note: Warning = { code: 'flattened_table', severity: 'info', message: 'follow-up table rebuilt from text with one line per cell (empty cells as empty lines); every row held its indicator line and one line per column', location: headerLocation };
      tables.push(table);
      warnings.push(note);
      followupRead.push({ table, note });
      return;
    }
    const rows = readFlattenedRows(words, warnings).map(toTableRow);
    if (rows.length === 0) return;
    const previous = tables.at(-1);
    // A header repeated with no theme title above it (a page break) continues the table before it.
    if (!header.title && previous) {
      previous.rows.push(...rows);
    } else {
      tables.push({
        title: header.title ? { text: header.title.text, location: lineLocation(header.title.line + 1) } : null,
        header: { cells: header.cells, location: headerLocation },
        rows,
      });
    }
    warnings.push({ code: 'flattened_table', severity: 'info', message: 'findings table rebuilt from running text (a converter lost its structure); rows and cells were inferred from verdict marks and framework wordings', location: headerLocation });
  });
  if (followupRefused && followupRead.length > 0) {
    const dropped = new Set<unknown>(followupRead.flatMap((r) => [r.table, r.note]));
    return { tables: tables.filter((t) => !dropped.has(t)), warnings: warnings.filter((w) => !dropped.has(w)) };
  }
  return { tables, warnings };
}

/** What the text reader says tables rebuilt from running text were rebuilt from (ReadDocument.rebuiltFrom). */
export const FLATTENED_TEXT = 'flattened text';

const INTERLEAVED =
  'table cells are interleaved (each cell a paragraph of its own, a row\'s cells not side by side: text extracted from a PDF without layout, or a converter such as odt2txt): the table cannot be rebuilt reliably; import the original file itself, or convert a PDF with layout (pdftotext -layout)';

/** The last fallback of the text reader: flattened tables only when the structured readers found no findings table. */
export function withFlattenedFallback<T extends { tables: DocumentTable[]; warnings: Warning[] }>(text: string, found: T): T | { tables: DocumentTable[]; warnings: Warning[] } {
  if (found.tables.some((t) => classifyHeader(t.header.cells) !== null)) return found;
  const flattened = findFlattenedTables(text);
  // One interleaved table means the converter interleaves: its other tables may hold rows in the
  // wrong order without showing it (cells emitted a column at a time), so the document is refused.
  const interleaved = flattened.warnings.filter((w) => w.code === 'flattened_interleaved');
  if (interleaved.length > 0) {
    throw new ExtractionFailure('no_findings_tables', `${interleaved[0]!.message} (line ${interleaved[0]!.location?.lineStart})`);
  }
  if (flattened.tables.length === 0) {
    // Only follow-up tables, which cannot be rebuilt: say so rather than "no findings table".
    const followup = flattened.warnings.find((w) => w.code === 'flattened_followup_unread');
    if (followup) {
      const reason = followup.message.replace(/^.*? not read: /, '');
      throw new ExtractionFailure('no_findings_tables', `findings tables found only as flattened follow-up tables, not read: ${reason} (line ${followup.location?.lineStart})`);
    }
    return found;
  }
  return { tables: [...found.tables, ...flattened.tables], warnings: [...found.warnings, ...flattened.warnings] };
}
