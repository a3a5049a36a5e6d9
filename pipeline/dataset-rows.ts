/**
 * Row builders for assemble-dataset: one extracted report → its finding rows, report row and warning rows.
 * Everything here is a pure function of its arguments, so the same report gives the same rows on any machine.
 */
import { createHash } from 'node:crypto';
import type { ExtractedFinding, ExtractedReport, ExtractionWarning, SourceLocation } from '../extractors/model.js';
import { compareCodeUnits } from './sort-order.js';
import { prefixedId, type FindingRow, type ReportRow, type WarningRow } from './dataset-schema.js';
import type { AssemblyContext } from './program-info.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function reportIdFor(contentKey: string): string {
  return prefixedId('report', contentKey);
}

/** Empty or blank text carries no information; the contract writes it as null (JSONL) / empty (CSV). */
export function orNull(text: string | null | undefined): string | null {
  return text == null || text.trim() === '' ? null : text;
}

/** Ascending numbers with null after every number. */
function compareNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** Ascending numbers with null before every number (file-level warnings before located ones). */
function compareNullsFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

function normaliseRaw(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * finding_id hashes what the finding is (indicator, column, n-th repeat) rather than where it sits,
 * so it survives re-runs, other machines and harmless layout changes that move line numbers.
 */
export function findingIds(reportId: string, findings: ExtractedFinding[]): string[] {
  const order = findings.map((f, index) => ({ f, index }));
  order.sort((a, b) => a.f.ordinal - b.f.ordinal || a.index - b.index);
  const seen = new Map<string, number>();
  const ids: string[] = new Array(findings.length);
  for (const { f, index } of order) {
    const key = `${reportId}|${f.indicatorId ?? 'raw:' + normaliseRaw(f.indicatorRaw)}|${f.columnIndex}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    ids[index] = prefixedId('finding', sha256Hex(`${key}|${n}`));
  }
  return ids;
}

export function sourceLines(location: SourceLocation | null): string | null {
  if (!location || location.lineStart === null || location.lineEnd === null) return null;
  return `${location.lineStart}-${location.lineEnd}`;
}

function joinedCodes(warnings: ExtractionWarning[]): string | null {
  const codes = [...new Set(warnings.map((w) => w.code))].sort(compareCodeUnits);
  return codes.length > 0 ? codes.join(';') : null;
}

export interface ReportGroup {
  report: ExtractedReport;
  reportId: string;
  /** Every input path that held this report, in code-unit order. */
  paths: string[];
  /** The path of the copy whose text gave the rows (pipeline/compare/copies.ts): source_file and source lines refer to it. */
  primaryPath: string;
  links: { baselineReportId: string | null; policyReportId: string | null };
}

/** Finding rows of one report, sorted in framework order (theme, criterion, indicator, column, ordinal). */
export function buildFindingRows(
  group: ReportGroup,
  ids: string[],
  context: AssemblyContext,
  baseline: ReadonlyMap<string, { findingId: string; verdict: FindingRow['verdict'] }> | null = null,
): FindingRow[] {
  const { report, reportId } = group;
  const meta = report.metadata;
  const warningsByFinding = new Map<number, ExtractionWarning[]>();
  for (const w of report.warnings) {
    if (w.findingIndex === null) continue;
    const list = warningsByFinding.get(w.findingIndex) ?? [];
    list.push(w);
    warningsByFinding.set(w.findingIndex, list);
  }
  const { themeById, criterionById, indicatorById } = context.catalogue;
  const rows = report.findings.map((f, index) => {
    const base = f.indicatorId === null ? undefined : baseline?.get(f.indicatorId);
    const row = {
      finding_id: ids[index]!,
      report_id: reportId,
      municipality: orNull(meta.municipality),
      municipality_code: orNull(meta.municipalityCode),
      aanpak: orNull(f.aanpak) ?? orNull(meta.aanpak),
      // Not nullable in the contract; a report with findings but no level fails validation loudly.
      level: meta.level as FindingRow['level'],
      assessed_year: f.assessedYear ?? meta.assessedYear,
      theme_id: orNull(f.themeId),
      theme: orNull(f.theme),
      criterion_id: orNull(f.criterionId),
      criterion: orNull(f.criterion),
      indicator_id: orNull(f.indicatorId),
      indicator: orNull(f.indicator),
      indicator_raw: f.indicatorRaw,
      match_score: f.matchScore,
      verdict: f.verdict,
      shared_cell: f.sharedCell,
      evidence: orNull(f.evidence),
      let_op: orNull(f.letOp),
      source_file: group.primaryPath,
      source_lines: sourceLines(f.location),
      source_page: f.location.page,
      warnings: joinedCodes(warningsByFinding.get(index) ?? []),
      theme_raw: orNull(f.themeRaw),
      criterion_raw: orNull(f.criterionRaw),
      column_label: orNull(f.columnLabel),
      source_locator: orNull(f.location.locator),
      baseline_finding_id: base?.findingId ?? null,
      baseline_verdict: base?.verdict ?? null,
    } satisfies FindingRow;
    const sortKey = {
      theme: f.themeId === null ? null : (themeById.get(f.themeId)?.order ?? null),
      criterion: f.criterionId === null ? null : (criterionById.get(f.criterionId)?.order ?? null),
      indicator: f.indicatorId === null ? null : (indicatorById.get(f.indicatorId)?.order ?? null),
      raw: f.indicatorRaw,
      column: f.columnIndex,
      ordinal: f.ordinal,
      index,
    };
    return { row, sortKey };
  });
  rows.sort(
    ({ sortKey: a }, { sortKey: b }) =>
      compareNullsLast(a.theme, b.theme) ||
      compareNullsLast(a.criterion, b.criterion) ||
      compareNullsLast(a.indicator, b.indicator) ||
      compareCodeUnits(a.raw, b.raw) ||
      a.column - b.column ||
      a.ordinal - b.ordinal ||
      a.index - b.index,
  );
  return rows.map((r) => r.row);
}

export function buildReportRow(group: ReportGroup): ReportRow {
  const { report, reportId } = group;
  const meta = report.metadata;
  const count = (verdict: ExtractedFinding['verdict']) => report.findings.filter((f) => f.verdict === verdict).length;
  return {
    report_id: reportId,
    title: orNull(meta.title),
    municipality: orNull(meta.municipality),
    municipality_code: orNull(meta.municipalityCode),
    aanpak: orNull(meta.aanpak),
    level: meta.level,
    report_date: orNull(meta.reportDate),
    inspection_body: orNull(meta.inspectionBody),
    partners: orNull(meta.partners.map((p) => p.trim()).filter((p) => p !== '').join(';')),
    families_count: meta.familiesCount,
    n_findings: report.findings.length,
    n_voldoet: count('voldoet'),
    n_verbeterpunt: count('verbeterpunt'),
    n_gemengd: count('gemengd'),
    source_files: group.paths.join(';'),
    // Only what extraction found in the report itself: a second copy of the file is an input matter.
    warnings: joinedCodes(report.warnings),
    assessed_year: meta.assessedYear,
    format: report.format,
    n_unmapped: report.findings.filter((f) => f.indicatorId === null).length,
    scope: meta.scope,
    municipalities: orNull(meta.municipalities.map((m) => m.name).join(';')),
    // Codes only when every municipality has one: a list with gaps would misalign with the names.
    municipality_codes: meta.municipalities.every((m) => m.code !== null) ? orNull(meta.municipalities.map((m) => m.code).join(';')) : null,
    municipality_evidence: evidenceText(meta.municipalityEvidence),
    baseline_report_id: group.links.baselineReportId,
    policy_report_id: group.links.policyReportId,
    learning_meeting_attendees: orNull((report.narrative?.attendees ?? []).join(';')),
  };
}

function evidenceText(evidence: ExtractedReport['metadata']['municipalityEvidence']): string | null {
  if (!evidence) return null;
  const where = evidence.location?.page ? `page ${evidence.location.page}` : evidence.location?.lineStart ? `line ${evidence.location.lineStart}` : null;
  return where ? `${evidence.phrase} (${where})` : evidence.phrase;
}

/** Extraction warnings of one report; a warning without its own location borrows its finding's. */
export function buildReportWarnings(group: ReportGroup, findingIdsByIndex: string[]): WarningRow[] {
  return group.report.warnings.map((w) => {
    const finding = w.findingIndex === null ? undefined : group.report.findings[w.findingIndex];
    const location = w.location ?? finding?.location ?? null;
    return {
      code: w.code,
      severity: w.severity,
      message: w.message,
      report_id: group.reportId,
      finding_id: finding ? findingIdsByIndex[w.findingIndex!]! : null,
      source_file: group.primaryPath,
      source_lines: sourceLines(location),
      source_page: location?.page ?? null,
      source_locator: orNull(location?.locator),
    };
  });
}

function firstLine(lines: string | null): number | null {
  return lines === null ? null : Number(lines.slice(0, lines.indexOf('-')));
}

export function compareWarnings(a: WarningRow, b: WarningRow): number {
  return (
    compareCodeUnits(a.source_file, b.source_file) ||
    compareNullsFirst(firstLine(a.source_lines), firstLine(b.source_lines)) ||
    compareNullsFirst(a.source_page, b.source_page) ||
    compareCodeUnits(a.code, b.code) ||
    compareCodeUnits(a.message, b.message) ||
    // Tie-breakers so the order never depends on the input order.
    compareCodeUnits(a.source_lines ?? '', b.source_lines ?? '') ||
    compareCodeUnits(a.source_locator ?? '', b.source_locator ?? '') ||
    compareCodeUnits(a.finding_id ?? '', b.finding_id ?? '') ||
    compareCodeUnits(a.severity, b.severity)
  );
}
