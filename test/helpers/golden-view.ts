/**
 * The view of an extraction that golden files pin down: every field a researcher sees, in a
 * stable, diff-friendly shape. Used by scripts/update-golden.ts and test/golden.test.ts alike.
 */
import type { ExtractedReport } from '../../extractors/model.js';

export function goldenView(report: ExtractedReport) {
  return {
    file: report.fileName,
    format: report.format,
    encoding: report.encoding,
    metadata: report.metadata,
    findings: report.findings.map((f) => ({
      lines: f.location.lineStart === null ? null : `${f.location.lineStart}-${f.location.lineEnd}`,
      theme_id: f.themeId,
      criterion_id: f.criterionId,
      criterion_raw: f.criterionRaw,
      indicator_id: f.indicatorId,
      indicator_raw: f.indicatorRaw,
      match_score: f.matchScore,
      verdict: f.verdict,
      shared_cell: f.sharedCell,
      aanpak: f.aanpak,
      assessed_year: f.assessedYear,
      column: f.columnIndex,
      let_op: f.letOp,
      evidence: f.evidence,
    })),
    warnings: report.warnings.map((w) => ({
      code: w.code,
      finding: w.findingIndex,
      lines: w.location?.lineStart == null ? null : `${w.location.lineStart}-${w.location.lineEnd}`,
      message: w.message,
    })),
  };
}
