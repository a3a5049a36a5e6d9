/**
 * Turns one (indicator cell, findings cell) pair into findings: splits the indicators, reads
 * the verdict segments, assigns them (N indicators and N segments: one to one, in order;
 * otherwise every indicator gets the combined verdict and the shared evidence), and maps each
 * indicator, its criterion and theme onto the catalogue, warning about every doubt.
 */
import type { CatalogueLevel } from '../framework/catalogue.js';
import { AMBIGUITY_MARGIN, type CatalogueMatcher } from '../framework/match.js';
import type { ExtractedFinding, ExtractionWarning, SourceLocation, Verdict } from '../model.js';
import { combineVerdicts, parseFindingsCell, type VerdictSegment } from './verdict-marks.js';
import { splitIndicators, type IndicatorPiece } from './split-indicators.js';

const ENDS_SENTENCE = /[.!?]$/;

export class FindingsCollector {
  readonly findings: ExtractedFinding[] = [];
  readonly warnings: ExtractionWarning[] = [];
  /** Cells with more verdict paragraphs than indicators: their findings, checked against the whole report (mixed-verdicts.ts). */
  readonly shortOfIndicators: { firstFinding: number; indicators: number; paragraphs: number }[] = [];

  constructor(
    readonly matcher: CatalogueMatcher,
    readonly level: CatalogueLevel,
  ) {}

  warn(code: string, severity: ExtractionWarning['severity'], message: string, location: SourceLocation | null, findingIndex: number | null = null): void {
    this.warnings.push({ code, severity, message, location, findingIndex });
  }
}

export interface CellInput {
  indicatorCell: string;
  findingsCell: string;
  location: SourceLocation;
  /** Theme named by the table's title row, if any, as printed. */
  themeTitle: string | null;
  hasCriterionColumn: boolean;
  /** Criterion cell as printed (carried down from earlier rows). */
  criterionRaw: string | null;
  column: { index: number; label: string | null; aanpak: string | null; year: number | null };
}

interface Assignment {
  piece: IndicatorPiece;
  verdict: Verdict | null;
  evidence: string;
  letOp: string | null;
  shared: boolean;
}

/** Returns how many findings the cell gave (0: its marks were taken by none). */
export function collectCellFindings(collector: FindingsCollector, cell: CellInput): number {
  const pieces = splitIndicators(cell.indicatorCell, collector.level, collector.matcher);
  if (pieces.length === 0) return 0;
  const parsed = parseFindingsCell(cell.findingsCell);
  const segments: VerdictSegment[] = parsed.segments;
  if (parsed.unmarked && segments.length > 0 && ENDS_SENTENCE.test(parsed.unmarked.evidence)) {
    // Whole sentences before the first mark are a finding whose mark was lost (a conversion that
    // dropped ✓ kept the X after it): its verdict is unknown, and it must not take the next one's.
    segments.unshift({ verdict: null, ...parsed.unmarked });
  } else if (parsed.unmarked && segments.length > 0) {
    // A lead-in ("Toelichting:") belongs to the first segment's evidence.
    const first = segments[0]!;
    segments[0] = {
      ...first,
      evidence: [parsed.unmarked.evidence, first.evidence].filter(Boolean).join(' '),
      letOp: joinNotes([parsed.unmarked.letOp, first.letOp]),
    };
  }

  const assignments = assign(pieces, segments, parsed.unmarked);
  if (segments.length > pieces.length) collector.shortOfIndicators.push({ firstFinding: collector.findings.length, indicators: pieces.length, paragraphs: segments.length });
  for (const assignment of assignments) emitFinding(collector, cell, assignment, pieces.length);
  return assignments.length;
}

function assign(pieces: readonly IndicatorPiece[], segments: VerdictSegment[], unmarked: { evidence: string; letOp: string | null } | null): Assignment[] {
  if (segments.length === 0) {
    return pieces.map((piece) => ({
      piece,
      verdict: null,
      evidence: unmarked?.evidence ?? '',
      letOp: unmarked?.letOp ?? null,
      shared: pieces.length > 1,
    }));
  }
  if (pieces.length === segments.length) {
    return pieces.map((piece, index) => ({
      piece,
      verdict: segments[index]!.verdict,
      evidence: segments[index]!.evidence,
      letOp: segments[index]!.letOp,
      shared: false,
    }));
  }
  const verdict = combineVerdicts(segments.map((s) => s.verdict));
  const evidence = segments.map((s) => s.evidence).filter(Boolean).join(' ');
  const letOp = joinNotes(segments.map((s) => s.letOp));
  return pieces.map((piece) => ({ piece, verdict, evidence, letOp, shared: pieces.length > 1 }));
}

function joinNotes(notes: (string | null)[]): string | null {
  const present = notes.filter((n): n is string => Boolean(n));
  return present.length > 0 ? present.join(' ') : null;
}

function emitFinding(collector: FindingsCollector, cell: CellInput, assignment: Assignment, piecesInCell: number): void {
  const { matcher } = collector;
  const { piece } = assignment;
  const catalogue = matcher.catalogue;
  const findingIndex = collector.findings.length;
  const pending: [string, ExtractionWarning['severity'], string][] = [];

  let indicator = piece.match.indicator;
  let score = piece.match.score;
  if (!indicator) {
    // Reports sometimes reuse the other level's wording; accept it, but say so.
    const otherLevel = collector.level === 'beleid' ? 'casus' : 'beleid';
    const other = matcher.matchIndicator(piece.raw, otherLevel);
    if (other.indicator) {
      indicator = other.indicator;
      score = other.score;
      pending.push(['indicator_other_level', 'warning', `indicator matched the ${otherLevel}-level catalogue (${other.indicator.id}), not the report's own level`]);
    }
  }

  const titleTheme = cell.themeTitle ? matcher.matchTheme(cell.themeTitle) : null;
  const criterionMatch = cell.criterionRaw ? matcher.matchCriterion(cell.criterionRaw, indicator?.level ?? collector.level) : null;
  let themeId: string | null;
  let criterionId: string | null = null;
  if (indicator) {
    themeId = indicator.themeId;
    if (cell.hasCriterionColumn) criterionId = indicator.criterionId;
    if (piece.match.runnerUp && piece.match.indicator && piece.match.runnerUp.score >= score - AMBIGUITY_MARGIN) {
      pending.push(['ambiguous_indicator_match', 'warning', `"${piece.raw}" matches ${indicator.id} (${score}) and ${piece.match.runnerUp.indicator.id} (${piece.match.runnerUp.score}) almost equally`]);
    }
    if (cell.themeTitle && titleTheme && titleTheme.id !== indicator.themeId) {
      const actual = catalogue.themeById.get(indicator.themeId)!.name;
      pending.push(['theme_header_mismatch', 'warning', `table headed "${cell.themeTitle}" holds ${cell.criterionRaw ? `criterion "${cell.criterionRaw}"` : `indicator ${indicator.id}`}, which the framework places under theme ${actual}; theme taken from the framework`]);
    }
    if (cell.criterionRaw && (!criterionMatch || criterionMatch.criterion.id !== indicator.criterionId)) {
      const expected = catalogue.criterionById.get(indicator.criterionId)!.name;
      pending.push(['criterion_mismatch', 'warning', `criterion printed as "${cell.criterionRaw}" but indicator ${indicator.id} belongs to criterion "${expected}"; criterion taken from the framework`]);
    }
  } else {
    themeId = titleTheme?.id ?? null;
    criterionId = criterionMatch?.criterion.id ?? null;
    const near = piece.match.runnerUp && piece.match.score > 0 ? ` (closest: score ${piece.match.score})` : '';
    pending.push(['unmapped_indicator', 'warning', `indicator "${piece.raw}" matches no framework indicator above the threshold${near}; kept unmapped`]);
  }
  if (cell.themeTitle && !titleTheme) {
    pending.push(['unknown_theme_header', 'info', `table title "${cell.themeTitle}" names no framework theme`]);
  }
  if (assignment.verdict === null) pending.push(['verdict_missing', 'warning', 'no verdict mark (✓ or ✗/X) found for this indicator; verdict left empty']);
  if (assignment.shared) {
    pending.push(['shared_cell', 'info', `${piecesInCell} indicators share one findings cell that could not be split one-to-one; each gets the combined verdict and the shared evidence`]);
  }

  const criterion = criterionId ? catalogue.criterionById.get(criterionId)! : null;
  const theme = themeId ? catalogue.themeById.get(themeId)! : null;
  collector.findings.push({
    themeId,
    theme: theme?.name ?? null,
    themeRaw: cell.themeTitle,
    criterionId,
    criterion: criterion?.name ?? null,
    criterionRaw: cell.criterionRaw,
    indicatorId: indicator?.id ?? null,
    indicator: indicator?.text ?? null,
    indicatorRaw: piece.raw,
    matchScore: score,
    verdict: assignment.verdict,
    sharedCell: assignment.shared,
    evidence: assignment.evidence,
    letOp: assignment.letOp,
    aanpak: cell.column.aanpak,
    assessedYear: cell.column.year,
    columnIndex: cell.column.index,
    columnLabel: cell.column.label,
    location: cell.location,
    ordinal: findingIndex,
  });
  for (const [code, severity, message] of pending) collector.warn(code, severity, message, cell.location, findingIndex);
}
